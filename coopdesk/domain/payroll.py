"""The equal-wage payroll and the sharing of a surplus, to the cent.

Everyone is paid the same hourly rate. Per member: gross = hours × rate, and for each social fund gross × percent
(each half-up to the cent) — a contribution deducted from the pay when the workers pay the fund, an amount owed
by management when management does. net = gross − contributions − advances — exactly, since every figure is an
integer number of cents; what management owes is never deducted. A surplus is shared by the largest-remainder
rule so that the shares add up to the amount without a cent lost or invented.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coopdesk.domain.errors import Problem, ProblemsFound
from coopdesk.domain.ledger import EntryKind, FundPayer, SurplusBasis, balances, contribution_kind, fund_kind
from coopdesk.domain.money import apply_percent, format_hours_plain, format_percent_plain, times_hours
from coopdesk.i18n import N_

FULL_PERCENT = 100 * 100  # 100 % in hundredths of a percent


@dataclass(frozen=True)
class Fund:
    code: str
    percent_hundredths: int  # 5.25 % is 525
    paid_by: FundPayer = FundPayer.WORKERS


@dataclass(frozen=True)
class PayLine:
    member_code: str
    hours_hundredths: int
    gross_cents: int
    contributions: tuple[tuple[str, int], ...]  # (fund code, cents), in the order the funds were given
    advances_cents: int
    net_cents: int
    owed: tuple[tuple[str, int], ...] = ()  # (fund code, cents) owed by management, not deducted

    @property
    def contributions_cents(self) -> int:
        return sum(cents for _code, cents in self.contributions)

    @property
    def balances(self) -> bool:
        return balances(self.gross_cents, (cents for _code, cents in self.contributions), self.advances_cents,
                        self.net_cents)

    def entries(self) -> tuple[tuple[str, int], ...]:
        """(kind, cents) of the ledger entries that post this line: gross, each contribution, each amount owed,
        advance, net."""
        return (
            (EntryKind.GROSS.value, self.gross_cents),
            *((contribution_kind(code), cents) for code, cents in self.contributions),
            *((fund_kind(EntryKind.OWED, code), cents) for code, cents in self.owed),
            *(((EntryKind.ADVANCE.value, self.advances_cents),) if self.advances_cents else ()),
            (EntryKind.NET.value, self.net_cents),
        )


@dataclass(frozen=True)
class PayrollTotals:
    hours_hundredths: int
    gross_cents: int
    contributions: tuple[tuple[str, int], ...]  # per fund
    advances_cents: int
    net_cents: int
    owed: tuple[tuple[str, int], ...] = ()  # per fund paid by management


def max_hours_hundredths(days: int) -> int:
    """No one works more than every hour of every day of the period."""
    return 24 * days * 100


def hours_problems(hours: Mapping[str, int], days: int) -> list[Problem]:
    """0 ≤ hours ≤ 24 × days for each member; `column` is the member's code."""
    limit = max_hours_hundredths(days)
    return [
        Problem(N_("%(code)s: %(hours)s hours is not between 0 and %(max)s (24 × %(days)d days)"),
                {"code": code, "hours": format_hours_plain(value), "max": format_hours_plain(limit), "days": days},
                column=code)
        for code, value in sorted(hours.items()) if not 0 <= value <= limit
    ]


def _funds(funds: Iterable[Fund | tuple[str, int]]) -> list[Fund]:
    return [fund if isinstance(fund, Fund) else Fund(*fund) for fund in funds]


def payroll_problems(hours: Mapping[str, int], rate_cents: int, funds: Iterable[Fund | tuple[str, int]],
                     advances_cents: Mapping[str, int] | None = None, *, days: int | None = None) -> list[Problem]:
    problems: list[Problem] = []
    if rate_cents <= 0:
        problems.append(Problem(N_("the hourly rate must be more than zero"), column="rate"))
    seen: set[str] = set()
    for fund in _funds(funds):
        if fund.code in seen:
            problems.append(Problem(N_("the fund %(code)s is given twice"), {"code": fund.code}, column=fund.code))
        seen.add(fund.code)
        if not 0 <= fund.percent_hundredths <= FULL_PERCENT:
            problems.append(Problem(N_("the fund %(code)s takes %(percent)s per cent; it must be between 0 and 100"),
                                    {"code": fund.code, "percent": format_percent_plain(fund.percent_hundredths)},
                                    column=fund.code))
    if days is not None:
        problems.extend(hours_problems(hours, days))
    else:
        problems.extend(Problem(N_("%(code)s: hours cannot be negative"), {"code": code}, column=code)
                        for code, value in sorted(hours.items()) if value < 0)
    for code, cents in sorted((advances_cents or {}).items()):
        if cents < 0:
            problems.append(Problem(N_("%(code)s: an advance cannot be negative"), {"code": code}, column=code))
    return problems


