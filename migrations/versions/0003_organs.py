"""organs: every meeting belongs to an organ (the Workers' Council or the joint body); per-body figures of
concurrent motions, and the quorum in each body. Meetings recorded before become joint, so no result changes.

Revision ID: 0003_organs
Revises: 0002
Create Date: 2026-12-07 11:00:59.518749
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003_organs'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORGAN_CHECK = "organ IN ('workers_council', 'joint')"


def upgrade() -> None:
    op.create_table('motion_body_counts',
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Enum('worker', 'communal_council', 'state', name='body', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('yes', sa.Integer(), nullable=False),
    sa.Column('no', sa.Integer(), nullable=False),
    sa.Column('abstain', sa.Integer(), nullable=False),
    sa.Column('entitled', sa.Integer(), nullable=True),
    sa.Column('present_voters', sa.Integer(), nullable=True),
    sa.Column('base_count', sa.Integer(), nullable=True),
    sa.Column('result', sa.Enum('passed', 'rejected', 'no_quorum', name='result', native_enum=False, create_constraint=True), nullable=True),
    sa.CheckConstraint('yes >= 0 AND no >= 0 AND abstain >= 0', name=op.f('ck_motion_body_counts_counts_not_negative')),
    sa.ForeignKeyConstraint(['motion_id'], ['motions.id'], name=op.f('fk_motion_body_counts_motion_id_motions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('motion_id', 'body', name=op.f('pk_motion_body_counts'))
    )
    # Columns are added in place, not by copying the tables (batch mode): on SQLite, dropping the old
    # `meetings` table would cascade to every agenda item, motion and ballot of the meetings it holds.
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a CHECK only inline with its column
        op.execute("ALTER TABLE meetings ADD COLUMN organ VARCHAR(15) DEFAULT 'joint' NOT NULL"
                   f" CONSTRAINT ck_meetings_organ CHECK ({ORGAN_CHECK})")
    else:
        op.add_column('meetings', sa.Column('organ', sa.String(length=15), server_default='joint', nullable=False))
        op.create_check_constraint(op.f('ck_meetings_organ'), 'meetings', ORGAN_CHECK)
    op.add_column('meetings', sa.Column('quorum_per_body', sa.Boolean(), server_default='0', nullable=False))
    op.add_column('motions', sa.Column('concurrent', sa.Boolean(), server_default='0', nullable=False))


def downgrade() -> None:
    op.drop_column('motions', 'concurrent')  # in place again (SQLite 3.35+), for the same reason
    op.drop_column('meetings', 'quorum_per_body')
    if op.get_bind().dialect.name != "sqlite":  # SQLite drops an inline CHECK with its column
        op.drop_constraint(op.f('ck_meetings_organ'), 'meetings', type_='check')
    op.drop_column('meetings', 'organ')
    op.drop_table('motion_body_counts')
