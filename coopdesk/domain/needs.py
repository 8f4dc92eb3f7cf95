"""Needs, commitments owed to the council and the health-and-safety log: what they are and who may see whom.

A need (personal, family or community) is the workers' reason to bring something to the council: it is
open, then raised in a meeting (where it becomes an agenda item), then decided (linked to the decision
taken), then met. A commitment is what an outside party — management, the SPE, a ministry, the communal
council — owes, often because a decision demanded it. An incident (injury, illness, near miss, hazard) may
raise either. Who was affected, and who has a private need, is seen only by that member, the secretaries
and the administrators (`Viewer`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coopdesk.domain.settings import Council
from coopdesk.domain.users import UserRole
from coopdesk.i18n import N_, Translator, current

TITLE_MAX = 200
DETAIL_MAX = 2000
HOW_MAX = 1000
EVIDENCE_MAX = 1000
OWED_BY_MAX = 200
WHAT_MAX = 1000
ACTIONS_MAX = 2000


class NeedKind(StrEnum):
    PERSONAL = "personal"
    FAMILY = "family"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return NEED_KIND_LABELS[self]


NEED_KIND_LABELS = {
    NeedKind.PERSONAL: N_("Personal"),
    NeedKind.FAMILY: N_("Family"),
    NeedKind.COMMUNITY: N_("Community"),
}


class NeedState(StrEnum):
    OPEN = "open"
    RAISED = "raised"
    DECIDED = "decided"
    MET = "met"

    @property
    def label(self) -> str:
        return NEED_STATE_LABELS[self]


NEED_STATE_LABELS = {
    NeedState.OPEN: N_("Open"),
    NeedState.RAISED: N_("Raised in a meeting"),
    NeedState.DECIDED: N_("Decided"),
    NeedState.MET: N_("Met"),
}


class CommitmentState(StrEnum):
    PENDING = "pending"
    DONE = "done"

    @property
    def label(self) -> str:
        return COMMITMENT_STATE_LABELS[self]


COMMITMENT_STATE_LABELS = {CommitmentState.PENDING: N_("Pending"), CommitmentState.DONE: N_("Done")}


class IncidentKind(StrEnum):
    INJURY = "injury"
    ILLNESS = "illness"
    NEAR_MISS = "near_miss"
    HAZARD = "hazard"

    @property
    def label(self) -> str:
        return INCIDENT_KIND_LABELS[self]


INCIDENT_KIND_LABELS = {
    IncidentKind.INJURY: N_("Injury"),
    IncidentKind.ILLNESS: N_("Illness"),
    IncidentKind.NEAR_MISS: N_("Near miss"),
    IncidentKind.HAZARD: N_("Hazard"),
}

# Who usually owes the council something; the field takes any other party as typed.
OWED_BY_SUGGESTIONS = (
    N_("Management"), N_("The SPE"), N_("The ministry"), N_("The communal council"),
)


@dataclass(frozen=True)
class Viewer:
    """Who is looking. `sees_private`: secretaries, administrators, and the single-user desk of a council
    without users; `member_code`: the member a member-role user is (they see their own private records)."""

    sees_private: bool
    member_code: str | None = None

    @classmethod
    def desk(cls) -> Viewer:
        return cls(sees_private=True)

    @classmethod
    def anonymous(cls) -> Viewer:
        """Nobody signed in on a database that has users: private names stay hidden."""
        return cls(sees_private=False)

    @classmethod
    def of(cls, role: UserRole, member_code: str | None) -> Viewer:
        return cls(sees_private=role.can_edit, member_code=member_code)

    def may_see(self, private: bool, member_code: str | None) -> bool:
        """Whether the member of a record (a private one, or an incident's affected member) may be shown."""
        return not private or self.sees_private or (member_code is not None and member_code == self.member_code)


@dataclass(frozen=True)
class Need:
    id: int
    kind: NeedKind
    member_code: str | None  # None for the community — or hidden from this viewer (see `hidden`)
    member_name: str | None
    title: str
    detail: str
    private: bool
    consent_to_name: bool
    state: NeedState
    raised_in: int | None  # meeting id
    agenda_item_id: int | None
    decision_id: int | None
    met_on: date | None
    how: str
    evidence: str
    created_on: date
    hidden: bool = False  # a private need of another member: no name, no detail
    incident_id: int | None = None
    meeting_title: str | None = None
    version: int = 1


@dataclass(frozen=True)
class Commitment:
    """A commitment recorded by the council (an integer id), or one derived from a management-paid fund in
    arrears (`fund_code` set, id "fund:CODE": it is settled by depositing the arrears, never marked done)."""

    id: int | str
    owed_by: str
    what: str
    due: date
    state: CommitmentState
    evidence: str
    decision_id: int | None
    need_id: int | None
    done_on: date | None
    created_on: date
    incident_id: int | None = None
    version: int = 1
    fund_code: str | None = None
    fund_name: str = ""
    arrears_cents: int = 0

    def overdue(self, today: date) -> bool:
        return self.state is CommitmentState.PENDING and self.due < today

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.overdue(today) else 0


FUND_ID_PREFIX = "fund:"
MANAGEMENT = OWED_BY_SUGGESTIONS[0]
ARREARS_WHAT = N_("Deposit the arrears of the fund “%(fund)s”: %(amount)s")


def fund_commitment_id(fund_code: str) -> str:
    return FUND_ID_PREFIX + fund_code


def fund_arrears_commitment(fund_code: str, fund_name: str, arrears_cents: int, since: date,
                            tr: Translator | None = None) -> Commitment:
    """What management owes a fund it pays, as a commitment: due since the arrears began (see
    domain.ledger.arrears_since), so it is overdue from the day after."""
    tr = tr or current()
    return Commitment(
        id=fund_commitment_id(fund_code), owed_by=tr.gettext(MANAGEMENT),
        what=tr.gettext(ARREARS_WHAT) % {"fund": fund_name, "amount": tr.money(arrears_cents)},
        due=since, state=CommitmentState.PENDING, evidence="", decision_id=None, need_id=None, done_on=None,
        created_on=since, fund_code=fund_code, fund_name=fund_name, arrears_cents=arrears_cents)


def in_words(commitment: Commitment, tr: Translator | None = None) -> Commitment:
    """A fund's arrears worded in `tr`'s language (a recorded commitment keeps the words it was given)."""
    if commitment.fund_code is None:
        return commitment
    return fund_arrears_commitment(commitment.fund_code, commitment.fund_name, commitment.arrears_cents,
                                   commitment.due, tr)


@dataclass(frozen=True)
class Incident:
    id: int
    occurred_on: date
    kind: IncidentKind
    what: str
    member_code: str | None  # the affected member, None when nobody or hidden from this viewer
    member_name: str | None
    actions: str
    need_id: int | None
    commitment_id: int | None
    hidden: bool = False


def public_name(need: Need) -> str | None:
    """The name a report may print: a private need's member only when they agreed to be named."""
    if need.member_name is None or (need.private and not need.consent_to_name):
        return None
    return need.member_name


def median_days_to_meet(needs: Iterable[Need]) -> float | None:
    """Median days from recording a need to meeting it, over the needs met (None when none was)."""
    days = [(need.met_on - need.created_on).days for need in needs if need.met_on is not None]
    return statistics.median(days) if days else None


@dataclass(frozen=True)
class CommitmentLetter:
    """What a letter to the party that owes a commitment cites."""

    council: Council
    commitment: Commitment
    today: date
    decision_text: str | None
    meeting_id: int | None
    meeting_title: str | None
    meeting_on: date | None
    verification_code: str | None  # the acta's, once its minutes are approved
    fund: FundArrearsFacts | None = None  # a fund's arrears (commitment "fund:CODE"): what the letter states


@dataclass(frozen=True)
class FundArrearsFacts:
    """A letter about a fund management pays and is behind with: what it came to owe and deposited in all, each
    deposit (day, cents; reversed ones left out), and the acta that set the fund, if its motion's is approved."""

    owed_cents: int
    deposited_cents: int
    deposits: tuple[tuple[date, int], ...]

    @property
    def arrears_cents(self) -> int:
        return self.owed_cents - self.deposited_cents


def months_between(since: date, today: date) -> int:
    """Whole months from `since` to `today` (15 March to 14 May is one; to 15 May, two)."""
    return max(0, (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day))


@dataclass(frozen=True)
class NeedsYear:
    """The year's needs, commitments and incidents for the assembly's report."""

    council: Council
    year: int
    today: date
    raised_by_kind_month: dict[NeedKind, tuple[int, ...]]  # twelve counts per kind
    met_by_kind_month: dict[NeedKind, tuple[int, ...]]
    met_needs: tuple[Need, ...]
    open_needs: tuple[Need, ...]
    overdue: tuple[Commitment, ...]
    commitments_done: tuple[Commitment, ...]
    incidents_by_kind: dict[IncidentKind, int]

    @property
    def median_days(self) -> float | None:
        return median_days_to_meet(self.met_needs)
