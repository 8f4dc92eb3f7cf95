"""The meeting JSON of docs/cli.md: the example resolves as expected; each mistake is one located problem."""

from __future__ import annotations

import copy
import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.meeting_form import LocatedProblem, parse_meeting
from coopdesk.domain.meetings import Choice, MotionResult, QuorumRule
from coopdesk.domain.members import Body, Member, MemberStatus
from coopdesk.i18n import set_language

DATA = Path(__file__).resolve().parents[1] / "data"
BODIES = {"trabajador": Body.WORKER, "consejo_comunal": Body.COMMUNAL_COUNCIL, "estado": Body.STATE}


def load_members() -> list[Member]:
    members = []
    with open(DATA / "members.csv", encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter=";"), start=1):
            day, month, year = (int(part) for part in row["fecha_ingreso"].split("/"))
            members.append(Member(code=row["código"], full_name=row["nombre_completo"], body=BODIES[row["órgano"]],
                                  joined_on=date(year, month, day), voting=row["vota"] == "sí", id=number))
    return members


MEMBERS = load_members()


def example(name: str = "meeting_example.json") -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def problems_of(data: Any, members: list[Member] = MEMBERS) -> list[tuple[str | None, str]]:
    with pytest.raises(ProblemsFound) as raised:
        parse_meeting(data, members)
    return [(problem.column, problem.translated()) for problem in raised.value.problems]


def columns_of(data: Any, members: list[Member] = MEMBERS) -> list[str | None]:
    return [column for column, _text in problems_of(data, members)]


def test_the_example_gives_the_expected_results() -> None:
    expected = json.loads((DATA / "meeting_example.expected.json").read_text(encoding="utf-8"))
    form = parse_meeting(example(), MEMBERS)
    assert form.entitled == expected["entitled"]
    assert form.present_voters == expected["present_voters"]
    assert form.quorum_met is expected["quorum_met"]
    assert [motion.outcome.result.value for motion in form.motions] == expected["results"]
    assert [motion.outcome.base_count for motion in form.motions] == expected["base_counts"]


def test_the_example_is_resolved_in_full() -> None:
    form = parse_meeting(example(), MEMBERS)
    assert (form.title, form.kind, form.starts_at.isoformat()) == ("Asamblea de ejemplo", "ordinary",
                                                                   "2026-11-20T09:00:00")
    assert (form.chair, form.secretary, form.quorum_rule) == ("M001", "M002", QuorumRule.HALF)
    assert form.roll.caster("M021") == "M002"
    assert "M039" in form.roll.present and "M039" not in form.roll.present_voters  # the state votes not
    roll_call = form.items[1].motions[0]
    assert roll_call.cast_by == (("M021", "M002"),)
    assert dict(roll_call.ballots)["M021"] is Choice.ABSTAIN
    assert (roll_call.counts.yes, roll_call.counts.no, roll_call.counts.abstain) == (11, 9, 1)
    assert form.items[0].minutes == "Se leyó el acta."


def test_the_bad_proxy_is_one_problem() -> None:
    problems = problems_of(example("meeting_bad_proxy.json"))
    assert len(problems) == 1
    column, text = problems[0]
    assert column == "attendance.M023"
    assert "M030" in text and "M023" in text


def test_problems_are_shown_with_where_they_are() -> None:
    set_language("en")
    problem = LocatedProblem("%(code)s is listed twice", {"code": "M001"}, column="attendance.M001")
    assert problem.translated() == "attendance.M001: M001 is listed twice"


