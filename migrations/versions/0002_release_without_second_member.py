"""a recorded change of a published roster may have no second member: a member released from a week

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 23:04:15.246607
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rotation_swaps', schema=None) as batch_op:
        batch_op.alter_column('second_member_id',
               existing_type=sa.Integer(),
               nullable=True)


def downgrade() -> None:
    # The older schema cannot hold a release; its audit event keeps the record of it.
    op.execute("DELETE FROM rotation_swaps WHERE second_member_id IS NULL")
    with op.batch_alter_table('rotation_swaps', schema=None) as batch_op:
        batch_op.alter_column('second_member_id',
               existing_type=sa.Integer(),
               nullable=False)
