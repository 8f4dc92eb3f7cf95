"""The council's own settings (name and header of every report)."""

from __future__ import annotations

from coopdesk.domain.errors import ConflictError
from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import CouncilSettings
from coopdesk.services.change_log import record_change, snapshot


def get_council(db: Database) -> Council:
    with db.read() as session:
        row = session.get(CouncilSettings, 1)
        if row is None:
            return Council()
        return _council(row)


def _council(row: CouncilSettings) -> Council:
    return Council(row.name, row.short_name, row.tax_id, row.address, row.currency)


def council_version(db: Database) -> int:
    """The version a settings form starts from (0 while nothing is saved), to pass back to `save_council`."""
    with db.read() as session:
        row = session.get(CouncilSettings, 1)
        return 0 if row is None else row.version


def save_council(db: Database, *, council: Council, version: int | None = None) -> Council:
    """Save the settings; with `version` (from `council_version`), a newer save meanwhile is a conflict."""
    with db.write() as session:
        row = session.get(CouncilSettings, 1)
        if version is not None and (0 if row is None else row.version) != version:
            raise ConflictError()
        before = None if row is None else snapshot(_council(row))
        row = row or CouncilSettings(id=1)
        row.name, row.short_name, row.tax_id = council.name, council.short_name, council.tax_id
        row.address, row.currency = council.address, council.currency
        session.add(row)
        session.flush()
        record_change(session, entity="council", entity_id=1, before=before, after=snapshot(council))
    return council
