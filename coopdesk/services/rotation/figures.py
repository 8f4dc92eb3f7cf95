"""The fairness report in words: each figure beside its floor, the per-member rows, the training advice.

Works from the stored form (`Figures.as_dict()`, kept on the plan) so that the CLI right after planning and
the GUI reading a plan months later say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coopdesk.domain.planner import QUARTER_PRESENT_ENOUGH, MemberFigures, TrainingAdvice, render_training_advice
from coopdesk.domain.rotation import CATEGORIES
from coopdesk.i18n import N_, Translator, current
from coopdesk.services.rotation.dto import FigureLine

LABELS = {
    "category": N_("Largest gap from a fair share of a category (weeks)"),
    "burden": N_("Largest gap from a fair share of burden (points)"),
    "burden_spread": N_("Spread of the average burden per week (members with 12 weeks or more)"),
    "admin_spread": N_("Spread of the share of administrative weeks (members with 12 weeks or more)"),
    "never": N_("Members with 12 weeks or more who missed a category"),
    "quarter": N_("Categories missed in a quarter by members present %(weeks)d weeks or more of it"),
    "repeats": N_("Times someone held the same post two weeks running"),
    "variety": N_("Distinct posts per member (mean / fewest)"),
    "variety_short": N_("Members with fewer distinct posts than their weeks allow"),
    "trainees": N_("Trainee weeks"),
}


def _number(value: object, tr: Translator, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return tr.number(value)
    return tr.figure(float(value), digits=digits)  # type: ignore[arg-type]


def figure_lines(summary: Mapping[str, object], translator: Translator | None = None) -> list[FigureLine]:
    """Each figure of a plan beside the least any plan could reach (the skill-aware floor when known)."""
    tr = translator or current()
    t = tr.gettext

    def floor(skill_key: str, closed_key: str) -> object:
        value = summary.get(skill_key)
        return summary.get(closed_key) if value is None else value

    return [
        FigureLine(t(LABELS["category"]), _number(summary.get("max_category_deviation"), tr),
                   _number(floor("skill_floor", "deviation_floor"), tr)),
        FigureLine(t(LABELS["burden"]), _number(summary.get("max_burden_deviation"), tr),
                   _number(floor("burden_skill_floor", "burden_floor"), tr)),
        FigureLine(t(LABELS["burden_spread"]), _number(summary.get("burden_spread"), tr)),
        FigureLine(t(LABELS["admin_spread"]), _number(summary.get("admin_share_spread"), tr)),
        FigureLine(t(LABELS["never"]), _number(summary.get("never_did_a_category", 0), tr), _number(0, tr)),
        FigureLine(t(LABELS["quarter"]) % {"weeks": QUARTER_PRESENT_ENOUGH},
                   _number(summary.get("quarter_misses"), tr), _number(0, tr)),
        FigureLine(t(LABELS["repeats"]), _number(summary.get("consecutive_repeats", 0), tr)),
        FigureLine(t(LABELS["variety"]), f"{_number(summary.get('variety'), tr)} / "
                                         f"{_number(summary.get('variety_min', 0), tr)}"),
        FigureLine(t(LABELS["variety_short"]), _number(summary.get("variety_short", 0), tr)),
        FigureLine(t(LABELS["trainees"]), _number(summary.get("trainee_weeks", 0), tr)),
    ]


def training_lines(summary: Mapping[str, object], translator: Translator | None = None) -> list[str]:
    """"Train 3 more members in contabilidad: …" — when few holders of a skill force the inequality."""
    advice = summary.get("training") or []
    return [render_training_advice(TrainingAdvice(skill=str(item["skill"]), members=int(item["members"]),
                                                  before=float(item["before"]), after=float(item["after"])),
                                   translator)
            for item in advice]  # type: ignore[union-attr]


def member_header(translator: Translator | None = None) -> list[str]:
    t = (translator or current()).gettext
    return [t(N_("Code")), t(N_("Name")), t(N_("Weeks")),
            *(t(category.label) for category in CATEGORIES),
            t(N_("Burden")), t(N_("Trainee")), t(N_("Posts"))]


def member_rows(per_member: Sequence[MemberFigures], names: Mapping[str, str],
                translator: Translator | None = None) -> list[list[str]]:
    """Per member: weeks, weeks in each category with the fair share in brackets, average burden per week,
    trainee weeks and distinct posts."""
    tr = translator or current()
    rows = []
    for member in per_member:
        shares = [f"{tr.number(member.category_weeks[c])} ({_number(member.fair_share[c], tr, 1)})"
                  for c in CATEGORIES]
        rows.append([member.member_code, names.get(member.member_code, ""), tr.number(member.weeks), *shares,
                     _number(member.average_burden, tr), tr.number(member.trainee_weeks),
                     tr.number(member.distinct_posts)])
    return rows
