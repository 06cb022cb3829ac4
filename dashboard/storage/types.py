"""Column types: amounts are exact decimals in every database, never binary floats."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from dashboard.domain import canonical, fixed_text


class ExactDecimal(TypeDecorator[Decimal]):
    """An amount stored without rounding: PostgreSQL ``NUMERIC`` (unbounded), elsewhere the decimal text.

    SQLite has no exact decimal type (its NUMERIC is a float), so the canonical text is stored; amounts are
    summed in Python with ``Decimal``, never in SQL, so the text form costs nothing.
    """

    impl = String(80)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(80))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"amounts must be Decimal, got {type(value).__name__}")
        return canonical(value) if dialect.name == "postgresql" else fixed_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value) if isinstance(value, str) else canonical(value)
