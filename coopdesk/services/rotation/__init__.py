"""Job rotation as use cases: posts and leave (editor and CSV), planning and publishing, manual swaps and releases
checked against the rules, the roster grid, a member's next weeks, the export, the iCalendar file and the roster PDF.

Each function is one user action (one unit of work) returning frozen DTOs (`dto.py`). Modules: `posts`,
`leave`, `planning` (plan, publish, plans, fairness), `swaps`, `views` (grid, member view, export, ics),
`figures` (the fairness report in words), `printing` (PDF), `integrity` (the check `verify` runs).
Names are loaded on first use: `verify` (run at every start) imports `integrity` alone.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "dto": ("FairnessView", "FigureLine", "Leave", "LeaveConflict", "LeaveImportSummary", "MemberSchedule",
            "MemberWeek", "PlanInfo", "PlanOutcome", "Post", "PostDraft", "PostImportSummary", "PostInfo",
            "ReleaseOutcome", "RosterEntry", "RosterGrid", "RosterWeek", "SwapOutcome", "validate_post"),
    "figures": ("figure_lines", "member_header", "member_rows", "training_lines"),
    "leave": ("add_leave", "import_leave", "leave_conflicts", "list_leave", "remove_leave"),
    "planning": ("discard_plan", "get_plan", "list_plans", "plan_fairness", "plan_rotation", "publish_plan"),
    "posts": ("create_post", "export_posts", "get_post", "import_posts", "list_posts", "skill_codes", "update_post"),
    "printing": ("roster_report",),
    "swaps": ("check_release", "check_swap", "release_member", "swap_members"),
    "wishes": ("import_wishes", "list_wishes"),
    "tasks": ("import_tasks", "set_task", "task_line"),
    "views": ("export_rotation", "member_calendar", "member_schedule", "roster_grid", "rotation_people",
              "write_member_calendar"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
