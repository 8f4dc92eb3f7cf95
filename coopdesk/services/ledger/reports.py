"""The ledger's PDF reports as user actions: load what the report shows, render it, return the PDF bytes.

reportlab is imported only when a report is really made, so the other ledger commands start fast.
"""

from __future__ import annotations

from datetime import datetime

from coopdesk.persistence.database import Database
from coopdesk.reports import report_languages
from coopdesk.services.anchor import printed_mark
from coopdesk.services.council import get_council
from coopdesk.services.ledger.closing import payroll
from coopdesk.services.ledger.entries import fund_balances, statement


def payroll_report(db: Database, *, period_id: int, lang: str, generated_at: datetime | None = None) -> bytes:
    """The planilla of a pay period (a preview while the period is open), in "es", "en" or "es+en"."""
    report_languages(lang)  # a bad language is refused before any work is done
    from coopdesk.reports.payroll import PayrollReport

    data = payroll(db, period_id=period_id)
    report = PayrollReport(council=get_council(db), lang=lang, payroll=data, generated_at=generated_at)
    report.chain_mark = printed_mark(db)  # printed under the code: where the audit chain stood
    return report.render()


def statement_report(db: Database, *, member_code: str, year: int, lang: str,
                     generated_at: datetime | None = None) -> bytes:
    """A member's statement for a year."""
    report_languages(lang)
    from coopdesk.reports.statement import StatementReport

    data = statement(db, member_code=member_code, year=year)
    report = StatementReport(council=get_council(db), lang=lang, statement=data, generated_at=generated_at)
    report.chain_mark = printed_mark(db)
    return report.render()


def funds_report(db: Database, *, year: int, lang: str, generated_at: datetime | None = None) -> bytes:
    """Each social fund's contributions, period by period, and its balance over a year."""
    report_languages(lang)
    from coopdesk.reports.funds import FundsReport

    data = fund_balances(db, year=year)
    return FundsReport(council=get_council(db), lang=lang, balances=data, generated_at=generated_at).render()
