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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from coopdesk.domain.roster import MemberSchedule, PostInfo, RosterEntry, RosterGrid, RosterWeek
from coopdesk.domain.rotation import CATEGORIES, Category, Role
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports import Labels
from coopdesk.reports.base import PageGroup, Report
from coopdesk.reports.style import ACCENT, FONT, FONT_BOLD, FOOTER_HEIGHT, HEADER_FILL, MARGIN, MUTED, RULE
from coopdesk.reports.tables import inline, stacked

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
NBSP = "\u00a0"
CELL_PADDING = 5.0
# Wall-sheet layouts, tried in turn until each page of weeks fits one page: (weeks fewer than fit across,
# type size of the names, names run on with commas instead of one a line).
LAYOUTS = ((0, NAME_SIZE, False), (0, 10.0, False), (1, NAME_SIZE, True), (1, 10.0, True), (1, 9.0, True),
           (2, 10.0, True), (2, 9.0, True))
NOTES_HEIGHT = 24.0  # the legend under the last table
CONTINUED_ROOM = 12.0  # above a member's continuation page, for the line naming the member


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
        """Markup of a week's dates ("7 – 13 de dic."), in each language in its own form."""
        from babel.dates import format_interval

        return stacked(self.in_each(lambda labels: format_interval(
            monday, monday + timedelta(days=6), "yMMMd" if year else "MMMd", locale=labels.locale)))

    def words(self, msgid: str, style: ParagraphStyle, **params: object) -> Paragraph:
        """A translated text as a paragraph, a line per language."""
        return Paragraph(stacked(self.labels.each(msgid, **params)), style)

    def draft_mark(self) -> str:
        """The small grey "draft" under a week not published yet, a line per language."""
        mark = stacked(self.labels.each(N_("draft")))
        return f"<br/><font size='8' color='#{MUTED.hexval()[2:]}'>{mark}</font>"

    def person(self, entry: RosterEntry, name: str, keep_whole: tuple[float, float] | None = None) -> str:
        """A name as Paragraph markup, with its "trainee" mark. `keep_whole` (type size, room): a name that fits
        the room never breaks across lines (names running on with commas stay readable)."""
        text = escape(name)
        if keep_whole and stringWidth(name, FONT, keep_whole[0]) <= keep_whole[1]:
            text = text.replace(" ", NBSP)
        if entry.role is Role.TRAINEE:
            mark = inline(self.labels.each(N_("trainee")))
            return f"<i>{text}</i> <font size='7' color='#{MUTED.hexval()[2:]}'>({mark})</font>"
        return text

    def draft_note(self, drafts: bool, *, all_drafts: bool = False) -> list[Flowable]:
        if not drafts:
            return []
        if all_drafts:
            text = N_("These weeks are a draft: not published yet, they may still change.")
        else:
            text = N_("Weeks marked “draft” are not published yet and may still change.")
        return [self.words(text, self.roster.note)]


