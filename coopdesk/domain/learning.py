"""Learning over time and workers' own planning: the survey's vocabulary and arithmetic, skill sources, wishes.

The survey is anonymous in aggregate: a group of fewer than `MIN_GROUP` answers shows its count and no mean,
so that nobody's score can be read off a small group. Means are rounded half-up to two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import pairwise

from coopdesk.i18n import N_

SCORE_MIN, SCORE_MAX = 1, 5
MIN_GROUP = 5  # fewer answers than this in a group: no mean is shown
AREA_CODE_MAX = 40
AREA_NAME_MAX = 120
WAVE_NAME_MAX = 100
WISH_REASON_MAX = 300
TASK_MAX = 1000
CENT = Decimal("0.01")


class SkillSource(StrEnum):
    """How a member came to hold a skill."""

    TRAINEE = "trainee"
    COURSE = "course"
    COUNCIL = "council"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


class Wish(StrEnum):
    LEARN = "learn"
    AVOID = "avoid"

    @property
    def label(self) -> str:
        return WISH_LABELS[self]


SOURCE_LABELS = {SkillSource.TRAINEE: N_("trainee weeks"), SkillSource.COURSE: N_("course"),
                 SkillSource.COUNCIL: N_("council grant")}
WISH_LABELS = {Wish.LEARN: N_("learn"), Wish.AVOID: N_("avoid")}


@dataclass(frozen=True)
class DefaultArea:
    code: str
    name_es: str
    name_en: str


# The default list, drawn from the themes of the field study on informal learning in the councils; the council
# edits it (the names are data, in both languages, not catalog strings).
DEFAULT_AREAS: tuple[DefaultArea, ...] = (
    DefaultArea("own_needs", "Conocimiento de las necesidades propias", "Knowledge of one's own needs"),
    DefaultArea("organisation", "Organización colectiva", "Collective organisation"),
    DefaultArea("planning", "Planificación del trabajo", "Planning the work"),
    DefaultArea("decision_making", "Toma de decisiones", "Decision-making"),
    DefaultArea("cooperation", "Cooperación y trabajo en equipo", "Cooperation and teamwork"),
    DefaultArea("administration", "Administración y contabilidad", "Administration and accounts"),
    DefaultArea("production", "El proceso productivo", "The production process"),
    DefaultArea("health_safety", "Salud y seguridad laboral", "Health and safety at work"),
    DefaultArea("community", "Relación con la comunidad", "Community relations"),
    DefaultArea("rights_laws", "Derechos y leyes", "Rights and laws"),
    DefaultArea("technical", "Destrezas técnicas", "Technical skills"),
    DefaultArea("speaking", "Expresarse en asamblea", "Speaking in the assembly"),
    DefaultArea("conflicts", "Resolución de conflictos", "Resolving conflicts"),
    DefaultArea("social_property", "Propiedad social y cogestión", "Social property and co-management"),
)


@dataclass(frozen=True)
class AreaResult:
    """One wave's answers in one area: `mean` is None for a group smaller than MIN_GROUP."""

    wave_id: int
    area_code: str
    n: int
    mean: Decimal | None


@dataclass(frozen=True)
class Improvement:
    """Between a wave and the one before, in one area: of the `n` members who answered both, the share whose
    score rose (None for fewer than MIN_GROUP such members)."""

    wave_id: int
    area_code: str
    n: int
    improved: Decimal | None


def area_results(scores: Mapping[tuple[int, str], Sequence[int]]) -> list[AreaResult]:
    """(wave id, area code) -> the scores given; each group's count and mean (suppressed when small)."""
    return [AreaResult(wave, area, len(given), _mean(given)) for (wave, area), given in scores.items()]


def improvements(waves: Sequence[int], by_member: Mapping[tuple[int, str], Mapping[int, int]]
                 ) -> list[Improvement]:
    """For each wave after the first (in `waves` order) and area, the share of members whose score rose since
    the previous wave. `by_member`: (wave id, area code) -> member id -> score."""
    found = []
    areas = sorted({area for _wave, area in by_member})
    for earlier, later in pairwise(waves):
        for area in areas:
            before, after = by_member.get((earlier, area), {}), by_member.get((later, area), {})
            both = before.keys() & after.keys()
            rose = sum(after[m] > before[m] for m in both)
            share = (Decimal(rose) / len(both)).quantize(CENT, ROUND_HALF_UP) if len(both) >= MIN_GROUP else None
            found.append(Improvement(later, area, len(both), share))
    return found


def _mean(scores: Iterable[int]) -> Decimal | None:
    given = list(scores)
    if len(given) < MIN_GROUP:
        return None
    return (Decimal(sum(given)) / len(given)).quantize(CENT, ROUND_HALF_UP)
