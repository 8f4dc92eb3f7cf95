"""The council's own settings (name and header of every report, the unit's kind)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ConflictError, InvalidInput
from coopdesk.domain.settings import Council, UnitKind
from coopdesk.i18n import N_
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
    return Council(row.name, row.short_name, row.tax_id, row.address, row.currency, UnitKind(row.kind))


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
        row.address, row.currency, row.kind = council.address, council.currency, UnitKind(council.kind)
        session.add(row)
        session.flush()
        record_change(session, entity="council", entity_id=1, before=before, after=snapshot(council))
    return council


def unit_kind(session: Session) -> UnitKind:
    """The unit's kind, inside a unit of work (a council with no settings saved yet is a cooperative)."""
    kind = session.scalar(select(CouncilSettings.kind).where(CouncilSettings.id == 1))
    return UnitKind(kind) if kind is not None else Council().kind


def set_unit_kind(db: Database, *, kind: UnitKind | str) -> Council:
    """Say what the unit is. It decides who pays new social funds by default and whether a surplus may be
    shared out; funds already created and entries already posted stay as they are."""
    try:
        kind = UnitKind(kind)
    except ValueError:
        raise InvalidInput(N_("'%(kind)s' is not a kind of unit; use spu or cooperative."), kind=kind) from None
    council = get_council(db)
    return save_council(db, council=replace(council, kind=kind))
