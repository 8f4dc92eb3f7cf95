"""learning over time and workers' own planning: survey areas (with the default list), waves and answers; dated
skill grants; rotation wishes; weekly tasks per post; the council's plans-need-a-decision setting and the motion
that decided a plan (in a table of its own, so that no parent table is copied)

Revision ID: 0007_learning
Revises: 0006_needs
Create Date: 2026-12-07 11:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_learning'
down_revision: str | None = '0006_needs'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The default areas as this revision seeds them (kept here, not imported: a revision must not change later).
DEFAULT_AREAS = (
    ("own_needs", "Conocimiento de las necesidades propias", "Knowledge of one's own needs"),
    ("organisation", "Organización colectiva", "Collective organisation"),
    ("planning", "Planificación del trabajo", "Planning the work"),
    ("decision_making", "Toma de decisiones", "Decision-making"),
    ("cooperation", "Cooperación y trabajo en equipo", "Cooperation and teamwork"),
    ("administration", "Administración y contabilidad", "Administration and accounts"),
    ("production", "El proceso productivo", "The production process"),
    ("health_safety", "Salud y seguridad laboral", "Health and safety at work"),
    ("community", "Relación con la comunidad", "Community relations"),
    ("rights_laws", "Derechos y leyes", "Rights and laws"),
    ("technical", "Destrezas técnicas", "Technical skills"),
    ("speaking", "Expresarse en asamblea", "Speaking in the assembly"),
    ("conflicts", "Resolución de conflictos", "Resolving conflicts"),
    ("social_property", "Propiedad social y cogestión", "Social property and co-management"),
)


def upgrade() -> None:
    areas = op.create_table('survey_areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_es', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length(code) <= 40', name=op.f('ck_survey_areas_code_length')),
    sa.CheckConstraint('length(name_en) <= 120', name=op.f('ck_survey_areas_name_en_length')),
    sa.CheckConstraint('length(name_es) <= 120', name=op.f('ck_survey_areas_name_es_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_areas')),
    sa.UniqueConstraint('code', name=op.f('uq_survey_areas_code'))
    )
    op.bulk_insert(areas, [{"code": code, "name_es": es, "name_en": en, "position": i + 1, "active": True}
                           for i, (code, es, en) in enumerate(DEFAULT_AREAS)])
    op.create_table('survey_waves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(name) <= 100', name=op.f('ck_survey_waves_name_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_waves')),
    sa.UniqueConstraint('name', name=op.f('uq_survey_waves_name'))
    )
    op.create_table('survey_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_survey_answers_score_range')),
    sa.ForeignKeyConstraint(['area_id'], ['survey_areas.id'], name=op.f('fk_survey_answers_area_id_survey_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_survey_answers_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wave_id'], ['survey_waves.id'], name=op.f('fk_survey_answers_wave_id_survey_waves'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers')),
    sa.UniqueConstraint('wave_id', 'member_id', 'area_id', name=op.f('uq_survey_answers_wave_id_member_id_area_id'))
    )
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answers_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_answers_wave_id'), ['wave_id'], unique=False)

    op.create_table('skill_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('how', sa.Enum('trainee', 'course', 'council', name='how', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('motion_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("how <> 'council' OR motion_id IS NOT NULL", name=op.f('ck_skill_grants_council_needs_motion')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_skill_grants_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['motion_id'], ['motions.id'], name=op.f('fk_skill_grants_motion_id_motions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_skill_grants_skill_id_skills'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_grants')),
    sa.UniqueConstraint('member_id', 'skill_id', 'granted_on', name=op.f('uq_skill_grants_member_id_skill_id_granted_on'))
    )
    with op.batch_alter_table('skill_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skill_grants_member_id'), ['member_id'], unique=False)

    op.create_table('rotation_wishes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('wish', sa.Enum('learn', 'avoid', name='wish', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.CheckConstraint('length(reason) <= 300', name=op.f('ck_rotation_wishes_reason_length')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_rotation_wishes_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_rotation_wishes_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rotation_wishes')),
    sa.UniqueConstraint('member_id', 'post_id', name=op.f('uq_rotation_wishes_member_id_post_id'))
    )
    with op.batch_alter_table('rotation_wishes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rotation_wishes_member_id'), ['member_id'], unique=False)

    op.create_table('rotation_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('task', sa.String(length=1000), nullable=False),
    sa.CheckConstraint('length(task) <= 1000', name=op.f('ck_rotation_tasks_task_length')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_rotation_tasks_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rotation_tasks')),
    sa.UniqueConstraint('week_start', 'post_id', name=op.f('uq_rotation_tasks_week_start_post_id'))
    )
    with op.batch_alter_table('rotation_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rotation_tasks_week_start'), ['week_start'], unique=False)

    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        # empty until the council says: then an SPU's plans need a decision and a cooperative's do not
        batch_op.add_column(sa.Column('plans_need_decision', sa.Boolean(), nullable=True))
    op.create_table('rotation_plan_decisions',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['motion_id'], ['motions.id'], name=op.f('fk_rotation_plan_decisions_motion_id_motions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['rotation_plans.id'], name=op.f('fk_rotation_plan_decisions_plan_id_rotation_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', name=op.f('pk_rotation_plan_decisions'))
    )
    with op.batch_alter_table('rotation_plan_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rotation_plan_decisions_motion_id'), ['motion_id'], unique=False)


def downgrade() -> None:
    # The older schema keeps no learning records, wishes, tasks or plan decisions; they go with their tables.
    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.drop_column('plans_need_decision')
    for table, indexes in (('rotation_plan_decisions', ('ix_rotation_plan_decisions_motion_id',)),
                           ('rotation_tasks', ('ix_rotation_tasks_week_start',)),
                           ('rotation_wishes', ('ix_rotation_wishes_member_id',)),
                           ('skill_grants', ('ix_skill_grants_member_id',)),
                           ('survey_answers', ('ix_survey_answers_wave_id', 'ix_survey_answers_member_id'))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(index)
        op.drop_table(table)
    op.drop_table('survey_waves')
    op.drop_table('survey_areas')
