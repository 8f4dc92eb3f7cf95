"""The council whose header report tests print, and a database with its members."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database
from coopdesk.services.council import save_council
from coopdesk.services.member_import import import_members


@pytest.fixture
def council() -> Council:
    return Council(name="Consejo de Trabajadores Fábrica Ñandú", tax_id="G-20012345-6",
                   address="Av. Lara, Galpón 3, Barquisimeto")


@pytest.fixture
def council_db(db: Database, data_dir: Path, council: Council) -> Database:
    import_members(db, path=data_dir / "members.csv")
    save_council(db, council=council)
    return db
