"""On a PostgreSQL server the database's own grants decide who may read and write, not only the window.

`coopdesk init` creates three group roles (cluster-wide, so they may exist already) and grants them least
privilege on this database:
- `coopdesk_member` reads what the member window shows — the council, the meetings and their minutes, votes and
  decisions, the posts and rosters, the members' names (not their contact data or national ids), and of the
  ledger, hours and advances only their own rows (row-level security) — and writes nothing;
- `coopdesk_secretary` reads everything but password hashes and keeps the records: it may add ledger entries
  and audit events but never change or delete them, and may not write `users`;
- `coopdesk_administrator` may also manage `users`.
`users add` then creates a login of the same name in the group role of the user's role.

Signing in needs the stored password hash, which only an administrator's login may read: the function
`coopdesk_password_hash(name)` (owned by whoever ran `init`, run with its rights) gives a login its own user's
hash and nothing else — any user's only to a login that may read the hashes anyway.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from coopdesk.domain.users import UserRole

GROUPS = {role: f"coopdesk_{role.value}" for role in UserRole}
APPEND_ONLY = ("audit_events", "ledger_entries")
OWN_ROWS = ("ledger_entries", "hours", "advances")  # a member sees only their own
MEMBER_TABLES = (
    "council_settings", "meetings", "agenda_items", "attendance", "minutes_errata", "motions", "motion_voters",
    "elections", "candidates", "decisions", "follow_up_actions", "meeting_approvals", "posts", "skills",
    "rotation_plans", "rotation_assignments", "rotation_swaps", "pay_periods", "funds", "hourly_rates",
    "surplus_distributions", *OWN_ROWS,
)
MEMBER_COLUMNS = {"members": ("id", "code", "full_name", "body", "status"),
                  "users": ("id", "username", "role", "member_id", "created_at")}
SECRET_COLUMNS = {"users": ("password_hash",)}


def _tables(session: Session) -> list[str]:
    return list(session.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())


def _columns(session: Session, table: str) -> list[str]:
    return list(session.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = :table ORDER BY ordinal_position"), {"table": table}).scalars())


def _quoted(session: Session, name: str) -> str:
    return str(session.execute(text("SELECT quote_ident(:name)"), {"name": name}).scalar())


def _create_groups(session: Session) -> None:
    """The group roles, unless the cluster has them already (from this database's `init`, or another's)."""
    for group in GROUPS.values():
        session.execute(text(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN "
            f"CREATE ROLE {group} NOLOGIN; END IF; END $$"))


def ensure_group_roles(session: Session) -> None:
    """Create the group roles if the cluster lacks them, and (re)grant them on this database's tables."""
    _create_groups(session)
    member, secretary, administrator = (GROUPS[UserRole.MEMBER], GROUPS[UserRole.SECRETARY],
                                        GROUPS[UserRole.ADMINISTRATOR])
    tables = _tables(session)
    everyone = ", ".join(GROUPS.values())
    session.execute(text(f"GRANT USAGE ON SCHEMA {_quoted(session, _schema(session))} TO {everyone}"))
    for table in tables:
        name = _quoted(session, table)
        session.execute(text(f"REVOKE ALL ON {name} FROM {everyone}"))
        readable = [c for c in _columns(session, table) if c not in SECRET_COLUMNS.get(table, ())]
        column_list = ", ".join(_quoted(session, c) for c in readable)
        writes = "INSERT" if table in APPEND_ONLY else "INSERT, UPDATE, DELETE"
        session.execute(text(f"GRANT SELECT ({column_list}) ON {name} TO {secretary}, {administrator}"))
        if table == "users":
            session.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {name} TO {administrator}"))
            session.execute(text(f"GRANT SELECT ON {name} TO {administrator}"))
        else:
            session.execute(text(f"GRANT {writes} ON {name} TO {secretary}, {administrator}"))
        if table in MEMBER_TABLES:
            session.execute(text(f"GRANT SELECT ON {name} TO {member}"))
        elif table in MEMBER_COLUMNS:
            columns = ", ".join(_quoted(session, c) for c in MEMBER_COLUMNS[table])
            session.execute(text(f"GRANT SELECT ({columns}) ON {name} TO {member}"))
    session.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {_quoted(session, _schema(session))} "
                         f"TO {secretary}, {administrator}"))
    _own_rows_only(session, tables)
    _password_hash_function(session)


