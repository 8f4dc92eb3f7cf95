"""The engine factory and the unit of work.

SQLite gets its pragmas on every connection (foreign keys, WAL, full sync, a busy timeout) and
writes start with BEGIN IMMEDIATE, so a second writer waits — briefly — instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coopdesk.domain.errors import (
    ConflictError,
    CoopdeskError,
    DatabaseError,
    DatabaseLocked,
    InvalidInput,
    UnreadableDatabase,
)
from coopdesk.i18n import N_

BUSY_TIMEOUT_MS = 5000


def database_url(target: str | Path) -> URL:
    """A SQLite file path or an SQLAlchemy URL, as given to --db."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        writing = connection.get_execution_options().get("coopdesk_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _configure_server(engine: Engine, url: URL) -> None:
    """A shared server: the password from the keyring or a prompt (see credentials.py), UTC, short lock waits."""
    from coopdesk.persistence import credentials

    account = credentials.account_name(url)

    @event.listens_for(engine, "do_connect")
    def on_connect(dialect, _record, cargs, cparams):  # type: ignore[no-untyped-def]
        credentials.server_options(cparams)
        return credentials.connect(lambda **params: dialect.connect(*cargs, **params),
                                   credentials.is_password_error, account, cparams)


class Database:
    """One database, opened once per process; hands out units of work."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._readers = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self._writers = sessionmaker(
            engine.execution_options(coopdesk_write=True), expire_on_commit=False, autoflush=False
        )

    @classmethod
    def open(cls, target: str | Path) -> Database:
        url = database_url(target)
        if url.get_backend_name() == "sqlite":
            path = Path(url.database or "")
            if path.exists() and not path.is_file():
                raise UnreadableDatabase(detail=str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
            _configure_server(engine, url)
        return cls(url, engine)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def describe(self) -> str:
        """What the status bar shows and preferences keep: the file, or the server URL without any password."""
        if self.is_sqlite:
            return str(self.path)
        url = self.url
        return URL.create(url.drivername, url.username, None, url.host, url.port, url.database,
                          url.query).render_as_string()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with translate_errors(), self._readers() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commits once at the end, or rolls everything back."""
        with translate_errors(), self._writers() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors() -> Iterator[None]:
    """SQLAlchemy errors never leave persistence: they become CoopdeskErrors."""
    from sqlalchemy.orm.exc import StaleDataError

    try:
        yield
    except StaleDataError as error:
        raise ConflictError() from error
    except IntegrityError as error:
        raise _refused(error) from error
    except OperationalError as error:
        message = str(error.orig).lower()
        if any(word in message for word in ("locked", "busy", "lock timeout", "deadlock", "could not serialize")):
            raise DatabaseLocked() from error  # SQLite's busy file; a server's lock wait, deadlock or serialization
        raise UnreadableDatabase(detail=str(error.orig)) from error
    except DBAPIError as error:
        if isinstance(error.orig, sqlite3.DatabaseError) and not isinstance(error.orig, sqlite3.IntegrityError):
            raise UnreadableDatabase(detail=str(error.orig)) from error
        raise _refused(error) from error


def _refused(error: DBAPIError) -> CoopdeskError:
    """A rule the database itself enforces (a CHECK, a unique key, an append-only guard)."""
    detail = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
    if "append-only" in detail:
        return InvalidInput(N_("Posted records are never changed or deleted; record a correction instead."))
    if isinstance(error, IntegrityError):
        return InvalidInput(N_("The change breaks a rule of the database: %(detail)s"), detail=detail)
    return DatabaseError(N_("The database refused the change: %(detail)s"), detail=detail)