def pay_line(member_code: str, hours_hundredths: int, rate_cents: int, funds: Iterable[Fund | tuple[str, int]],
             advances_cents: int = 0) -> PayLine:
    gross = times_hours(rate_cents, hours_hundredths)
    funds = _funds(funds)
    contributions = tuple((fund.code, apply_percent(gross, fund.percent_hundredths)) for fund in funds
                          if fund.paid_by is FundPayer.WORKERS)
    owed = tuple((fund.code, apply_percent(gross, fund.percent_hundredths)) for fund in funds
                 if fund.paid_by is FundPayer.MANAGEMENT)
    net = gross - sum(cents for _code, cents in contributions) - advances_cents
    return PayLine(member_code, hours_hundredths, gross, contributions, advances_cents, net, owed)


def compute_payroll(hours: Mapping[str, int], rate_cents: int, funds: Iterable[Fund | tuple[str, int]],
                    advances_cents: Mapping[str, int] | None = None, *, days: int | None = None
                    ) -> tuple[PayLine, ...]:
    """One line per member with hours or an advance, by member code. With `days`, hours are checked against
    24 × days. Raises ProblemsFound listing every bad input."""
    funds = _funds(funds)
    advances = dict(advances_cents or {})
    if problems := payroll_problems(hours, rate_cents, funds, advances, days=days):
        raise ProblemsFound(problems)
    codes = sorted(set(hours) | set(advances))
    return tuple(pay_line(code, hours.get(code, 0), rate_cents, funds, advances.get(code, 0)) for code in codes)


def payroll_totals(lines: Iterable[PayLine]) -> PayrollTotals:
    lines = list(lines)
    per_fund: dict[str, int] = {}
    owed: dict[str, int] = {}
    for line in lines:
        for code, cents in line.contributions:
            per_fund[code] = per_fund.get(code, 0) + cents
        for code, cents in line.owed:
            owed[code] = owed.get(code, 0) + cents
    return PayrollTotals(
        hours_hundredths=sum(line.hours_hundredths for line in lines),
        gross_cents=sum(line.gross_cents for line in lines),
        contributions=tuple(per_fund.items()),
        advances_cents=sum(line.advances_cents for line in lines),
        net_cents=sum(line.net_cents for line in lines),
        owed=tuple(owed.items()),
    )


def share_surplus(amount_cents: int, weights: Mapping[str, int],
                  basis: SurplusBasis = SurplusBasis.HOURS) -> dict[str, int]:
    """Share `amount_cents` in proportion to `weights` (hours; all 1 under `equal`), by largest remainder.

    Each share is first cut to the cent; the cents left over go one each to the largest remainders, ties to
    the lower member code. The shares add up to the amount exactly; under `equal` they differ by at most one
    cent. A member with no weight gets nothing.
    """
    if amount_cents < 0:
        raise ProblemsFound([Problem(N_("a surplus cannot be negative"), column="amount")])
    if SurplusBasis(basis) is SurplusBasis.EQUAL:
        weights = dict.fromkeys(weights, 1)
    if any(weight < 0 for weight in weights.values()):
        raise ProblemsFound([Problem(N_("a share of the surplus cannot be weighed by negative hours"),
                                     column="weights")])
    total = sum(weights.values())
    if total == 0:
        if amount_cents == 0:
            return dict.fromkeys(sorted(weights), 0)
        raise ProblemsFound([Problem(N_("nobody has hours to share the surplus among"), column="weights")])
    shares: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for code, weight in weights.items():
        shares[code], remainders[code] = divmod(amount_cents * weight, total)
    leftover = amount_cents - sum(shares.values())  # fewer than the members with a remainder
    for code in sorted(weights, key=lambda code: (-remainders[code], code))[:leftover]:
        shares[code] += 1
    return dict(sorted(shares.items()))
