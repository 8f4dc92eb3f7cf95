"""The register of members (`report members`): one table per body, totals, the secretary's signature."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from coopdesk.domain.members import BODY_PLURAL_LABELS, Body, Member, MemberStatus, is_entitled
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports import national_id
from coopdesk.reports.base import Report, Signer
from coopdesk.reports.style import ACCENT, CELL_FONT_SIZE, CELL_LEADING, CELL_PADDING, FONT_BOLD
from coopdesk.reports.tables import cell_width

COLUMNS = (N_("Code"), N_("Full name"), N_("National id"), N_("Votes"), N_("Joined"), N_("Status"))
MAX_ID_WIDTH = 96.0  # code and national id columns; longer values wrap
MAX_STATUS_WIDTH = 66.0  # "Activo / Active" fits; rare longer statuses wrap rather than narrow the names
NO_VALUE = "—"


def natural_key(code: str) -> list:
    """"M2" before "M10": runs of digits compare as numbers."""
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(re.split(r"(\d+)", code))]


class MembersReport(Report):
    title = N_("Register of members")
    subject = N_("Members of the council by body, with their voting right and status")
    wide_tables = True  # in "es+en": headings in two columns, each table one across the page in both languages

    def __init__(
        self, *, council: Council, lang: str, members: Sequence[Member], generated_at: datetime | None = None
    ) -> None:
        super().__init__(council=council, lang=lang, generated_at=generated_at)
        self.members = sorted(members, key=lambda member: (natural_key(member.code), member.code))

    def subtitle(self) -> str:
        return self.labels.t(N_("As of %(date)s"), date=self.labels.date(self.generated_at.date()))

    def story(self) -> list[Flowable]:
        labels = self.labels
        groups: dict[Body, list[Member]] = {body: [] for body in Body}
        for member in self.members:
            groups[member.body].append(member)
        header = [labels.t(column) for column in COLUMNS]
        status_text = {status: labels.t(status.label) for status in MemberStatus}
        yes, no = labels.yes_no(True), labels.yes_no(False)
        widths = self._column_widths(header, status_text.values(), (yes, no))
        today = self.generated_at.date()
        story: list[Flowable] = []
        for body, members in groups.items():
            # Never leave a group's heading alone at the foot of a page.
            story.append(CondPageBreak(self.styles.heading.leading + 5 * CELL_LEADING + 30))
            story.append(self.heading(f"{labels.t(BODY_PLURAL_LABELS[body])} ({labels.number(len(members))})"))
            if not members:
                story.append(self.para(labels.t(N_("No members in this group.")), self.styles.small))
                continue
            rows = [
                (
                    member.code,
                    member.full_name,
                    national_id(member.national_id) or NO_VALUE,
                    yes if is_entitled(member, today) else no,  # as the acta of this date counts voters
                    labels.date(member.joined_on),
                    status_text[member.status],
                )
                for member in members
            ]
            # Members who are not active stay in the register, greyed.
            muted = [row for row, member in enumerate(members) if member.status is not MemberStatus.ACTIVE]
            story.append(self.table(header, rows, widths, muted=muted))
        story.append(Spacer(0, 6))
        story.append(KeepTogether([
            self.heading(labels.t(N_("Totals"))),
            self._totals(groups),
            Spacer(0, 36),
            self.signatures([Signer(labels.t(N_("Secretary")))]),
        ]))
        return story

    def _column_widths(self, header: list[str], statuses: Iterable[str], yes_no: Iterable[str]) -> list[float]:
        """Code, id, vote, date and status as wide as their widest value (or header word); the name the rest."""
        labels = self.labels

        def widest(texts: Iterable[str]) -> float:
            return max(map(cell_width, texts), default=0.0)

        def header_word(text: str) -> float:
            return max(stringWidth(word, FONT_BOLD, CELL_FONT_SIZE) for word in text.split())

        dates = {labels.date(member.joined_on) for member in self.members}
        content = [
            min(widest(member.code for member in self.members), MAX_ID_WIDTH),
            min(widest(national_id(member.national_id) or NO_VALUE for member in self.members), MAX_ID_WIDTH),
            widest(yes_no),
            widest(dates),
            min(widest(statuses), MAX_STATUS_WIDTH),
        ]
        fixed_headers = [header[0], *header[2:]]
        fixed = [max(width, header_word(text)) + 2 * CELL_PADDING + 2
                 for width, text in zip(content, fixed_headers, strict=True)]
        name = self.table_width - sum(fixed)
        return [fixed[0], name, *fixed[1:]]

    def _totals(self, groups: dict[Body, list[Member]]) -> Flowable:
        labels = self.labels
        header = [labels.t(N_("Body")), labels.t(N_("Members")), labels.t(N_("With voting right")),
                  labels.t(N_("Active members"))]

        def counts(members: list[Member]) -> list[str]:
            voting = sum(1 for member in members if is_entitled(member, self.generated_at.date()))
            active = sum(1 for member in members if member.status is MemberStatus.ACTIVE)
            return [labels.number(len(members)), labels.number(voting), labels.number(active)]

        rows = [[labels.t(BODY_PLURAL_LABELS[body]), *counts(members)] for body, members in groups.items()]
        rows.append([labels.t(N_("Total")), *counts(self.members)])
        number_width = min(82.0, self.table_width / 5)
        widths = [self.table_width - 3 * number_width, number_width, number_width, number_width]
        last_row = [("FONT", (0, -1), (-1, -1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT)]
        return self.table(header, rows, widths, right=(1, 2, 3), style=last_row)
