"""A member's statement for a year (`report statement`): every entry, reversals labelled, and the totals.

The data is a `coopdesk.services.ledger.Statement` (described here by the protocols it must meet).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from reportlab.platypus import Flowable, KeepTogether, Spacer

from coopdesk.domain.ledger import EntryKind, contribution_kind, fund_kind
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports import national_id
from coopdesk.reports.base import Report
from coopdesk.reports.payroll import EntryData, entry_concept, facts_table, kind_text, period_text
from coopdesk.reports.style import ACCENT, CELL_FONT_SIZE, CELL_LEADING, FONT_BOLD
from coopdesk.reports.tables import fitted_widths


class TotalsData(Protocol):
    gross_cents: int
    contributions: tuple[tuple[str, int], ...]
    advances_cents: int
    net_cents: int
    surplus_cents: int
    owed: tuple[tuple[str, int], ...]
    payouts_cents: int

    @property
    def received_cents(self) -> int: ...


class StatementData(Protocol):
    member_code: str
    member_name: str
    national_id: str | None
    year: int | None
    entries: Sequence[EntryData]
    totals: TotalsData
    periods: Mapping[int, tuple[date, date]]
    verification: str | None


class StatementReport(Report):
    title = N_("Member statement")
    subject = N_("A member's equal-wage pay, contributions, advances and surplus shares over a year")
    wide_tables = True  # in "es+en": headings in two columns, each table one across the page in both languages

    def __init__(self, *, council: Council, lang: str, statement: StatementData,
                 generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, generated_at=generated_at)
        self.statement = statement

    def subtitle(self) -> str:
        found = self.statement
        if found.year is None:
            return f"{found.member_code} — {found.member_name}"
        return f"{found.member_code} — {found.member_name} — {self.labels.t(N_('Year %(year)s'), year=found.year)}"

    def story(self) -> list[Flowable]:
        labels, found = self.labels, self.statement
        facts = [[labels.t(N_("Member")), f"{found.member_name} ({found.member_code})"]]
        if found.national_id:
            facts.append([labels.t(N_("National id")), national_id(found.national_id)])
        story: list[Flowable] = [facts_table(self, facts), Spacer(0, 4)]
        pay = [row for row in found.entries if row.period_id is not None]
        if pay:
            story += [self.heading(labels.t(N_("Pay periods"))), self._periods(pay)]
        surplus = [row for row in found.entries if row.period_id is None and row.effective_kind == "surplus"]
        if surplus:
            story += [self.heading(labels.t(N_("Shares of the surplus"))), self._entries(surplus)]
        payouts = [row for row in found.entries if row.period_id is None and row.effective_kind != "surplus"]
        if payouts:
            story += [self.heading(labels.t(N_("Payouts from the funds"))), self._entries(payouts)]
        corrections = [row for row in found.entries if row.reverses_id or row.reversed_by_id]
        if corrections:
            story += [self.heading(labels.t(N_("Corrections"))), self.para(labels.t(N_(
                "Entries reversed, and the reversals that undo them (the exact opposite amount). Pay periods "
                "above count each reversal in the period it was posted in.")), self.styles.small),
                self._entries(corrections)]
        if not found.entries:
            story.append(self.para(labels.t(N_("No entries in this year.")), self.styles.body))
        closing: list[Flowable] = [self.heading(labels.t(N_("Totals"))), self._totals()]
        if found.verification:
            closing += [Spacer(0, 16), self.verification(found.verification)]
        story.append(KeepTogether(closing))
        return story

    def _periods(self, rows: list[EntryData]) -> Flowable:
        """One line per pay period: gross, each fund, advances and net (reversals counted in)."""
        labels, found = self.labels, self.statement
        codes = [code for code, _cents in found.totals.contributions]
        sums: dict[int, dict[str, int]] = {}
        for row in rows:
            period = sums.setdefault(row.period_id or 0, {})
            period[row.effective_kind] = period.get(row.effective_kind, 0) + row.amount_cents
        kinds = [EntryKind.GROSS.value, *(contribution_kind(code) for code in codes), EntryKind.ADVANCE.value,
                 EntryKind.NET.value]
        header = [labels.t(N_("Pay period")), kind_text(labels, EntryKind.GROSS.value), *codes,
                  labels.t(N_("Advances")), kind_text(labels, EntryKind.NET.value)]
        ordered = sorted(sums, key=lambda pid: found.periods.get(pid, (date.max, date.max)))
        table = []
        for pid in ordered:
            start, end = found.periods[pid]
            table.append([f"{pid} · {period_text(labels, start, end, 'short')}",
                          *(labels.money(sums[pid].get(kind, 0)) for kind in kinds)])
        table.append([labels.t(N_("Total")), *(labels.money(sum(sums[pid].get(kind, 0) for pid in sums))
                                               for kind in kinds)])
        numbers = fitted_widths(header, table, range(1, len(header)), bold=True)
        widths = [self.table_width - sum(numbers), *numbers]
        style = [("FONT", (0, -1), (-1, -1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
                 ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT)]
        return self.table(header, table, widths, right=range(1, len(header)), style=style)

    def _entries(self, entries: list[EntryData]) -> Flowable:
        labels, found = self.labels, self.statement
        header = [labels.t(N_("No.")), labels.t(N_("Posted on")), labels.t(N_("Concept")), labels.t(N_("Amount"))]
        rows = []
        for row in entries:
            concept = entry_concept(labels, row)
            if row.reverses_id:
                concept += " — " + labels.t(N_("reverses entry no. %(id)s"), id=row.reverses_id)
            elif row.reversed_by_id:
                concept += " — " + labels.t(N_("reversed by entry no. %(id)s"), id=row.reversed_by_id)
            pid = row.period_id or row.original_period_id
            if pid in found.periods:
                concept += "\n" + labels.t(N_("Pay period %(id)s: %(dates)s"), id=pid,
                                              dates=period_text(labels, *found.periods[pid]))
            if row.note:
                concept += "\n" + row.note
            rows.append([str(row.id), labels.date(row.posted_on), concept, labels.money(row.amount_cents)])
        widths = fitted_widths(header, rows, (0, 1, 3))
        return self.table(header, rows, [widths[0], widths[1], self.table_width - sum(widths), widths[2]], right=(0, 3))

    def _totals(self) -> Flowable:
        labels, totals = self.labels, self.statement.totals
        rows = [[kind_text(labels, EntryKind.GROSS.value), labels.money(totals.gross_cents)]]
        rows += [[kind_text(labels, contribution_kind(code)), labels.money(-cents)]
                 for code, cents in totals.contributions]
        rows.append([labels.t(N_("Advances")), labels.money(-totals.advances_cents)])
        rows.append([kind_text(labels, EntryKind.NET.value), labels.money(totals.net_cents)])
        rows.append([kind_text(labels, EntryKind.SURPLUS.value), labels.money(totals.surplus_cents)])
        if totals.payouts_cents:
            rows.append([labels.t(N_("Payouts from the funds")), labels.money(totals.payouts_cents)])
        rows.append([labels.t(N_("Received in all")), labels.money(totals.received_cents)])
        received = len(rows)  # its row in the table, under the header
        width = min(130.0, self.table_width / 3)
        style = [("FONT", (0, received), (-1, received), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
                 ("LINEABOVE", (0, received), (-1, received), 0.8, ACCENT),
                 ("FONT", (0, 4 + len(totals.contributions) - 1), (-1, 4 + len(totals.contributions) - 1),
                  FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING)]
        if totals.owed:  # not paid to the member, not deducted: what management owes the funds for their work
            rows.append([labels.t(N_("Owed by management to the member's funds (not deducted)")), ""])
            rows += [[kind_text(labels, fund_kind(EntryKind.OWED, code)), labels.money(cents)]
                     for code, cents in totals.owed]
            style.append(("FONT", (0, received + 1), (-1, received + 1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING))
        return self.table([labels.t(N_("Concept")), labels.t(N_("Amount"))], rows,
                          [self.table_width - width, width], right=(1,), style=style)
