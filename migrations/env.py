"""Alembic environment: runs on the connection coopdesk hands over (or on the configured URL)."""

from alembic import context
from sqlalchemy import create_engine

from coopdesk.persistence.base import Timestamp
from coopdesk.persistence.models import load_all

config = context.config
target_metadata = load_all().metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connection)


def render_item(kind: str, obj: object, _context: object) -> str | bool:
    """Revisions spell coopdesk's column types in plain SQLAlchemy, so they never import the app."""
    if kind == "type" and isinstance(obj, Timestamp):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only ALTER by copying the table
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("coopdesk migrations run online only")
run_migrations_online()