def _password_hash_function(session: Session) -> None:
    """What signing in reads, for logins that may not read `users.password_hash`: the hash of the user that
    the login itself is (logins bear their user's name), or of any user for a login that may read the column."""
    session.execute(text(
        "CREATE OR REPLACE FUNCTION coopdesk_password_hash(wanted text) RETURNS text LANGUAGE sql STABLE "
        "SECURITY DEFINER SET search_path = pg_catalog, " + _quoted(session, _schema(session)) + " AS "
        "$$ SELECT password_hash FROM users WHERE username = wanted AND (wanted = session_user "
        "OR has_column_privilege(session_user, 'users', 'password_hash', 'SELECT')) $$"))
    session.execute(text("REVOKE ALL ON FUNCTION coopdesk_password_hash(text) FROM PUBLIC"))
    session.execute(text(f"GRANT EXECUTE ON FUNCTION coopdesk_password_hash(text) TO {', '.join(GROUPS.values())}"))


def stored_password_hash(session: Session, username: str) -> str | None:
    """The hash a sign-in checks, through `coopdesk_password_hash` once `init` has made it (a server not yet
    prepared has only its owner's login, which reads the table)."""
    if session.execute(text("SELECT to_regprocedure('coopdesk_password_hash(text)')")).scalar() is None:
        return session.execute(text("SELECT password_hash FROM users WHERE username = :name"),
                               {"name": username}).scalar()
    return session.execute(text("SELECT coopdesk_password_hash(:name)"), {"name": username}).scalar()


def _schema(session: Session) -> str:
    return str(session.execute(text("SELECT current_schema()")).scalar())


def _own_rows_only(session: Session, tables: list[str]) -> None:
    """Row-level security: a member's login sees its own member's rows; the other roles see every row."""
    session.execute(text(
        "CREATE OR REPLACE FUNCTION coopdesk_own_member() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER "
        "SET search_path = pg_catalog, " + _quoted(session, _schema(session)) + " AS "
        "$$ SELECT member_id FROM users WHERE username = session_user $$"))
    session.execute(text("REVOKE ALL ON FUNCTION coopdesk_own_member() FROM PUBLIC"))
    session.execute(text(f"GRANT EXECUTE ON FUNCTION coopdesk_own_member() TO {GROUPS[UserRole.MEMBER]}"))
    for table in OWN_ROWS:
        if table not in tables:
            continue
        session.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        for policy, role, rule in (
            ("coopdesk_own_rows", GROUPS[UserRole.MEMBER], "member_id = coopdesk_own_member()"),
            ("coopdesk_all_rows", f"{GROUPS[UserRole.SECRETARY]}, {GROUPS[UserRole.ADMINISTRATOR]}", "true"),
        ):
            session.execute(text(f"DROP POLICY IF EXISTS {policy} ON {table}"))
            session.execute(text(f"CREATE POLICY {policy} ON {table} TO {role} USING ({rule}) WITH CHECK ({rule})"))


def create_login(session: Session, username: str, password: str, role: UserRole) -> None:
    """A server login for a new user, in its role's group (a login of that name left by another database of the
    same server is taken over: roles are cluster-wide)."""
    exists = session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": username}).first()
    verb = "ALTER" if exists else "CREATE"
    statement = session.execute(text("SELECT format('%s ROLE %I LOGIN PASSWORD %L', CAST(:verb AS text), "
                                     "CAST(:name AS text), CAST(:password AS text))"),
                                {"verb": verb, "name": username, "password": password}).scalar()
    session.connection().exec_driver_sql(str(statement))  # no parameters: nothing in the password is parsed
    move_login(session, username, role)


def move_login(session: Session, username: str, after: UserRole) -> None:
    """The login of a user whose role changed: in the new role's group only."""
    _create_groups(session)  # a database that `init` has not prepared yet: its grants come with `init`
    name = _quoted(session, username)
    for role in UserRole:
        if role is not after:
            session.execute(text(f"REVOKE {GROUPS[role]} FROM {name}"))
    session.execute(text(f"GRANT {GROUPS[after]} TO {name}"))


def drop_login(session: Session, username: str) -> None:
    """The removed user's server login loses its group and its right to log in."""
    if session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": username}).first():
        name = _quoted(session, username)
        for group in GROUPS.values():
            session.execute(text(f"REVOKE {group} FROM {name}"))
        session.execute(text(f"ALTER ROLE {name} NOLOGIN"))
