"""The council whose header report tests print."""

from __future__ import annotations

import pytest

from coopdesk.domain.settings import Council


@pytest.fixture
def council() -> Council:
    return Council(name="Consejo de Trabajadores Fábrica Ñandú", tax_id="G-20012345-6",
                   address="Av. Lara, Galpón 3, Barquisimeto")
