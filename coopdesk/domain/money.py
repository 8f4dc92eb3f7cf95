"""Money, hours and percentages as integers with two implied decimals; never a float.

Amounts are integer cents, hours integer hundredths (72.5 h is 7250), percentages hundredths of a percent
(5.25 % is 525). Parsing accepts a dot or a comma as the decimal mark and refuses more than two decimals
rather than round them; every computed figure is rounded half-up (ties away from zero) to the unit.
Locale-aware display (`Bs. 1.234,50`) is `coopdesk.i18n.format_money`; here only the plain export form.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_

_FIXED2 = re.compile(r"^(-?)([0-9]+)(?:[.,]([0-9]+))?$")
# A whole part of at most 15 digits keeps any sum of a ledger far inside the 64-bit INTEGER columns.
MAX_WHOLE_DIGITS = 15

NOT_AN_AMOUNT = N_("'%(value)s' is not an amount like 1234.50 or 1234,50")
NOT_HOURS = N_("'%(value)s' is not a number of hours like 72.5 or 72,5")
NOT_A_PERCENT = N_("'%(value)s' is not a percentage like 5.25 or 5,25")
TOO_MANY_DECIMALS = N_("'%(value)s' has more than two decimals")
TOO_LARGE = N_("'%(value)s' is too large")
ABOVE_CEILING = N_("'%(value)s' is above the largest amount accepted (%(ceiling)s); check the figure, or raise the "
                   "ceiling in the preferences (amount_ceiling)")
DEFAULT_AMOUNT_CEILING_CENTS = 100_000_000_000  # Bs. 1.000.000.000,00: far above any council's figure
_ceiling = DEFAULT_AMOUNT_CEILING_CENTS


def ceiling_from(text: str | None) -> int | None:
    """The ceiling a preference gives ("1000000000.00"); None when it gives none or is not an amount."""
    try:
        return _parse_hundredths(text, NOT_AN_AMOUNT) if text else None
    except InvalidInput:
        return None


def set_amount_ceiling(cents: int | None) -> None:
    """The largest amount `parse_amount` accepts (None: the default); a typo of three zeros is caught."""
    global _ceiling
    _ceiling = DEFAULT_AMOUNT_CEILING_CENTS if cents is None or cents <= 0 else cents


def _parse_hundredths(text: str, not_a_number: str) -> int:
    value = text.strip() if isinstance(text, str) else text
    match = _FIXED2.match(value) if isinstance(value, str) else None
    if not match:
        raise InvalidInput(not_a_number, value=value)
    sign, whole, fraction = match.groups()
    if fraction is not None and len(fraction) > 2:
        raise InvalidInput(TOO_MANY_DECIMALS, value=value)
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS:
        raise InvalidInput(TOO_LARGE, value=value)
    number = int(whole) * 100 + int((fraction or "").ljust(2, "0"))
    return -number if sign else number


def parse_amount(text: str) -> int:
    """`1234.50`, `1234,50`, `-7`, `0,5` → cents. No thousands separator; more than two decimals is refused, and so
    is an amount above the ceiling (`set_amount_ceiling`)."""
    cents = _parse_hundredths(text, NOT_AN_AMOUNT)
    if abs(cents) > _ceiling:
        raise InvalidInput(ABOVE_CEILING, value=text.strip(), ceiling=format_hundredths_plain(_ceiling))
    return cents


def parse_hours(text: str) -> int:
    """`72.5`, `72,50`, `8` → hundredths of an hour, by the same rules as amounts."""
    return _parse_hundredths(text, NOT_HOURS)


def parse_percent(text: str) -> int:
    """`5.25`, `5,25` (per cent) → hundredths of a percent, by the same rules as amounts."""
    return _parse_hundredths(text, NOT_A_PERCENT)


def format_hundredths_plain(value: int) -> str:
    """The export form: a dot and exactly two decimals (`1234.50`, `-50.16`, `0.05`)."""
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 100)
    return f"{sign}{whole}.{fraction:02d}"


def format_amount_plain(cents: int) -> str:
    return format_hundredths_plain(cents)


def format_hours_plain(hundredths: int) -> str:
    return format_hundredths_plain(hundredths)


def format_percent_plain(hundredths: int) -> str:
    return format_hundredths_plain(hundredths)


def to_decimal(hundredths: int) -> Decimal:
    """Cents (or hundredths of an hour) as the exact Decimal of the unit: 123450 → Decimal('1234.50')."""
    return Decimal(hundredths).scaleb(-2)


def from_decimal(value: Decimal) -> int:
    """An exact Decimal with at most two decimals → hundredths; more decimals are refused, not rounded."""
    scaled = value.scaleb(2)
    if not scaled.is_finite() or scaled != scaled.to_integral_value():
        raise InvalidInput(TOO_MANY_DECIMALS, value=str(value))
    return int(scaled)


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """Half-up to `places` decimals, ties away from zero: 2.5 → 3, −2.5 → −3, 0.125 → 0.13 at 2 places."""
    with localcontext() as context:  # enough digits for any magnitude: quantize must never raise
        context.prec = max(context.prec, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def half_up_div(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up to an integer, exactly (integer arithmetic, no precision cap)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def apply_percent(cents: int, percent_hundredths: int) -> int:
    """`percent` of an amount, half-up to the cent: 5.25 % of 800.00 is 42.00."""
    return half_up_div(cents * percent_hundredths, 100 * 100)


def times_hours(rate_cents: int, hours_hundredths: int) -> int:
    """An hourly rate times hours, half-up to the cent: 10.00 × 72.5 h is 725.00; 10.01 × 0.33 h is 3.30."""
    return half_up_div(rate_cents * hours_hundredths, 100)
