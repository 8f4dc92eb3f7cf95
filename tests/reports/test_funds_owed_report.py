"""The funds PDF and the statement show what management owes the funds, what it deposited, and the arrears."""

from __future__ import annotations

from datetime import date, datetime

from coopdesk.domain.ledger import FundPayer
from coopdesk.domain.settings import Council
from coopdesk.reports.funds import FundsReport
from coopdesk.reports.statement import StatementReport
from coopdesk.services.ledger.dto import EntryRow, FundBalance, FundBalances, Statement, StatementTotals
from tests.reports.helpers import flat, pdf_text

GENERATED = datetime(2027, 1, 20, 10, 30)
HOUSING = FundBalance("vivienda", "Fondo de vivienda", FundPayer.MANAGEMENT, owed_cents=1_534_567,
                      deposited_cents=300_000, paid_out_cents=50_000, arrears_since=date(2026, 3, 18))
HEALTH = FundBalance("salud", "Fondo de salud", FundPayer.MANAGEMENT, owed_cents=20_000, deposited_cents=20_000)


def render(lang: str, council: Council) -> str:
    balances = FundBalances(2026, (), (), (), (), (HOUSING, HEALTH))
    return flat(pdf_text(FundsReport(council=council, lang=lang, balances=balances, generated_at=GENERATED).render()))


def test_the_funds_pdf_shows_owed_deposited_and_arrears(council: Council) -> None:
    text = render("es", council)
    assert "Fondos que paga la gerencia" in text and "Fondo de vivienda (vivienda)" in text
    assert "Bs. 15.345,67" in text and "Bs. 3.000,00" in text and "Bs. 12.345,67" in text
    assert "La gerencia adeuda Bs. 12.345,67 al fondo «Fondo de vivienda» desde marzo de 2026." in text
    assert "Fondo de salud" in text and "«Fondo de salud»" not in text  # paid up: no arrears to tell
    english = render("en", council)
    assert "Management owes Bs. 12,345.67 to the fund “Fondo de vivienda” since March 2026." in english
    both = render("es+en", council)
    assert "desde marzo de 2026" in both and "since March 2026" in both


def test_the_statement_shows_what_management_owes_the_member_funds(council: Council) -> None:
    entries = (EntryRow(1, date(2027, 1, 18), 3, "M001", "María Añez", "gross", 80000),
               EntryRow(2, date(2027, 1, 18), 3, "M001", "María Añez", "owed:vivienda", 2400),
               EntryRow(3, date(2027, 1, 18), 3, "M001", "María Añez", "net", 80000),
               EntryRow(4, date(2027, 2, 2), None, "M001", "María Añez", "payout:ahorro", 150000, motion_id=7))
    statement = Statement("M001", "María Añez", None, 2027, entries,
                          StatementTotals(80000, (), 0, 80000, 0, (("vivienda", 2400),), 150000),
                          {3: (date(2027, 1, 4), date(2027, 1, 17))}, "1234-5678-9ABC-DEF0")
    text = flat(pdf_text(StatementReport(council=council, lang="es", statement=statement,
                                         generated_at=GENERATED).render()))
    assert "Adeudado por la gerencia a los fondos del asociado (no descontado)" in text
    assert "Adeudado por la gerencia a vivienda Bs. 24,00" in text
    assert "Pagos con cargo a los fondos" in text and "Pago con cargo a ahorro" in text
    assert "Bs. 2.300,00" in text  # received: net pay and the payout


def test_the_planilla_says_what_management_owes_and_deducts_nothing(council: Council) -> None:
    from coopdesk.domain.ledger import PeriodState
    from coopdesk.reports.payroll import PayrollReport
    from coopdesk.services.ledger.dto import Fund, Payroll, PayrollLine, PeriodSummary, Rate

    housing = Fund(2, "vivienda", "Fondo de vivienda", 300, paid_by=FundPayer.MANAGEMENT)
    line = PayrollLine("M001", "María Añez", 8000, 80000, (), 0, 80000, (2400,))
    payroll = Payroll(PeriodSummary(3, date(2027, 1, 4), date(2027, 1, 17), PeriodState.CLOSED,
                                    datetime(2027, 1, 18, 12)),
                      Rate(1, date(2027, 1, 1), 1000, 7, "Fijar el anticipo"), (), (line,),
                      PayrollLine("", "", 8000, 80000, (), 0, 80000, (2400,)), True, owed_funds=(housing,))
    text = flat(pdf_text(PayrollReport(council=council, lang="es", payroll=payroll, generated_at=GENERATED).render()))
    assert "Adeudado por la gerencia, no descontado" in text
    assert "Fondo de vivienda (vivienda), 3 %: Bs. 24,00" in text
