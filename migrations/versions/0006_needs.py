"""needs, commitments owed by outside parties, the health-and-safety log; a follow-up action may be owed by a
party outside the council

Revision ID: 0006_needs
Revises: 0005_unit_kind
Create Date: 2026-12-07 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_needs'
down_revision: str | None = '0005_unit_kind'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _length(table: str, column: str, length: int) -> sa.CheckConstraint:
    return sa.CheckConstraint(f'length({column}) <= {length}', name=op.f(f'ck_{table}_{column}_length'))


def _kind(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('kind', _kind('injury', 'illness', 'near_miss', 'hazard', name='kind'), nullable=False),
    sa.Column('what', sa.String(length=1000), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('actions', sa.String(length=2000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _length('incidents', 'what', 1000),
    _length('incidents', 'actions', 2000),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_incidents_member_id_members'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_occurred_on'), ['occurred_on'], unique=False)

    op.create_table('needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', _kind('personal', 'family', 'community', name='kind'), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.String(length=2000), nullable=False),
    sa.Column('private', sa.Boolean(), nullable=False),
    sa.Column('consent_to_name', sa.Boolean(), nullable=False),
    sa.Column('state', _kind('open', 'raised', 'decided', 'met', name='state'), nullable=False),
    sa.Column('raised_in_id', sa.Integer(), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('how', sa.String(length=1000), nullable=False),
    sa.Column('evidence', sa.String(length=1000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind = 'community' OR member_id IS NOT NULL", name=op.f('ck_needs_member_unless_community')),
    sa.CheckConstraint("(state = 'met') = (met_on IS NOT NULL)", name=op.f('ck_needs_met_on_iff_met')),
    _length('needs', 'title', 200),
    _length('needs', 'detail', 2000),
    _length('needs', 'how', 1000),
    _length('needs', 'evidence', 1000),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_needs_member_id_members'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['raised_in_id'], ['meetings.id'], name=op.f('fk_needs_raised_in_id_meetings'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'],
                            name=op.f('fk_needs_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_needs_decision_id_decisions'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_needs_incident_id_incidents'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_needs_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_state'), ['state'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owed_by', sa.String(length=200), nullable=False),
    sa.Column('what', sa.String(length=1000), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('state', _kind('pending', 'done', name='state'), nullable=False),
    sa.Column('evidence', sa.String(length=1000), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(state = 'done') = (done_on IS NOT NULL)", name=op.f('ck_commitments_done_on_iff_done')),
    _length('commitments', 'owed_by', 200),
    _length('commitments', 'what', 1000),
    _length('commitments', 'evidence', 1000),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_commitments_decision_id_decisions'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_commitments_need_id_needs'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_commitments_incident_id_incidents'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_due'), ['due'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_state'), ['state'], unique=False)

    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owed_by', sa.String(length=200), nullable=True))
        batch_op.create_check_constraint(op.f('ck_follow_up_actions_owed_by_length'), 'length(owed_by) <= 200')


def downgrade() -> None:
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_follow_up_actions_owed_by_length'), type_='check')
        batch_op.drop_column('owed_by')
    op.drop_table('commitments')
    op.drop_table('needs')
    op.drop_table('incidents')
