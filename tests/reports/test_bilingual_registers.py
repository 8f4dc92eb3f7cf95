"""The wide registers in "es+en": Spanish and English on the same page — the headings in two columns, each table
once across the page with its header in both languages and every date and amount in each language's form."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from coopdesk.domain.settings import Council
from coopdesk.reports.funds import FundsReport
from coopdesk.reports.members import MembersReport
from coopdesk.reports.needs import NeedsReport
from coopdesk.reports.payroll import PayrollReport
from coopdesk.reports.statement import StatementReport
from coopdesk.services.ledger.dto import EntryRow, FundBalances, FundPeriodRow, Statement, StatementTotals
from tests.reports.helpers import flat, make_members
from tests.reports.test_funds_owed_report import HEALTH, HOUSING
from tests.reports.test_needs_reports import year
from tests.reports.test_payroll_report import FUNDS, GENERATED, payroll

SPANISH_AMOUNT = re.compile(r"Bs\. \d{1,3}(\.\d{3})+,\d\d")  # Bs. 15.345,67
ENGLISH_AMOUNT = re.compile(r"Bs\. \d{1,3}(,\d{3})+\.\d\d")  # Bs. 15,345.67
# Labels whose own wording has a slash (not two languages joined).
OWN_SLASHES = ("(tarifa más alta / más baja)", "(highest / lowest rate)")


def statement() -> Statement:
    entries = (EntryRow(1, date(2027, 1, 18), 3, "M001", "María Añez", "gross", 1_234_550),
               EntryRow(2, date(2027, 1, 18), 3, "M001", "María Añez", "contribution:ahorro", 61_728),
               EntryRow(3, date(2027, 1, 18), 3, "M001", "María Añez", "net", 1_172_822))
    return Statement("M001", "María Añez", "V-12345678", 2027, entries,
                     StatementTotals(1_234_550, (("ahorro", 61_728),), 0, 1_172_822, 0),
                     {3: (date(2027, 1, 4), date(2027, 1, 17))}, None)


def funds() -> FundBalances:
    rows = (FundPeriodRow(3, date(2027, 1, 4), date(2027, 1, 17), (400_000, 180_000), (1_400_000, 680_000)),)
    return FundBalances(2027, FUNDS, (1_000_000, 500_000), rows, (1_400_000, 680_000), (HOUSING, HEALTH))


REPORTS = {  # report, a Spanish and an English column header, whether amounts of money show
    "members": (lambda council: MembersReport(council=council, lang="es+en", members=make_members(60),
                                              generated_at=GENERATED), "Nombre completo", "Full name", False),
    "payroll": (lambda council: PayrollReport(council=council, lang="es+en", payroll=payroll(30),
                                              generated_at=GENERATED), "Firma de recibido", "Signature of receipt",
                True),
    "statement": (lambda council: StatementReport(council=council, lang="es+en", statement=statement(),
                                                  generated_at=GENERATED), "Período de pago", "Pay period", True),
    "funds": (lambda council: FundsReport(council=council, lang="es+en", balances=funds(), generated_at=GENERATED),
              "Adeudado por la gerencia", "Owed by management", True),
    "needs": (lambda council: NeedsReport(data=year(council), lang="es+en", generated_at=GENERATED),
              "Días de atraso", "Days overdue", False),
}


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_both_languages_share_each_page(council: Council, kind: str) -> None:
    make, spanish, english, money = REPORTS[kind]
    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(make(council).render())).pages]
    assert any(spanish in page and english in page for page in pages)
    if money:
        assert any(SPANISH_AMOUNT.search(page) and ENGLISH_AMOUNT.search(page) for page in pages)
    text = " ".join(pages)
    for own in OWN_SLASHES:
        text = text.replace(own, "")
    assert " / " not in text  # no "Código / Code": each language in its own line or column
    assert "Página 1 de " in pages[0] and "Page 1 of " in pages[0]
