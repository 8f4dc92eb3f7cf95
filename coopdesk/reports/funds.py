"""The social funds over a year (`report funds`): what management owes the funds it pays, what it deposited
and its arrears (in words too); then each workers-paid fund's opening balance, contributions and closing
balance, a chart of the balances over the year, and its contributions period by period with the running balance.

The data is a `coopdesk.services.ledger.FundBalances` (described here by the protocols it must meet).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from coopdesk.domain.ledger import FundPayer, arrears_text
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports.base import Report
from coopdesk.reports.charts import balances_chart
from coopdesk.reports.payroll import FundData, percent_text, period_text
from coopdesk.reports.style import ACCENT, CELL_FONT_SIZE, CELL_LEADING, FONT_BOLD


class FundRowData(Protocol):
    period_id: int
    starts_on: date
    ends_on: date
    contributions: tuple[int, ...]
    balances: tuple[int, ...]


class AccountData(Protocol):
    code: str
    name: str
    paid_by: FundPayer
    owed_cents: int
    deposited_cents: int
    paid_out_cents: int
    arrears_since: date | None

    @property
    def arrears_cents(self) -> int: ...

    @property
    def held_cents(self) -> int: ...


class BalancesData(Protocol):
    year: int | None
    funds: Sequence[FundData]
    opening: tuple[int, ...]
    rows: Sequence[FundRowData]
    closing: tuple[int, ...]
    accounts: Sequence[AccountData]

    @property
    def contributed(self) -> tuple[int, ...]: ...


TOTAL_ROW = [("FONT", (0, -1), (-1, -1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
             ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT)]


class FundsReport(Report):
    title = N_("Social funds")
    subject = N_("Contributions to each social fund and its balance, period by period")
    wide_tables = True  # in "es+en": headings in two columns, each table one across the page in both languages

    def __init__(self, *, council: Council, lang: str, balances: BalancesData,
                 generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, generated_at=generated_at)
        self.balances = balances

    def subtitle(self) -> str | None:
        year = self.balances.year
        return self.labels.t(N_("Year %(year)s"), year=year) if year is not None else None

    def story(self) -> list[Flowable]:
        labels, data = self.labels, self.balances
        owed = [account for account in data.accounts if account.paid_by is FundPayer.MANAGEMENT]
        if not data.funds and not owed:
            return [self.para(labels.t(N_("No social fund has been created yet.")))]
        story: list[Flowable] = self._owed(owed) if owed else []
        if not data.funds:
            return story
        story += [self.heading(labels.t(N_("Funds paid by the workers"))), self._summary(), Spacer(0, 6)]
        story.append(self.para(labels.t(N_("Each fund takes its percentage of every gross pay line when a pay period "
                                            "closes; reversals count against the fund in the period they are "
                                            "posted in.")), self.styles.small))
        if len(data.rows) > 1:
            story += [Spacer(0, 4), self.para(labels.t(N_("Balance of each fund over the year (Bs.)")),
                                              self.styles.small),
                      balances_chart(labels, [row.ends_on for row in data.rows],
                                     [[row.balances[i] for row in data.rows] for i in range(len(data.funds))],
                                     [fund.name for fund in data.funds], self.width)]
        for index, fund in enumerate(data.funds):
            story.append(CondPageBreak(self.styles.heading.leading + 6 * CELL_LEADING + 30))
            story.append(self.heading(f"{fund.name} ({fund.code}) — {percent_text(labels, fund.percent_hundredths)}"))
            story.append(self._periods(index))
        return story

    def _owed(self, accounts: list[AccountData]) -> list[Flowable]:
        """What management owed the funds it pays up to the end of the year, what it deposited, the arrears."""
        labels = self.labels
        header = [labels.t(N_("Fund")), labels.t(N_("Owed by management")), labels.t(N_("Deposited")),
                  labels.t(N_("Arrears")), labels.t(N_("Paid out")), labels.t(N_("Held"))]
        rows = [[f"{account.name} ({account.code})", labels.money(account.owed_cents),
                 labels.money(account.deposited_cents), labels.money(account.arrears_cents),
                 labels.money(account.paid_out_cents), labels.money(account.held_cents)] for account in accounts]
        rows.append([labels.t(N_("Total")), *(labels.money(sum(values)) for values in zip(*(
            (a.owed_cents, a.deposited_cents, a.arrears_cents, a.paid_out_cents, a.held_cents)
            for a in accounts), strict=True))])
        number = min(86.0, self.table_width / 7)
        story: list[Flowable] = [
            self.heading(labels.t(N_("Funds paid by management"))),
            self.para(labels.t(N_("Management owes each of these funds its percentage of every gross pay line, on "
                                  "top of the pay; nothing is deducted from the workers. Figures up to the end of "
                                  "the year, since the first pay period.")), self.styles.small),
            self.table(header, rows, [self.table_width - 5 * number, *[number] * 5], right=(1, 2, 3, 4, 5),
                       style=TOTAL_ROW), Spacer(0, 4)]
        for account in accounts:
            if account.arrears_cents > 0 and account.arrears_since is not None:
                sentence = labels.built(lambda tr, account=account: arrears_text(
                    account.name, account.arrears_cents, account.arrears_since, tr))
                story.append(self.para(sentence[:1].upper() + sentence[1:] + ".", self.styles.body))
        story.append(Spacer(0, 6))
        return story

    def _summary(self) -> Flowable:
        labels, data = self.labels, self.balances
        header = [labels.t(N_("Fund")), labels.t(N_("Share of gross pay")), labels.t(N_("Opening balance")),
                  labels.t(N_("Contributions")), labels.t(N_("Closing balance"))]
        rows = [[f"{fund.name} ({fund.code})", percent_text(labels, fund.percent_hundredths),
                 labels.money(data.opening[i]), labels.money(data.contributed[i]), labels.money(data.closing[i])]
                for i, fund in enumerate(data.funds)]
        rows.append([labels.t(N_("Total")), "", labels.money(sum(data.opening)), labels.money(sum(data.contributed)),
                     labels.money(sum(data.closing))])
        number = min(96.0, self.table_width / 6)
        widths = [self.table_width - 4 * number, number, number, number, number]
        return self.table(header, rows, widths, right=(1, 2, 3, 4), style=TOTAL_ROW)

    def _periods(self, index: int) -> Flowable:
        labels, data = self.labels, self.balances
        header = [labels.t(N_("Pay period")), labels.t(N_("Contributions")), labels.t(N_("Balance"))]
        rows = [[labels.t(N_("Opening balance")), "", labels.money(data.opening[index])]]
        rows += [[f"{row.period_id} · {period_text(labels, row.starts_on, row.ends_on, 'short')}",
                  labels.money(row.contributions[index]), labels.money(row.balances[index])] for row in data.rows]
        rows.append([labels.t(N_("Total")), labels.money(data.contributed[index]),
                     labels.money(data.closing[index])])
        number = min(110.0, self.table_width / 4)
        return self.table(header, rows, [self.table_width - 2 * number, number, number], right=(1, 2), style=TOTAL_ROW)
