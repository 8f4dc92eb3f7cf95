"""The password of a shared PostgreSQL server: from the system keyring, else asked for — never from a file.

coopdesk never writes a password anywhere: not in preferences (they keep the URL without it), not in a
log. When the server asks for one, it is looked up in the system keyring (the optional `keyring` package;
service "coopdesk", user "USER@HOST"), else the prompt the edge installed is called (the CLI asks on the
terminal with getpass, the GUI shows a dialog), and it is kept in this process's memory only. libpq's own
password file (~/.pgpass) is not read. A server that needs no password (trust, peer, certificates) is never
asked for one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import URL

from coopdesk.domain.errors import DatabaseError
from coopdesk.i18n import N_

SERVICE = "coopdesk"
ATTEMPTS = 3  # refused passwords asked for again before giving up

# (account "user@host", retry: the previous password was refused) -> the password, or None to give up.
# It may be called from a worker thread (the GUI runs database work off the GUI thread).
Prompt = Callable[[str, bool], "str | None"]

_prompt: Prompt | None = None
_known: dict[str, str] = {}  # account -> password that worked, in memory for the life of the process


class PasswordRequired(DatabaseError):
    def __init__(self, account: str) -> None:
        super().__init__(N_("The database server asks for the password of %(account)s. Store it in the system "
                            "keyring (service 'coopdesk', user '%(account)s') or run coopdesk where it can ask "
                            "for it."), account=account)


class PasswordRefused(DatabaseError):
    def __init__(self, account: str) -> None:
        super().__init__(N_("The database server refused the password of %(account)s."), account=account)


def set_prompt(prompt: Prompt | None) -> None:
    """Install how to ask the person for a password (None: never ask, e.g. in scripts)."""
    global _prompt
    _prompt = prompt


def account_name(url: URL) -> str:
    """The keyring user name of a server URL: "user@host"."""
    return f"{url.username or ''}@{url.host or 'localhost'}"


def keyring_password(account: str) -> str | None:
    """The password stored in the system keyring, if the keyring package and a backend are there."""
    try:
        import keyring

        return keyring.get_password(SERVICE, account) or None
    except Exception:  # no package, no backend, a locked keyring: as if nothing were stored
        return None


def store_in_keyring(account: str, password: str) -> bool:
    """Remember a password in the system keyring (the GUI's "remember" box); False when there is none."""
    try:
        import keyring

        keyring.set_password(SERVICE, account, password)
    except Exception:
        return False
    return True


def forget(account: str) -> None:
    """Drop the password kept in memory (after a failed sign-in, or to switch users)."""
    _known.pop(account, None)


def server_options(cparams: dict[str, Any]) -> None:
    """What coopdesk sets on every server connection, beside what the URL says.

    UTC session time (the audit chain hashes timestamps as UTC), a lock wait of at most 5 s (a busy record
    gives a clear message, never a hang), a connection attempt of at most 10 s, and no password file."""
    options = "-c TimeZone=UTC -c lock_timeout=5000"
    cparams["options"] = f"{options} {cparams['options']}" if cparams.get("options") else options  # the URL's win
    cparams.setdefault("connect_timeout", 10)
    cparams.setdefault("passfile", os.path.join(os.devnull, "none"))  # a path no file can have: libpq skips it


def connect(connect_fn: Callable[..., Any], is_password_error: Callable[[Exception], bool], account: str,
            cparams: dict[str, Any]) -> Any:
    """Open a DBAPI connection, supplying the password when the server asks for one.

    `connect_fn(**cparams)` opens a connection; `is_password_error` tells a refusal for want of a (right)
    password from any other failure, which is raised as it is."""
    if cparams.get("password"):  # given in the URL for this run (a script): used as it is
        return connect_fn(**cparams)
    password = _known.get(account) or keyring_password(account)
    if password is None:
        try:
            return connect_fn(**cparams)  # trust, peer, certificates: nothing to ask
        except Exception as error:
            if not is_password_error(error):
                raise
    retry = False
    for _attempt in range(ATTEMPTS + 1):
        if password is None:
            password = _ask(account, retry)
        try:
            connection = connect_fn(**{**cparams, "password": password})
        except Exception as error:
            if not is_password_error(error):
                raise
            forget(account)
            password, retry = None, True
            continue
        _known[account] = password
        return connection
    raise PasswordRefused(account)


def _ask(account: str, retry: bool) -> str:
    if _prompt is None:
        raise PasswordRequired(account)
    answer = None
    with contextlib.suppress(EOFError, KeyboardInterrupt):
        answer = _prompt(account, retry)
    if not answer:
        raise PasswordRequired(account)
    return answer


def is_password_error(error: Exception) -> bool:
    """A refusal for want of a (right) password: SQLSTATE 28P01, or libpq's words for it."""
    if getattr(error, "sqlstate", None) == "28P01":
        return True
    text = str(error).lower()
    return "password" in text and any(word in text for word in ("supplied", "authentic", "autentifica"))
