"""The acta of an assembly (`report assembly ID`): what a Venezuelan Workers' Council files.

"Acta N.º 07-2026" (numbered per kind of meeting and year), council header; kind, date, place, start and end;
who convened it, on what day and how; the opening formula ("Siendo las 9:00 a. m. del … se dio inicio…");
attendance with counts and percentages, the quorum statement; the agenda; each item with its minutes, its motions
(who proposed the motion, else the item; method, rule and base in words, counts with percentages, result),
elections (valid, blank and null ballots) and the agreements, numbered across the acta; the closing formula; the
summary of agreements; errata; approval; signature lines; the verification code of the locked record; the annexed
attendance sheet to sign, and room for initials on every page. A held meeting without quorum prints as an "acta
de no constitución". Minutes not yet approved print as a draft, marked on every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from coopdesk.domain.audit import printed_code
from coopdesk.domain.meeting_record import (
    Agreement,
    AttendanceLine,
    Ballot,
    ElectionDetail,
    ItemDetail,
    MeetingDetail,
    MotionDetail,
    agreements_of,
)
from coopdesk.domain.meetings import (
    ApprovalMethod,
    AttendanceStatus,
    Choice,
    MeetingKind,
    MeetingState,
    MotionResult,
    base_in_words,
    rule_in_words,
)
from coopdesk.domain.organs import concurrent_rule_in_words
from coopdesk.i18n import N_, Translator
from coopdesk.reports import national_id
from coopdesk.reports.base import Report, Signer
from coopdesk.reports.by_body import by_body_flowables
from coopdesk.reports.meeting_papers import (
    NO_VALUE,
    clock,
    columns,
    key_values,
    long_date,
    long_datetime,
    named,
    quorum_statement,
)
from coopdesk.reports.style import (
    ACCENT,
    CELL_FONT_SIZE,
    CELL_LEADING,
    CELL_PADDING,
    FONT,
    FONT_BOLD,
    FOOTER_HEIGHT,
    MARGIN,
    MUTED,
)
from coopdesk.reports.tables import data_table, fitted_widths, shared_table

DRAFT_RED = colors.HexColor("#B03A2E")
RESULT_COLORS = {MotionResult.PASSED: colors.HexColor("#1E7B34"), MotionResult.REJECTED: DRAFT_RED,
                 MotionResult.NO_QUORUM: MUTED}
TITLES = {MeetingKind.ORDINARY: N_("Minutes No. %(number)s of the ordinary assembly"),
          MeetingKind.EXTRAORDINARY: N_("Minutes No. %(number)s of the extraordinary assembly"),
          MeetingKind.COUNCIL: N_("Minutes No. %(number)s of the Workers' Council session")}
NOT_CONSTITUTED_TITLES = {
    MeetingKind.ORDINARY: N_("Minutes No. %(number)s: the ordinary assembly not constituted"),
    MeetingKind.EXTRAORDINARY: N_("Minutes No. %(number)s: the extraordinary assembly not constituted"),
    MeetingKind.COUNCIL: N_("Minutes No. %(number)s: the Workers' Council session not constituted")}
INDENT = 12.0  # votes and decisions sit a little to the right of the minutes
NAMES_PER_ROW = 30
CHOICE_COUNTS = ((Choice.YES, N_("Yes: %(count)s")), (Choice.NO, N_("No: %(count)s")),
                 (Choice.ABSTAIN, N_("Abstentions: %(count)s")))


# -- the acta ------------------------------------------------------------------------------------------


HELD = (MeetingState.CLOSED, MeetingState.APPROVED)
SIGNATURE_ROW = 24.0  # room to sign on the annexed attendance sheet
WIDE = 400.0  # narrower (a column of "es+en") the attendance counts go one under the other


class AssemblyReport(Report):
    """The acta in its legal form: number, convocation, opening formula, attendance, the debates with their
    votes and numbered agreements, closing formula, summary of agreements, approval, signatures and the
    annexed attendance sheet to sign; room for initials on every page. A held meeting that never reached its
    quorum prints as an "acta de no constitución": the count, the rule and who came — nothing else."""

    title = N_("Minutes of the assembly")
    subject = N_("Minutes of a meeting of the Workers' Council: attendance, quorum, debates, votes and decisions")

    def __init__(self, *, detail: MeetingDetail, lang: str, number: str = "",
                 national_ids: Mapping[int, str] | None = None, generated_at: datetime | None = None) -> None:
        super().__init__(council=detail.council, lang=lang, generated_at=generated_at)
        self.detail = detail
        self.number = number
        self.national_ids = national_ids or {}
        self.not_constituted = detail.state in HELD and not detail.quorum_met
        self.title = (NOT_CONSTITUTED_TITLES if self.not_constituted else TITLES)[detail.kind]
        self.agreements = agreements_of(detail)
        self._draft = ParagraphStyle("draft", self.styles.body, fontName=FONT_BOLD, textColor=DRAFT_RED,
                                     alignment=TA_CENTER)
        self._note = ParagraphStyle("note", self.styles.cell_head, spaceBefore=3)
        self._formula = ParagraphStyle("formula", self.styles.body, alignment=TA_JUSTIFY, spaceBefore=4,
                                       spaceAfter=6)

    def title_text(self) -> str:
        return self.labels.t(self.title, number=self.number or NO_VALUE)

    def document_title(self) -> str:
        return f"{self.title_text()}: {self.detail.title} ({self.labels.date(self.detail.starts_at.date())})"

    def subtitle(self) -> str:
        return f"{self.labels.t(self.detail.organ.label)} · {self.detail.title}"

    @property
    def _key_width(self) -> float:
        """One label column for every vote of the acta, as wide as its longest label in this language."""
        keys = (N_("Method"), N_("Rule"), N_("Count"), N_("Base"), N_("Result"), N_("Seats"),
                N_("Choices per voter"), N_("Ballots cast"), N_("Votes for candidates"),
                *(choice.label for choice in Choice))
        return min(170.0, max(stringWidth(self.labels.t(k), FONT_BOLD, CELL_FONT_SIZE) for k in keys)
                   + 2 * CELL_PADDING + 10)

    def story(self) -> list[Flowable]:
        labels, detail = self.labels, self.detail
        story: list[Flowable] = []
        if not detail.locked:
            story.append(self.para(labels.t(N_("Draft: these minutes have not been approved yet.")), self._draft))
        story += [self._particulars(), self.para(self._convocation(), self._formula)]
        if self.not_constituted:
            story += [self.para(self._no_quorum(), self._formula), *self._attendance()]
            story += self._agenda()
        else:
            story += [self.para(self._opening(), self._formula), *self._attendance(),
                      *by_body_flowables(labels, detail, self.width), *self._agenda()]
            for item in detail.items:
                story += self._item(item)
            story.append(self.para(self._closing(), self._formula))
            story += self._summary()
        story += self._errata()
        # The approval, the signatures and the verification code end the acta on one page: the code is never left
        # alone on a page of its own.
        closing: list[Flowable] = [self.signatures(self.signers())]
        if detail.verification_code:
            closing += [Spacer(0, 16), self.verification(
                printed_code(detail.verification_code),
                payload=f"coopdesk:acta:{detail.id}:{detail.verification_code}")]
        story.append(CondPageBreak(300 if detail.verification_code else 200))
        story.append(self.heading(labels.t(N_("Approval"))))
        story.append(self.para(self._approval()))
        story.append(Spacer(0, 30))
        story.append(KeepTogether(closing))
        story += self._signature_sheet()
        return story

    def signers(self) -> list[Signer]:
        """Chair first, then secretary: the same order on the convocation."""
        d, labels = self.detail, self.labels
        return [Signer(labels.t(N_("Chair")), d.chair.full_name if d.chair else ""),
                Signer(labels.t(N_("Secretary")), d.secretary.full_name if d.secretary else "")]

    # ---- the formulas

    def _convocation(self) -> str:
        labels, d = self.labels, self.detail
        values = {"when": long_datetime(labels, d.starts_at), "place": d.place or NO_VALUE}
        if d.convened_on is not None:  # the day the convocation was issued, as recorded
            issued = long_date(labels, d.convened_on)
            if d.chair and d.secretary:
                return labels.t(N_("Convened in writing on %(issued)s, with its agenda, by the chair, %(chair)s, and "
                                   "the secretary, %(secretary)s, of the Workers' Council, for %(when)s at "
                                   "%(place)s."), issued=issued, chair=d.chair.full_name,
                                secretary=d.secretary.full_name, **values)
            return labels.t(N_("Convened in writing on %(issued)s, with its agenda, by the Workers' Council, for "
                               "%(when)s at %(place)s."), issued=issued, **values)
        if d.chair and d.secretary:
            return labels.t(N_("Convened in writing, with its agenda, by the chair, %(chair)s, and the secretary, "
                               "%(secretary)s, of the Workers' Council, for %(when)s at %(place)s."),
                            chair=d.chair.full_name, secretary=d.secretary.full_name, **values)
        return labels.t(N_("Convened in writing, with its agenda, by the Workers' Council, for %(when)s at "
                           "%(place)s."), **values)

    def _presence(self) -> dict[str, str]:
        labels, c = self.labels, self.detail.counters
        return {"present": labels.number(c.present_voters), "entitled": labels.number(c.entitled),
                "percent": labels.percent(c.present_voters, c.entitled), "minimum": labels.number(c.quorum_minimum),
                "rule": labels.t(c.quorum_rule.label)}

    def _opening(self) -> str:
        labels, d = self.labels, self.detail
        return labels.t(
            N_("At %(time)s on %(date)s, at %(place)s, with %(present)s of %(entitled)s entitled voters present or "
               "represented (%(percent)s), the quorum being met (%(rule)s: %(minimum)s needed), the session was "
               "opened, chaired by %(chair)s, with %(secretary)s acting as secretary."),
            time=clock(labels, d.session_start), date=long_date(labels, d.session_start.date()),
            place=d.place or NO_VALUE,
            chair=d.chair.full_name if d.chair else NO_VALUE,
            secretary=d.secretary.full_name if d.secretary else NO_VALUE, **self._presence())

    def _closing(self) -> str:
        labels, d = self.labels, self.detail
        if d.ends_at is None:
            return labels.t(N_("There being no further business, the session was closed. These minutes were read "
                               "and are signed by those who attended."))
        return labels.t(N_("There being no further business, the session was closed at %(time)s on %(date)s. "
                           "These minutes were read and are signed by those who attended."),
                        time=clock(labels, d.ends_at), date=long_date(labels, d.ends_at.date()))

    def _no_quorum(self) -> str:
        labels, d = self.labels, self.detail
        return labels.t(
            N_("At %(time)s on %(date)s, at %(place)s, the time and place of the convocation, %(present)s of "
               "%(entitled)s entitled voters were present or represented (%(percent)s); %(rule)s requires "
               "%(minimum)s. For lack of quorum the assembly could not be constituted: no item of the agenda was "
               "discussed and nothing was put to the vote."),
            time=clock(labels, d.starts_at), date=long_date(labels, d.starts_at.date()), place=d.place or NO_VALUE,
            **self._presence())

    # ---- particulars, attendance, agenda

    def _particulars(self) -> Table:
        labels, d = self.labels, self.detail
        rows = [(labels.t(N_("Minutes No.")), self.number or NO_VALUE),
                (labels.t(N_("Organ")), labels.t(d.organ.label)), (labels.t(N_("Kind")), labels.t(d.kind.label)),
                (labels.t(N_("Date")), long_date(labels, d.starts_at.date())),
                (labels.t(N_("Place")), d.place or NO_VALUE)]
        if d.convened_on is not None:
            rows.append((labels.t(N_("Convocation issued")), long_date(labels, d.convened_on)))
        rows += [(labels.t(N_("Convened for")), clock(labels, d.starts_at)),
                 (labels.t(N_("Started")), clock(labels, d.session_start)),
                 (labels.t(N_("Ended")), clock(labels, d.ends_at)),
                 (labels.t(N_("Chair")), named(d.chair)),
                 (labels.t(N_("Secretary")), named(d.secretary)),
                 (labels.t(N_("State")), labels.t(d.state.label))]
        return key_values(rows, self.width)

    def _attendance(self) -> list[Flowable]:
        labels, d, c = self.labels, self.detail, self.detail.counters
        header = [labels.t(N_("Entitled voters")), labels.t(N_("In person")), labels.t(N_("Represented")),
                  labels.t(N_("Present voters")), labels.t(N_("Excused")), labels.t(N_("Absent"))]
        numbers = [labels.number(c.entitled)] + [
            f"{labels.number(n)} ({labels.percent(n, c.entitled)})"
            for n in (c.in_person, c.represented, c.present_voters, c.excused, c.absent)]
        if self.width >= WIDE:
            counts: Flowable = data_table(header, [numbers], [self.width / 6] * 6, right=range(6))
        else:  # a column of a side-by-side acta: the counts one under the other
            counts = key_values(list(zip(header, numbers, strict=True)), self.width)
        story: list[Flowable] = [
            CondPageBreak(110), self.heading(labels.t(N_("Attendance"))), counts,
            Spacer(0, 4), self.para(quorum_statement(labels, d), self.styles.body)]
        groups = ((AttendanceStatus.PRESENT, N_("Present in person")),
                  (AttendanceStatus.REPRESENTED, N_("Represented")), (AttendanceStatus.EXCUSED, N_("Excused")),
                  (AttendanceStatus.ABSENT, N_("Absent")))
        no_vote = labels.t(N_("no vote"))
        for status, caption in groups:
            lines = d.with_status(status)
            if not lines:
                continue
            story.append(self.para(f"{labels.t(caption)} ({labels.number(len(lines))})", self.styles.cell_head))
            per_row = 2 if status is AttendanceStatus.REPRESENTED else 3
            story.append(columns([self._attendee(line, no_vote) for line in lines], self.width, per_row))
            story.append(Spacer(0, 4))
        story.append(self.para(labels.t(N_("Those present sign the attendance sheet annexed to these minutes.")),
                               self.styles.small))
        return story

    def _agenda(self) -> list[Flowable]:
        if not self.detail.items:
            return []
        return [CondPageBreak(120), self.heading(self.labels.t(N_("Agenda"))),
                key_values([(f"{item.position}.", item.title) for item in self.detail.items], self.width, 24)]

    def _attendee(self, line: AttendanceLine, no_vote: str) -> str:
        text = f"{line.member.code} {line.member.full_name}"
        if line.status is AttendanceStatus.REPRESENTED and line.proxy:
            text += " — " + self.labels.t(N_("by %(name)s"), name=line.proxy.full_name)
        notes = [] if line.entitled or line.status is not AttendanceStatus.PRESENT else [no_vote]
        if line.left_at is not None:
            notes.append(self.labels.t(N_("left at %(time)s"), time=clock(self.labels, line.left_at)))
        return text + (f" ({'; '.join(notes)})" if notes else "")

    # ---- the debates

    def _item(self, item: ItemDetail) -> list[Flowable]:
        # A heading keeps at least its first lines with it: it never ends a page alone.
        story: list[Flowable] = [CondPageBreak(90), self.heading(f"{item.position}. {item.title}")]
        if item.proposer:
            story.append(self.para(self.labels.t(N_("Item proposed by %(name)s"), name=item.proposer.full_name),
                                   self.styles.small))
        story += [self.para(paragraph) for paragraph in item.paragraphs]
        shown: set[int] = set()
        for motion in item.motions:
            story += self._motion(motion, item)
            for agreement in self.agreements:
                if agreement.motion is not None and agreement.motion.id == motion.id:
                    story.append(self._agreement(agreement))
                    shown.add(agreement.number)
        story += [self._election(election) for election in item.elections]
        story += [self._agreement(agreement) for agreement in self.agreements
                  if agreement.item_position == item.position and agreement.number not in shown]
        return story

    def _motion(self, motion: MotionDetail, item: ItemDetail) -> list[Flowable]:
        labels = self.labels
        title = labels.t(N_("Motion %(number)s"), number=motion.number)
        counts = {Choice.YES: motion.yes, Choice.NO: motion.no, Choice.ABSTAIN: motion.abstain}
        votes = " · ".join(
            labels.t(msgid, count=f"{labels.number(counts[choice])} ({labels.percent(counts[choice], motion.cast)})")
            for choice, msgid in CHOICE_COUNTS)
        votes += "; " + labels.t(N_("%(cast)s votes cast"), cast=labels.number(motion.cast))
        rows = [(labels.t(N_("Method")), labels.t(motion.method.label)),
                (labels.t(N_("Rule")), labels.built(lambda tr: (concurrent_rule_in_words if motion.concurrent
                                                                else rule_in_words)(motion.majority, motion.base, tr))),
                (labels.t(N_("Count")), votes)]
        if motion.base_count is not None:
            base = labels.built(lambda tr: base_in_words(motion.base, motion.base_count or 0, tr))
            rows.append((labels.t(N_("Base")), base + "; " + labels.t(
                N_("present voters at the vote: %(present)s of %(entitled)s"),
                present=labels.number(motion.present_voters or 0), entitled=labels.number(motion.entitled or 0))))
        for choice, _msgid in CHOICE_COUNTS:  # a roll call's names, in rows a page can break between
            names = [self._voter(ballot) for ballot in motion.ballots if ballot.choice is choice]
            for start in range(0, len(names), NAMES_PER_ROW):
                rows.append((labels.t(choice.label) if not start else "",
                             ", ".join(names[start:start + NAMES_PER_ROW])))
        result = labels.t(motion.result.label).upper() if motion.result else labels.t(N_("Vote not closed"))
        rows.append((labels.t(N_("Result")), result))
        table = self._ruled(key_values(rows, self.width - INDENT, self._key_width))
        if motion.result:
            table.setStyle([("FONT", (1, -1), (1, -1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
                            ("TEXTCOLOR", (1, -1), (1, -1), RESULT_COLORS[motion.result])])
        by = motion.proposer or item.proposer  # the motion's own proposer, else the item's
        proposer = " " + escape(labels.t(N_("(proposed by %(name)s)"), name=by.full_name)) if by else ""
        heading = Paragraph(f"<b>{escape(title)}:</b> {escape(motion.text)}{proposer}", self.styles.body)
        if motion.ballots:  # long: may run over a page, its heading kept with the first lines
            return [CondPageBreak(120), Spacer(0, 3), heading, table]
        return [KeepTogether([Spacer(0, 3), heading, table])]

    def _voter(self, ballot: Ballot) -> str:
        if ballot.cast_by is None:
            return ballot.member.full_name
        return f"{ballot.member.full_name} ({self.labels.t(N_('by %(name)s'), name=ballot.cast_by.full_name)})"

    @staticmethod
    def _ruled(table: Table) -> Table:
        """A vote's particulars: indented, with a rule on the left."""
        table.hAlign = "RIGHT"
        table.setStyle([("LINEBEFORE", (0, 0), (0, -1), 1.5, ACCENT), ("LEFTPADDING", (0, 0), (0, -1), 8)])
        return table

    def _ballots_line(self, election: ElectionDetail) -> str:
        """Ballots cast = valid + blank + null, so that the counts add up on paper. The null ballots are those
        recorded with the count; for an election counted before they were recorded, with one choice per voter
        they are what the candidates' votes and the blank ones leave, and with more they are not known."""
        labels = self.labels
        votes = sum(line.votes for line in election.candidates)
        cast, blank = election.ballots_cast, election.blank_ballots
        if election.null_ballots is not None:
            null = election.null_ballots
            return self._ballots_sum(cast, max(0, cast - blank - null), blank, null)
        if election.max_choices == 1:
            return self._ballots_sum(cast, votes, blank, max(0, cast - blank - votes))
        return labels.t(N_("%(cast)s (%(blank)s blank); null ballots not recorded"),
                        cast=labels.number(cast), blank=labels.number(blank))

    def _ballots_sum(self, cast: int, valid: int, blank: int, null: int) -> str:
        """"43 = 42 valid + 0 blank + 1 null", each count agreeing with its word ("1 nula", "3 nulas")."""
        labels = self.labels

        def parts(tr: Translator) -> str:
            return " + ".join((
                tr.ngettext("%(count)s valid", "%(count)s valid", valid) % {"count": labels.number(valid)},
                tr.ngettext("%(count)s blank", "%(count)s blank", blank) % {"count": labels.number(blank)},
                tr.ngettext("%(count)s null", "%(count)s null", null) % {"count": labels.number(null)}))

        return f"{labels.number(cast)} = {labels.built(parts)}"

    def _election(self, election: ElectionDetail) -> Flowable:
        labels = self.labels
        votes = sum(line.votes for line in election.candidates)
        rows = [(labels.t(N_("Method")), labels.t(election.method.label)),
                (labels.t(N_("Seats")), labels.number(election.seats)),
                (labels.t(N_("Choices per voter")), labels.number(election.max_choices)),
                (labels.t(N_("Ballots cast")), self._ballots_line(election)),
                (labels.t(N_("Votes for candidates")), labels.number(votes))]
        outcome = {True: labels.t(N_("Elected")), False: ""}
        runoff = labels.t(N_("Runoff"))
        table_rows = [(line.member.full_name, line.member.code,
                       f"{labels.number(line.votes)} ({labels.percent(line.votes, election.ballots_cast)})",
                       runoff if line.runoff else outcome[line.elected]) for line in election.candidates]
        header = [labels.t(N_("Candidate")), labels.t(N_("Code")), labels.t(N_("Votes received")),
                  labels.t(N_("Outcome"))]
        inner = self.width - INDENT
        # The code, the votes and the outcome as wide as their words (whole even in a half-width column); the
        # names take the rest and wrap.
        fitted = fitted_widths(header, table_rows, (1, 2, 3))
        candidates = data_table(header, table_rows, [inner - sum(fitted), *fitted], right=(2,))
        candidates.hAlign = "RIGHT"
        parts: list[Flowable] = [
            Spacer(0, 3),
            Paragraph(f"<b>{escape(labels.t(N_('Election')))}:</b> {escape(election.title)}", self.styles.body),
            self._ruled(key_values(rows, inner, self._key_width)), Spacer(0, 3), candidates,
            self.para(labels.t(N_("Percentages of the ballots cast.")), self.styles.small)]
        if election.needs_runoff:
            names = ", ".join(p.full_name for p in election.runoff)
            seats = election.runoff_seats
            parts.append(self.para(labels.built(lambda tr: tr.ngettext(
                "Tie for the last seat: a runoff among %(names)s must fill %(count)d seat.",
                "Tie for the last seats: a runoff among %(names)s must fill %(count)d seats.", seats)
                % {"names": names, "count": seats}), self._note))
        elif not election.closed:
            parts.append(self.para(labels.t(N_("Vote not closed")), self._note))
        return KeepTogether(parts)

    def _agreement(self, agreement: Agreement) -> Flowable:
        labels = self.labels
        title = labels.t(N_("Agreement %(number)s"), number=labels.number(agreement.number))
        parts: list[Flowable] = [Spacer(0, 3), Paragraph(f"<b>{escape(title)}:</b> {escape(agreement.text)}",
                                                         self.styles.body)]
        if agreement.actions:
            header = [labels.t(N_("Follow-up action")), labels.t(N_("Responsible")), labels.t(N_("Due"))]
            rows = [(a.description, a.responsible.full_name if a.responsible else (a.owed_by or NO_VALUE),
                     labels.date(a.due_on) if a.due_on else NO_VALUE) for a in agreement.actions]
            inner = self.width - INDENT
            actions = data_table(header, rows, [inner * 0.52, inner * 0.3, inner * 0.18])
            actions.hAlign = "RIGHT"
            parts.append(actions)
        return KeepTogether(parts)

    def _summary(self) -> list[Flowable]:
        labels = self.labels
        if not self.agreements:
            return [self.para(labels.t(N_("No agreements were adopted.")), self.styles.body)]
        header = [labels.t(N_("No.")), labels.t(N_("Item")), labels.t(N_("Agreement"))]
        rows = [(labels.number(a.number), f"{a.item_position}.", a.text) for a in self.agreements]
        return [CondPageBreak(90), self.heading(labels.t(N_("Summary of agreements"))),
                data_table(header, rows, [34, 40, self.width - 74])]

    def _errata(self) -> list[Flowable]:
        if not self.detail.errata:
            return []
        labels = self.labels
        header = [labels.t(N_("Date")), labels.t(N_("Reason")), labels.t(N_("Correction"))]
        rows = [(labels.date(e.recorded_on), e.reason, e.correction) for e in self.detail.errata]
        return [self.heading(labels.t(N_("Errata"))),
                data_table(header, rows, [70, (self.width - 70) * 0.35, (self.width - 70) * 0.65])]

    def _approval(self) -> str:
        labels, approval = self.labels, self.detail.approval
        if approval is None:
            return labels.t(N_("These minutes await approval: by a motion at a later meeting, or by the signatures "
                               "of the chair and the secretary."))
        if approval.method is ApprovalMethod.SIGNATURES:
            return labels.t(N_("Approved on %(date)s by the signatures of the chair and the secretary."),
                            date=long_date(labels, approval.approved_at.date()))
        when = approval.motion_meeting_starts_at
        return labels.t(N_("Approved by motion %(motion)s, \"%(text)s\", at the meeting \"%(meeting)s\" of "
                           "%(date)s."), motion=approval.motion_number or approval.motion_id,
                        text=approval.motion_text or "", meeting=approval.motion_meeting_title or "",
                        date=long_date(labels, when.date()) if when else NO_VALUE)

    def _signature_sheet(self) -> list[Flowable]:
        """The annex every attendee signs: those present in person, and proxy holders for those represented."""
        labels = self.labels
        lines = self.detail.with_status(AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)
        if not lines:
            return []
        rows = []
        for number, line in enumerate(lines, start=1):
            name = line.member.full_name
            if line.status is AttendanceStatus.REPRESENTED and line.proxy:
                name += " — " + labels.t(N_("by %(name)s"), name=line.proxy.full_name)
            rows.append((labels.number(number), line.member.code, name,
                         national_id(self.national_ids.get(line.member.id)) or NO_VALUE, ""))
        header = [labels.t(N_("No.")), labels.t(N_("Code")), labels.t(N_("Name")), labels.t(N_("National id")),
                  labels.t(N_("Signature"))]
        table = shared_table(header, rows, (0.06, 0.1, 0.42, 0.16, 0.26), SIGNATURE_ROW, [
            ("VALIGN", (0, 1), (-1, -1), "BOTTOM"), ("LINEBELOW", (4, 1), (4, -1), 0.5, colors.black)],
            width=self.width)
        return [PageBreak(), self.heading(labels.t(N_("Annex: attendance sheet"))),
                self.para(labels.t(N_("Minutes No. %(number)s, %(date)s."), number=self.number or NO_VALUE,
                                   date=long_date(labels, self.detail.starts_at.date())), self.styles.small),
                table]

    def draw_page_extras(self, canvas: Canvas) -> None:
        """Room for the chair's and the secretary's initials at the foot of every page; the draft mark."""
        width, height = self.page_size
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(MUTED)
        text = " · ".join(self.labels.each(N_("Initials")))
        right = width - MARGIN
        canvas.line(right - 60, MARGIN - 12, right, MARGIN - 12)
        canvas.line(right - 130, MARGIN - 12, right - 70, MARGIN - 12)
        canvas.drawRightString(right - 136, MARGIN - 12, f"{text}:")
        canvas.restoreState()
        if self.detail.locked:
            return
        # Minutes not yet approved say so on every page: in the footer, and faintly across the page. Side by side
        # the footer's two languages fill its line, so the mark goes on the initials' line below it.
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 7.5)
        canvas.setFillColor(DRAFT_RED)
        baseline = MARGIN - 12 if self.labels.bilingual else MARGIN + FOOTER_HEIGHT - 19
        canvas.drawCentredString(width / 2, baseline, " · ".join(self.labels.each(N_("DRAFT"))))
        canvas.setFillColor(colors.Color(0.69, 0.23, 0.18, alpha=0.06))
        canvas.setFont(FONT_BOLD, 96)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -34, self.labels.each(N_("DRAFT"))[0])
        canvas.restoreState()
