"""Training history: when and how each member came to hold a skill — trainee weeks on a post, a course, or a
council grant by passed motion — and the trainee weeks each member has spent on the posts of a skill, counted
from the published rotation plans (docs/cli.md, `skills grant|history`).

A grant adds the skill to the member (the planner then lets them hold the post as a regular member); the record
keeps the date, the source and the motion. Skills a member held before this history began appear without date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.learning import SkillSource
from coopdesk.domain.members import MemberStatus, is_skill_code, normalize_skill
from coopdesk.domain.rotation import PlanState, Role
from coopdesk.i18n import N_, _, format_date, ngettext
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MemberRecord, MotionRecord, PostRecord, Skill, SkillGrantRecord
from coopdesk.services.change_log import record_change
from coopdesk.services.ledger._store import passed_motion
from coopdesk.services.members import skills_by_code
from coopdesk.services.rotation._store import assignments


@dataclass(frozen=True)
class SkillGrant:
    skill: str
    granted_on: date
    how: SkillSource
    motion_id: int | None = None
    motion_text: str | None = None


@dataclass(frozen=True)
class TraineeWeeks:
    """Weeks a member spent as a trainee on a post, in published plans."""

    post_code: str
    post_name: str
    skill: str | None
    weeks: int
    first: date
    last: date


@dataclass(frozen=True)
class SkillHistory:
    member_code: str
    full_name: str
    grants: tuple[SkillGrant, ...]
    trainee: tuple[TraineeWeeks, ...]
    undated: tuple[str, ...]  # skills held with no grant on record (from before the history)

    def as_dict(self) -> dict[str, object]:
        """What `skills history --json` prints."""
        return {
            "member_code": self.member_code, "full_name": self.full_name,
            "grants": [{"skill": g.skill, "on": g.granted_on.isoformat(), "how": g.how.value,
                        "motion_id": g.motion_id} for g in self.grants],
            "trainee_weeks": [{"post": t.post_code, "skill": t.skill, "weeks": t.weeks, "first": t.first.isoformat(),
                               "last": t.last.isoformat()} for t in self.trainee],
            "held_without_date": list(self.undated),
        }


@dataclass(frozen=True)
class Candidate:
    """A member who does not hold a skill yet, with the trainee weeks spent on its posts."""

    member_code: str
    full_name: str
    trainee_weeks: int


def grant_skill(db: Database, *, member_code: str, skill: str, granted_on: date, how: SkillSource,
                motion_id: int | None = None) -> SkillGrant:
    """Record that the member holds `skill` from `granted_on`; a council grant needs a passed motion."""
    code = normalize_skill(skill)
    if not is_skill_code(code):
        raise InvalidInput(N_("'%(value)s' is not a valid skill code"), value=skill)
    if how is SkillSource.COUNCIL and motion_id is None:
        raise InvalidInput(N_("A council grant names the passed motion that decided it (--motion)."))
    with db.write() as session:
        member = _member(session, member_code)
        motion = passed_motion(session, motion_id) if motion_id is not None else None
        record_skill = skills_by_code(session, [code])[code]
        same = session.scalar(select(SkillGrantRecord).join(Skill, Skill.id == SkillGrantRecord.skill_id).where(
            SkillGrantRecord.member_id == member.id, Skill.code == code, SkillGrantRecord.granted_on == granted_on))
        if same is not None:
            raise InvalidInput(N_("%(member)s already has a grant of %(skill)s on that day."), member=member.code,
                               skill=code)
        add_grant(session, member, record_skill, granted_on=granted_on, how=how, motion_id=motion_id)
        return SkillGrant(code, granted_on, how, motion_id, None if motion is None else motion.text)


def add_grant(session: Session, member: MemberRecord, skill: Skill, *, granted_on: date, how: SkillSource,
              motion_id: int | None = None) -> None:
    """Write a checked grant: the member holds the skill from then on, and the change log says so."""
    if skill not in member.skills:
        member.skills.append(skill)
    session.flush()
    session.add(SkillGrantRecord(member_id=member.id, skill_id=skill.id, granted_on=granted_on, how=how,
                                 motion_id=motion_id))
    session.flush()
    record_change(session, action="skills.grant", entity="member", entity_id=member.code, before=None,
                  after={"skill": skill.code, "on": granted_on.isoformat(), "how": how.value, "motion_id": motion_id})


def skill_history(db: Database, *, member_code: str) -> SkillHistory:
    with db.read() as session:
        member = _member(session, member_code)
        rows = session.execute(
            select(Skill.code, SkillGrantRecord.granted_on, SkillGrantRecord.how, SkillGrantRecord.motion_id,
                   MotionRecord.text)
            .join(Skill, Skill.id == SkillGrantRecord.skill_id)
            .outerjoin(MotionRecord, MotionRecord.id == SkillGrantRecord.motion_id)
            .where(SkillGrantRecord.member_id == member.id)
            .order_by(SkillGrantRecord.granted_on, Skill.code)).all()
        grants = tuple(SkillGrant(code, on, SkillSource(how), motion, text) for code, on, how, motion, text in rows)
        trainee = _trainee_weeks(session, member_code)
        dated = {grant.skill for grant in grants}
        undated = tuple(skill.code for skill in member.skills if skill.code not in dated)
        return SkillHistory(member.code, member.full_name, grants, trainee, undated)


def closest_to_skill(db: Database, *, skill: str, limit: int = 5) -> list[Candidate]:
    """Active workers who do not hold `skill`, most trainee weeks on its posts first (the ones to train next)."""
    with db.read() as session:
        posts = dict(session.execute(select(PostRecord.code, Skill.code).join(Skill, Skill.id == PostRecord.skill_id)
                                     .where(Skill.code == skill)).all())
        weeks: Counter[str] = Counter(row.member_code for _plan, _state, row in
                                      assignments(session, state=PlanState.PUBLISHED)
                                      if row.role is Role.TRAINEE and row.post_code in posts)
        members = session.scalars(select(MemberRecord).where(MemberRecord.status == MemberStatus.ACTIVE)).all()
        found = [Candidate(m.code, m.full_name, weeks[m.code]) for m in members
                 if weeks[m.code] and skill not in {s.code for s in m.skills}]
    found.sort(key=lambda c: (-c.trainee_weeks, c.member_code))
    return found[:limit]


def training_candidates(db: Database, *, summary: Mapping[str, object], limit: int = 5) -> dict[str, list[Candidate]]:
    """For each skill a plan's training advice names, who is closest to holding it (most trainee weeks)."""
    advice = summary.get("training") or []
    return {str(item["skill"]): closest_to_skill(db, skill=str(item["skill"]), limit=limit)
            for item in advice}  # type: ignore[union-attr]


