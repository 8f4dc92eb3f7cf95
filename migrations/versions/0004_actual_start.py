"""a meeting keeps its convened time and, once opened, the time the session actually started

Revision ID: 0004_actual_start
Revises: 0003_organs
Create Date: 2026-12-07 11:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_actual_start'
down_revision: str | None = '0003_organs'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Meetings opened before this revision had their convened time overwritten by the start; it cannot be
    # recovered, so their actual start stays empty and the acta shows the one time they kept.
    # In place, not by copying the table (batch mode): on SQLite, dropping the old `meetings` table would
    # cascade to every agenda item, motion and ballot of the meetings it holds.
    op.add_column('meetings', sa.Column('opened_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    # The older schema has one time: the session's actual start, where there is one.
    op.execute("UPDATE meetings SET starts_at = opened_at WHERE opened_at IS NOT NULL")
    op.drop_column('meetings', 'opened_at')  # in place again (SQLite 3.35+), for the same reason
