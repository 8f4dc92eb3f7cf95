"""The learning survey: areas (the council edits them), waves, answers on paper (CSV) or in the member window,
and the anonymous summary (docs/cli.md, "Learning, training, workers' planning").

Answers are private to the member who gave them: the only read of single answers is `my_answers`, for the
member signed in; everyone else sees counts and means, and a group of fewer than five answers shows no mean.
The audit chain records that answers were given, never the scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound, Problem, ProblemsFound
from coopdesk.domain.learning import (
    AREA_CODE_MAX,
    AREA_NAME_MAX,
    DEFAULT_AREAS,
    SCORE_MAX,
    SCORE_MIN,
    WAVE_NAME_MAX,
    AreaResult,
    Improvement,
    area_results,
    improvements,
)
from coopdesk.domain.parsing import fold_key, parse_int
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MemberRecord, SurveyAnswerRecord, SurveyAreaRecord, SurveyWaveRecord
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.backup import backup_before
from coopdesk.services.change_log import record_change
from coopdesk.services.csv_io import Column, RowCheck, read_csv

COLUMNS = (
    Column("member_code", ("codigo", "código", "miembro"), required=True),
    Column("area", ("área",), required=True),
    Column("score", ("puntaje", "valor", "nota"), required=True),
)


@dataclass(frozen=True)
class SurveyArea:
    code: str
    name_es: str
    name_en: str
    position: int
    active: bool = True

    def name(self, lang: str) -> str:
        return self.name_en if lang.startswith("en") else self.name_es


@dataclass(frozen=True)
class SurveyWave:
    id: int
    name: str
    opened_on: date


@dataclass(frozen=True)
class AnswerImportSummary:
    created: int
    updated: int
    unchanged: int
    members: int


@dataclass(frozen=True)
class SurveySummary:
    """Every wave's counts and means per area, and the share who improved since the wave before."""

    waves: tuple[SurveyWave, ...]
    areas: tuple[SurveyArea, ...]
    results: tuple[AreaResult, ...]
    improved: tuple[Improvement, ...]

    def result(self, wave_id: int, area_code: str) -> AreaResult:
        return next((r for r in self.results if r.wave_id == wave_id and r.area_code == area_code),
                    AreaResult(wave_id, area_code, 0, None))

    def improvement(self, wave_id: int, area_code: str) -> Improvement | None:
        return next((i for i in self.improved if i.wave_id == wave_id and i.area_code == area_code), None)

    def as_dict(self) -> dict[str, object]:
        """What `survey summary --json` prints: per wave and area `n` and `mean` (null for a small group)."""
        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        waves = []
        for wave in self.waves:
            areas = []
            for area in self.areas:
                result, change = self.result(wave.id, area.code), self.improvement(wave.id, area.code)
                row: dict[str, object] = {"area": area.code, "n": result.n, "mean": number(result.mean)}
                if change is not None:
                    row["improved"] = {"n": change.n, "share": number(change.improved)}
                areas.append(row)
            waves.append({"id": wave.id, "name": wave.name, "opened_on": wave.opened_on.isoformat(), "areas": areas})
        return {"waves": waves}


def list_areas(db: Database, *, active_only: bool = False) -> list[SurveyArea]:
    with db.read() as session:
        return _areas(session, active_only=active_only)


def save_area(db: Database, *, code: str, name_es: str, name_en: str, active: bool = True) -> SurveyArea:
    """Add an area, or rename or retire one (a retired area keeps its answers and leaves the questionnaire)."""
    code, name_es, name_en = code.strip(), " ".join(name_es.split()), " ".join(name_en.split())
    if not code or len(code) > AREA_CODE_MAX or " " in code:
        raise InvalidInput(N_("An area code has 1 to %(max)d characters and no spaces."), max=AREA_CODE_MAX)
    if not name_es or not name_en or max(len(name_es), len(name_en)) > AREA_NAME_MAX:
        raise InvalidInput(N_("An area needs a Spanish and an English name of 1 to %(max)d characters."),
                           max=AREA_NAME_MAX)
    with db.write() as session:
        record = session.scalar(select(SurveyAreaRecord).where(SurveyAreaRecord.code == code))
        before = None if record is None else _area(record).__dict__
        if record is None:
            last = max(session.scalars(select(SurveyAreaRecord.position)), default=0)
            record = SurveyAreaRecord(code=code, position=last + 1)
            session.add(record)
        record.name_es, record.name_en, record.active = name_es, name_en, active
        session.flush()
        record_change(session, entity="survey_area", entity_id=code, before=before, after=_area(record).__dict__)
        return _area(record)


