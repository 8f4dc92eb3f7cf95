"""facts of the acta kept as recorded, not derived at each print: the day a convocation was issued, who proposed
each motion, and the null ballots of an election

Revision ID: 0008_acta_facts
Revises: 0007_learning
Create Date: 2026-12-07 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_acta_facts'
down_revision: str | None = '0007_learning'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Older meetings and elections keep these empty: the day of issue and the null ballots were never recorded,
    # and guessing them would put a fact in a sealed record that nobody wrote down.
    # Plain columns are added in place (batch mode copies a table only for what SQLite cannot ALTER).
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('convened_on', sa.Date(), nullable=True))
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('null_ballots', sa.Integer(), nullable=True))
    # The foreign key makes SQLite copy `motions`; coopdesk migrates with foreign keys off and checks them at
    # the end, so the copy does not cascade to the ballots and rolls of the motions it holds.
    with op.batch_alter_table('motions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposer_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_motions_proposer_id_members'), 'members', ['proposer_id'], ['id'],
                                    ondelete='RESTRICT')


def downgrade() -> None:
    # The older schema prints the item's proposer, derives the null ballots and dates a convocation when printed.
    with op.batch_alter_table('motions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_motions_proposer_id_members'), type_='foreignkey')
        batch_op.drop_column('proposer_id')
    op.drop_column('elections', 'null_ballots')  # in place (SQLite 3.35+), as 0004 drops its column
    op.drop_column('meetings', 'convened_on')
