"""The commands. Each returns an exit code; services raise CoopdeskErrors, handled by `main`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from coopdesk import bootstrap, i18n
from coopdesk.domain.errors import InvalidInput, UsageError
from coopdesk.i18n import N_, _, ngettext


def say(line: str) -> None:
    print(line, file=sys.stderr)


def out(line: str) -> None:
    print(line, file=sys.stdout)


def _open(args: argparse.Namespace, *, migrate: bool | None = None):  # type: ignore[no-untyped-def]
    return bootstrap.open_database(bootstrap.resolve_database_target(args.db), migrate=migrate)


def _gui(args: argparse.Namespace) -> int:
    from coopdesk.ui.app import run_gui  # deferred: only this command needs Qt

    return int(run_gui(args.db, args.smoke, lang=args.lang) or 0)


def _init(args: argparse.Namespace) -> int:
    from coopdesk.persistence.migrate import stored_revision

    db = _open(args, migrate=True)
    try:
        revision = stored_revision(db)
        say(_("The database %(database)s is ready.") % {"database": db.describe()})
    finally:
        db.dispose()
    out(str(revision))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from coopdesk.services.demo import create_demo

    db = _open(args)
    try:
        summary = create_demo(db, members=args.members, years=args.years, seed=args.seed)
    finally:
        db.dispose()
    out(_("%(council)s: %(members)d members (%(workers)d workers, %(delegates)d communal-council delegates, "
           "%(state)d state representatives; %(suspended)d suspended, %(left)d left).") % {
        "council": summary.council, "members": summary.members, "workers": summary.workers,
        "delegates": summary.communal_council, "state": summary.state, "suspended": summary.suspended,
        "left": summary.left})
    return 0


def _members(args: argparse.Namespace) -> int:
    from coopdesk.services.member_import import export_members, import_members

    db = _open(args)
    try:
        if args.action == "export":
            count = export_members(db, path=args.file, excel=args.excel)
            out(ngettext("%(count)d member written to %(file)s.", "%(count)d members written to %(file)s.",
                          count) % {"count": count, "file": args.file})
            return 0
        summary = import_members(db, path=args.file, dry_run=args.dry_run)
    finally:
        db.dispose()
    values = {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}
    if args.dry_run:
        out(_("Dry run: %(created)d members would be added, %(updated)d updated, %(unchanged)d unchanged; "
               "nothing was written.") % values)
    else:
        out(_("Members: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.") % values)
    return 0


def _report(args: argparse.Namespace) -> int:
    if args.kind != "members":
        return later(args)
    from coopdesk.services.reports import members_report

    db = _open(args)
    try:
        pdf = members_report(db, lang=args.lang or i18n.current_language())
    finally:
        db.dispose()
    _write_output(args.output, pdf)
    return 0


def _write_output(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        Path(target).write_bytes(data)
    except OSError as error:
        raise InvalidInput(N_("Cannot write %(path)s: %(reason)s"), path=target,
                           reason=error.strerror or str(error)) from None


def _backup(args: argparse.Namespace) -> int:
    from coopdesk.services.backup import backup_database

    db = _open(args)
    try:
        manifest = backup_database(db, target=args.file)
    finally:
        db.dispose()
    out(_("Backup written to %(file)s (checked; SHA-256 %(sha)s).") % {"file": args.file, "sha": manifest.sha256})
    return 0


def _restore(args: argparse.Namespace) -> int:
    from coopdesk.services.backup import restore_database

    db = _open(args)
    try:
        manifest = restore_database(db, source=args.file)
    finally:
        db.dispose()
    out(_("Restored the backup of %(date)s; the previous database was backed up first.")
        % {"date": manifest.created_at})
    return 0


def _verify(args: argparse.Namespace) -> int:
    from coopdesk.services.verify import verify_database

    db = _open(args)
    try:
        report = verify_database(db)
    finally:
        db.dispose()
    if not report.sound:
        for problem in report.problems:
            say(problem.translated())
        return 1
    out(_("The database is sound: %(events)d audit events checked.") % {"events": report.events_checked})
    return 0


def later(args: argparse.Namespace) -> int:
    command = args.command if args.command != "report" else f"report {args.kind}"
    raise UsageError(N_("'%(command)s' is not available in this version yet."), command=command)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": _gui, "init": _init, "demo": _demo, "members": _members, "report": _report,
    "backup": _backup, "restore": _restore, "verify": _verify,
}
