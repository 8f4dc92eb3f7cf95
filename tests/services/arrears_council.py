"""A small SPU whose management stops depositing: a housing fund it owes, two fortnights closed, the first one
deposited and the second not (so the arrears begin at the second close)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from coopdesk.domain.ledger import FundPayer
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.settings import UnitKind
from coopdesk.persistence.database import Database
from coopdesk.services import ledger
from coopdesk.services.council import set_unit_kind
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.members import create_member

FIRST_CLOSE = date.today() - timedelta(days=100)
SECOND_CLOSE = FIRST_CLOSE + timedelta(days=14)


def council_whose_deposits_stop(db: Database, tmp_path: Path) -> int:
    """Returns the arrears in cents (what the second fortnight owed the housing fund)."""
    set_unit_kind(db, kind=UnitKind.SPU)
    for code in ("M001", "M002"):
        create_member(db, draft=MemberDraft(code, f"Trabajador {code}", Body.WORKER, date(2020, 1, 1), True))
    motion = demo_motion(db, text="Fijar el anticipo y crear los fondos", day=FIRST_CLOSE - timedelta(days=60))
    ledger.set_rate(db, rate_cents=1000, effective_from=FIRST_CLOSE - timedelta(days=30), motion_id=motion)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500, paid_by=FundPayer.WORKERS)
    ledger.save_fund(db, code="vivienda", name="Fondo de vivienda", percent_hundredths=1000,
                     paid_by=FundPayer.MANAGEMENT, motion_id=motion)
    hours = tmp_path / "horas.csv"
    hours.write_text("codigo;horas\nM001;80\nM002;40\n", encoding="utf-8")
    for close in (FIRST_CLOSE, SECOND_CLOSE):
        period = ledger.create_period(db, starts_on=close - timedelta(days=14), ends_on=close - timedelta(days=1)).id
        ledger.import_hours(db, period_id=period, path=hours)
        ledger.close_period(db, period_id=period, posted_on=close)
    ledger.record_deposit(db, fund_code="vivienda", amount_cents=12000, paid_on=FIRST_CLOSE + timedelta(days=3))
    return 12000  # 10 % of (800 + 400) a fortnight