def add_default_areas(db: Database) -> int:
    """Put back any of the default areas that is missing (new databases have them all); returns how many."""
    with db.write() as session:
        present = set(session.scalars(select(SurveyAreaRecord.code)))
        last = max(session.scalars(select(SurveyAreaRecord.position)), default=0)
        missing = [area for area in DEFAULT_AREAS if area.code not in present]
        for offset, area in enumerate(missing, start=1):
            session.add(SurveyAreaRecord(code=area.code, name_es=area.name_es, name_en=area.name_en,
                                         position=last + offset, active=True))
        return len(missing)


def open_wave(db: Database, *, name: str, opened_on: date) -> SurveyWave:
    name = " ".join(name.split())
    if not name or len(name) > WAVE_NAME_MAX:
        raise InvalidInput(N_("A survey wave needs a name of 1 to %(max)d characters."), max=WAVE_NAME_MAX)
    with db.write() as session:
        if session.scalar(select(SurveyWaveRecord).where(SurveyWaveRecord.name == name)) is not None:
            raise InvalidInput(N_("There is a survey wave called '%(name)s' already."), name=name)
        return _wave(add_wave(session, name=name, opened_on=opened_on))


def add_wave(session: Session, *, name: str, opened_on: date) -> SurveyWaveRecord:
    """Write a checked wave, and its line in the change log."""
    record = SurveyWaveRecord(name=name, opened_on=opened_on)
    session.add(record)
    session.flush()
    record_change(session, entity="survey_wave", entity_id=record.id, before=None,
                  after={"name": name, "opened_on": opened_on.isoformat()})
    return record


def list_waves(db: Database) -> list[SurveyWave]:
    with db.read() as session:
        return _waves(session)


def import_answers(db: Database, *, wave_id: int, path: Path) -> AnswerImportSummary:
    """Every answer of the file, or — on any problem — none (ProblemsFound naming each line and column).
    A member's answer already given in this wave is replaced by the file's."""
    table = read_csv(path, COLUMNS)
    problems = list(table.problems)
    with db.write() as session:
        wave = _wave_record(session, wave_id)
        members = dict(session.execute(select(MemberRecord.code, MemberRecord.id)).all())
        areas = _area_keys(session)
        seen: dict[tuple[str, int], int] = {}
        scores: dict[tuple[int, int], int] = {}
        for line, cells in table.rows:
            row = RowCheck(line, cells, table.header)
            row.require(COLUMNS)
            code = cells["member_code"]
            if code and code not in members:
                row.bad("member_code", N_("there is no member with code %(code)s"), {"code": code})
            area_id = areas.get(fold_key(cells["area"])) if cells["area"] else None
            if cells["area"] and area_id is None:
                row.bad("area", N_("there is no survey area '%(area)s'; the areas are listed by 'survey areas'"),
                        {"area": cells["area"]})
            score = row.parsed("score", lambda text: parse_int(text, minimum=SCORE_MIN, maximum=SCORE_MAX), 0)
            if not row.problems and area_id is not None:
                key = (code, area_id)
                if key in seen:
                    row.bad("area", N_("this member's answer in this area is already on line %(other)d"),
                            {"other": seen[key]})
                else:
                    seen[key] = line
                    scores[(members[code], area_id)] = score
            problems += row.problems
        if problems:
            problems.sort(key=lambda problem: problem.line or 0)
            raise ProblemsFound(problems)
        summary = _store_answers(db, session, wave, scores)
        record_change(session, action="survey.import", entity="survey_wave", entity_id=wave.id, before=None,
                      after={"answers": len(scores), "members": summary.members})
        return summary


def my_answers(db: Database, *, member_code: str, wave_id: int) -> dict[str, int]:
    """The signed-in member's own answers in a wave (area code -> score): for that member's eyes only."""
    with db.read() as session:
        member = _member_id(session, member_code)
        rows = session.execute(
            select(SurveyAreaRecord.code, SurveyAnswerRecord.score)
            .join(SurveyAreaRecord, SurveyAreaRecord.id == SurveyAnswerRecord.area_id)
            .where(SurveyAnswerRecord.wave_id == wave_id, SurveyAnswerRecord.member_id == member))
        return dict(rows.all())


