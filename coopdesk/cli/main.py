"""The command line of docs/cli.md, over the same services as the window.

Messages go to stderr, one line per problem, in the chosen language; data and summaries go to stdout.
Exit codes: 0 done, 1 damage found by verify, 2 usage, 3 invalid input (nothing written), 4 database
problem, 5 not allowed (see cli/access.py) — and 4 as well for anything unexpected, which is logged with its
traceback in the user's data folder.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from collections.abc import Sequence

from coopdesk import bootstrap
from coopdesk.cli.access import check_access
from coopdesk.cli.common import say
from coopdesk.cli.parser import (
    LANGUAGES,
    LATER_COMMANDS,
    LATER_REPORTS,
    PROG,
    REPORT_LANGUAGES,
    areas_for,
    build_parser,
    handler_for,
)
from coopdesk.domain.errors import CoopdeskError, ProblemsFound, UsageError
from coopdesk.i18n import N_, MissingCatalog, _, ngettext

UNEXPECTED_EXIT = 4


def _prescan(argv: Sequence[str]) -> tuple[list[str], dict[str, str | None], bool, UsageError | None]:
    """Take the global options out wherever they stand (`--lang` may follow the command).

    Returns the other arguments, the values of --db and --lang, --debug, and the usage error if any
    (reported once the language is known)."""
    found: dict[str, str | None] = {"db": None, "lang": None, "user": None, "password-file": None}
    rest: list[str] = []
    debug, problem = False, None
    index = 0
    while index < len(argv):
        arg = argv[index]
        name = arg[2:].partition("=")[0] if arg.startswith("--") else ""
        if arg == "--":
            rest += argv[index:]
            break
        if arg == "--debug":
            debug = True
        elif name in found and "=" in arg:
            found[name] = arg.partition("=")[2]
        elif name in found and index + 1 < len(argv):
            found[name] = argv[index + 1]
            index += 1
        elif name in found:
            problem = UsageError(N_("%(prog)s: the option %(option)s needs a value"), prog=PROG, option=arg)
        else:
            rest.append(arg)
        index += 1
    lang = found["lang"]
    if problem is None and lang is not None and lang not in REPORT_LANGUAGES:
        problem = UsageError(N_("%(prog)s: '%(value)s' is not a language; use es or en"), prog=PROG, value=lang)
    return rest, found, debug, problem


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the `coopdesk` script and `python -m coopdesk`)."""
    rest, found, debug, problem = _prescan(list(sys.argv[1:] if argv is None else argv))
    try:
        lang = found["lang"]
        bootstrap.start_language(lang if lang in LANGUAGES else None)  # es+en: messages in the usual one
        if problem:
            raise problem
        _ask_passwords_on_the_terminal()
        areas = areas_for(rest)
        parser = build_parser(areas)
        args, extra = parser.parse_known_args(rest)
        args.db, args.lang, args.debug = found["db"], lang, debug
        args.user, args.password_file = found["user"], found["password-file"]
        args.command = args.command or "gui"
        not_yet = args.command in LATER_COMMANDS or getattr(args, "kind", None) in LATER_REPORTS
        if extra and not not_yet:
            parser.error(_("unrecognized arguments: %s") % " ".join(extra))
        if lang == "es+en" and args.command != "report":
            raise UsageError(N_("%(prog)s: --lang es+en is only for reports; use es or en"), prog=PROG)
        if args.command != "gui" and not gc.isenabled():
            # Paused for the window's start-up (coopdesk.__main__); a command's work needs it. What start-up made
            # (modules, mapped classes) lives as long as the process: set aside, the collections that come need not
            # walk it again (a sixth of `report members`).
            gc.freeze()
            gc.enable()
        if args.command != "gui":
            check_access(args)  # before any input file is read or anything written
        return handler_for(args, areas)(args)
    except SystemExit as leaving:  # --help
        return leaving.code if isinstance(leaving.code, int) else 0
    except CoopdeskError as error:
        _report_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        say(_("Interrupted."))
        return 130
    except BrokenPipeError:
        # The reader stopped early (`coopdesk meeting show 3 | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except MissingCatalog:
        raise  # nothing can be said in a language without it: coopdesk.__main__ says it in both
    except Exception as error:
        return _unexpected(error, debug)


def _ask_passwords_on_the_terminal() -> None:
    """A shared server's password, when the keyring has none: asked on the terminal, never echoed."""
    from coopdesk.persistence import credentials

    if not sys.stdin.isatty():
        credentials.set_prompt(None)  # a script: say what is missing instead of waiting for input
        return

    def ask(account: str, retry: bool) -> str | None:
        import getpass

        if retry:
            say(_("The server refused that password."))
        return getpass.getpass(_("Password for %(account)s: ") % {"account": account})

    credentials.set_prompt(ask)


def _report_error(error: CoopdeskError) -> None:
    for line in error.lines():
        say(line)
    if isinstance(error, ProblemsFound):
        count = len(error.problems)
        say(ngettext("%(count)d problem found; nothing was written.",
                      "%(count)d problems found; nothing was written.", count) % {"count": count})


def _unexpected(error: Exception, debug: bool) -> int:
    import logging

    log = bootstrap.start_logging() or bootstrap.log_path()
    logging.getLogger("coopdesk.cli").error("%r failed", sys.argv, exc_info=error)
    if debug:
        sys.stderr.write(traceback.format_exc())
    say(_("Something went wrong: %(error)s (run with --debug for details; they are also in %(log)s)")
         % {"error": str(error) or type(error).__name__, "log": log})
    return UNEXPECTED_EXIT
