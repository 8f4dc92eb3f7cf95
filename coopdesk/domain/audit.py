"""The tamper-evident chain: each event's hash covers its canonical form and the previous hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64
# One encoder for every call: json.dumps with options builds a new one each time, a third of verify's chain walk.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical(value: Any) -> str:
    """One byte-exact JSON form for a value: sorted keys, no spaces, dates and decimals as text."""
    return _CANONICAL.encode(value)


def chain_hash(prev_hash: str | None, event: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update((prev_hash or GENESIS).encode("ascii"))
    digest.update(canonical(event).encode("utf-8"))
    return digest.hexdigest()


def record_hash(record: Mapping[str, Any]) -> str:
    """The verification code of a locked record (approved minutes, a closed vote, a posted entry)."""
    return hashlib.sha256(canonical(record).encode("utf-8")).hexdigest()


def printed_code(digest: str) -> str:
    """The verification code as every document prints it: the first 16 hex digits of a digest, in groups of
    four ("7F3A-19C2-0B44-D1E8"); `verify --document` finds the record from them."""
    text = digest[:16].upper()
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))
