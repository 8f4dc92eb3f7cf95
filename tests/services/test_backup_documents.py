""""Verify document": the code printed on an acta, a payroll or a statement leads back to its record, and
says whether the database still holds exactly what was printed."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import InvalidInput
from coopdesk.persistence.database import Database
from coopdesk.services.documents import DocumentKind, DocumentState, find_by_verification_code, normalize_code
from coopdesk.services.ledger import list_periods, payroll, reverse_entry, statement


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coopdesk.services.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    create_demo(db, members=20, years=1)
    db.dispose()
    return path


@pytest.fixture
def council(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "council.sqlite3"
    shutil.copyfile(demo_file, path)
    db = open_database(path)
    yield db
    db.dispose()


def raw(db: Database) -> sqlite3.Connection:
    return sqlite3.connect(db.path)  # type: ignore[arg-type]


def approved_meeting(db: Database) -> tuple[int, str, str]:
    with raw(db) as connection:
        return connection.execute("SELECT id, title, record_hash FROM meetings WHERE record_hash IS NOT NULL "
                                  "ORDER BY id LIMIT 1").fetchone()


def test_codes_are_read_as_people_type_them() -> None:
    code = "ab12" * 16
    assert normalize_code(" AB12 ab12-AB12.ab12 " + "ab12" * 12) == code
    assert normalize_code(f"coopdesk:acta:3:{code}") == code
    assert normalize_code("8C64-0BB5-7EA0-9380") == "8c640bb57ea09380"
    for junk in ("", "12345", "zz" * 10, "8C64-0BB5-7EA0-938"):
        with pytest.raises(InvalidInput):
            normalize_code(junk)


def test_an_acta_code_names_its_meeting_in_every_form(council: Database) -> None:
    meeting_id, title, digest = approved_meeting(council)
    grouped = " ".join(digest[i:i + 4] for i in range(0, 64, 4)).upper()  # as the acta prints it
    for typed in (digest, grouped, grouped[:19], f"coopdesk:acta:{meeting_id}:{digest}"):
        found = find_by_verification_code(council, code=typed)
        assert found is not None and found.kind is DocumentKind.MINUTES
        assert (found.record_id, found.title, found.code) == (meeting_id, title, digest)
        assert found.state is DocumentState.INTACT and found.intact and found.day is not None


def test_a_closed_vote_has_a_code_too(council: Database) -> None:
    with raw(council) as connection:
        motion_id, text, digest = connection.execute(
            "SELECT id, text, record_hash FROM motions WHERE record_hash IS NOT NULL LIMIT 1").fetchone()
    found = find_by_verification_code(council, code=digest)
    assert found is not None and (found.kind, found.record_id, found.title) == (DocumentKind.VOTE, motion_id, text)
    assert found.intact


def test_changed_minutes_are_named_even_when_their_hash_was_rewritten(council: Database) -> None:
    meeting_id, _title, digest = approved_meeting(council)
    with raw(council) as connection:
        connection.execute("UPDATE meetings SET title = 'Otra cosa' WHERE id = ?", (meeting_id,))
    found = find_by_verification_code(council, code=digest)
    assert found is not None and found.state is DocumentState.CHANGED and found.problems
    with raw(council) as connection:  # a careful forger rewrites the stored hash as well…
        connection.execute("UPDATE meetings SET record_hash = ? WHERE id = ?", ("f" * 64, meeting_id))
    found = find_by_verification_code(council, code=digest)  # …but the audit chain still holds the code
    assert found is not None and found.record_id == meeting_id and found.state is DocumentState.CHANGED


def closed_period(db: Database) -> int:
    return next(p.id for p in list_periods(db) if p.state.value == "closed")


def test_a_payroll_code_is_current_then_superseded_by_a_correction(council: Database) -> None:
    period_id = closed_period(council)
    printed = payroll(council, period_id=period_id).verification
    assert printed is not None
    found = find_by_verification_code(council, code=printed)
    assert found is not None and (found.kind, found.record_id) == (DocumentKind.PAYROLL, period_id)
    assert found.intact and found.period is not None
    with raw(council) as connection:
        entry_id = connection.execute("SELECT id FROM ledger_entries WHERE period_id = ? AND kind = 'gross' "
                                      "ORDER BY id LIMIT 1", (period_id,)).fetchone()[0]
    reverse_entry(council, entry_id=entry_id, reason="Horas mal cargadas")
    old = find_by_verification_code(council, code=printed)
    assert old is not None and old.record_id == period_id and old.state is DocumentState.SUPERSEDED
    reprinted = payroll(council, period_id=period_id).verification
    assert reprinted != printed
    assert find_by_verification_code(council, code=reprinted).state is DocumentState.INTACT  # type: ignore[union-attr]


def test_a_statement_code_names_the_member_and_year(council: Database) -> None:
    with raw(council) as connection:
        code, name = connection.execute("SELECT code, full_name FROM members WHERE id IN "
                                        "(SELECT member_id FROM ledger_entries) ORDER BY code LIMIT 1").fetchone()
    years = sorted({p.ends_on.year for p in list_periods(council)})
    for year in (years[0], None):
        printed = statement(council, member_code=code, year=year).verification
        found = find_by_verification_code(council, code=printed)
        assert found is not None and found.kind is DocumentKind.STATEMENT and found.intact
        assert found.title == f"{code} {name}"
        if year is not None:
            assert found.year == year


def test_a_tampered_ledger_entry_spoils_its_payroll(council: Database) -> None:
    period_id = closed_period(council)
    printed = payroll(council, period_id=period_id).verification
    with raw(council) as connection:
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND tbl_name = 'ledger_entries'").fetchall():
            connection.execute(f'DROP TRIGGER "{name}"')  # what a forger would have to do first
        connection.execute("UPDATE ledger_entries SET amount_cents = amount_cents + 100000 WHERE id = "
                           "(SELECT min(id) FROM ledger_entries WHERE period_id = ? AND kind = 'net')", (period_id,))
    found = find_by_verification_code(council, code=printed)
    assert found is not None and found.state is DocumentState.CHANGED and found.problems


def test_an_unknown_code_finds_nothing(council: Database) -> None:
    assert find_by_verification_code(council, code="0000-0000-0000-0000") is None
    assert find_by_verification_code(council, code="0" * 64) is None


def test_codes_are_found_on_both_backends(any_db: Database) -> None:
    """The lookup is plain SQL over the records and the audit chain: the shared server answers it too."""
    from sqlalchemy import text

    from coopdesk.services.backup import backup_before
    from coopdesk.services.demo import create_demo

    create_demo(any_db, members=8, years=1)
    period_id = closed_period(any_db)
    printed = payroll(any_db, period_id=period_id).verification
    found = find_by_verification_code(any_db, code=printed)
    assert found is not None and found.record_id == period_id and found.intact
    with any_db.engine.connect() as connection:
        meeting_id, digest = connection.execute(text(
            "SELECT id, record_hash FROM meetings WHERE record_hash IS NOT NULL ORDER BY id")).first()
    found = find_by_verification_code(any_db, code=digest[:16].upper())
    assert found is not None and found.record_id == meeting_id and found.intact
    if not any_db.is_sqlite:
        assert backup_before(any_db, "import") is None  # a server is backed up by its administrator


def test_the_command_line_verifies_a_document_code(council: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.cli import main

    meeting_id, title, digest = approved_meeting(council)
    db = str(council.path)
    capsys.readouterr()
    assert main(["--db", db, "--lang", "en", "verify", "--document", digest[:16]]) == 0
    assert title in capsys.readouterr().out
    assert main(["--db", db, "verify", "--document", "0000-0000-0000-0000"]) == 3
    with raw(council) as connection:
        connection.execute("UPDATE meetings SET place = 'Otro sitio' WHERE id = ?", (meeting_id,))
    assert main(["--db", db, "verify", "--document", digest]) == 1


def delete_newest_events(db: Database, count: int) -> None:
    """What a forger hides: the last events, and so everything they recorded (the triggers dropped first)."""
    with raw(db) as connection:
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND tbl_name = 'audit_events'").fetchall():
            connection.execute(f'DROP TRIGGER "{name}"')
        connection.execute("DELETE FROM audit_events WHERE id > (SELECT max(id) FROM audit_events) - ?", (count,))


def printed_code_and_chain(pdf: bytes) -> tuple[str, str]:
    """The verification code and the chain line as they read on the paper."""
    import re

    from tests.reports.helpers import flat, pdf_text

    text = flat(pdf_text(pdf))
    chain = re.search(r"Chain: event [\d,]+ · [0-9A-F]{4}-[0-9A-F]{4}", text)
    code = re.search(r"Verification code ([0-9A-F]{4}(?:-[0-9A-F]{4}){3})", text)
    assert chain is not None and code is not None, text
    return code[1], chain[0]


def test_a_statements_chain_line_shows_when_the_newest_events_are_deleted(council: Database, english: None) -> None:
    from coopdesk.services.documents import chain_verdict
    from coopdesk.services.ledger.reports import statement_report

    with raw(council) as connection:
        member = connection.execute("SELECT code FROM members WHERE id IN (SELECT member_id FROM ledger_entries) "
                                    "ORDER BY code LIMIT 1").fetchone()[0]
        last = connection.execute("SELECT max(id) FROM audit_events").fetchone()[0]
    year = sorted({p.ends_on.year for p in list_periods(council)})[0]
    code, chain = printed_code_and_chain(statement_report(council, member_code=member, year=year, lang="en"))
    assert f"event {last:,} ·" in chain  # the head as it stood when it was printed
    found = find_by_verification_code(council, code=code, chain=chain)
    assert found is not None and found.intact and found.chain_holds
    assert chain_verdict(found) == (f"Chain position matches: the chain still holds event {last} as this document "
                                    "saw it.")
    assert find_by_verification_code(council, code=code).chain is None  # the code alone, as before
    wrong = chain[:-4] + ("0000" if not chain.endswith("0000") else "1111")
    rewritten = find_by_verification_code(council, code=code, chain=wrong)
    assert rewritten is not None and rewritten.state is DocumentState.CHANGED
    assert "is not the one this document saw: the chain was rewritten" in rewritten.problems[-1].translated()
    delete_newest_events(council, 3)
    found = find_by_verification_code(council, code=code, chain=chain)
    assert found is not None and found.state is DocumentState.CHANGED and chain_verdict(found) is None
    assert found.problems[-1].translated().startswith(
        f"The chain ends before the event this document saw (event {last}; the chain's last is {last - 3})")
    with pytest.raises(InvalidInput, match="chain line"):
        find_by_verification_code(council, code=code, chain="event twelve")


def test_the_command_line_checks_a_documents_chain_line(council: Database, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.cli import main

    meeting_id, _title, digest = approved_meeting(council)
    db, acta = str(council.path), tmp_path / "acta.pdf"
    assert main(["--db", db, "--lang", "en", "report", "assembly", str(meeting_id), "-o", str(acta)]) == 0
    _code, chain = printed_code_and_chain(acta.read_bytes())
    capsys.readouterr()
    assert main(["--db", db, "--lang", "en", "verify", "--document", digest[:16], "--chain", chain]) == 0
    assert "Chain position matches: the chain still holds event" in capsys.readouterr().out
    delete_newest_events(council, 1)
    assert main(["--db", db, "--lang", "en", "verify", "--document", digest[:16], "--chain", chain]) == 1
    assert "The chain ends before the event this document saw" in capsys.readouterr().err
    assert main(["--db", db, "--lang", "en", "verify", "--document", digest[:16], "--chain", "x"]) == 3
    assert main(["--db", db, "--lang", "en", "verify", "--chain", chain]) == 2
