"""Bad input: random bytes, text and near-miss files fed to every importer.

Whatever the file, an importer either takes it or refuses it with a CoopdeskError (never another exception,
which would reach the user as "something went wrong"); a refusal writes nothing at all (the database's
fingerprint is unchanged) and says what is wrong in words, in both languages, naming the line when a row is
at fault; a file that was taken can be imported again without changing anything.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk import i18n
from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import CoopdeskError, ProblemsFound
from coopdesk.persistence.database import Database
from coopdesk.services import ledger
from coopdesk.services import meetings as m
from coopdesk.services.csv_io import Column
from coopdesk.services.member_import import COLUMNS as MEMBER_COLUMNS
from coopdesk.services.member_import import import_members
from coopdesk.services.rotation import import_leave, import_posts
from coopdesk.services.rotation.leave import COLUMNS as LEAVE_COLUMNS
from coopdesk.services.rotation.posts import COLUMNS as POST_COLUMNS
from tests.reliability.councils import fingerprint

EXAMPLES = 150  # per importer; the whole file stays well under a minute
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
HOURS_COLUMNS = (Column("member_code", ("codigo", "código"), required=True), Column("hours", ("horas",), required=True))
EXAMPLE_MEETING = Path(__file__).parent.parent / "data" / "meeting_example.json"
LEFTOVER_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")

examples_run: Counter[str] = Counter()
outcomes: Counter[str] = Counter()  # importer and outcome -> examples


@pytest.fixture
def council(tmp_path: Path) -> Any:
    """Forty members, the posts of the sample file, an open pay period — shared by the examples of a test."""
    data = Path(__file__).parent.parent / "data"
    db = open_database(tmp_path / "council.sqlite3")
    import_members(db, path=data / "members.csv")
    import_posts(db, path=data / "posts.csv")
    period = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id
    yield db, tmp_path, period
    db.dispose()


@pytest.fixture(scope="module", autouse=True)
def figures() -> Any:
    yield
    print(f"\nfuzzing: {sum(examples_run.values())} examples run ("
          + ", ".join(f"{name} {count}" for name, count in sorted(examples_run.items())) + "); "
          + ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items())))


# ---- what a file may hold

SAMPLE_CELLS = [
    "", " ", "M001", "M002", "M040", "M999", "m001", "worker", "trabajadora", "estado", "communal_council", "state",
    "2020-01-01", "31/12/2020", "29/02/2021", "2027-01-10", "2027-01-04", "13/13/2020", "0000-00-00",
    "yes", "no", "sí", "1", "0", "-1", "24", "336", "337", "10.5", "10,55", "1.234", "1e3", "NaN", "∞",
    "manual", "administrativa", "community", "V-12345678", "V-6883910", "active", "suspendido", "left",
    "=1+1", "@SUM(A1)", "'=x", "cocina|riego", "dos palabras", "\"", "\n", "a\r\nb", "99999999999999999999",
    "SIEM", "CARG", "montacargas", "\x00", "\ufeff", "ñandú", "M001;M002",
]
cells = st.one_of(
    st.sampled_from(SAMPLE_CELLS),
    st.text(max_size=25),
    st.integers(-10**6, 10**6).map(str),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).flatmap(
        lambda day: st.sampled_from([day.isoformat(), day.strftime("%d/%m/%Y")])),
    st.integers(15, 6000).map(lambda n: "ñ" * n),  # around and far past the length limits
)


def header_names(columns: tuple[Column, ...]) -> list[str]:
    return [name for column in columns for name in (column.name, *column.aliases)]


member_codes = st.integers(1, 48).map(lambda n: f"M{n:03d}")
days = st.dates(date(2026, 6, 1), date(2028, 6, 1)).flatmap(
    lambda day: st.sampled_from([day.isoformat(), day.strftime("%d/%m/%Y")]))
names = st.text(st.characters(categories=("L", "Zs")), min_size=1, max_size=40)
# Cells that each column would take, so that many rows pass the checks and reach the writing.
PLAUSIBLE: dict[str, st.SearchStrategy[str]] = {
    "code": st.one_of(member_codes, st.sampled_from(["SIEM", "EMPQ", "CARG", "NUEVO", "P-1"])),
    "full_name": names, "name": names, "reason": names, "place": names,
    "national_id": st.one_of(st.just(""), st.integers(1, 60_000_000).map(lambda n: f"V-{n}")),
    "body": st.sampled_from(["worker", "trabajadora", "consejo_comunal", "estado", "state"]),
    "joined_on": days, "from": days, "to": days,
    "voting": st.sampled_from(["yes", "no", "sí", "1", "0", ""]),
    "active": st.sampled_from(["yes", "no", "sí", "1", "0", ""]),
    "skills": st.sampled_from(["", "cocina", "cocina|riego", "montacargas, contabilidad"]),
    "skill": st.sampled_from(["", "cocina", "montacargas"]),
    "status": st.sampled_from(["", "active", "suspendido", "retirada"]),
    "phone": st.sampled_from(["", "0414-1234567"]), "email": st.sampled_from(["", "ana@example.org"]),
    "category": st.sampled_from(["manual", "administrativa", "comunitario"]),
    "min": st.integers(0, 4).map(str), "max": st.integers(0, 6).map(str),
    "trainee_slots": st.integers(0, 2).map(str), "burden": st.integers(1, 5).map(str),
    "member_code": member_codes,
    "hours": st.decimals(0, 340, places=2).map(str),
}


@st.composite
def csv_files(draw: st.DrawFn, columns: tuple[Column, ...]) -> bytes:
    """A near-miss CSV: known headers (often all of them), odd ones, rows of plausible and wild cells."""
    names = header_names(columns)
    if draw(st.integers(0, 3)):  # the required columns and some others, in any order
        header = draw(st.permutations([column.name for column in columns if column.required
                                       or draw(st.booleans())]))
    else:
        header = draw(st.lists(st.one_of(st.sampled_from(names), st.text(max_size=8)), max_size=len(columns) + 2))
    rows = []
    for _row in range(draw(st.integers(0, 8))):
        row = [draw(PLAUSIBLE.get(name, cells)) for name in header]
        if row and draw(st.integers(0, 3)) == 0:  # one wild cell
            row[draw(st.integers(0, len(row) - 1))] = draw(cells)
        rows.append(row if draw(st.integers(0, 7)) else draw(st.lists(cells, max_size=len(header) + 2)))
    header = [draw(st.sampled_from([name, name.upper(), f" {name} "])) for name in header]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])), "replace")
    if draw(st.integers(0, 9)) == 0:  # a damaged byte somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def any_file(columns: tuple[Column, ...]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        csv_files(columns), csv_files(columns), csv_files(columns),  # mostly near misses: they go deepest
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["M001", "M002", "present", "absent", {"proxy": "M001"}, "open", "secret", "roll_call",
                       "simple", "two_thirds", "half", "2026-11-20T09:00", "yes"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated_meetings(draw: st.DrawFn) -> Any:
    """docs/cli.md's example with a few values replaced, keys removed or types changed, anywhere in the tree."""
    data = json.loads(EXAMPLE_MEETING.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        parent: Any = None
        key: Any = None
        node = data
        while isinstance(node, dict | list) and node and draw(st.integers(0, 3)):
            key = draw(st.sampled_from(sorted(node))) if isinstance(node, dict) else draw(
                st.integers(0, len(node) - 1))
            parent, node = node, node[key]
        if parent is None:
            continue
        how = draw(st.sampled_from(["delete", "alike", "alike", "any"]))
        if how == "delete" and isinstance(parent, dict):
            del parent[key]
        elif how == "alike" and isinstance(node, str):  # the same kind of value: more of these pass the checks
            parent[key] = draw(st.one_of(st.text(max_size=30), st.sampled_from(["M003", "M041", "present"])))
        elif how == "alike" and isinstance(node, int) and not isinstance(node, bool):
            parent[key] = draw(st.integers(0, 45))
        else:
            parent[key] = draw(json_values)
    return data


def meeting_files() -> st.SearchStrategy[bytes]:
    as_json = lambda value: json.dumps(value, ensure_ascii=False).encode("utf-8")  # noqa: E731
    return st.one_of(
        mutated_meetings().map(as_json), mutated_meetings().map(as_json), mutated_meetings().map(as_json),
        json_values.map(as_json),
        st.binary(max_size=300),
        mutated_meetings().map(lambda value: as_json(value)[:-7]),  # cut short
    )


# ---- the property

def check_refusal(error: CoopdeskError, data: bytes) -> None:
    """The message says what is wrong, in each language, and points at a line that exists."""
    lines_in_file = data.count(b"\n") + data.count(b"\r") + 2
    for language in ("en", "es"):
        i18n.set_language(language)
        lines = error.lines()
        assert lines, f"{type(error).__name__} without a message"
        typed = data.decode("utf-8", "replace")
        for line in lines:  # a placeholder left unfilled, unless the file itself holds that text (then quoted)
            leftovers = [found for found in LEFTOVER_PLACEHOLDER.findall(line) if found not in typed]
            assert len(line.strip()) >= 8 and not leftovers, line
    i18n.set_language("es")
    if isinstance(error, ProblemsFound):
        assert error.problems, "ProblemsFound without a problem"
        for problem in error.problems:
            assert problem.line is None or 1 <= problem.line <= lines_in_file, problem


def fuzz_importer(name: str, db: Database, folder: Path, files: st.SearchStrategy[bytes],
                  importer: Callable[[Path], object], *, idempotent: bool = True) -> None:
    path = folder / f"{name}.input"

    @FUZZ
    @given(data=files)
    def attempt(data: bytes) -> None:
        examples_run[name] += 1
        path.write_bytes(data)
        before = fingerprint(db)
        try:
            importer(path)
        except CoopdeskError as error:
            assert fingerprint(db) == before, "a refused import wrote something"
            check_refusal(error, data)
            outcomes[f"{name} refused"] += 1
            return
        outcomes[f"{name} taken"] += 1
        if idempotent:
            taken = fingerprint(db)
            importer(path)
            assert fingerprint(db) == taken, "importing the same file again changed the database"

    attempt()


def test_members_csv(council: Any) -> None:
    db, folder, _period = council
    fuzz_importer("members", db, folder, any_file(MEMBER_COLUMNS), lambda path: import_members(db, path=path))


def test_posts_csv(council: Any) -> None:
    db, folder, _period = council
    fuzz_importer("posts", db, folder, any_file(POST_COLUMNS), lambda path: import_posts(db, path=path))


def test_leave_csv(council: Any) -> None:
    db, folder, _period = council
    fuzz_importer("leave", db, folder, any_file(LEAVE_COLUMNS), lambda path: import_leave(db, path=path))


def test_hours_csv(council: Any) -> None:
    db, folder, period = council
    # Hours imported again replace the same figures, and the import is logged each time: not idempotent.
    fuzz_importer("hours", db, folder, any_file(HOURS_COLUMNS),
                  lambda path: ledger.import_hours(db, period_id=period, path=path), idempotent=False)


def test_meeting_json(council: Any) -> None:
    db, folder, _period = council
    fuzz_importer("meeting", db, folder, meeting_files(), lambda path: m.import_meeting_file(db, path=path),
                  idempotent=False)  # each import records a new meeting


def test_a_text_longer_than_its_column_is_refused_by_the_database_itself(council: Any) -> None:
    """SQLite ignores VARCHAR lengths: every bounded text column carries a CHECK of its own."""
    from sqlalchemy import String, text

    from coopdesk.domain.errors import InvalidInput
    from coopdesk.persistence.models import load_all

    db, _folder, _period = council
    with db.read() as session:
        schema = dict(session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all())
    bounded = [(table.name, column.name, column.type.length) for table in load_all().metadata.sorted_tables
               for column in table.columns
               if isinstance(column.type, String) and column.type.length and not hasattr(column.type, "enums")]
    assert len(bounded) > 50
    for table, column, length in bounded:
        assert f"length({column}) <= {length}" in schema[table], (table, column)
    before = fingerprint(db)
    with pytest.raises(InvalidInput), db.write() as session:
        session.execute(text("UPDATE members SET full_name = :name WHERE code = 'M001'"), {"name": "x" * 201})
    assert fingerprint(db) == before
