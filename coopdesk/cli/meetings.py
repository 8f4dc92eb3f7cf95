"""Assemblies at the command line: `meeting import FILE.json`, `meeting show ID [--json]`, and the reports
`assembly ID` (the acta), `convocation ID` and `ballots ID [--election]` (numbered secret-ballot papers)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coopdesk import i18n
from coopdesk.cli.common import add_output, open_db, out, positive, write_output
from coopdesk.i18n import _


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    meeting = commands.add_parser("meeting", help=_("record a meeting from JSON, or show one"))
    actions = meeting.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    record = actions.add_parser("import", help=_("record a meeting held elsewhere, from the JSON form; prints its id"))
    record.add_argument("file", type=Path, metavar=_("FILE.json"))
    show = actions.add_parser("show", help=_("the meeting with its quorum and each motion's result"))
    show.add_argument("id", type=positive, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("as JSON on standard output"))

    assembly = reports.add_parser("assembly", help=_("the minutes (acta) of a meeting"))
    assembly.add_argument("id", type=positive, metavar="ID")
    add_output(assembly)
    convocation = reports.add_parser("convocation", help=_("the convocation of a meeting, with its agenda"))
    convocation.add_argument("id", type=positive, metavar="ID")
    add_output(convocation)
    ballots = reports.add_parser("ballots", help=_("numbered secret-ballot papers for a motion or an election"))
    ballots.add_argument("id", type=positive, metavar="MOTION_ID")
    ballots.add_argument("--election", action="store_true", help=_("the id is an election's, not a motion's"))
    add_output(ballots)


def _meeting(args: argparse.Namespace) -> int:
    from coopdesk.services import meetings
    from coopdesk.services.meetings.output import quorum_sentence

    db = open_db(args)
    try:
        if args.action == "import":
            meeting_id = meetings.import_meeting_file(db, path=args.file)
            detail = meetings.meeting_detail(db, meeting_id)
        else:
            detail = meetings.meeting_detail(db, args.id)
        adopted = _plans_adopted(db, detail)
    finally:
        db.dispose()
    if args.action == "import":
        out(_("Meeting recorded: %(title)s, %(motions)d motions; %(quorum)s") % {
            "title": detail.title, "motions": len(detail.motions),
            "quorum": quorum_sentence(detail.counters)})
        out(str(detail.id))
    elif args.json:
        shown = meetings.meeting_json(detail)
        for motion in shown["motions"]:
            if motion["id"] in adopted:
                motion["rotation_plan"] = adopted[motion["id"]]
        out(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        for line in meetings.meeting_lines(detail):
            out(line)
        for motion_id, plan_id in sorted(adopted.items()):
            out(_("Motion %(motion)d adopted rotation plan %(plan)d.") % {"motion": motion_id, "plan": plan_id})
    return 0


def _plans_adopted(db, detail) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Motion id -> the rotation plan it adopted (a plan and its motion show each other)."""
    from coopdesk.services.rotation.decisions import plans_by_motion

    ids = [motion.id for item in detail.items for motion in item.motions]
    return {motion: decision.plan_id for motion, decision in plans_by_motion(db, motion_ids=ids).items()}


def _report(args: argparse.Namespace) -> int:
    from coopdesk.services import meetings

    lang = args.lang or i18n.current_language()
    db = open_db(args)
    try:
        if args.kind == "assembly":
            pdf = meetings.assembly_report(db, meeting_id=args.id, lang=lang)
        elif args.kind == "convocation":
            pdf = meetings.convocation_report(db, meeting_id=args.id, lang=lang)
        elif args.election:
            pdf = meetings.ballots_report(db, election_id=args.id, lang=lang)
        else:
            pdf = meetings.ballots_report(db, motion_id=args.id, lang=lang)
    finally:
        db.dispose()
    write_output(args.output, pdf)
    return 0


COMMANDS = {"meeting": _meeting}
REPORTS = {"assembly": _report, "convocation": _report, "ballots": _report}
