"""Users at the command line: `users add|list|reset|role|remove`.

Passwords never appear on the command line (where `ps` and the shell history would keep them): they are asked
on the terminal, twice, without echo — or read from the first line of standard input with `--password-stdin`,
for scripts. Once the database has users, changing them needs an administrator signed in (`--user`, see
cli/access.py); the first user must be an administrator.
"""

from __future__ import annotations

import argparse
import sys

from coopdesk.cli.common import open_db, out, say
from coopdesk.domain.errors import InvalidInput, UsageError
from coopdesk.domain.users import UserRole
from coopdesk.i18n import N_, _


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help=_("the people who sign in: add, list, reset a password, remove"))
    actions = users.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("add a user (asks for the password)"))
    add.add_argument("username", metavar=_("USERNAME"))
    add.add_argument("--role", required=True, choices=[role.value for role in UserRole],
                     help=_("administrator: manages users; secretary: keeps the records; member: reads only"))
    add.add_argument("--member", metavar="MEMBER_CODE", help=_("the member this user is (required for a member)"))
    _password_flag(add)
    actions.add_parser("list", help=_("list the users and their roles"))
    reset = actions.add_parser("reset", help=_("give a user a new password (asks for it)"))
    reset.add_argument("username", metavar=_("USERNAME"))
    _password_flag(reset)
    role = actions.add_parser("role", help=_("give a user another role (never the last administrator's)"))
    role.add_argument("username", metavar=_("USERNAME"))
    role.add_argument("--role", required=True, choices=[role.value for role in UserRole])
    role.add_argument("--member", metavar="MEMBER_CODE", help=_("the member this user is (required for a member)"))
    actions.add_parser("remove", help=_("remove a user (never the last administrator)")).add_argument(
        "username", metavar=_("USERNAME"))


def _password_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help=_("read the password from the first line of standard input"))


def read_password(from_stdin: bool) -> str:
    """The new password: from standard input, or asked twice on the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError(N_("There is no terminal to ask for the password; use --password-stdin."))
    import getpass

    first = getpass.getpass(_("New password: "))
    if getpass.getpass(_("Repeat the password: ")) != first:
        raise InvalidInput(N_("The two passwords differ; nothing was changed."))
    return first


def _users(args: argparse.Namespace) -> int:
    from coopdesk.services import users

    if args.action in ("add", "reset"):
        password = read_password(args.password_stdin)  # asked before the database is opened and locked
    db = open_db(args)
    try:
        if args.action == "list":
            for user in users.list_users(db):
                out("\t".join((user.username, user.role.value, user.member_code or "", user.member_name or "")))
            return 0
        if args.action == "add":
            role = UserRole(args.role)
            user = users.add_user(db, username=args.username, password=password, role=role, member_code=args.member)
            say(_("User %(name)s added (%(role)s).") % {"name": user.username, "role": _(role.label)})
            out(str(user.id))
        elif args.action == "role":
            user = users.set_role(db, username=args.username, role=UserRole(args.role), member_code=args.member)
            say(_("%(name)s is now %(role)s.") % {"name": user.username, "role": _(user.role.label)})
        elif args.action == "reset":
            user = users.reset_password(db, username=args.username, password=password)
            say(_("New password set for %(name)s.") % {"name": user.username})
        else:
            users.remove_user(db, username=args.username)
            say(_("User %(name)s removed.") % {"name": args.username.strip()})
    finally:
        db.dispose()
    return 0


COMMANDS = {"users": _users}
REPORTS: dict[str, object] = {}
