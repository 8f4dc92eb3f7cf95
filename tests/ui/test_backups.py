"""The window's backups, verification and lock: menus, status bar, dialogs, read-only second window."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from coopdesk.bootstrap import open_database
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.persistence.lock import ReadOnly, is_read_only, lock_path, read_owner
from coopdesk.services.backup import backup_name, backups_dir, list_backups, manifest_path
from coopdesk.services.backup_schedule import backup_now
from coopdesk.services.documents import DocumentState
from coopdesk.services.members import count_members, create_member
from coopdesk.ui.backups import controller as controller_module
from coopdesk.ui.backups import lock_prompt
from coopdesk.ui.backups.backups_dialog import BackupsDialog
from coopdesk.ui.backups.document_dialog import VerifyDocumentDialog
from coopdesk.ui.backups.status import age_text
from coopdesk.ui.backups.verify_dialog import VerifyDialog
from coopdesk.ui.colors import status_fill
from coopdesk.ui.main_window import MainWindow
from tests.ui.conftest import GUI, add_members, message_boxes

pytestmark = GUI


def add_member(db: Database, code: str) -> None:
    create_member(db, draft=MemberDraft(code, f"Socia {code}", Body.WORKER, date(2020, 1, 1), True))


@pytest.fixture
def window(qtbot, wait_ops, db_path: Path):  # type: ignore[no-untyped-def]
    """The main window with the database opened the way a person opens it (lock first)."""
    window = MainWindow()
    qtbot.addWidget(window)
    open_database(db_path).dispose()
    window.open_path(db_path)
    wait_ops()
    assert window.db is not None
    yield window
    window.backups.shutdown()


def child(window: MainWindow, kind: type):  # type: ignore[no-untyped-def]
    found = [w for w in window.findChildren(kind) if w.isVisible()]
    assert found, f"no {kind.__name__} open"
    return found[-1]


def test_age_is_said_in_the_largest_unit_that_fits(english) -> None:  # type: ignore[no-untyped-def]
    assert age_text(timedelta(seconds=20)) == "just now"
    assert age_text(timedelta(minutes=1)) == "1 minute ago"
    assert age_text(timedelta(hours=3, minutes=5)) == "3 hours ago"
    assert age_text(timedelta(days=9)) == "9 days ago"


def test_the_status_bar_tells_the_backup_age_and_warns_after_a_week(window: MainWindow, db_path: Path,
                                                                      wait_ops) -> None:  # type: ignore[no-untyped-def]
    status = window.backups.status
    assert status.isVisibleTo(window) and status.latest is None and status.overdue
    old = backup_now(window.db).path  # type: ignore[arg-type]
    aged = backups_dir(db_path) / backup_name(db_path.stem, datetime.now() - timedelta(days=9))
    old.rename(aged)
    manifest_path(old).rename(manifest_path(aged))
    status.refresh()
    assert status.latest.path == aged and status.overdue  # type: ignore[union-attr]
    assert status_fill("amber").name() in status.styleSheet()  # the warning's tint
    assert "9" in status.text()
    window.backups.actions["backup"].trigger()  # File → Back up now
    wait_ops()
    assert not status.overdue and status.styleSheet() == "" and status.latest.path != aged  # type: ignore[union-attr]
    assert "backups" in window.statusBar().currentMessage()


def test_restore_previews_the_backup_then_reloads_the_window(window: MainWindow, db_path: Path, wait_ops,
                                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add_members(window.db, 5)
    backup_now(window.db)  # type: ignore[arg-type]
    for n in range(6, 9):
        add_member(window.db, f"X{n}")  # type: ignore[arg-type]
    window.backups.actions["restore"].trigger()
    wait_ops()
    dialog = child(window, BackupsDialog)
    assert dialog.model.rowCount() == 1
    then, now = dialog.count_cells["members"][1:]
    assert (then.text(), now.text()) == ("5", "8")
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    dialog.act.click()
    wait_ops()
    assert count_members(window.db) == 5 and window.members_page.model.rowCount() == 5  # type: ignore[arg-type]
    kept = [info for info in list_backups(db_path) if info.reason == "restore"]
    assert len(kept) == 1 and kept[0].manifest.row_counts["members"] == 8  # type: ignore[union-attr]


def test_a_backup_is_copied_to_a_folder_and_checked(window: MainWindow, tmp_path: Path, wait_ops,
                                                    monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    add_members(window.db, 3)
    source = backup_now(window.db).path  # type: ignore[arg-type]
    usb = tmp_path / "USB"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(usb))
    window.backups.actions["copy"].trigger()
    dialog = child(window, BackupsDialog)
    assert dialog.count_cells["members"][2].text() == ""  # no "now" column when copying
    dialog.act.click()
    wait_ops()
    assert (usb / source.name).read_bytes() == source.read_bytes() and manifest_path(usb / source.name).is_file()
    assert any(str(usb) in box.text() for box in message_boxes())


def test_verify_database_names_the_first_problem(window: MainWindow, db_path: Path, wait_ops) -> None:  # type: ignore[no-untyped-def]
    add_members(window.db, 2)
    window.backups.actions["verify"].trigger()
    wait_ops()
    dialog = child(window, VerifyDialog)
    assert dialog.report.sound and not dialog.first.isVisible()
    dialog.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP TRIGGER audit_events_no_update")
        raw.execute("UPDATE audit_events SET after_json = '{}' WHERE id = 1")
    window.backups.actions["verify"].trigger()
    wait_ops()
    dialog = child(window, VerifyDialog)
    assert not dialog.report.sound and "1" in dialog.first.text() and dialog.restore_button.isVisible()


def test_verify_document_finds_the_acta_of_a_code(qtbot, wait_ops, db: Database) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.services.demo import create_demo

    create_demo(db, members=12, years=1)
    with sqlite3.connect(db.path) as raw:  # type: ignore[arg-type]
        title, digest = raw.execute("SELECT title, record_hash FROM meetings WHERE record_hash IS NOT NULL "
                                    "LIMIT 1").fetchone()
    dialog = VerifyDocumentDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText("not a code")
    dialog.check.click()
    wait_ops()
    assert dialog.error.isVisible() and not dialog.result.isVisible()
    dialog.code.setText(" ".join(digest[i:i + 4] for i in range(0, 64, 4)).upper())
    dialog.code.textEdited.emit(dialog.code.text())
    dialog.check.click()
    wait_ops()
    assert not dialog.error.isVisible() and dialog.result.isVisible()
    assert dialog.found is not None and dialog.found.intact and title in dialog.what.text()
    assert not dialog.chain_result.isVisible()  # no chain line typed: the code alone, as on older documents
    with sqlite3.connect(db.path) as raw:  # type: ignore[arg-type]
        last, head = raw.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    dialog.chain.setText(f"Cadena: evento {last} · {head[:4].upper()}-{head[4:8].upper()}")
    dialog.check.click()
    wait_ops()
    assert dialog.found.chain_holds and dialog.chain_result.isVisible()
    assert dialog.chain_result.text().startswith("La posición en la cadena coincide")
    dialog.chain.setText(f"{last + 40} {head[:8]}")  # a later event than the chain holds: its end was cut off
    dialog.check.click()
    wait_ops()
    assert dialog.found.state is DocumentState.CHANGED and not dialog.chain_result.isVisible()
    assert "La cadena termina antes del evento que vio este documento" in dialog.problems.text()
    dialog.chain.clear()
    dialog.code.setText("0000-0000-0000-0000")
    dialog.check.click()
    wait_ops()
    assert dialog.found is None and dialog.result.isVisible()


# ---- one writer


@pytest.fixture
def other_window_lock(db_path: Path):  # type: ignore[no-untyped-def]
    """Another coopdesk window (a live process of this computer) holds the database's lock."""
    open_database(db_path).dispose()
    script = ("import sys, time; from pathlib import Path; from coopdesk.persistence.lock import DatabaseLock; "
              "DatabaseLock.acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().strip() == b"held"  # the OS lock is theirs
    lock_path(db_path).write_text(json.dumps({  # the same file, its record rewritten: a token to recognise
        "pid": process.pid, "host": socket.gethostname(), "token": "theirs",
        "started_at": datetime.now().astimezone().isoformat()}), encoding="utf-8")
    yield
    process.kill()
    process.wait()


def test_the_window_holds_the_lock_and_gives_it_back(qtbot, wait_ops, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(db_path)
    wait_ops()
    assert read_owner(db_path).pid == os.getpid()  # type: ignore[union-attr]
    window.close()
    wait_ops()
    assert not lock_path(db_path).exists()


def test_a_second_window_is_offered_read_only(qtbot, wait_ops, db_path: Path, other_window_lock,  # type: ignore[no-untyped-def]
                                              monkeypatch) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(lock_prompt, "ask_read_only", lambda parent, held: False)
    window.open_path(db_path)  # declined: nothing opens
    wait_ops()
    assert window.db is None
    monkeypatch.setattr(lock_prompt, "ask_read_only", lambda parent, held: True)
    window.open_path(db_path)
    wait_ops()
    window.show()
    assert window.db is not None and is_read_only(window.db)
    assert window.backups.banner.isVisible()
    assert not window.members_page.add_button.isVisible() and not window.members_page.import_button.isVisible()
    assert not window.actions_by_key["add"].isEnabled() and not window.backups.actions["restore"].isEnabled()
    assert window.backups.actions["verify"].isEnabled()
    with pytest.raises(ReadOnly):
        add_member(window.db, "M001")
    assert read_owner(db_path).token == "theirs"  # type: ignore[union-attr]  # their lock is left alone
    window.backups.shutdown()
    assert lock_path(db_path).exists()


def test_a_changed_database_is_backed_up_when_the_window_closes(window: MainWindow, db_path: Path, qtbot,
                                                                wait_ops) -> None:  # type: ignore[no-untyped-def]
    window.show()
    add_member(window.db, "M001")  # type: ignore[arg-type]
    assert not window.close()  # backing up first…
    wait_ops()
    assert not window.isVisible()  # …then it closed
    backups = list_backups(db_path)
    assert len(backups) == 1 and backups[0].manifest.row_counts["members"] == 1  # type: ignore[union-attr]
    again = MainWindow()
    qtbot.addWidget(again)
    again.open_path(db_path)
    wait_ops()
    again.show()
    assert again.close()  # nothing changed: it closes at once, without a backup
    assert len(list_backups(db_path)) == 1


def test_every_30_minutes_a_backup_if_something_changed(window: MainWindow, db_path: Path, wait_ops) -> None:  # type: ignore[no-untyped-def]
    assert window.backups.auto_timer.isActive() and window.backups.auto_timer.interval() == 30 * 60 * 1000
    window.backups.automatic_backup()
    wait_ops()
    assert list_backups(db_path) == []
    add_member(window.db, "M001")  # type: ignore[arg-type]
    window.backups.automatic_backup()
    wait_ops()
    assert len(list_backups(db_path)) == 1 and window.backups.status.latest is not None


def test_a_database_on_a_network_drive_is_warned_about_once(qtbot, wait_ops, db_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(controller_module, "storage_kind", lambda path: "network")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    open_database(db_path).dispose()
    window.open_path(db_path)
    wait_ops()
    qtbot.waitUntil(lambda: any("PostgreSQL" in box.text() for box in message_boxes()))
    for box in message_boxes():
        box.close()
    window.open_path(db_path)
    wait_ops()
    qtbot.wait(50)
    assert not any("PostgreSQL" in box.text() for box in message_boxes())
    window.backups.shutdown()


def test_a_damaged_database_at_start_is_explained_once_the_window_shows(qtbot, wait_ops, db_path: Path,
                                                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.ui import app
    from coopdesk.ui.backups import damaged

    open_database(db_path).dispose()
    with db_path.open("r+b") as handle:
        handle.seek(4096 * 2 + 8)
        handle.write(b"\xff" * 300)
    seen: list[str] = []

    def close_instead(self) -> int:  # type: ignore[no-untyped-def]
        seen.append(self.text())
        return 0

    monkeypatch.setattr(damaged.QMessageBox, "exec", close_instead)
    db = app.open_at_start(str(db_path), smoke=False)  # the quick check waits for the painted window
    assert isinstance(db, Database)
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(db)
    window.show()
    window.backups.check_file()
    wait_ops()
    if not seen:  # pragma: no cover - the scribble hit a page the quick check does not read
        pytest.skip("damage not detected")
    assert str(db_path) in seen[0]
    qtbot.waitUntil(lambda: not window.isVisible())  # not restored: the window closes, the file untouched
    window.backups.shutdown()
