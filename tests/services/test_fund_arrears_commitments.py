"""A fund management pays and stops depositing is a commitment of management, with no one recording it: in the
commitments list (overdue since the arrears began), never marked done, gone once management deposits; and a line
of the home page — on both backends."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.needs import CommitmentState
from coopdesk.i18n import format_money
from coopdesk.persistence.database import Database
from coopdesk.services import home, ledger, needs
from tests.services.arrears_council import SECOND_CLOSE, council_whose_deposits_stop

TODAY = date.today()


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


def test_a_fund_in_arrears_is_an_overdue_commitment_of_management(db: Database, tmp_path: Path) -> None:
    arrears = council_whose_deposits_stop(db, tmp_path)
    recorded = needs.add_commitment(db, owed_by="Gerencia", what="Paramédico", due=TODAY - timedelta(days=5))
    listed = needs.list_commitments(db, overdue_only=True)
    assert [c.id for c in listed] == ["fund:vivienda", recorded.id]  # the soonest due first
    owed = listed[0]
    assert owed.owed_by == "La gerencia" and owed.state is CommitmentState.PENDING  # the tests speak Spanish
    assert owed.what == f"Depositar la deuda con el fondo «Fondo de vivienda»: {format_money(arrears)}"
    assert owed.due == SECOND_CLOSE and owed.days_overdue(TODAY) == (TODAY - SECOND_CLOSE).days
    assert owed.decision_id is None and owed.arrears_cents == arrears
    # the lazy table's reads: the fund's key among the recorded ids, each read back
    ids = needs.commitment_ids(db)
    assert ids == ["fund:vivienda", recorded.id]
    assert needs.commitments_by_id(db, ids) == {owed.id: owed, recorded.id: recorded}
    assert needs.commitment_ids(db, pending_only=True) == ids


def test_arrears_end_by_a_deposit_never_by_marking_them_done(db: Database, tmp_path: Path) -> None:
    arrears = council_whose_deposits_stop(db, tmp_path)
    with pytest.raises(InvalidInput, match="ledger deposit"):
        needs.mark_done(db, commitment_id="fund:vivienda", on=TODAY)
    with pytest.raises(NotFound):  # a workers-paid fund owes nothing; an unknown key is no commitment
        needs.mark_done(db, commitment_id="fund:ahorro", on=TODAY)
    ledger.record_deposit(db, fund_code="vivienda", amount_cents=arrears - 100, paid_on=TODAY)
    (left,) = needs.fund_arrears_commitments(db)
    assert left.arrears_cents == 100 and left.due == SECOND_CLOSE
    ledger.record_deposit(db, fund_code="vivienda", amount_cents=100, paid_on=TODAY)
    assert needs.list_commitments(db) == [] and home.fund_arrears(db) == ()


def test_the_home_page_shows_the_arrears_per_fund(db: Database, tmp_path: Path) -> None:
    arrears = council_whose_deposits_stop(db, tmp_path)
    assert home.fund_arrears(db) == (home.FundArrears("vivienda", "Fondo de vivienda", arrears, SECOND_CLOSE),)
    assert home.fund_arrears(db)[0].arrears_cents == ledger.fund_balance(db, fund_code="vivienda").arrears_cents


def test_the_demo_owes_three_funds(db: Database) -> None:
    from coopdesk.services.demo import create_demo

    create_demo(db, members=30, years=1, today=TODAY)
    shown = home.fund_arrears(db)
    assert {fund.code for fund in shown} == {"vivienda", "salud", "ahorro"}
    assert [fund.since for fund in shown] == sorted(fund.since for fund in shown)  # the longest behind first
    overdue = needs.list_commitments(db, overdue_only=True)
    assert {c.fund_code for c in overdue} >= {"vivienda", "salud", "ahorro"}
