"""Plain words for a value a staffer typed wrong: what is wrong, and what to write instead.

pydantic says "Input should be a valid decimal"; a district's registrar needs "write the price
as a plain number, without '$' or commas". Each error type the records can raise gets its own
sentence here, with an example of the right form.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

from pydantic_core import ErrorDetails

DATE_EXAMPLE = "2027-01-05"
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_MONEY_MARKS = re.compile(r"[$,]|usd|dollars?", re.IGNORECASE)


def counted(count: int, noun: str, plural: str = "") -> str:
    """'1 course', '3 courses', '2 entries': a count with its noun in the right number."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def shown(value: object, limit: int = 80) -> str:
    """A value as the staffer wrote it, cut short; text in quotes."""
    text = value if isinstance(value, str) else str(value)
    cut = f"{text[:limit]}{'...' if len(text) > limit else ''}"
    return f"'{cut}'" if isinstance(value, str) else cut


def article(word: str) -> str:
    """'an' before a vowel sound (an English Language Arts standard), else 'a'."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def listed(words: list[str]) -> str:
    """``2027``, ``2027 and 2028``, ``2027, 2028 and 2029``."""
    return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


def ordinal(number: int) -> str:
    """1 -> 1st, 2 -> 2nd, 11 -> 11th, 23 -> 23rd."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def date_problem(text: str) -> str:
    """Why ``text`` is not a date written YYYY-MM-DD, and what to write."""
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        if not 1 <= month <= 12:
            return f"{text} is not a real date: there is no month {month} (months run from 01 to 12)"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return (
                f"{text} is not a real date: {calendar.month_name[month]} {year} has {days} days. "
                "Correct the day"
            )
        return f"write the month and the day with two digits each: {year}-{month:02d}-{day:02d}"
    us = _US_DATE.fullmatch(text)
    if us:
        month, day, year = (int(part) for part in us.groups())
        year += 2000 if year < 100 else 0
        try:
            meant = dt.date(year, month, day)
        except ValueError:
            pass
        else:
            return (
                f"write dates as YYYY-MM-DD: if you mean {meant:%B} {meant.day}, {meant.year}, "
                f"write {meant.isoformat()}"
            )
    return f"write the date as YYYY-MM-DD, for example {DATE_EXAMPLE} (found {shown(text)})"


def _choices(expected: str) -> list[str]:
    """pydantic's "'semester' or 'year'" as ['semester', 'year']."""
    return [c.strip().strip("'") for c in re.split(r",|\bor\b", expected) if c.strip()]


def _choice_message(found: Any, expected: str) -> str:
    choices = _choices(expected)
    listed = ", ".join(choices)
    if isinstance(found, str):
        same = [c for c in choices if c.casefold() == found.strip().casefold()]
        if same:
            return f"write '{same[0]}' exactly like this (found {shown(found)})"
        close = difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'? Write one of: {listed} (found {shown(found)})"
    return f"write one of: {listed} (found {shown(found)})"


def _number_message(found: Any) -> str:
    if isinstance(found, str) and _MONEY_MARKS.search(found):
        return (
            f"write the amount as a plain number, without '$' or commas: for example 1200 or 395.50 "
            f"(found {shown(found)})"
        )
    return f"write a number here, for example 0.5 or 395 (found {shown(found)})"


def _empty_message(kind: str) -> str:
    if kind.startswith("date"):
        return f"this date is empty: write it as YYYY-MM-DD, for example {DATE_EXAMPLE}"
    if kind in {"list_type", "too_short"}:
        return "this list is empty: give at least one item, each on its own line starting with '- '"
    return "this field is empty: write its value after the colon"


def value_message(error: ErrorDetails, field_name: str, example: str = "") -> str:
    """The sentence for one pydantic error; ``example`` is a right value for the field."""
    kind = error["type"]
    found: Any = error.get("input")
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if found is None or found == "" or (kind == "too_short" and found == []):
        return _empty_message(kind)
    if kind.startswith("date") and isinstance(found, str):
        return date_problem(found)
    if kind.startswith("date"):
        return f"write a date as YYYY-MM-DD, for example {DATE_EXAMPLE} (found {shown(found)})"
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        return _number_message(found)
    if kind == "decimal_max_places":
        return f"use at most {context.get('decimal_places', 2)} digits after the point (found {shown(found)})"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"write a whole number here, for example 25 (found {shown(found)})"
    if kind in {"bool_parsing", "bool_type"}:
        return f"write true or false (found {shown(found)})"
    if kind == "literal_error":
        return _choice_message(found, str(context.get("expected", "")))
    if kind == "list_type":
        return (
            f"write a list: put each item on its own line below '{field_name}:', starting with '- ' "
            f"(found {shown(found)})"
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"write the fields of '{field_name}' on the lines below it, each indented by two spaces "
            f"(found {shown(found)})"
        )
    if kind == "string_type" and isinstance(found, int | float) and example:
        return f"this should be text like '{example}' (found the number {found})"
    if kind == "string_type" and isinstance(found, int | float):
        return f'this should be text, not a number: write it in quotes, like "{found}"'
    if kind == "string_type":
        return f"write one piece of text here, not a list or a set of fields (found {shown(found)})"
    if kind == "string_too_long":
        limit = context.get("max_length")
        return f"this text is {len(found):,} characters long; at most {limit:,} are allowed: shorten it"
    if kind == "too_short":
        least = int(context.get("min_length", 1))
        return "give at least one item here" if least == 1 else f"give at least {least} items here"
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        bound = {
            "greater_than": ("more than", "gt"),
            "greater_than_equal": ("at least", "ge"),
            "less_than": ("less than", "lt"),
            "less_than_equal": ("at most", "le"),
        }[kind]
        return f"this must be {bound[0]} {context.get(bound[1])} (found {shown(found)})"
    text = str(error["msg"]).removeprefix("Value error, ")
    if "found" not in text:
        text += f" (found {shown(found)})"
    return text[0].lower() + text[1:]


# The Unicode name aliases of the C0 controls and DELETE (unicodedata has no names for them).
_CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)  # fmt: skip


def character_name(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``, ``U+000B (LINE TABULATION)``."""
    code = ord(char)
    if code < len(_CONTROL_NAMES):
        name = _CONTROL_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(char, "a control character")
    return f"U+{code:04X} ({name})"
