"""Who may run a command (see docs/cli.md, "Signing in"): a database without users is open to whoever holds it;
once it has users, every command that writes needs `--user NAME` and that user's password (from the first
line of `--password-file FILE`, else asked on the terminal) — a secretary or an administrator, and an
administrator for the users commands. The check comes before any input file is read or anything written;
a refusal exits 5.

Commands that only read (show, list, export, reports, verify, backup) ask nothing: on a local file the file
itself is readable, and on a server the database's own grants decide. Given `--user`, they sign in too (a
refusal exits 5) and show what that user's role may see, such as a private need's member. A command that
writes a SQLite file a window holds is refused with exit 4 (the window would go on showing the data as it was).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coopdesk import bootstrap
from coopdesk.domain.errors import CoopdeskError, NotAllowed, UnreadableDatabase
from coopdesk.domain.users import UserRole
from coopdesk.i18n import N_, _

READING_COMMANDS = frozenset({"gui", "verify", "report", "backup"})
READING_ACTIONS = frozenset({"show", "list", "export", "statement", "ics", "member", "summary", "areas", "history",
                             "fund-balance"})
EDITORS = frozenset({UserRole.SECRETARY, UserRole.ADMINISTRATOR})
ADMINISTRATORS = frozenset({UserRole.ADMINISTRATOR})


def roles_needed(args: argparse.Namespace) -> frozenset[UserRole] | None:
    """The roles that may run this command once the database has users; None: it only reads."""
    if args.command in READING_COMMANDS or getattr(args, "document", None):
        return None
    action = getattr(args, "step", None) or getattr(args, "action", None)
    if action in READING_ACTIONS:
        return None
    return ADMINISTRATORS if args.command == "users" else EDITORS


def check_access(args: argparse.Namespace) -> None:
    """Sign the user in for a command that writes, or for a reading one given `--user`, or raise NotAllowed;
    nothing is written either way. The signed-in user is `args.signed_in` (None: nobody)."""
    args.signed_in = None
    needed = roles_needed(args)
    if needed is None and not args.user:
        return
    # Imported only past this point: a reading command (a report) signs nobody in and need not load them.
    from coopdesk.persistence.database import Database
    from coopdesk.services.change_log import set_signed_in_user
    from coopdesk.services.overview import has_users
    from coopdesk.services.users import authenticate

    target = bootstrap.resolve_database_target(args.db)
    if "://" not in target and not Path(target).expanduser().is_file():
        return  # a database yet to be created has no users
    if "://" not in target and needed is not None:
        _refuse_beside_a_window(Path(target).expanduser().resolve())
    db = Database.open(target)
    try:
        try:
            guarded = has_users(db)
        except UnreadableDatabase:
            return  # a file too damaged to read its users: restore is what it needs, and verify says why
        except CoopdeskError:
            guarded = False  # not a coopdesk database yet (no users table): init creates it
        if not guarded:
            return
        if not args.user:
            raise NotAllowed(N_("This database has users: sign in with --user NAME (and --password-file FILE, or "
                                "type the password when asked) to change anything."))
        user = authenticate(db, username=args.user, password=_password(args.password_file, args.user))
    finally:
        db.dispose()
    if needed is not None and user.role not in needed:
        raise NotAllowed(N_("%(name)s is signed in as %(role)s and may not do this; it needs %(needed)s."),
                         name=user.username, role=_(user.role.label),
                         needed=_(UserRole.ADMINISTRATOR.label) if needed == ADMINISTRATORS
                         else _("a secretary or an administrator"))
    set_signed_in_user(user.username)
    args.signed_in = user


def _refuse_beside_a_window(db_path: Path) -> None:
    """A command does not write while a window holds the database: the window would go on showing what the
    command changed (docs/cli.md, "Signing in"). Reading commands are not asked."""
    from coopdesk.persistence.lock import DatabaseInUse, read_owner

    owner = read_owner(db_path)
    if owner is not None and not owner.is_this_process and not owner.is_stale():
        raise DatabaseInUse(owner)


def _password(path: str | None, name: str) -> str:
    if path:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                return handle.readline().rstrip("\r\n")
        except OSError as error:
            raise NotAllowed(N_("Cannot read the password file %(path)s: %(reason)s"), path=path,
                             reason=error.strerror or str(error)) from None
    if not sys.stdin.isatty():
        raise NotAllowed(N_("There is no terminal to ask the password of %(name)s; use --password-file FILE."),
                         name=name)
    import getpass

    return getpass.getpass(_("Password of %(name)s: ") % {"name": name})
