"""The council's own settings (name and header of every report)."""

from __future__ import annotations

from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import CouncilSettings


def get_council(db: Database) -> Council:
    with db.read() as session:
        row = session.get(CouncilSettings, 1)
        if row is None:
            return Council()
        return Council(row.name, row.short_name, row.tax_id, row.address, row.currency)


def save_council(db: Database, *, council: Council) -> Council:
    with db.write() as session:
        row = session.get(CouncilSettings, 1) or CouncilSettings(id=1)
        row.name, row.short_name, row.tax_id = council.name, council.short_name, council.tax_id
        row.address, row.currency = council.address, council.currency
        session.add(row)
    return council
