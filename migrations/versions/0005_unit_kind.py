"""the unit's kind (SPU or cooperative), who pays each social fund, and fund entries without a member

Ledger entries may now have no member (what management deposits into a fund) and may cite the passed motion
that decided them (a payout from a fund). Existing councils stay cooperatives and their funds stay paid by the
workers, so nothing already posted changes.

Revision ID: 0005_unit_kind
Revises: 0004_actual_start
Create Date: 2026-12-07 11:00:22.952859
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_unit_kind'
down_revision: str | None = '0004_actual_start'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _restore_sqlite_guards() -> None:
    """SQLite copies a table to alter it, and the copy has no triggers: posted entries stay append-only."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS ledger_entries_no_{event.lower()}")
        op.execute(f"CREATE TRIGGER ledger_entries_no_{event.lower()} BEFORE {event} ON ledger_entries "
                   "BEGIN SELECT RAISE(ABORT, 'ledger_entries rows are append-only'); END")


def _drop_sqlite_guards() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS ledger_entries_no_{event}")


def upgrade() -> None:
    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('spu', 'cooperative', name='unit_kind', native_enum=False, create_constraint=True), server_default='cooperative', nullable=False))

    with op.batch_alter_table('funds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paid_by', sa.Enum('workers', 'management', name='fund_payer', native_enum=False, create_constraint=True), server_default='workers', nullable=False))

    _drop_sqlite_guards()
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('motion_id', sa.Integer(), nullable=True))
        batch_op.alter_column('member_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entries_motion_id_motions'), 'motions', ['motion_id'], ['id'], ondelete='RESTRICT')
    _restore_sqlite_guards()


def downgrade() -> None:
    # The older schema cannot hold the fund entries of this revision (owed, deposits, payouts — a deposit has no
    # member): they go, with their reversals; the audit events keep the record of them.
    _drop_sqlite_guards()
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only")
    fund_entries = ("SELECT id FROM ledger_entries WHERE member_id IS NULL OR kind LIKE 'owed:%'"
                    " OR kind LIKE 'deposit:%' OR kind LIKE 'payout:%'")
    op.execute(f"DELETE FROM ledger_entries WHERE reverses_id IN ({fund_entries})")
    op.execute(f"DELETE FROM ledger_entries WHERE id IN ({fund_entries})")
    if postgresql:
        op.execute("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only")
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ledger_entries_motion_id_motions'), type_='foreignkey')
        batch_op.alter_column('member_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('motion_id')
    _restore_sqlite_guards()

    with op.batch_alter_table('funds', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_funds_fund_payer'), type_='check')
        batch_op.drop_column('paid_by')

    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_council_settings_unit_kind'), type_='check')
        batch_op.drop_column('kind')
