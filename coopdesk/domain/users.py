"""Who may do what on a shared office computer, and how their passwords are kept.

Passwords are stored only as scrypt hashes in the form "scrypt$n$r$p$salt_b64$hash_b64", so that the cost
can be raised later while old hashes still verify with the parameters they were made with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from enum import StrEnum

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1  # ~128 MB and a few tenths of a second per guess
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # scrypt takes any length; a cap keeps a pasted novel from being hashed
USERNAME_MAX = 60  # users.username
USERNAME_PATTERN = re.compile(r"^[\w.@-]+$")


class UserRole(StrEnum):
    ADMINISTRATOR = "administrator"
    SECRETARY = "secretary"
    MEMBER = "member"

    @property
    def label(self) -> str:
        """The msgid of the role's name (translate it where it is shown)."""
        return ROLE_LABELS[self]

    @property
    def can_edit(self) -> bool:
        """Secretaries and administrators keep the council's records; a member only reads."""
        return self is not UserRole.MEMBER


ROLE_LABELS = {
    UserRole.ADMINISTRATOR: N_("Administrator"),
    UserRole.SECRETARY: N_("Secretary"),
    UserRole.MEMBER: N_("Member"),
}


def normalize_username(text: str) -> str:
    """Usernames are compared without regard to case: "Ana" and "ana" are the same person."""
    return text.strip().casefold()


def check_username(text: str) -> str:
    """The normalized username, or InvalidInput naming what is wrong with it."""
    name = normalize_username(text)
    if not name:
        raise InvalidInput(N_("A user name is required."))
    if len(name) > USERNAME_MAX:
        raise InvalidInput(N_("A user name has at most %(max)d characters."), max=USERNAME_MAX)
    if not USERNAME_PATTERN.match(name):
        raise InvalidInput(N_("A user name may hold letters, digits and . _ - @, without spaces: “%(name)s”."),
                           name=text.strip())
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(N_("A password needs at least %(min)d characters."), min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(N_("A password has at most %(max)d characters."), max=MAX_PASSWORD)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A new hash with a random salt (`salt` only for tests)."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_BYTES,
                         maxmem=_memory(SCRYPT_N, SCRYPT_R))
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches the stored hash; a malformed hash matches nothing."""
    try:
        scheme, n, r, p, salt_b64, key_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, key = base64.b64decode(salt_b64, validate=True), base64.b64decode(key_b64, validate=True)
        n_, r_, p_ = int(n), int(r), int(p)
        if not (1 < n_ <= 2**20 and 0 < r_ <= 32 and 0 < p_ <= 16 and key):  # refuse absurd work factors
            return False
        candidate = hashlib.scrypt(password.encode("utf-8")[:4 * MAX_PASSWORD], salt=salt, n=n_, r=r_, p=p_,
                                   dklen=len(key), maxmem=_memory(n_, r_))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, key)


def _memory(n: int, r: int) -> int:
    return 256 * n * r + 2**20  # scrypt needs 128·n·r bytes; OpenSSL refuses past maxmem (32 MB by default)


def needs_rehash(stored: str) -> bool:
    """A hash made with a lower cost than today's: it is made again at the next sign-in."""
    try:
        scheme, n, r, p, _salt, _key = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) != (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


# Compared against when the user name is unknown, so that a wrong name costs as long as a wrong password.
DUMMY_HASH = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "="
