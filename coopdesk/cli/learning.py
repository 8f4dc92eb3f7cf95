"""Learning and the council's own planning at the command line: `survey wave open|import|areas|summary`,
`skills grant|history` and `council set plans-need-decision` (docs/cli.md, "Learning, training, workers'
planning"). Survey answers never leave the database one by one: the summary is counts and means, with no mean
for a group of fewer than five answers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coopdesk import i18n
from coopdesk.cli.common import add_output, date_value, open_db, out, positive, say, write_output
from coopdesk.domain.learning import SkillSource
from coopdesk.i18n import _, ngettext


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    survey = commands.add_parser("survey", help=_("the learning survey: waves, answers on paper, the anonymous "
                                                  "summary"))
    actions = survey.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    wave = actions.add_parser("wave", help=_("open a survey wave")).add_subparsers(
        dest="wave_action", metavar=_("ACTION"), required=True)
    opening = wave.add_parser("open", help=_("open a wave; prints its id"))
    opening.add_argument("name", metavar=_("NAME"))
    opening.add_argument("--on", dest="on", type=date_value, required=True, metavar=_("DATE"))
    importing = actions.add_parser("import", help=_("add a wave's answers from a CSV file (member_code, area, "
                                                    "score 1–5)"))
    importing.add_argument("wave_id", type=positive, metavar="WAVE_ID")
    importing.add_argument("file", type=Path, metavar=_("FILE"))
    actions.add_parser("areas", help=_("the survey's areas")).add_argument(
        "--json", action="store_true", help=_("as JSON"))
    actions.add_parser("summary", help=_("per wave and area: answers and mean (no mean under 5 answers)")
                       ).add_argument("--json", action="store_true", help=_("as JSON"))

    skills = commands.add_parser("skills", help=_("training history: when and how members came to hold skills"))
    actions = skills.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    grant = actions.add_parser("grant", help=_("record that a member holds a skill from a date"))
    grant.add_argument("member_code", metavar="MEMBER_CODE")
    grant.add_argument("skill", metavar=_("SKILL"))
    grant.add_argument("--on", dest="on", type=date_value, required=True, metavar=_("DATE"))
    grant.add_argument("--how", required=True, choices=[source.value for source in SkillSource],
                       help=_("trainee weeks, a course, or a council grant (which needs --motion)"))
    grant.add_argument("--motion", type=positive, metavar="ID", help=_("the passed motion that decided it"))
    history = actions.add_parser("history", help=_("a member's skills with their dates, and their trainee weeks"))
    history.add_argument("member_code", metavar="MEMBER_CODE")
    history.add_argument("--json", action="store_true", help=_("as JSON"))

    add_output(reports.add_parser("survey", help=_("the learning survey's anonymous results")))


def _skills(args: argparse.Namespace) -> int:
    from coopdesk.services import skills

    db = open_db(args)
    try:
        if args.action == "grant":
            grant = skills.grant_skill(db, member_code=args.member_code, skill=args.skill, granted_on=args.on,
                                       how=SkillSource(args.how), motion_id=args.motion)
            out(_("%(member)s holds %(skill)s from %(date)s (%(how)s).") % {
                "member": args.member_code, "skill": grant.skill, "date": i18n.format_date(grant.granted_on),
                "how": _(grant.how.label)})
            return 0
        history = skills.skill_history(db, member_code=args.member_code)
    finally:
        db.dispose()
    if args.json:
        out(json.dumps(history.as_dict(), ensure_ascii=False, indent=2))
        return 0
    out(f"{history.full_name} ({history.member_code})")
    for line in skills.history_lines(history):
        out("  " + line)
    return 0


def _survey(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.action == "wave":
            return _open_wave(db, args)
        return {"import": _import_answers, "areas": _areas, "summary": _summary}[args.action](db, args)
    finally:
        db.dispose()


def _open_wave(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import survey

    wave = survey.open_wave(db, name=args.name, opened_on=args.on)
    say(_("Survey wave '%(name)s' is open from %(date)s.") % {"name": wave.name,
                                                              "date": i18n.format_date(wave.opened_on)})
    out(str(wave.id))
    return 0


def _import_answers(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import survey

    summary = survey.import_answers(db, wave_id=args.wave_id, path=args.file)
    out(_("Survey answers: %(created)d added, %(updated)d updated, %(unchanged)d unchanged, from %(members)d "
          "members.") % {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged,
                         "members": summary.members})
    return 0


def _areas(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import survey

    areas = survey.list_areas(db)
    if args.json:
        out(json.dumps([{"code": a.code, "name_es": a.name_es, "name_en": a.name_en, "active": a.active}
                        for a in areas], ensure_ascii=False, indent=2))
        return 0
    lang = i18n.current_language()
    for area in areas:
        retired = "" if area.active else " [" + _("retired") + "]"
        out(f"{area.code}\t{area.name(lang)}{retired}")
    return 0


def _summary(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import survey

    summary = survey.survey_summary(db)
    if args.json:
        out(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if not summary.waves:
        say(_("No survey waves yet."))
    lang = i18n.current_language()
    width = max((len(area.name(lang)) for area in summary.areas), default=10)
    for wave in summary.waves:
        out(_("Wave %(id)d, %(name)s (%(date)s):") % {"id": wave.id, "name": wave.name,
                                                       "date": i18n.format_date(wave.opened_on)})
        for area in summary.areas:
            result = summary.result(wave.id, area.code)
            mean = (i18n.format_mean(result.mean) if result.mean is not None
                    else _("no mean (fewer than 5 answers)") if result.n else "—")
            line = f"  {area.name(lang).ljust(width)}  " + ngettext(
                "%(count)d answer", "%(count)d answers", result.n) % {"count": result.n} + f"  {mean}"
            change = summary.improvement(wave.id, area.code)
            if change is not None and change.improved is not None:
                line += "  " + _("%(percent)s improved") % {
                    "percent": i18n.format_share(change.improved)}
            out(line)
    return 0


def _report(args: argparse.Namespace) -> int:
    from coopdesk.services.survey import survey_report

    lang = args.lang or i18n.current_language()
    db = open_db(args)
    try:
        pdf = survey_report(db, lang=lang)
    finally:
        db.dispose()
    write_output(args.output, pdf)
    return 0


COMMANDS = {"survey": _survey, "skills": _skills}
REPORTS = {"survey": _report}
