"""Sample members for report tests, and reading a PDF back as text."""

from __future__ import annotations

import io
from datetime import date

from coopdesk.domain.members import Body, Member, MemberStatus

FIRST = ("Ángel", "María José", "Néstor", "Yolimar", "Oriana", "Wilmer")
LAST = ("Núñez", "Piñero", "Briceño", "Añez", "Rodríguez", "Márquez")


def make_members(count: int) -> list[Member]:
    bodies = (Body.WORKER, Body.WORKER, Body.WORKER, Body.COMMUNAL_COUNCIL, Body.STATE)
    statuses = (MemberStatus.ACTIVE,) * 8 + (MemberStatus.SUSPENDED, MemberStatus.LEFT)
    return [
        Member(
            code=f"M{number:03d}",
            full_name=f"{FIRST[number % 6]} {LAST[number % 5]} {LAST[(number * 7) % 6]}",
            body=bodies[number % 5],
            joined_on=date(2015 + number % 10, 1 + number % 12, 1 + number % 28),
            voting=bodies[number % 5] is not Body.STATE,
            national_id=f"V-{10_000_000 + number}",
            status=statuses[number % 10],
            id=number,
        )
        for number in range(1, count + 1)
    ]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    """Text with every run of white space made one space: wrapped table headers read as one line."""
    return " ".join(text.split())
