"""The Ledger section of the window: pay periods (hours, advances, payroll, closing), the entries with their
reversals, member statements, fund balances, the surplus wizard, and the rates and funds.

`page.LedgerPage` is what the main window shows; it imports the ledger services only when first shown, so the
window starts without them.
"""
