"""The declarative base: one MetaData with a naming convention, and the column helpers every model uses."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Enum, MetaData, String, Table, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

HASH_LEN = 64  # a SHA-256 in hex: the record hashes of locked records and of the audit chain

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        table = cls.__dict__.get("__table__")
        if table is not None:
            add_length_checks(table)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Timestamp(TypeDecorator):
    """An aware UTC timestamp (SQLite keeps no zone, so UTC is put back on read)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def string(max_length: int, **kwargs) -> Mapped:  # type: ignore[type-arg]
    """A bounded text column; `add_length_checks` turns the bound into a CHECK."""
    return mapped_column(String(max_length), **kwargs)


def cents(**kwargs) -> Mapped[int]:
    """Money: 64-bit integer cents, never Numeric (SQLite would store REAL)."""
    return mapped_column(BigInteger, **kwargs)


def choice(enum_cls: type[StrEnum], name: str, **kwargs) -> Mapped:  # type: ignore[type-arg]
    """An enum stored as its value in a VARCHAR with a named CHECK (no native enum types)."""
    return mapped_column(
        Enum(
            enum_cls,
            name=name,
            native_enum=False,
            create_constraint=True,
            validate_strings=True,
            length=max(len(member.value) for member in enum_cls),
            values_callable=lambda cls: [member.value for member in cls],
        ),
        **kwargs,
    )


def created_at() -> Mapped[datetime]:
    return mapped_column(Timestamp(), default=utcnow)


def add_length_checks(table: Table) -> None:
    """SQLite ignores VARCHAR lengths, so every bounded String column gets a CHECK of its own."""
    for column in table.columns:
        length = getattr(column.type, "length", None)
        if isinstance(column.type, String) and not isinstance(column.type, Enum) and length:
            table.append_constraint(CheckConstraint(f"length({column.name}) <= {length}", name=f"{column.name}_length"))
