"""The ledger's PDFs — payroll (planilla), member statement, social funds — read back as text."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from coopdesk.domain.ledger import PeriodState
from coopdesk.domain.settings import Council
from coopdesk.reports.funds import FundsReport
from coopdesk.reports.payroll import PayrollReport
from coopdesk.reports.statement import StatementReport
from coopdesk.services.ledger.dto import (
    Correction,
    EntryRow,
    Fund,
    FundBalances,
    FundPeriodRow,
    Payroll,
    PayrollLine,
    PeriodSummary,
    Rate,
    Statement,
    StatementTotals,
)
from tests.reports.helpers import flat, pdf_text

GENERATED = datetime(2027, 1, 20, 10, 30)
FUNDS = (Fund(1, "ahorro", "Caja de ahorro", 500), Fund(2, "salud", "Fondo de salud", 225))
PERIOD = PeriodSummary(3, date(2027, 1, 4), date(2027, 1, 17), PeriodState.CLOSED, datetime(2027, 1, 18, 12))
RATE = Rate(1, date(2027, 1, 1), 1000, 7, "Fijar el anticipo igualitario en Bs. 10,00 por hora")


def line(code: str, name: str, hours: int, advances: int = 0) -> PayrollLine:
    gross = hours * 10
    contributions = ((gross * 500 + 5000) // 10000, (gross * 225 + 5000) // 10000)
    return PayrollLine(code, name, hours, gross, contributions, advances, gross - sum(contributions) - advances)


def payroll(count: int = 3, *, posted: bool = True, corrections: tuple[Correction, ...] = ()) -> Payroll:
    names = ("Ñángara Piñero Núñez", "José Ángel Briceño", "María Añez")
    lines = tuple(line(f"M{n:03d}", f"{names[n % 3]} {n}", 8000 - 50 * ((n - 1) % 7), 10050 if n == 2 else 0)
                  for n in range(1, count + 1))
    totals = PayrollLine("", "", sum(x.hours_hundredths for x in lines), sum(x.gross_cents for x in lines),
                         tuple(sum(x.contributions[i] for x in lines) for i in range(2)),
                         sum(x.advances_cents for x in lines), sum(x.net_cents for x in lines))
    period = PERIOD if posted else PeriodSummary(3, PERIOD.starts_on, PERIOD.ends_on, PeriodState.OPEN)
    return Payroll(period, RATE, FUNDS, lines, totals, posted, corrections, verification="ABCD-EF01-2345-6789"
                   if posted else None)


def render(data: Payroll, lang: str, council: Council) -> str:
    return flat(pdf_text(PayrollReport(council=council, lang=lang, payroll=data, generated_at=GENERATED).render()))


def test_the_planilla_in_spanish(council: Council) -> None:
    text = render(payroll(), "es", council)
    assert "M001" in text and "Ñángara Piñero Núñez 3" in text and "José Ángel Briceño 1" in text
    assert "Bs. 800,00" in text and "Bs. 40,00" in text and "Bs. 18,00" in text and "Bs. 100,50" in text
    assert "80,00" in text and "1,00" in text  # hours with two decimals; the wage ratio
    assert "Fijar el anticipo igualitario" in text and "ABCD-EF01-2345-6789" in text
    assert "Página 1 de 1" in text


def test_english_and_bilingual(council: Council) -> None:
    english = render(payroll(), "en", council)
    assert "Bs. 800.00" in english and "Signature of receipt" in english and "Payroll" in english
    both = render(payroll(), "es+en", council)
    assert "Código Code" in both  # the header stacks its languages and "Bs. 800,00" in both


def test_a_preview_says_so(council: Council) -> None:
    text = render(payroll(posted=False), "en", council)
    assert "Payroll preview" in text and "nothing has been posted yet" in text


def test_corrections_show_the_original_beside_its_reversal(council: Council) -> None:
    original = EntryRow(12, date(2027, 1, 18), 3, "M001", "Ñángara Piñero Núñez", "gross", 80000, reversed_by_id=40)
    reversal = EntryRow(40, date(2027, 2, 1), 4, "M001", "Ñángara Piñero Núñez", "reversal", -80000, reverses_id=12,
                        note="Horas cargadas dos veces", original_kind="gross", original_period_id=3)
    text = render(payroll(corrections=(Correction(original, reversal),)), "en", council)
    assert "Corrections" in text and "Reversal: Gross pay" not in text  # the original is labelled by its kind
    assert "No. 12, period 3" in text and "No. 40, period 4" in text and "Bs. -800.00" in text
    assert "Horas cargadas dos veces" in text


@pytest.mark.parametrize("lang", ["es", "es+en"])
def test_a_hundred_members_run_over_pages(council: Council, lang: str) -> None:
    pdf = PayrollReport(council=council, lang=lang, payroll=payroll(100), generated_at=GENERATED).render()
    text = flat(pdf_text(pdf))
    assert "M100" in text and "Página 1 de " in text
    assert text.count("Firma de recibido") + text.count("Signature of receipt") >= 4  # header on every page


def test_the_statement(council: Council) -> None:
    entries = (
        EntryRow(1, date(2027, 1, 18), 3, "M001", "María Añez", "gross", 80000),
        EntryRow(2, date(2027, 1, 18), 3, "M001", "María Añez", "contribution:ahorro", 4000),
        EntryRow(3, date(2027, 1, 18), 3, "M001", "María Añez", "net", 76000, reversed_by_id=5),
        EntryRow(5, date(2027, 2, 1), 3, "M001", "María Añez", "reversal", -76000, reverses_id=3, note="Error",
                 original_kind="net", original_period_id=3),
        EntryRow(9, date(2028, 2, 1), None, "M001", "María Añez", "surplus", 33334, surplus_id=1),
    )
    statement = Statement("M001", "María Añez", "V-12345678", 2027, entries,
                          StatementTotals(80000, (("ahorro", 4000),), 0, 0, 33334),
                          {3: (date(2027, 1, 4), date(2027, 1, 17))}, "1234-5678-9ABC-DEF0")
    text = flat(pdf_text(StatementReport(council=council, lang="es", statement=statement,
                                         generated_at=GENERATED).render()))
    assert "M001 — María Añez" in text and "V-12.345.678" in text and "Bs. 800,00" in text
    assert "Bs. 333,34" in text and "Bs. -760,00" in text and "Error" in text and "1234-5678-9ABC-DEF0" in text


def test_the_funds(council: Council) -> None:
    rows = (FundPeriodRow(3, date(2027, 1, 4), date(2027, 1, 17), (4000, 1800), (14000, 6800)),
            FundPeriodRow(4, date(2027, 1, 18), date(2027, 1, 31), (4100, 1845), (18100, 8645)))
    balances = FundBalances(2027, FUNDS, (10000, 5000), rows, (18100, 8645))
    text = flat(pdf_text(FundsReport(council=council, lang="en", balances=balances, generated_at=GENERATED).render()))
    assert "Caja de ahorro (ahorro)" in text and "Bs. 100.00" in text and "Bs. 81.00" in text
    assert "Bs. 181.00" in text and "Bs. 86.45" in text and "5 %" in text and "2.25 %" in text
    empty = FundBalances(2027, (), (), (), ())
    assert "No social fund" in flat(pdf_text(FundsReport(council=council, lang="en", balances=empty).render()))


@pytest.mark.parametrize("count", range(14, 30))
def test_the_signatures_never_stand_alone_on_a_page(council: Council, count: int) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    pdf = PayrollReport(council=council, lang="es", payroll=payroll(count), generated_at=GENERATED).render()
    pages = [flat(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    signed = [page for page in pages if "Elaborado por (tesorería)" in page]
    assert len(signed) == 1 and re.search(r"M0\d\d", signed[0]) and "Total" in signed[0]
