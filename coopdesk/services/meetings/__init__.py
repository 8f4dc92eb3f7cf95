"""Assemblies as use cases: convocation and agenda, roll call, motions and elections, minutes, decisions and
their follow-up, closing, approval (the lock) and errata, the meeting JSON import, and the PDFs.

Every function here is one user action (one unit of work) returning frozen DTOs (`dto.py`); the modules:
`lifecycle` (create → convene → open → close → approve, errata), `agenda` (items, minutes), `attendance`
(marks, proxies, arrivals and departures, live counters), `voting` (motions), `elections`, `follow_up`
(decisions and actions), `importing` (docs/cli.md's JSON), `output` (`meeting show`), `printing` (PDFs),
`locking` (record hashes, audit events and the check `verify` runs).
"""

from coopdesk.domain.meeting_record import (
    ActionDetail,
    ApprovalDetail,
    AttendanceLine,
    Ballot,
    BodyVote,
    CandidateLine,
    DecisionDetail,
    ElectionDetail,
    ErratumDetail,
    ItemDetail,
    MeetingDetail,
    MeetingDraft,
    MeetingSummary,
    MotionDetail,
    MotionTally,
    PendingAction,
    Person,
    RollCounters,
    RollView,
)
from coopdesk.services.meetings.agenda import add_item, remove_item, reorder_items, save_minutes, update_item
from coopdesk.services.meetings.attendance import mark_attendance, meeting_roll, record_departure, roll_counters
from coopdesk.services.meetings.elections import (
    add_election,
    close_election,
    record_election_votes,
    remove_election,
    start_runoff,
    update_election,
)
from coopdesk.services.meetings.follow_up import (
    add_action,
    add_decision,
    open_actions,
    remove_decision,
    set_action_status,
    update_action,
    update_decision,
)
from coopdesk.services.meetings.importing import import_meeting, import_meeting_file, read_meeting_file
from coopdesk.services.meetings.lifecycle import (
    add_erratum,
    approve_by_motion,
    approve_by_signatures,
    close_meeting,
    convene_meeting,
    create_meeting,
    delete_meeting,
    list_meetings,
    meeting_detail,
    minutes_awaiting_approval,
    open_meeting,
    update_meeting,
)
from coopdesk.services.meetings.locking import locked_record_problems
from coopdesk.services.meetings.output import meeting_json, meeting_lines
from coopdesk.services.meetings.printing import assembly_report, ballots_report, convocation_report
from coopdesk.services.meetings.voting import (
    add_motion,
    close_motion,
    motion_detail,
    motion_tally,
    record_ballot,
    record_body_counts,
    record_counts,
    remove_motion,
    update_motion,
)

__all__ = [
    "ActionDetail", "ApprovalDetail", "AttendanceLine", "Ballot", "BodyVote", "CandidateLine", "DecisionDetail",
    "ElectionDetail", "ErratumDetail", "ItemDetail", "MeetingDetail", "MeetingDraft", "MeetingSummary",
    "MotionDetail", "MotionTally", "PendingAction", "Person", "RollCounters", "RollView", "add_action",
    "add_decision", "add_election", "add_erratum", "add_item", "add_motion", "approve_by_motion",
    "approve_by_signatures", "assembly_report", "ballots_report", "close_election", "close_meeting", "close_motion",
    "convene_meeting", "convocation_report", "create_meeting", "delete_meeting", "import_meeting",
    "import_meeting_file", "list_meetings", "locked_record_problems", "mark_attendance", "meeting_detail",
    "meeting_json", "meeting_lines", "meeting_roll", "minutes_awaiting_approval", "motion_detail", "motion_tally",
    "open_actions", "open_meeting", "read_meeting_file", "record_ballot", "record_body_counts", "record_counts",
    "record_departure", "record_election_votes", "remove_decision", "remove_election", "remove_item", "remove_motion",
    "reorder_items", "roll_counters", "save_minutes", "set_action_status", "start_runoff", "update_action",
    "update_decision", "update_election", "update_item", "update_meeting", "update_motion",
]
