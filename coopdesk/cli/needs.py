"""Needs, commitments and incidents at the command line (docs/cli.md, "Needs, commitments, incidents"), and
the reports `letter COMMITMENT_ID` and `needs --year Y`.

A private need of another member, and who an incident affected, are shown only to those allowed: nobody
signed in on a database that has users sees `member: null`; a reading command given `--user` shows what that
user's role may see.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from coopdesk import i18n
from coopdesk.cli.common import add_output, date_value, open_db, out, positive, write_output, year
from coopdesk.domain.money import format_amount_plain
from coopdesk.domain.needs import FUND_ID_PREFIX, Commitment, Incident, IncidentKind, Need, NeedKind
from coopdesk.i18n import _, ngettext


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    needs = commands.add_parser("needs", help=_("personal, family and community needs brought to the council"))
    actions = needs.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("record a need; prints its id"))
    add.add_argument("--kind", required=True, choices=[kind.value for kind in NeedKind])
    add.add_argument("--member", metavar=_("CODE"), help=_("the member whose need it is (none: the community)"))
    add.add_argument("--title", required=True, metavar=_("TEXT"))
    add.add_argument("--detail", default="", metavar=_("TEXT"))
    add.add_argument("--private", action="store_true",
                     help=_("only the member, secretaries and administrators see who it is"))
    add.add_argument("--named", action="store_true", help=_("the member agrees to be named in reports"))
    add.add_argument("--incident", type=positive, metavar="ID", help=_("the incident that raised it"))
    listing = actions.add_parser("list", help=_("the needs, oldest first"))
    listing.add_argument("--open", action="store_true", help=_("only those not yet met"))
    listing.add_argument("--json", action="store_true", help=_("as JSON on standard output"))
    raising = actions.add_parser("raise", help=_("bring a need to a meeting (adds an agenda item)"))
    raising.add_argument("id", type=positive, metavar="ID")
    raising.add_argument("--meeting", type=positive, required=True, metavar="MEETING_ID")
    decide = actions.add_parser("decide", help=_("link a raised need to the decision taken on it"))
    decide.add_argument("id", type=positive, metavar="ID")
    decide.add_argument("--decision", type=positive, required=True, metavar="DECISION_ID")
    met = actions.add_parser("met", help=_("record that a need was met"))
    met.add_argument("id", type=positive, metavar="ID")
    met.add_argument("--on", type=date_value, required=True, metavar=_("DATE"))
    met.add_argument("--how", required=True, metavar=_("TEXT"))
    met.add_argument("--evidence", default="", metavar=_("TEXT"))
    export = actions.add_parser("export", help=_("write every need to a CSV file"))
    export.add_argument("file", type=Path, metavar=_("FILE"))

    commitments = commands.add_parser("commitments", help=_("what outside parties owe the council"))
    actions = commitments.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("record a commitment; prints its id"))
    add.add_argument("--owed-by", required=True, metavar=_("TEXT"),
                     help=_("who owes it: management, the SPE, a ministry, the communal council…"))
    add.add_argument("--what", required=True, metavar=_("TEXT"))
    add.add_argument("--due", type=date_value, required=True, metavar=_("DATE"))
    add.add_argument("--decision", type=positive, metavar="ID", help=_("the council's decision that demanded it"))
    add.add_argument("--need", type=positive, metavar="ID", help=_("the need it answers"))
    add.add_argument("--incident", type=positive, metavar="ID", help=_("the incident that raised it"))
    listing = actions.add_parser("list", help=_("the commitments, the soonest due first"))
    listing.add_argument("--overdue", action="store_true", help=_("only pending ones past their date"))
    listing.add_argument("--json", action="store_true", help=_("as JSON on standard output"))
    done = actions.add_parser("done", help=_("record that a commitment was done"))
    done.add_argument("id", type=commitment_id, metavar="ID")
    done.add_argument("--on", type=date_value, required=True, metavar=_("DATE"))
    done.add_argument("--evidence", default="", metavar=_("TEXT"))

    incidents = commands.add_parser("incidents", help=_("the health-and-safety log"))
    actions = incidents.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("record an incident; prints its id"))
    add.add_argument("--on", type=date_value, required=True, metavar=_("DATE"))
    add.add_argument("--kind", required=True, choices=[kind.value for kind in IncidentKind])
    add.add_argument("--what", required=True, metavar=_("TEXT"))
    add.add_argument("--member", metavar=_("CODE"), help=_("who was affected (kept private)"))
    add.add_argument("--actions", default="", metavar=_("TEXT"), help=_("the actions decided"))
    listing = actions.add_parser("list", help=_("the incidents, the latest first"))
    listing.add_argument("--json", action="store_true", help=_("as JSON on standard output"))

    letter = reports.add_parser("letter", help=_("a letter to the party that owes a commitment"))
    letter.add_argument("id", type=commitment_id, metavar="COMMITMENT_ID",
                        help=_("a commitment's number, or fund:CODE for a fund in arrears"))
    add_output(letter)
    needs_report = reports.add_parser("needs", help=_("needs, commitments and incidents of a year, for the assembly"))
    needs_report.add_argument("--year", type=year, required=True, metavar="Y")
    add_output(needs_report)


def commitment_id(text: str) -> int | str:
    """A recorded commitment's number, or the "fund:CODE" of a fund in arrears (which the service refuses to
    mark done, with the reason)."""
    return text.strip() if text.strip().startswith(FUND_ID_PREFIX) else positive(text)


commitment_id.__name__ = "number"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def need_json(need: Need) -> dict[str, object]:
    return {"id": need.id, "kind": need.kind.value, "member": need.member_code, "title": need.title,
            "state": need.state.value, "raised_in": need.raised_in, "decision": need.decision_id,
            "private": need.private, "met_on": _iso(need.met_on)}


def commitment_json(commitment: Commitment, today: date) -> dict[str, object]:
    return {"id": commitment.id, "owed_by": commitment.owed_by, "what": commitment.what,
            "due": commitment.due.isoformat(), "state": commitment.state.value,
            "overdue": commitment.overdue(today), "decision": commitment.decision_id, "need": commitment.need_id,
            "done_on": _iso(commitment.done_on), "fund": commitment.fund_code,
            "arrears": format_amount_plain(commitment.arrears_cents) if commitment.fund_code else None}


def incident_json(incident: Incident) -> dict[str, object]:
    return {"id": incident.id, "on": incident.occurred_on.isoformat(), "kind": incident.kind.value,
            "what": incident.what, "member": incident.member_code, "actions": incident.actions,
            "need": incident.need_id, "commitment": incident.commitment_id}


def _dump(items: list[dict[str, object]]) -> None:
    out(json.dumps(items, ensure_ascii=False, indent=2))


def _needs(args: argparse.Namespace) -> int:
    from coopdesk.services import needs

    db = open_db(args)
    try:
        if args.action == "add":
            need = needs.add_need(db, kind=NeedKind(args.kind), member_code=args.member, title=args.title,
                                  detail=args.detail, private=args.private, consent_to_name=args.named,
                                  incident_id=args.incident)
            out(str(need.id))
        elif args.action == "list":
            listed = needs.list_needs(db, viewer=needs.viewer_of_cli(db, args.signed_in), open_only=args.open)
            if args.json:
                _dump([need_json(need) for need in listed])
            for need in [] if args.json else listed:
                who = need.member_code or (_("(private)") if need.hidden else _("community"))
                out(f"{need.id}\t{_(need.kind.label)}\t{who}\t{_(need.state.label)}\t{need.title}")
        elif args.action == "raise":
            need = needs.raise_need(db, need_id=args.id, meeting_id=args.meeting)
            out(_("Need %(id)d is on the agenda of meeting %(meeting)d.") % {"id": need.id, "meeting": args.meeting})
        elif args.action == "decide":
            needs.decide_need(db, need_id=args.id, decision_id=args.decision)
            out(_("Need %(id)d is linked to decision %(decision)d.") % {"id": args.id, "decision": args.decision})
        elif args.action == "met":
            needs.meet_need(db, need_id=args.id, on=args.on, how=args.how, evidence=args.evidence)
            out(_("Need %(id)d was met on %(date)s.") % {"id": args.id, "date": args.on.isoformat()})
        else:
            count = needs.export_needs(db, path=args.file, viewer=needs.viewer_of_cli(db, args.signed_in))
            out(ngettext("%(count)d need written to %(file)s.", "%(count)d needs written to %(file)s.", count)
                % {"count": count, "file": args.file})
    finally:
        db.dispose()
    return 0


def _commitments(args: argparse.Namespace) -> int:
    from coopdesk.services import needs

    db = open_db(args)
    today = date.today()
    try:
        if args.action == "add":
            commitment = needs.add_commitment(db, owed_by=args.owed_by, what=args.what, due=args.due,
                                              decision_id=args.decision, need_id=args.need,
                                              incident_id=args.incident)
            out(str(commitment.id))
        elif args.action == "list":
            listed = needs.list_commitments(db, overdue_only=args.overdue, today=today)
            if args.json:
                _dump([commitment_json(commitment, today) for commitment in listed])
            for commitment in [] if args.json else listed:
                late = _("overdue") if commitment.overdue(today) else _(commitment.state.label)
                out(f"{commitment.id}\t{commitment.due.isoformat()}\t{late}\t{commitment.owed_by}\t{commitment.what}")
        else:
            needs.mark_done(db, commitment_id=args.id, on=args.on, evidence=args.evidence)
            out(_("Commitment %(id)d was done on %(date)s.") % {"id": args.id, "date": args.on.isoformat()})
    finally:
        db.dispose()
    return 0


def _incidents(args: argparse.Namespace) -> int:
    from coopdesk.services import needs

    db = open_db(args)
    try:
        if args.action == "add":
            incident = needs.add_incident(db, on=args.on, kind=IncidentKind(args.kind), what=args.what,
                                          member_code=args.member, actions=args.actions)
            out(str(incident.id))
        else:
            listed = needs.list_incidents(db, viewer=needs.viewer_of_cli(db, args.signed_in))
            if args.json:
                _dump([incident_json(incident) for incident in listed])
            for incident in [] if args.json else listed:
                out(f"{incident.id}\t{incident.occurred_on.isoformat()}\t{_(incident.kind.label)}\t{incident.what}")
    finally:
        db.dispose()
    return 0


def _report(args: argparse.Namespace) -> int:
    from coopdesk.services.needs.printing import letter_report, needs_report

    lang = args.lang or i18n.current_language()
    db = open_db(args)
    try:
        if args.kind == "letter":
            pdf = letter_report(db, commitment_id=args.id, lang=lang)
        else:
            pdf = needs_report(db, year=args.year, lang=lang)
    finally:
        db.dispose()
    write_output(args.output, pdf)
    return 0


COMMANDS = {"needs": _needs, "commitments": _commitments, "incidents": _incidents}
REPORTS = {"letter": _report, "needs": _report}