def save_my_answers(db: Database, *, member_code: str, wave_id: int, scores: Mapping[str, int]) -> int:
    """The member's answers from the member window (area code -> score); returns how many were stored."""
    problems = [Problem(N_("a score runs from %(min)d to %(max)d"), {"min": SCORE_MIN, "max": SCORE_MAX},
                        column=code) for code, score in scores.items() if not SCORE_MIN <= score <= SCORE_MAX]
    if problems:
        raise ProblemsFound(problems)
    with db.write() as session:
        wave = _wave_record(session, wave_id)
        member = _member_id(session, member_code)
        areas = {area.code: area.id for area in session.scalars(select(SurveyAreaRecord))}
        unknown = sorted(set(scores) - set(areas))
        if unknown:
            raise InvalidInput(N_("There is no survey area '%(area)s'."), area=unknown[0])
        summary = _store_answers(db, session, wave, {(member, areas[code]): s for code, s in scores.items()},
                                 backup=False)
        record_change(session, action="survey.answer", entity="survey_wave", entity_id=wave.id, before=None,
                      after={"answers": len(scores)})
        return summary.created + summary.updated + summary.unchanged


def survey_summary(db: Database) -> SurveySummary:
    """Counts and means per wave and area (none below five answers) and the share who improved."""
    with db.read() as session:
        waves = _waves(session)
        areas = _areas(session)
        code_of = dict(session.execute(select(SurveyAreaRecord.id, SurveyAreaRecord.code)).all())
        given: dict[tuple[int, str], list[int]] = defaultdict(list)
        by_member: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
        rows = session.execute(select(SurveyAnswerRecord.wave_id, SurveyAnswerRecord.area_id,
                                      SurveyAnswerRecord.member_id, SurveyAnswerRecord.score))
        for wave_id, area_id, member_id, score in rows:
            key = (wave_id, code_of[area_id])
            given[key].append(score)
            by_member[key][member_id] = score
    return SurveySummary(tuple(waves), tuple(areas), tuple(area_results(given)),
                         tuple(improvements([wave.id for wave in waves], by_member)))


def survey_report(db: Database, *, lang: str, generated_at: datetime | None = None) -> bytes:
    """The anonymous results as a PDF: per wave and area the answers, the mean (none under five) and the share
    who improved."""
    from coopdesk.reports import report_languages
    from coopdesk.reports.survey import SurveyReport
    from coopdesk.services.council import get_council

    report_languages(lang)
    return SurveyReport(council=get_council(db), lang=lang, summary=survey_summary(db),
                        generated_at=generated_at).render()


def _store_answers(db: Database, session: Session, wave: SurveyWaveRecord, scores: Mapping[tuple[int, int], int],
                   *, backup: bool = True) -> AnswerImportSummary:
    stored = {(r.member_id, r.area_id): r for r in session.scalars(
        select(SurveyAnswerRecord).where(SurveyAnswerRecord.wave_id == wave.id))}
    if scores and backup:
        backup_before(db, "import")
    created = updated = unchanged = 0
    for (member, area), score in scores.items():
        record = stored.get((member, area))
        if record is None:
            session.add(SurveyAnswerRecord(wave_id=wave.id, member_id=member, area_id=area, score=score))
            created += 1
        elif record.score != score:
            record.score = score
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return AnswerImportSummary(created, updated, unchanged, len({member for member, _area in scores}))


def _areas(session: Session, *, active_only: bool = False) -> list[SurveyArea]:
    query = select(SurveyAreaRecord).order_by(SurveyAreaRecord.position, SurveyAreaRecord.code)
    if active_only:
        query = query.where(SurveyAreaRecord.active.is_(True))
    return [_area(record) for record in session.scalars(query)]


def _area_keys(session: Session) -> dict[str, int]:
    """An area as a file may name it: its code or either name, regardless of case and accents."""
    keys: dict[str, int] = {}
    for record in session.scalars(select(SurveyAreaRecord)):
        for text in (record.name_es, record.name_en, record.code):
            keys[fold_key(text)] = record.id
    return keys


def _waves(session: Session) -> list[SurveyWave]:
    query = select(SurveyWaveRecord).order_by(SurveyWaveRecord.opened_on, SurveyWaveRecord.id)
    return [_wave(record) for record in session.scalars(query)]


def _wave_record(session: Session, wave_id: int) -> SurveyWaveRecord:
    return get_or_not_found(session, SurveyWaveRecord, wave_id, N_("There is no survey wave %(id)s."))


def _member_id(session: Session, code: str) -> int:
    member = session.scalar(select(MemberRecord.id).where(MemberRecord.code == code))
    if member is None:
        raise NotFound(N_("There is no member with code %(code)s."), code=code)
    return member


def _area(record: SurveyAreaRecord) -> SurveyArea:
    return SurveyArea(record.code, record.name_es, record.name_en, record.position, record.active)


def _wave(record: SurveyWaveRecord) -> SurveyWave:
    return SurveyWave(record.id, record.name, record.opened_on)
