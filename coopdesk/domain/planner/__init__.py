"""Job rotation planner: fair weekly rosters under the rules of CONTRACT.md (pure domain code).

`plan_rotation` plans; `measure` computes the fairness figures of any set of assignments (after manual
swaps, say); both need numpy and scipy only when called.
"""

from coopdesk.domain.planner.fairness import closed_floor, measure, render_training_advice
from coopdesk.domain.planner.feasibility import PlanningImpossible, Reason, diagnose_week
from coopdesk.domain.planner.model import (
    Figures,
    MemberFigures,
    Plan,
    PlannedWeek,
    PostSpec,
    TrainingAdvice,
    WeekAssignment,
    WorkerSpec,
)
from coopdesk.domain.planner.planner import plan_rotation

__all__ = [
    "Figures",
    "MemberFigures",
    "Plan",
    "PlannedWeek",
    "PlanningImpossible",
    "PostSpec",
    "Reason",
    "TrainingAdvice",
    "WeekAssignment",
    "WorkerSpec",
    "closed_floor",
    "diagnose_week",
    "measure",
    "plan_rotation",
    "render_training_advice",
]
