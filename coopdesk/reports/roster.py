"""The rotation roster (`report roster`): a wall sheet — landscape, large type, posts down the side and a few
weeks across each page, names in the cells — and a one-page-per-member variant: each member's weeks, what,
where and with whom, so that everyone arrives on Monday already knowing what to do and where."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from coopdesk.domain.roster import MemberSchedule, PostInfo, RosterEntry, RosterGrid, RosterWeek
from coopdesk.domain.rotation import CATEGORIES, Category, Role
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports.base import ACCENT, FONT, FONT_BOLD, HEADER_FILL, MUTED, RULE, Report

NAME_SIZE = 11.0  # large type: the sheet is read from a step away
NAME_LEADING = 13.5
POST_WIDTH = 138.0
MIN_WEEK_WIDTH = 132.0
CATEGORY_FILLS = {
    Category.MANUAL: colors.HexColor("#FBEBD9"),
    Category.ADMINISTRATIVE: colors.HexColor("#DDE8F4"),
    Category.COMMUNITY: colors.HexColor("#E0F0DF"),
}
NO_VALUE = "—"


def short_names(people: Iterable[RosterEntry]) -> dict[str, str]:
    """Member code -> first given name and first surname ("Rosa Rojas" for "Rosa Yusbelis Rojas Escalona");
    the full name wherever two people would read the same."""
    full = {entry.member_code: entry.full_name for entry in people}
    short = {code: _short(name) for code, name in full.items()}
    clashes = Counter(short.values())
    return {code: name if clashes[name] == 1 else full[code] for code, name in short.items()}


def _short(full_name: str) -> str:
    words = full_name.split()
    if len(words) >= 4:  # two given names, two surnames: the Venezuelan usual
        return f"{words[0]} {words[-2]}"
    return " ".join(words[:2]) if len(words) == 3 else full_name


class _Styles:
    def __init__(self) -> None:
        self.name = ParagraphStyle("roster_name", fontName=FONT, fontSize=NAME_SIZE, leading=NAME_LEADING)
        self.post = ParagraphStyle("roster_post", self.name, fontName=FONT_BOLD)
        self.note = ParagraphStyle("roster_note", self.name, fontSize=8, leading=10, textColor=MUTED)
        self.cell = ParagraphStyle("roster_cell", self.name, fontSize=10, leading=12.5)
        self.head = ParagraphStyle("roster_head", self.name, fontName=FONT_BOLD, fontSize=10.5, leading=12.5)
        self.member = ParagraphStyle("roster_member", self.name, fontName=FONT_BOLD, fontSize=15, leading=19,
                                     textColor=ACCENT, spaceAfter=6)


class _RosterBase(Report):
    landscape = True

    def __init__(self, *, council: Council, lang: str, start: date, weeks: int,
                 generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, generated_at=generated_at)
        self.start, self.weeks = start, weeks
        self.roster = _Styles()

    def subtitle(self) -> str:
        last = self.start + timedelta(weeks=self.weeks, days=-1)
        return self.labels.t(N_("Weeks from %(first)s to %(last)s"), first=self.labels.date(self.start),
                             last=self.labels.date(last))

    def week_span(self, monday: date, *, year: bool = False) -> str:
        from babel.dates import format_interval

        return format_interval(monday, monday + timedelta(days=6), "yMMMd" if year else "MMMd",
                               locale=self.labels.locale)

    def person(self, entry: RosterEntry, name: str) -> str:
        text = escape(name)
        if entry.role is Role.TRAINEE:
            return f"<i>{text}</i> <font size='8' color='#{MUTED.hexval()[2:]}'>" \
                   f"({escape(self.labels.t(N_('trainee')))})</font>"
        return text

    def draft_note(self, drafts: bool, *, all_drafts: bool = False) -> list[Flowable]:
        if not drafts:
            return []
        if all_drafts:
            text = self.labels.t(N_("These weeks are a draft: not published yet, they may still change."))
        else:
            text = self.labels.t(N_("Weeks marked “draft” are not published yet and may still change."))
        return [self.para(text, self.roster.note)]


class RosterReport(_RosterBase):
    """Posts down the side, weeks across; a page holds as many weeks as fit at a readable size."""

    title = N_("Job rotation roster")
    subject = N_("Who holds which post each week")

    def __init__(self, *, council: Council, lang: str, grid: RosterGrid, generated_at: datetime | None = None
                 ) -> None:
        super().__init__(council=council, lang=lang, start=grid.start, weeks=len(grid.weeks),
                         generated_at=generated_at)
        self.grid = grid
        people = [entry for week in grid.weeks for cell in week.cells.values() for entry in cell]
        self.names = short_names(people)

    def story(self) -> list[Flowable]:
        per_page = max(1, int((self.width - POST_WIDTH) // MIN_WEEK_WIDTH))
        weeks = list(self.grid.weeks)
        story: list[Flowable] = []
        for index in range(0, len(weeks), per_page):
            if index:
                story.append(PageBreak())
            story.append(self._table(weeks[index:index + per_page], per_page))
        story.append(Spacer(0, 6))
        story += self.draft_note(any(week.cells and not week.published for week in weeks))
        legend = self.labels.t(N_("In italics: trainees, learning the post beside a member who holds its skill."))
        story.append(self.para(legend, self.roster.note))
        return story

    def _table(self, weeks: Sequence[RosterWeek], per_page: int) -> Table:
        labels, styles = self.labels, self.roster
        width = (self.width - POST_WIDTH) / per_page
        header: list[object] = [Paragraph(escape(labels.t(N_("Post"))), styles.head)]
        for week in weeks:
            state = "" if week.published or not week.cells else \
                f"<br/><font size='8' color='#{MUTED.hexval()[2:]}'>{escape(labels.t(N_('draft')))}</font>"
            header.append(Paragraph(escape(self.week_span(week.week_start)) + state, styles.head))
        rows: list[list[object]] = [header]
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("INNERGRID", (0, 1), (-1, -1), 0.5, RULE),
            ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ]
        posts = sorted(self.grid.posts, key=lambda post: (CATEGORIES.index(post.category), post.code))
        for number, post in enumerate(posts, start=1):
            rows.append([self._post_cell(post), *(self._cell(week, post) for week in weeks)])
            commands.append(("BACKGROUND", (0, number), (0, number), CATEGORY_FILLS[post.category]))
        return Table(rows, colWidths=[POST_WIDTH] + [width] * len(weeks), repeatRows=1, style=commands,
                     hAlign="LEFT")

    def _post_cell(self, post: PostInfo) -> Paragraph:
        details = " · ".join(filter(None, (post.code, self.labels.t(post.category.label), post.place)))
        return Paragraph(f"{escape(post.name)}<br/><font name='{FONT}' size='8' color='#{MUTED.hexval()[2:]}'>"
                         f"{escape(details)}</font>", self.roster.post)

    def _cell(self, week: RosterWeek, post: PostInfo) -> Paragraph:
        people = week.people(post.code)
        if not people:
            return Paragraph(NO_VALUE, self.roster.note)
        return Paragraph("<br/>".join(self.person(entry, self.names[entry.member_code]) for entry in people),
                         self.roster.name)


class MemberRosterReport(_RosterBase):
    """One page per member (portrait, to hand out): each week's post and place, category, role, and who else
    is on the post."""

    landscape = False

    title = N_("Job rotation by member")
    subject = N_("Each member's weeks: what, where and with whom")

    def __init__(self, *, council: Council, lang: str, start: date, weeks: int,
                 schedules: Sequence[MemberSchedule], generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, start=start, weeks=weeks, generated_at=generated_at)
        self.schedules = schedules

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, schedule in enumerate(self.schedules):
            if index:
                story.append(PageBreak())
            story += self._member(schedule)
        return story

    def _member(self, schedule: MemberSchedule) -> list[Flowable]:
        labels, styles = self.labels, self.roster
        heading = Paragraph(f"{escape(schedule.full_name)} <font size='11' color='#{MUTED.hexval()[2:]}'>"
                            f"({escape(schedule.member_code)})</font>", styles.member)
        columns = [N_("Week"), N_("Post"), N_("Category"), N_("Role"), N_("With")]
        rows: list[list[object]] = [[Paragraph(escape(labels.t(c)), styles.head) for c in columns]]
        names = short_names([c for week in schedule.weeks for c in week.companions])
        drafts = [not week.published for week in schedule.weeks]
        muted = f"<font size='8' color='#{MUTED.hexval()[2:]}'>"
        for week, draft in zip(schedule.weeks, drafts, strict=True):
            span = escape(self.week_span(week.week_start, year=True))
            if draft and not all(drafts):  # when every week is a draft, the note below says so once
                span += f"<br/>{muted}{escape(labels.t(N_('draft')))}</font>"
            post = f"<b>{escape(week.post.name)}</b> ({escape(week.post.code)})"
            if week.post.place:
                post += f"<br/>{muted}{escape(week.post.place)}</font>"
            companions = "<br/>".join(self.person(c, names[c.member_code]) for c in week.companions) or NO_VALUE
            rows.append([Paragraph(span, styles.cell), Paragraph(post, styles.cell),
                         Paragraph(escape(labels.t(week.post.category.label)), styles.cell),
                         Paragraph(escape(labels.t(week.role.label)), styles.cell),
                         Paragraph(companions, styles.cell)])
        fixed = [112.0, 150.0, 86.0, 62.0]
        table = Table(rows, colWidths=[*fixed, self.width - sum(fixed)], repeatRows=1, hAlign="LEFT", style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])
        story: list[Flowable] = [heading, table if schedule.weeks else
                                 self.para(labels.t(N_("No post in these weeks.")), styles.name)]
        if schedule.leaves:
            spans = "; ".join(self._leave(leave.starts_on, leave.ends_on, leave.reason) for leave in schedule.leaves)
            story += [Spacer(0, 8), self.para(labels.t(N_("On leave: %(periods)s"), periods=spans), styles.cell)]
        story.append(Spacer(0, 4))
        story += self.draft_note(any(drafts), all_drafts=all(drafts))
        return story

    def _leave(self, starts: date, ends: date, reason: str | None) -> str:
        from babel.dates import format_interval

        span = format_interval(starts, ends, "yMMMd", locale=self.labels.locale) if starts != ends \
            else self.labels.date(starts)
        return f"{span} ({reason})" if reason else span
