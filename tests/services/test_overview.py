"""The start-up's reads go around the mapped classes: they must name what the schema has and read the same."""

from __future__ import annotations

from sqlalchemy import Boolean, Date

from coopdesk.domain.settings import Council
from coopdesk.persistence.models import load_all
from coopdesk.services import overview
from coopdesk.services.council import save_council
from coopdesk.services.members import all_members


def test_the_start_up_reads_name_tables_and_columns_of_the_schema() -> None:
    schema = load_all().metadata.tables
    for light in (overview.MEMBERS, overview.MEMBER_SKILLS, overview.SKILLS, overview.COUNCIL, overview.USERS):
        mapped = schema[light.name]
        for column in light.columns:
            assert column.name in mapped.columns, f"{light.name}.{column.name}"
            if isinstance(column.type, Date | Boolean):
                assert isinstance(mapped.columns[column.name].type, type(column.type))


def test_the_members_table_reads_what_the_members_service_reads(any_db, data_dir) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.services.member_import import import_members

    import_members(any_db, path=data_dir / "members.csv")
    ids = overview.member_ids(any_db)
    rows = overview.members_by_id(any_db, ids)
    assert [rows[i] for i in ids] == all_members(any_db)


def test_the_council_name_before_and_after_it_is_saved(db) -> None:  # type: ignore[no-untyped-def]
    assert overview.council_name(db) == Council().name
    save_council(db, council=Council(name="UPS Textil Hugo Chávez"))
    assert overview.council_name(db) == "UPS Textil Hugo Chávez"
