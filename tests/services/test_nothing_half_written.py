"""Every output goes to a temporary file in the target's folder, is flushed and renamed: a failed write leaves
an existing file as it was and no half-written file behind; a read-only disk is told as such; the `.partial`
files a crash leaves in the backups folder are cleaned at the next start."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from coopdesk.cli import main
from coopdesk.domain.errors import InvalidInput
from coopdesk.persistence import files
from coopdesk.persistence.files import atomic_write
from coopdesk.services.csv_io import write_csv


def _refuse_rename(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(_source: object, _target: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "replace", refuse)


def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "acta.pdf"
    target.write_bytes(b"the old acta")
    _refuse_rename(monkeypatch, errno.ENOSPC)
    with pytest.raises(OSError):
        atomic_write(target, b"half of a new one")
    assert target.read_bytes() == b"the old acta"
    assert list(tmp_path.iterdir()) == [target]


def test_a_csv_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "socios.csv"
    target.write_bytes(b"old\r\n")

    def rows():  # type: ignore[no-untyped-def]
        yield ("M001", "Ana")
        raise OSError(errno.EIO, "the USB stick was pulled")

    with pytest.raises(InvalidInput):
        write_csv(target, ("code", "name"), rows())
    assert target.read_bytes() == b"old\r\n"
    assert list(tmp_path.iterdir()) == [target]


def test_a_read_only_disk_is_told_as_such(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite3"
    assert main(["--db", str(db), "members", "import", str(data_dir / "members.csv")]) == 0
    report = tmp_path / "registro.pdf"
    report.write_bytes(b"yesterday's register")
    _refuse_rename(monkeypatch, errno.EROFS)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "report", "members", "-o", str(report)]) == 3
    err = capsys.readouterr().err
    assert "read-only" in err and "damaged" not in err
    assert report.read_bytes() == b"yesterday's register"
    assert main(["--db", str(db), "--lang", "es", "members", "export", str(tmp_path / "s.csv")]) == 3
    assert "solo lectura" in capsys.readouterr().err
    monkeypatch.undo()
    assert main(["--db", str(db), "verify"]) == 0  # reading still works


def test_orphaned_partials_are_cleaned_at_the_next_start(tmp_path: Path) -> None:
    from coopdesk.bootstrap import open_database

    db = tmp_path / "c.sqlite3"
    open_database(db).dispose()
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / ".c-20261201-101400.sqlite3.partial"
    fresh = backups / ".c-20261207-101400.sqlite3.partial"  # a backup another process is writing right now
    for path in (old, fresh):
        path.write_bytes(b"half a copy")
    hours_ago = time.time() - 3 * 3600
    os.utime(old, (hours_ago, hours_ago))
    open_database(db).dispose()
    assert not old.exists() and fresh.exists()