def edited(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(example())
    for path, value in changes.items():
        *parents, last = path.split("__")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is DELETE:
            del target[last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
    return data


DELETE = object()


@pytest.mark.parametrize(("changes", "columns"), [
    ({"title": ""}, ["title"]),
    ({"title": DELETE}, ["title"]),
    ({"title": "x" * 201}, ["title"]),
    ({"kind": "party"}, ["kind"]),
    ({"starts_at": "20/11/2026"}, ["starts_at"]),
    ({"chair": "M999"}, ["chair"]),
    ({"quorum": "most"}, ["quorum"]),
    ({"attendance__M022": "late"}, ["attendance.M022"]),
    ({"attendance__M099": "present"}, ["attendance.M099"]),
    ({"attendance__M021": {"proxy": "M039"}}, ["attendance.M021"]),  # the holder has no vote
    ({"attendance__M022": {"proxy": "M002"}}, ["attendance.M022"]),  # the holder already carries one
    ({"attendance__M001": {"proxy": "M001"}}, ["attendance.M001"]),
    ({"items__0__motions__0__counts": {"yes": 15, "no": 3, "abstain": 4}}, ["items[0].motions[0].counts"]),
    ({"items__0__motions__0__counts": {"yes": -1, "no": 3}}, ["items[0].motions[0].counts.yes"]),
    ({"items__0__motions__0__counts": {"yes": 1, "maybe": 3}}, ["items[0].motions[0].counts.maybe"]),
    ({"items__0__motions__0__counts": {"yes": True}}, ["items[0].motions[0].counts.yes"]),
    ({"items__0__motions__0__counts": DELETE}, ["items[0].motions[0].counts"]),
    ({"items__0__motions__0__majority": "most"}, ["items[0].motions[0].majority"]),
    ({"items__0__motions__0__base": "everyone"}, ["items[0].motions[0].base"]),
    ({"items__0__motions__0__method": DELETE}, ["items[0].motions[0].method"]),
    ({"items__0__motions__0__text": DELETE}, ["items[0].motions[0].text"]),
    ({"items__0__motions__0__ballots": {"M001": "yes"}}, ["items[0].motions[0].ballots"]),
    ({"items__1__motions__0__ballots__M039": "yes"}, ["items[1].motions[0].ballots.M039"]),  # no vote
    ({"items__1__motions__0__ballots__M030": "yes"}, ["items[1].motions[0].ballots.M030"]),  # absent
    ({"items__1__motions__0__ballots__M001": "si"}, ["items[1].motions[0].ballots.M001"]),
    ({"items__1__motions__0__counts": {"yes": 1}}, ["items[1].motions[0].counts"]),
    ({"items__1__motions__0__ballots": DELETE}, ["items[1].motions[0].ballots"]),
    ({"items__0__title": DELETE}, ["items[0].title"]),
    ({"items__1": "Varios"}, ["items[1]"]),
    ({"items": {"title": "Varios"}}, ["items"]),
])
def test_each_mistake_is_one_located_problem(changes: dict[str, Any], columns: list[str]) -> None:
    assert columns_of(edited(**changes)) == columns


def test_several_mistakes_are_all_reported_at_once() -> None:
    data = edited(kind="party", attendance__M023={"proxy": "M030"},
                  items__0__motions__0__counts={"yes": 30, "no": 0, "abstain": 0},
                  items__1__motions__0__ballots__M039="yes")
    assert columns_of(data) == ["kind", "attendance.M023", "items[0].motions[0].counts",
                                "items[1].motions[0].ballots.M039"]


def test_a_mistake_is_not_reported_again_in_other_words() -> None:
    # The secretary's own mark is unreadable: only that is reported, not also the proxy she holds,
    # nor the ballot that proxy cast, nor counts that might exceed a roll in doubt.
    data = edited(attendance__M002="presnt")
    assert columns_of(data) == ["attendance.M002"]
    data = edited(attendance__M023={"proxy": "M030"}, items__1__motions__0__ballots__M023="yes")
    assert columns_of(data) == ["attendance.M023"]
    assert columns_of(edited(starts_at=DELETE)) == ["starts_at"]


def test_not_an_object() -> None:
    assert columns_of([1, 2]) == [""]


def test_members_not_listed_are_absent_and_entitlement_follows_the_date() -> None:
    members = [replace(member, status=MemberStatus.SUSPENDED) if member.code == "M030" else member
               for member in MEMBERS]
    members = [replace(member, joined_on=date(2027, 1, 1)) if member.code == "M031" else member
               for member in members]
    form = parse_meeting(example(), members)
    assert form.entitled == 36
    data = edited(attendance__M032={"proxy": "M030"})  # the suspended member cannot hold a proxy
    assert columns_of(data, members) == ["attendance.M032"]


def test_without_quorum_no_motion_passes() -> None:
    form = parse_meeting(edited(quorum="two_thirds"), MEMBERS)
    assert not form.quorum_met and form.quorum.needed_more == 5  # 3P ≥ 2E needs 26 of 38
    assert {motion.outcome.result for motion in form.motions} == {MotionResult.NO_QUORUM}
    assert [motion.outcome.base_count for motion in form.motions] == [18, 16, 21, 21, 20]


def test_the_default_quorum_is_half_and_items_may_be_empty() -> None:
    form = parse_meeting(edited(quorum=DELETE, items=[], place=DELETE), MEMBERS)
    assert (form.quorum_rule, form.items, form.place) == (QuorumRule.HALF, (), None)


def test_elections_in_an_item() -> None:
    election = {"title": "Voceros", "seats": 2, "max_choices": 2, "method": "secret", "ballots_cast": 20,
                "votes": {"M007": 14, "M010": 9, "M011": 9, "M012": 3}}
    form = parse_meeting(edited(items__0__elections=[election]), MEMBERS)
    outcome = form.items[0].elections[0].outcome
    assert (outcome.elected, outcome.runoff, outcome.runoff_seats) == (("M007",), ("M010", "M011"), 1)
    bad = dict(election, ballots_cast=25, votes={"M007": 14, "M999": 2})
    assert columns_of(edited(items__0__elections=[bad])) == ["items[0].elections[0].votes.M999"]
    bad = dict(election, ballots_cast=25)
    assert columns_of(edited(items__0__elections=[bad])) == ["items[0].elections[0].ballots_cast"]
