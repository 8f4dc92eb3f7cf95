"""Job rotation at the command line: `posts import|export`, `leave import|list`, `rotation plan|publish|discard|
swap|release|list|member|export|ics` and `report roster` (docs/cli.md). A date that is not a date, or a week start
that is not a Monday, is a usage error (exit 2); a week that cannot be planned, or a swap or release that breaks a
rule, is invalid input (exit 3)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from coopdesk import i18n
from coopdesk.cli.common import add_output, date_value, open_db, out, positive, say, write_output
from coopdesk.i18n import N_, _, ngettext


def _monday(day: date | None) -> None:
    from coopdesk.domain.errors import UsageError
    from coopdesk.domain.rotation import is_monday

    if day is not None and not is_monday(day):
        raise UsageError(N_("%(date)s is not a Monday; rotation weeks start on Mondays."), date=day.isoformat())


def add_parsers(commands: argparse._SubParsersAction, reports: argparse._SubParsersAction) -> None:
    posts = commands.add_parser("posts", help=_("import or export the rotation posts as CSV"))
    actions = posts.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    actions.add_parser("import", help=_("create or update posts from a CSV file")).add_argument(
        "file", type=Path, metavar=_("FILE"))
    export = actions.add_parser("export", help=_("write every post to a CSV file"))
    export.add_argument("file", type=Path, metavar=_("FILE"))
    export.add_argument("--excel", action="store_true", help=_("for Spanish Excel: a BOM and semicolons"))

    leave = commands.add_parser("leave", help=_("periods of leave: import from CSV, or list"))
    actions = leave.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    actions.add_parser("import", help=_("add periods of leave from a CSV file")).add_argument(
        "file", type=Path, metavar=_("FILE"))
    listing = actions.add_parser("list", help=_("list the periods of leave"))
    listing.add_argument("member_code", nargs="?", metavar="MEMBER_CODE")

    rotation = commands.add_parser("rotation", help=_("plan, publish, swap and export the job rotation"))
    actions = rotation.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    plan = actions.add_parser("plan", help=_("plan N weeks from a Monday, replacing unpublished plans; prints "
                                             "the fairness figures and the new plan's id"))
    plan.add_argument("--start", type=date_value, required=True, metavar=_("MONDAY"))
    plan.add_argument("--weeks", type=positive, required=True, metavar="N")
    plan.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))
    publish = actions.add_parser("publish", help=_("publish a plan: it is frozen, later changes are recorded swaps"))
    publish.add_argument("plan_id", type=positive, metavar="PLAN_ID")
    publish.add_argument("--motion", type=positive, metavar="ID",
                         help=_("the passed motion that adopted the plan (needed when plans need a decision)"))
    actions.add_parser("discard", help=_("throw a draft plan away with its assignments (published plans are "
                                         "frozen)")).add_argument("plan_id", type=positive, metavar="PLAN_ID")
    swap = actions.add_parser("swap", help=_("two members exchange their posts for one week (checked against "
                                             "the rules)"))
    swap.add_argument("week", type=date_value, metavar=_("WEEK"))
    swap.add_argument("first", metavar="MEMBER_A")
    swap.add_argument("second", metavar="MEMBER_B")
    swap.add_argument("--reason", metavar=_("TEXT"))
    release = actions.add_parser("release", help=_("take a member on leave off one week, when their post can do "
                                                   "without them (checked against the rules)"))
    release.add_argument("week", type=date_value, metavar=_("WEEK"))
    release.add_argument("member_code", metavar="MEMBER_CODE")
    release.add_argument("--reason", metavar=_("TEXT"))
    actions.add_parser("list", help=_("list the plans"))
    member = actions.add_parser("member", help=_("a member's next weeks: what, where, with whom"))
    member.add_argument("member_code", metavar="MEMBER_CODE")
    member.add_argument("--from", dest="first", type=date_value, metavar=_("DATE"), help=_("default: this week"))
    member.add_argument("--weeks", type=positive, default=8, metavar="N", help=_("weeks to show (default 8)"))
    export = actions.add_parser("export", help=_("write the planned assignments to a CSV file"))
    export.add_argument("file", type=Path, metavar=_("FILE"))
    export.add_argument("--start", type=date_value, metavar=_("MONDAY"))
    export.add_argument("--weeks", type=positive, metavar="N")
    export.add_argument("--excel", action="store_true", help=_("for Spanish Excel: a BOM and semicolons"))
    ics = actions.add_parser("ics", help=_("an iCalendar file with a member's weeks and posts"))
    ics.add_argument("member_code", metavar="MEMBER_CODE")
    ics.add_argument("file", type=Path, metavar=_("FILE"))

    wishes = actions.add_parser("wishes", help=_("members' wishes to learn or avoid a post"))
    wish_actions = wishes.add_subparsers(dest="wish_action", metavar=_("ACTION"), required=True)
    wish_actions.add_parser("import", help=_("add members' wishes from a CSV file (member_code, post, wish "
                                             "learn|avoid, reason)")).add_argument("file", type=Path,
                                                                                    metavar=_("FILE"))

    tasks = actions.add_parser("tasks", help=_("what each post does in a week"))
    task_actions = tasks.add_subparsers(dest="task_action", metavar=_("ACTION"), required=True)
    task_actions.add_parser("import", help=_("add the posts' weekly tasks from a CSV file (week, post, task)")
                            ).add_argument("file", type=Path, metavar=_("FILE"))

    roster = reports.add_parser("roster", help=_("the rotation roster: a wall sheet of weeks × posts"))
    roster.add_argument("--start", type=date_value, required=True, metavar=_("MONDAY"))
    roster.add_argument("--weeks", type=positive, required=True, metavar="N")
    roster.add_argument("--per-member", action="store_true", help=_("one page per member instead"))
    add_output(roster)


def _posts(args: argparse.Namespace) -> int:
    from coopdesk.services import rotation

    db = open_db(args)
    try:
        if args.action == "export":
            count = rotation.export_posts(db, path=args.file, excel=args.excel)
            out(ngettext("%(count)d post written to %(file)s.", "%(count)d posts written to %(file)s.", count)
                % {"count": count, "file": args.file})
            return 0
        summary = rotation.import_posts(db, path=args.file)
    finally:
        db.dispose()
    out(_("Posts: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
    return 0


def _leave(args: argparse.Namespace) -> int:
    from coopdesk.services import rotation
    from coopdesk.services.members import get_member_by_code

    db = open_db(args)
    try:
        if args.action == "list":
            member_id = get_member_by_code(db, args.member_code).id if args.member_code else None
            for leave in rotation.list_leave(db, member_id=member_id):
                out("\t".join((leave.member_code, leave.member_name, leave.starts_on.isoformat(),
                               leave.ends_on.isoformat(), leave.reason or "")))
            return 0
        summary = rotation.import_leave(db, path=args.file)
    finally:
        db.dispose()
    for conflict in summary.conflicts:
        say(_("Warning: %(member)s is on leave in the published week of %(week)s, where they hold post "
              "%(post)s; that week's roster needs a change.") % {"member": conflict.member_code,
                                             "week": i18n.format_date(conflict.week_start),
                                             "post": conflict.post_code})
    out(_("Leave: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
    return 0


def _rotation(args: argparse.Namespace) -> int:
    handler = {"plan": _plan, "publish": _publish, "discard": _discard, "swap": _swap, "release": _release,
               "list": _list, "member": _member, "export": _export, "ics": _ics, "wishes": _wishes,
               "tasks": _tasks}[args.action]
    _monday(getattr(args, "start", None))
    if args.action in ("swap", "release"):
        _monday(args.week)
    if args.action == "export" and args.weeks is not None and args.start is None:
        from coopdesk.domain.errors import UsageError

        raise UsageError(N_("--weeks needs --start."))
    db = open_db(args)
    try:
        return handler(db, args)
    finally:
        db.dispose()


def _plan(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    outcome = rotation.plan_rotation(db, start=args.start, weeks=args.weeks, seed=args.seed)
    plan, figures = outcome.plan, outcome.figures
    out(_("Plan %(id)d (draft): %(weeks)d weeks from %(first)s to %(last)s, seed %(seed)d; %(assignments)d "
          "assignments of %(members)d members.") % {
        "id": plan.id, "weeks": plan.weeks, "first": i18n.format_date(plan.starts_on),
        "last": i18n.format_date(plan.ends_on), "seed": plan.seed,
        "assignments": outcome.assignments, "members": outcome.members})
    if outcome.kept_weeks:
        out(ngettext("%(count)d published week kept as it was.", "%(count)d published weeks kept as they were.",
                     len(outcome.kept_weeks)) % {"count": len(outcome.kept_weeks)})
    if outcome.replaced:
        out(_("Unpublished plans replaced for these weeks: %(ids)s.") % {
            "ids": ", ".join(str(i) for i in outcome.replaced)})
    if outcome.history_weeks:
        out(ngettext("The fairness counts continue from %(count)d published week before the plan.",
                     "The fairness counts continue from %(count)d published weeks before the plan.",
                     outcome.history_weeks) % {"count": outcome.history_weeks})
    summary = figures.as_dict()
    out("")
    out(_("Fairness, each figure beside the least any plan could reach:"))
    lines = rotation.figure_lines(summary)
    width = max(len(line.label) for line in lines)
    for line in lines:
        floor = "" if line.floor is None else "   " + _("(floor %(floor)s)") % {"floor": line.floor}
        out(f"  {line.label.ljust(width)}  {line.value}{floor}")
    if outcome.wishes.wishes:
        out(wishes_line(outcome.wishes))
    advice = rotation.training_lines(summary)
    if advice:
        out("")
        out(_("Training would lower the inequality that the skills force:"))
        for text in advice:
            out(f"  {text}")
    out("")
    out(_("Per member: weeks in each category (fair share), average burden, trainee weeks, distinct posts:"))
    _table(rotation.member_header(), rotation.member_rows(figures.per_member, outcome.names))
    out(str(plan.id))
    return 0


def wishes_line(wishes) -> str:  # type: ignore[no-untyped-def]
    return _("Members' wishes met: %(met)d of %(wishes)d (to learn a post: %(learn_met)d of %(learn)d; to avoid one: "
             "%(avoid_met)d of %(avoid)d), always inside the fairness figures above.") % {
        "met": wishes.met, "wishes": wishes.wishes, **wishes.as_dict()}


def _wishes(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    summary = rotation.import_wishes(db, path=args.file)
    out(_("Wishes: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
    return 0


def _tasks(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    summary = rotation.import_tasks(db, path=args.file)
    out(_("Weekly tasks: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.") % {
        "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged})
    return 0


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    widths[1] = min(widths[1], 32)
    for row in [header, *rows]:
        cells = [str(cell)[:widths[i]].ljust(widths[i]) if i == 1 else str(cell).rjust(widths[i]) if i > 1
                 else str(cell).ljust(widths[i]) for i, cell in enumerate(row)]
        out("  " + "  ".join(cells).rstrip())


def _publish(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    plan = rotation.publish_plan(db, plan_id=args.plan_id, motion_id=args.motion)
    out(_("Plan %(id)d is published: %(weeks)d weeks from %(first)s. Later changes are recorded swaps.") % {
        "id": plan.id, "weeks": plan.weeks, "first": i18n.format_date(plan.starts_on)})
    if args.motion is not None:
        out(_("Adopted by motion %(motion)d.") % {"motion": args.motion})
    return 0


def _discard(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    rotation.discard_plan(db, plan_id=args.plan_id)
    out(_("Draft plan %(id)d is discarded.") % {"id": args.plan_id})
    return 0


def _swap(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    done = rotation.swap_members(db, week_start=args.week, first_code=args.first, second_code=args.second,
                                 reason=args.reason)
    nothing = _("no post")
    out(_("Week of %(week)s: %(first)s now holds %(first_post)s, %(second)s holds %(second_post)s.") % {
        "week": i18n.format_date(done.week_start), "first": done.first_code,
        "first_post": done.first_post or nothing, "second": done.second_code,
        "second_post": done.second_post or nothing})
    if done.recorded:
        out(_("The swap is recorded on published plan %(id)d.") % {"id": done.plan_id})
    return 0


def _release(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services.rotation.swaps import release_member

    done = release_member(db, week_start=args.week, member_code=args.member_code, reason=args.reason)
    out(_("Week of %(week)s: %(member)s is taken off post %(post)s.") % {
        "week": i18n.format_date(done.week_start), "member": done.member_code, "post": done.post_code})
    if done.recorded:
        out(_("The change is recorded on published plan %(id)d.") % {"id": done.plan_id})
    return 0


def _list(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation
    from coopdesk.services.rotation.decisions import plan_decisions

    plans = rotation.list_plans(db)
    if not plans:
        say(_("No rotation plans yet."))
    decided = plan_decisions(db)
    for plan in plans:
        state = _("published") if plan.published else _("draft")
        decision = decided.get(plan.id)
        out("\t".join((str(plan.id), plan.starts_on.isoformat(), plan.ends_on.isoformat(), str(plan.weeks), state,
                       ngettext("%(count)d swap", "%(count)d swaps", plan.swaps) % {"count": plan.swaps},
                       _("motion %(id)d") % {"id": decision.motion_id} if decision else "")).rstrip("\t"))
    return 0


def _member(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.domain.rotation import Role
    from coopdesk.services import rotation

    schedule = rotation.member_schedule(db, member_code=args.member_code, first=args.first, weeks=args.weeks)
    out(f"{schedule.full_name} ({schedule.member_code})")
    if not schedule.weeks:
        out(_("No post in these weeks."))
    for week in schedule.weeks:
        draft = "" if week.published else " [" + _("draft") + "]"
        where = f" — {week.post.place}" if week.post.place else ""
        out(f"{i18n.format_date(week.week_start)}: {week.post.name} ({week.post.code}, {_(week.post.category.label)}"
            f", {_(week.role.label)}){where}{draft}")
        if week.companions:
            people = ", ".join(c.full_name if c.role is Role.REGULAR else f"{c.full_name} ({_(c.role.label)})"
                               for c in week.companions)
            out("    " + _("With: %(people)s") % {"people": people})
        if week.task:
            out("    " + rotation.task_line(week.task))
    for leave in schedule.leaves:
        out(_("On leave from %(from)s to %(to)s") % {"from": i18n.format_date(leave.starts_on),
                                                      "to": i18n.format_date(leave.ends_on)}
            + (f" ({leave.reason})" if leave.reason else ""))
    return 0


def _export(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    count = rotation.export_rotation(db, path=args.file, start=args.start, weeks=args.weeks, excel=args.excel)
    out(ngettext("%(count)d assignment written to %(file)s.", "%(count)d assignments written to %(file)s.", count)
        % {"count": count, "file": args.file})
    return 0


def _ics(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import rotation

    count = rotation.write_member_calendar(db, member_code=args.member_code, path=args.file)
    out(ngettext("%(count)d week written to %(file)s.", "%(count)d weeks written to %(file)s.", count)
        % {"count": count, "file": args.file})
    return 0


def _roster(args: argparse.Namespace) -> int:
    from coopdesk.services.rotation import roster_report

    _monday(args.start)
    lang = args.lang or i18n.current_language()
    db = open_db(args)
    try:
        pdf = roster_report(db, start=args.start, weeks=args.weeks, lang=lang, per_member=args.per_member)
    finally:
        db.dispose()
    write_output(args.output, pdf)
    return 0


COMMANDS = {"posts": _posts, "leave": _leave, "rotation": _rotation}
REPORTS = {"roster": _roster}