def history_lines(history: SkillHistory) -> list[str]:
    """The history in words, oldest first (the member page shows the same lines)."""
    lines = []
    for grant in history.grants:
        line = _("%(date)s: %(skill)s, %(how)s") % {"date": format_date(grant.granted_on),
                                                    "skill": grant.skill, "how": _(grant.how.label)}
        if grant.motion_id is not None:
            line += " — " + _("motion %(id)d") % {"id": grant.motion_id}
        lines.append(line)
    for weeks in history.trainee:
        lines.append(ngettext("%(weeks)d trainee week on %(post)s (%(skill)s), %(first)s to %(last)s",
                              "%(weeks)d trainee weeks on %(post)s (%(skill)s), %(first)s to %(last)s", weeks.weeks)
                     % {"weeks": weeks.weeks, "post": weeks.post_name, "skill": weeks.skill or "—",
                        "first": format_date(weeks.first), "last": format_date(weeks.last)})
    if history.undated:
        lines.append(_("Held from before the history: %(skills)s") % {"skills": ", ".join(history.undated)})
    if not lines:
        lines.append(_("No skills or trainee weeks on record."))
    return lines


def _trainee_weeks(session: Session, member_code: str) -> tuple[TraineeWeeks, ...]:
    weeks: dict[str, list[date]] = defaultdict(list)
    for _plan, _state, row in assignments(session, state=PlanState.PUBLISHED, member_code=member_code):
        if row.role is Role.TRAINEE:
            weeks[row.post_code].append(row.week_start)
    if not weeks:
        return ()
    posts = {code: (name, skill) for code, name, skill in session.execute(
        select(PostRecord.code, PostRecord.name, Skill.code).outerjoin(Skill, Skill.id == PostRecord.skill_id)
        .where(PostRecord.code.in_(weeks)))}
    return tuple(TraineeWeeks(code, posts[code][0], posts[code][1], len(days), min(days), max(days))
                 for code, days in sorted(weeks.items(), key=lambda item: min(item[1])))


def _member(session: Session, code: str) -> MemberRecord:
    member = session.scalar(select(MemberRecord).where(MemberRecord.code == code))
    if member is None:
        raise NotFound(N_("There is no member with code %(code)s."), code=code)
    return member
