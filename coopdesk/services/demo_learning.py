"""The demo's learning: two rounds of the learning survey, most workers answering on paper, in which the areas the
council practises — planning the work, collective organisation, decision-making, speaking in the assembly, social
property — rise the most, as the field study found that people learn by rotating and deciding together; and a
dated training history: the first-aid course and the forklift course some workers took.

Answers are private: the survey's own rule (no mean under five answers) decides what the summary shows.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coopdesk.domain.learning import SkillSource
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.persistence.models import MemberRecord, SurveyAnswerRecord, SurveyAreaRecord
from coopdesk.services.demo_meetings import MONTHS
from coopdesk.services.skills import add_grant
from coopdesk.services.survey import add_wave

PRACTISED = frozenset({"planning", "organisation", "decision_making", "speaking", "social_property"})
FIRST_SCORES, FIRST_WEIGHTS = (1, 2, 3, 4, 5), (2, 5, 4, 2, 1)
SKIPS = 0.12  # the share of workers who hand in no paper in a round
COURSES = (("primeros_auxilios", 200), ("montacargas", 120))  # (skill, days before today the course ended)
COURSE_SIZE = 6


def add_learning(session: Session, context) -> None:  # type: ignore[no-untyped-def]
    workers = [m for m in context.members if m.body is Body.WORKER and m.status is MemberStatus.ACTIVE]
    areas = session.execute(select(SurveyAreaRecord.id, SurveyAreaRecord.code)
                            .where(SurveyAreaRecord.active).order_by(SurveyAreaRecord.position)).all()
    if len(workers) < 5 or not areas:
        return
    _survey(session, context, workers, areas)
    _courses(session, context, workers)


def _survey(session: Session, context, workers: list[MemberRecord], areas) -> None:  # type: ignore[no-untyped-def]
    """A round early in the demo's history and one a month or so ago: a worker's second answer is their first
    one, or one step up — more often in the areas the council practises."""
    rng, today = context.rng, context.today
    rounds = (max(context.starts_on + timedelta(days=45), today - timedelta(days=400)), today - timedelta(days=40))
    pairs = [(member.id, area_id, code) for member in workers for area_id, code in areas]
    start = {(member, area): rng.choices(FIRST_SCORES, FIRST_WEIGHTS)[0] for member, area, _code in pairs}
    later = {(member, area): min(5, start[(member, area)] + (rng.random() < (0.6 if code in PRACTISED else 0.2)))
             for member, area, code in pairs}
    for opened_on, scores in zip(rounds, (start, later), strict=True):
        wave = add_wave(session, name=_name(opened_on), opened_on=opened_on)
        answering = [m.id for m in workers if m.joined_on <= opened_on and rng.random() >= SKIPS]
        session.execute(insert(SurveyAnswerRecord.__table__), [
            {"wave_id": wave.id, "member_id": member_id, "area_id": area_id, "score": scores[(member_id, area_id)]}
            for member_id in answering for area_id, _code in areas])


def _name(opened_on: date) -> str:
    return f"Encuesta de {MONTHS[opened_on.month - 1]} de {opened_on.year}"


def _courses(session: Session, context, workers: list[MemberRecord]) -> None:  # type: ignore[no-untyped-def]
    """Workers who hold a skill took its course: a dated grant each, as the secretary records a certificate."""
    rng, today = context.rng, context.today
    for code, days_ago in COURSES:
        ended = today - timedelta(days=days_ago)
        holders = [m for m in workers if m.joined_on < ended and any(s.code == code for s in m.skills)]
        for member in rng.sample(holders, min(COURSE_SIZE, len(holders))):
            skill = next(s for s in member.skills if s.code == code)
            add_grant(session, member, skill, granted_on=ended, how=SkillSource.COURSE)
