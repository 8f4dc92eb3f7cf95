"""The foundation's commands: the window, the database, members, backups, the register of members."""

from __future__ import annotations

import argparse
from pathlib import Path

from coopdesk import bootstrap, i18n
from coopdesk.cli.common import add_output, open_db, out, positive, say, write_output, year
from coopdesk.domain.errors import UsageError
from coopdesk.i18n import N_, _, ngettext


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    gui = commands.add_parser("gui", help=_("open the window (the default)"))
    gui.add_argument("--smoke", action="store_true",
                     help=_("open, wait until the first screen shows its data, print the time and quit"))
    commands.add_parser("init", help=_("create the database or bring it to the current schema"))
    demo = commands.add_parser("demo", help=_("fill an empty database with a demo council"))
    demo.add_argument("--members", type=positive, default=60, metavar="N", help=_("members (default 60)"))
    demo.add_argument("--years", type=positive, default=2, metavar="Y", help=_("years of history (default 2)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))
    demo.add_argument("--kind", choices=("spu", "cooperative"), default="spu",
                      help=_("an spu (funds owed by management, no surplus share-out; the default) or a cooperative"))

    members = commands.add_parser("members", help=_("import or export the members as CSV"))
    actions = members.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    member_import = actions.add_parser("import", help=_("create or update members from a CSV file"))
    member_import.add_argument("file", type=Path, metavar=_("FILE"))
    member_import.add_argument("--dry-run", action="store_true",
                               help=_("check the file and say what would change, without writing"))
    member_export = actions.add_parser("export", help=_("write every member to a CSV file"))
    member_export.add_argument("file", type=Path, metavar=_("FILE"))
    member_export.add_argument("--excel", action="store_true",
                               help=_("for Spanish Excel: a BOM and semicolons"))

    add_output(reports.add_parser("members", help=_("the register of members")))
    annual = reports.add_parser("annual", help=_("the council's annual report: assemblies, agreements, rotation, "
                                                 "wages and funds, with charts"))
    annual.add_argument("--year", type=year, required=True, metavar="Y")
    add_output(annual)
    backup = commands.add_parser("backup", help=_("write a checked copy of the database"))
    backup.add_argument("file", type=Path, metavar=_("FILE"), nargs="?",
                        help=_("where to write it (default: the backups folder beside the database, where older "
                               "backups are thinned out)"))
    restore = commands.add_parser("restore", help=_("replace the database with a backup (the current one is "
                                                    "backed up first)"))
    restore.add_argument("file", type=Path, metavar=_("FILE"))
    verify = commands.add_parser("verify", help=_("check the database and the chain of locked records"))
    verify.add_argument("--document", metavar=_("CODE"),
                        help=_("instead, say which record the verification code printed on a document belongs to, "
                               "and whether it is unchanged (exit 1 when it was changed)"))
    verify.add_argument("--chain", metavar=_("LINE"),
                        help=_("with --document: the chain line printed under the code; also checks that the chain "
                               "still holds the event the document saw (exit 1 when it does not)"))


def _gui(args: argparse.Namespace) -> int:
    from coopdesk.paths import user_data_dir
    from coopdesk.ui.system_libraries import ready

    if not ready(user_data_dir()):  # Qt would only say it "could not load the platform plugin", and abort
        return 1
    from coopdesk.ui.app import run_gui  # deferred: only this command needs Qt

    return int(run_gui(args.db, args.smoke, lang=args.lang) or 0)


def _init(args: argparse.Namespace) -> int:
    from coopdesk.persistence.migrate import stored_revision

    db = open_db(args, migrate=True)
    try:
        if not db.is_sqlite:
            from coopdesk.services.users import grant_server_roles

            grant_server_roles(db)  # the group roles and their least privilege (docs/cli.md, "Signing in")
        revision = stored_revision(db)
        say(_("The database %(database)s is ready.") % {"database": db.describe()})
    finally:
        db.dispose()
    out(str(revision))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from coopdesk.services.demo import create_demo

    db = open_db(args)
    try:
        summary = create_demo(db, members=args.members, years=args.years, seed=args.seed, kind=args.kind)
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

    db = open_db(args)
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


def _members_report(args: argparse.Namespace) -> int:
    from coopdesk.services.reports import members_report

    db = open_db(args)
    try:
        pdf = members_report(db, lang=args.lang or i18n.current_language())
    finally:
        db.dispose()
    write_output(args.output, pdf)
    return 0




def _annual_report(args: argparse.Namespace) -> int:
    from coopdesk.services.annual import annual_report

    db = open_db(args)
    try:
        pdf = annual_report(db, year=args.year, lang=args.lang or i18n.current_language())
    finally:
        db.dispose()
    write_output(args.output, pdf)
    return 0


def _backup(args: argparse.Namespace) -> int:
    from coopdesk.services.backup import backup_database
    from coopdesk.services.backup_schedule import backup_now

    db = open_db(args)
    try:
        if args.file is None:  # e.g. from cron: a regular backup, kept and thinned out like the window's
            info = backup_now(db)
            target, sha = info.path, info.manifest.sha256 if info.manifest else ""
        else:
            target, sha = args.file, backup_database(db, target=args.file).sha256
    finally:
        db.dispose()
    out(_("Backup written to %(file)s (checked; SHA-256 %(sha)s).") % {"file": target, "sha": sha})
    return 0


def _restore(args: argparse.Namespace) -> int:
    from coopdesk.persistence.lock import DatabaseInUse, read_owner
    from coopdesk.services.backup import restore_database

    target = bootstrap.resolve_database_target(args.db)
    owner = read_owner(Path(target).expanduser().resolve()) if "://" not in target else None
    if owner is not None and not owner.is_stale():  # the window's lock (checked for every write too: access.py)
        raise DatabaseInUse(owner)
    db = bootstrap.open_database(target, check=False)  # a damaged database is what a restore is for
    try:
        manifest = restore_database(db, source=args.file)
    finally:
        db.dispose()
    bootstrap.open_database(target).dispose()  # checked again, and a backup of an older schema is migrated
    out(_("Restored the backup of %(date)s; the previous database was backed up first.")
        % {"date": i18n.format_datetime(manifest.created.astimezone())})
    return 0


def _verify(args: argparse.Namespace) -> int:
    from coopdesk.services.verify import verify_database

    if args.chain is not None and args.document is None:
        raise UsageError(N_("--chain is the chain line of a document: give it with --document CODE."))
    # Not refused at the door when damaged: verify names every problem itself, and exits 1.
    db = bootstrap.open_database(bootstrap.resolve_database_target(args.db), check=False)
    if args.document is not None:
        return _verify_document(db, args.document, args.chain)
    try:
        report = verify_database(db)
    finally:
        db.dispose()
    if not report.sound:
        for problem in report.problems:
            say(problem.translated())
    else:
        out(_("The database is sound: %(events)d audit events checked.") % {"events": report.events_checked})
    for note in report.notes:
        out(note.translated())
    return 0 if report.sound else 1


def _verify_document(db, code: str, chain: str | None = None) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.errors import NotFound
    from coopdesk.services.documents import (
        DocumentState,
        chain_verdict,
        describe,
        find_by_verification_code,
        verdict_of,
    )

    try:
        found = find_by_verification_code(db, code=code, chain=chain)
    finally:
        db.dispose()
    if found is None:
        raise NotFound(N_("No record of this database has this code. Check the code as printed, and that this is "
                          "the council's database."))
    headline, explanation = verdict_of(found)
    out(describe(found))
    out(f"{headline}. {explanation}")
    if (matches := chain_verdict(found)) is not None:
        out(matches)
    for problem in found.problems:
        say(problem.translated())
    return 1 if found.state is DocumentState.CHANGED else 0


COMMANDS = {
    "gui": _gui, "init": _init, "demo": _demo, "members": _members,
    "backup": _backup, "restore": _restore, "verify": _verify,
}
REPORTS = {"members": _members_report, "annual": _annual_report}
