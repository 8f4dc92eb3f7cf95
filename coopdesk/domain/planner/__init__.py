"""Job rotation planner: fair weekly rosters under the rules of docs/cli.md (pure domain code).

`plan_rotation` plans; `check_week` lists the broken rules of a week's roster (to vet a manual swap);
`measure` computes the fairness figures of any set of assignments (after manual swaps, say). numpy and
scipy are imported only when planning or computing the skill-aware floors.
"""

from coopdesk.domain.planner.fairness import QUARTER_PRESENT_ENOUGH, closed_floor, measure, render_training_advice
from coopdesk.domain.planner.feasibility import PlanningImpossible, Reason, diagnose_week
from coopdesk.domain.planner.model import (
    Figures,
    MemberFigures,
    Plan,
    PlannedWeek,
    PostSpec,
    TrainingAdvice,
    WeekAssignment,
    WishesMet,
    WorkerSpec,
    wishes_met,
)
from coopdesk.domain.planner.planner import plan_rotation
from coopdesk.domain.planner.rules import check_week

__all__ = [
    "QUARTER_PRESENT_ENOUGH",
    "Figures",
    "MemberFigures",
    "Plan",
    "PlannedWeek",
    "PlanningImpossible",
    "PostSpec",
    "Reason",
    "TrainingAdvice",
    "WeekAssignment",
    "WishesMet",
    "WorkerSpec",
    "check_week",
    "closed_floor",
    "diagnose_week",
    "measure",
    "plan_rotation",
    "render_training_advice",
    "wishes_met",
]