class RosterReport(_RosterBase):
    """Posts down the side, weeks across; a page holds as many weeks as fit at a readable size."""

    title = N_("Job rotation roster")
    subject = N_("Who holds which post each week")
    side_by_side = False  # papers to cut apart / a wall sheet: one layout, both texts in it

    def __init__(self, *, council: Council, lang: str, grid: RosterGrid, generated_at: datetime | None = None
                 ) -> None:
        super().__init__(council=council, lang=lang, start=grid.start, weeks=len(grid.weeks),
                         generated_at=generated_at)
        self.grid = grid
        people = [entry for week in grid.weeks for cell in week.cells.values() for entry in cell]
        self.names = short_names(people)

    def story(self) -> list[Flowable]:
        weeks = list(self.grid.weeks)
        tables = self._fitted(weeks)
        story: list[Flowable] = []
        for index, table in enumerate(tables):
            if index:
                story.append(PageBreak())
            story.append(table)
        story.append(Spacer(0, 6))
        story += self.draft_note(any(week.cells and not week.published for week in weeks))
        story.append(self._legend())
        return story

    def _legend(self) -> Table:
        note = self.roster.note
        cells: list[object] = []
        commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 3)]
        for category in CATEGORIES:
            commands.append(("BACKGROUND", (len(cells), 0), (len(cells), 0), CATEGORY_FILLS[category]))
            cells += ["", self.words(category.label, note)]
        cells.append(self.words(N_("In italics: trainees, learning the post beside a member who holds its skill."),
                                note))
        widths = [12.0, 90.0] * len(CATEGORIES)
        return Table([cells], colWidths=[*widths, self.width - sum(widths)], style=commands, hAlign="LEFT")

    def _fitted(self, weeks: list[RosterWeek]) -> list[Table]:
        """One table per page of weeks, in the first layout (LAYOUTS) whose every page fits its page: big
        type and a name a line if the posts are small; smaller type, then names run on in wider columns."""
        widest = max(1, int((self.width - POST_WIDTH) // MIN_WEEK_WIDTH))
        room = self.page_size[1] - 2 * MARGIN - self.header_height - FOOTER_HEIGHT - NOTES_HEIGHT
        title_height = sum(part.wrap(self.width, room)[1] + part.getSpaceBefore() + part.getSpaceAfter()
                           for part in self.head())
        tables: list[Table] = []
        for fewer, size, run_on in LAYOUTS:
            per_page = min(max(1, widest - fewer), len(weeks))  # a sheet of fewer weeks spreads them out
            per_page = -(-len(weeks) // -(-len(weeks) // per_page))  # and the pages share them: 2 + 2, not 3 + 1
            tables = [self._table(weeks[i:i + per_page], per_page, size, run_on)
                      for i in range(0, len(weeks), per_page)]
            heights = [table.wrap(self.width, room)[1] for table in tables]
            if heights[0] <= room - title_height and all(height <= room for height in heights):
                break
        return tables  # the last layout, when nothing fits: its tables go on over the page

    def _table(self, weeks: Sequence[RosterWeek], per_page: int, size: float, run_on: bool) -> Table:
        styles = self.roster
        width = (self.width - POST_WIDTH) / per_page
        header: list[object] = [self.words(N_("Post"), styles.head)]
        for week in weeks:
            state = "" if week.published or not week.cells else self.draft_mark()
            header.append(Paragraph(self.week_span(week.week_start) + state, styles.head))
        rows: list[list[object]] = [header]
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("INNERGRID", (0, 1), (-1, -1), 0.5, RULE),
            ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ]
        style = ParagraphStyle(f"roster_name_{size}", styles.name, fontSize=size, leading=size * 1.23)
        posts = sorted(self.grid.posts, key=lambda post: (CATEGORIES.index(post.category), post.code))
        for number, post in enumerate(posts, start=1):
            cells = [self._cell(week, post, style, run_on, width) for week in weeks]
            rows.append([self._post_cell(post, style), *cells])
            commands.append(("BACKGROUND", (0, number), (0, number), CATEGORY_FILLS[post.category]))
        return Table(rows, colWidths=[POST_WIDTH] + [width] * len(weeks), repeatRows=1, style=commands,
                     hAlign="LEFT")

    def _post_cell(self, post: PostInfo, style: ParagraphStyle) -> Paragraph:
        # the category is the cell's colour (see the legend); the place is on the member pages
        return Paragraph(f"<b>{escape(post.name)}</b> <font size='7' color='#{MUTED.hexval()[2:]}'>"
                         f"{escape(post.code)}</font>", style)

    def _cell(self, week: RosterWeek, post: PostInfo, style: ParagraphStyle, run_on: bool, width: float
              ) -> Paragraph:
        people = week.people(post.code)
        if not people:
            return Paragraph(NO_VALUE, self.roster.note)
        room = (style.fontSize, width - 2 * CELL_PADDING) if run_on else None
        names = [self.person(entry, self.names[entry.member_code], room) for entry in people]
        return Paragraph((", " if run_on else "<br/>").join(names), style)


class MemberRosterReport(_RosterBase):
    """One page per member (portrait, to hand out): each week's post and place, category, role, and who else
    is on the post."""

    landscape = False

    title = N_("Job rotation by member")
    subject = N_("Each member's weeks: what, where and with whom")
    side_by_side = False  # large type for a page in hand: two columns would break its words

    def __init__(self, *, council: Council, lang: str, start: date, weeks: int,
                 schedules: Sequence[MemberSchedule], generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, start=start, weeks=weeks, generated_at=generated_at)
        self.schedules = schedules

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, schedule in enumerate(self.schedules):
            if index:
                story.append(PageBreak())
            story += [PageGroup((schedule.member_code, schedule.full_name)), *self._member(schedule)]
        return story

    def _draw_page_number(self, canvas: Canvas, number: int, total: int) -> None:
        """Each member's pages count on their own ("Page 1 of 2"); a continuation page names its member."""
        super()._draw_page_number(canvas, number, total)
        member = getattr(canvas, "page_group", None)
        if number > 1 and member is not None:
            continued = inline(self.labels.each(N_("continued")))
            text = f"{escape(member[1])} ({escape(member[0])}) — {continued}"
            line = Paragraph(text, ParagraphStyle("continued", self.roster.note, fontName=FONT_BOLD,
                                                  textColor=ACCENT))
            line.wrap(self.width, CONTINUED_ROOM)
            line.drawOn(canvas, MARGIN, self.page_size[1] - MARGIN - self.header_height)

    @property
    def header_height(self) -> float:
        """Room under the running header for the line that names the member on a continuation page."""
        return super().header_height + CONTINUED_ROOM

    def _member(self, schedule: MemberSchedule) -> list[Flowable]:
        styles = self.roster
        heading = Paragraph(f"{escape(schedule.full_name)} <font size='11' color='#{MUTED.hexval()[2:]}'>"
                            f"({escape(schedule.member_code)})</font>", styles.member)
        columns = [N_("Week"), N_("Post"), N_("Category"), N_("Role"), N_("With")]
        rows: list[list[object]] = [[self.words(c, styles.head) for c in columns]]
        names = short_names([c for week in schedule.weeks for c in week.companions])
        drafts = [not week.published for week in schedule.weeks]
        muted = f"<font size='8' color='#{MUTED.hexval()[2:]}'>"
        for week, draft in zip(schedule.weeks, drafts, strict=True):
            span = self.week_span(week.week_start, year=True)
            if draft and not all(drafts):  # when every week is a draft, the note below says so once
                span += self.draft_mark()
            post = f"<b>{escape(week.post.name)}</b> ({escape(week.post.code)})"
            if week.post.place:
                post += f"<br/>{muted}{escape(week.post.place)}</font>"
            if week.task:  # the council's own words, once: "Tarea · Task: …"
                task = inline(self.labels.each(N_("Task")))
                post += f"<br/>{task}: {escape(week.task)}"
            companions = "<br/>".join(self.person(c, names[c.member_code]) for c in week.companions) or NO_VALUE
            rows.append([Paragraph(span, styles.cell), Paragraph(post, styles.cell),
                         self.words(week.post.category.label, styles.cell),
                         self.words(week.role.label, styles.cell),
                         Paragraph(companions, styles.cell)])
        widths = [self.width * share for share in (0.19, 0.25, 0.20, 0.13, 0.23)]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])
        story: list[Flowable] = [heading, table if schedule.weeks else
                                 self.words(N_("No post in these weeks."), styles.name)]
        if schedule.leaves:
            story += [Spacer(0, 8), Paragraph(stacked(self.in_each(lambda labels: labels.t(
                N_("On leave: %(periods)s"), periods="; ".join(self._leave(labels, leave.starts_on, leave.ends_on,
                                                                             leave.reason)
                                                                 for leave in schedule.leaves)))), styles.cell)]
        story.append(Spacer(0, 4))
        story += self.draft_note(any(drafts), all_drafts=all(drafts))
        return story

    @staticmethod
    def _leave(labels: Labels, starts: date, ends: date, reason: str | None) -> str:
        from babel.dates import format_interval

        span = format_interval(starts, ends, "yMMMd", locale=labels.locale) if starts != ends \
            else labels.date(starts)
        return f"{span} ({reason})" if reason else span
