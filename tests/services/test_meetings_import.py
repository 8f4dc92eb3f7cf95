"""`meeting import`: docs/cli.md's example as expected, every vote closed and sealed, all-or-nothing, and what
`meeting show --json` says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.domain.meetings import MeetingState, MotionResult
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AuditEventRecord, Base, MotionVoterRecord, RollCallBallotRecord
from coopdesk.services import meetings as m
from coopdesk.services.member_import import import_members
from coopdesk.services.verify import verify_database


@pytest.fixture
def db(any_db: Database, data_dir: Path) -> Database:
    import_members(any_db, path=data_dir / "members.csv")
    return any_db


def example(data_dir: Path, name: str = "meeting_example.json") -> dict[str, Any]:
    return json.loads((data_dir / name).read_text(encoding="utf-8"))


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


def test_the_contract_example(db: Database, data_dir: Path) -> None:
    expected = example(data_dir, "meeting_example.expected.json")
    meeting_id = m.import_meeting(db, data=example(data_dir))
    shown = m.meeting_json(m.meeting_detail(db, meeting_id))
    assert {key: shown[key] for key in ("entitled", "present_voters", "quorum_met")} == {
        key: expected[key] for key in ("entitled", "present_voters", "quorum_met")}
    assert [motion["result"] for motion in shown["motions"]] == expected["results"]
    assert [motion["base_count"] for motion in shown["motions"]] == expected["base_counts"]
    first = shown["motions"][0]
    assert set(first) >= {"id", "text", "method", "majority", "base", "yes", "no", "abstain", "base_count", "result"}
    assert (first["method"], first["majority"], first["base"], first["yes"]) == ("open", "simple", "yes_no", 15)
    assert shown["state"] == "closed" and shown["approved"] is False and shown["verification_code"] is None
    assert shown["attendance"]["M021"] == {"proxy": "M002"} and shown["attendance"]["M030"] == "absent"
    assert json.loads(json.dumps(shown)) == shown  # plain JSON


def test_imported_votes_are_closed_frozen_and_sealed(db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(db, data=example(data_dir))
    detail = m.meeting_detail(db, meeting_id)
    assert detail.state is MeetingState.CLOSED
    assert all(motion.closed and len(motion.record_hash or "") == 64 for motion in detail.motions)
    roll_call = detail.motions[4]
    assert len(roll_call.ballots) == 21
    proxied = next(ballot for ballot in roll_call.ballots if ballot.member.code == "M021")
    assert proxied.cast_by is not None and proxied.cast_by.code == "M002"
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(MotionVoterRecord)) == 5 * 21
        assert session.scalar(select(func.count()).select_from(RollCallBallotRecord)) == 21  # the roll call's only
        events = session.scalars(select(AuditEventRecord.entity_id).where(AuditEventRecord.action == "close_vote"))
        assert sorted(int(e) for e in events) == sorted(motion.id for motion in detail.motions)
    assert verify_database(db).sound


def test_a_bad_proxy_writes_nothing(db: Database, data_dir: Path) -> None:
    before = counts(db)
    with pytest.raises(ProblemsFound) as raised:
        m.import_meeting(db, data=example(data_dir, "meeting_bad_proxy.json"))
    assert raised.value.exit_code == 3
    assert any("M023" in line for line in raised.value.lines())
    assert counts(db) == before


def test_every_problem_is_named_at_once(db: Database, data_dir: Path) -> None:
    data = example(data_dir)
    data["kind"] = "asamblea"
    data["attendance"]["M022"] = {"proxy": "M022"}
    data["items"][0]["motions"][0]["counts"]["yes"] = 99
    data["items"][1]["motions"][0]["ballots"]["M030"] = "yes"
    data["ends_at"] = "2026-11-20T08:00"
    before = counts(db)
    with pytest.raises(ProblemsFound) as raised:
        m.import_meeting(db, data=data)
    columns = {problem.column for problem in raised.value.problems}
    assert {"kind", "attendance.M022", "items[0].motions[0].counts", "items[1].motions[0].ballots.M030",
            "ends_at"} <= columns
    assert all(line.startswith(problem.column or "") for line, problem in
               zip(raised.value.lines(), raised.value.problems, strict=True))
    assert counts(db) == before


def test_the_file_door(db: Database, data_dir: Path, tmp_path: Path) -> None:
    assert m.import_meeting_file(db, path=data_dir / "meeting_example.json") > 0
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "title": "Asamblea",\n  "kind": ordinary\n}\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        m.import_meeting_file(db, path=broken)
    assert (raised.value.params["line"], raised.value.params["column"]) == (3, 11)
    with pytest.raises(InvalidInput):
        m.import_meeting_file(db, path=tmp_path / "missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "Reunión"}'.encode("latin-1"))
    with pytest.raises(InvalidInput):
        m.import_meeting_file(db, path=latin)


def test_extensions_end_time_and_elections(db: Database, data_dir: Path) -> None:
    data = example(data_dir)
    data["ends_at"] = "2026-11-20T11:30"
    data["items"].append({"title": "Voceros", "elections": [
        {"title": "Voceros del consejo", "seats": 2, "max_choices": 2, "method": "secret", "ballots_cast": 20,
         "votes": {"M005": 15, "M006": 9, "M007": 9, "M008": 2}}]})
    detail = m.meeting_detail(db, m.import_meeting(db, data=data))
    assert detail.ends_at is not None and detail.ends_at.hour == 11
    election = detail.elections[0]
    assert [p.code for p in election.elected] == ["M005"] and [p.code for p in election.runoff] == ["M006", "M007"]
    assert election.closed and election.record_hash
    assert m.meeting_json(detail)["elections"][0]["runoff"] == ["M006", "M007"]


def test_no_quorum_at_an_imported_meeting(db: Database, data_dir: Path) -> None:
    data = example(data_dir)
    data["attendance"] = {f"M{n:03d}": "present" for n in range(1, 20)}  # 19 of 38
    data["items"] = [{"title": "Punto", "motions": [{"text": "Moción", "method": "open", "majority": "simple",
                                                      "counts": {"yes": 19, "no": 0, "abstain": 0}}]}]
    detail = m.meeting_detail(db, m.import_meeting(db, data=data))
    assert not detail.quorum_met and detail.counters.needed_more == 1
    assert detail.motions[0].result is MotionResult.NO_QUORUM


def test_the_human_view(db: Database, data_dir: Path) -> None:
    from coopdesk.i18n import set_language

    set_language("en")
    lines = m.meeting_lines(m.meeting_detail(db, m.import_meeting(db, data=example(data_dir))))
    text = "\n".join(lines)
    assert "Friday, November 20, 2026" in text
    assert "Quorum met: 21 of 38" in text
    assert "Empate" in text and "Rejected" in text
