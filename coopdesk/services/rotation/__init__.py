"""Job rotation as use cases: posts and leave (editor and CSV), planning and publishing, manual swaps checked
against the rules, the roster grid, a member's next weeks, the export, the iCalendar file and the roster PDF.

Each function is one user action (one unit of work) returning frozen DTOs (`dto.py`). Modules: `posts`,
`leave`, `planning` (plan, publish, plans, fairness), `swaps`, `views` (grid, member view, export, ics),
`figures` (the fairness report in words), `printing` (PDF), `integrity` (the check `verify` runs).
"""

from coopdesk.services.rotation.dto import (
    FairnessView,
    FigureLine,
    Leave,
    LeaveConflict,
    LeaveImportSummary,
    MemberSchedule,
    MemberWeek,
    PlanInfo,
    PlanOutcome,
    Post,
    PostDraft,
    PostImportSummary,
    PostInfo,
    RosterEntry,
    RosterGrid,
    RosterWeek,
    SwapOutcome,
    validate_post,
)
from coopdesk.services.rotation.figures import figure_lines, member_header, member_rows, training_lines
from coopdesk.services.rotation.leave import add_leave, import_leave, leave_conflicts, list_leave, remove_leave
from coopdesk.services.rotation.planning import (
    get_plan,
    list_plans,
    plan_fairness,
    plan_rotation,
    publish_plan,
)
from coopdesk.services.rotation.posts import (
    create_post,
    export_posts,
    get_post,
    import_posts,
    list_posts,
    skill_codes,
    update_post,
)
from coopdesk.services.rotation.printing import roster_report
from coopdesk.services.rotation.swaps import check_swap, swap_members
from coopdesk.services.rotation.views import (
    export_rotation,
    member_calendar,
    member_schedule,
    roster_grid,
    rotation_people,
    write_member_calendar,
)

__all__ = [
    "FairnessView", "FigureLine", "Leave", "LeaveConflict", "LeaveImportSummary", "MemberSchedule", "MemberWeek",
    "PlanInfo", "PlanOutcome", "Post", "PostDraft", "PostImportSummary", "PostInfo", "RosterEntry", "RosterGrid",
    "RosterWeek", "SwapOutcome", "add_leave", "check_swap", "create_post", "export_posts", "export_rotation",
    "figure_lines", "get_plan", "get_post", "import_leave", "import_posts", "leave_conflicts", "list_leave",
    "list_plans", "list_posts", "member_calendar", "member_header", "member_rows", "member_schedule",
    "plan_fairness", "plan_rotation", "publish_plan", "remove_leave", "roster_grid", "roster_report",
    "rotation_people", "skill_codes", "swap_members", "training_lines", "update_post", "validate_post",
    "write_member_calendar",
]
