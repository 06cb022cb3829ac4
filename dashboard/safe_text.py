"""Text from a file or a person, made safe for where we write it: a terminal, a CSV cell, an xlsx cell.

- ``terminal``: control characters (ANSI escapes, CR, LF, TAB, other C0/C1, DEL) and bidirectional overrides
  are shown as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``), so a name cannot move the cursor, recolour the
  screen, forge a line or reverse the text around it.
- ``csv_field``: a field that a spreadsheet would take for a formula (leading ``=``, ``+``, ``-``, ``@``, TAB,
  CR, LF) gets a leading ``'`` (OWASP's CSV injection advice).
- ``xlsx_text``: an openpyxl cell holding text as a string (type ``s``), never a formula.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls, DEL, C1 controls; the bidi embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069;
# the line and paragraph separators U+2028/U+2029, which some terminals and editors break lines at.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}
_LINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def control_character(text: str) -> str | None:
    """The first character of ``text`` that no name may hold (C0 and C1 controls, DEL, bidi overrides, line
    separators: what ``terminal`` would escape), or None. Readers refuse such names before storing them.

    >>> [control_character(t) for t in ("集团本部", "集团\\x00本部", "a\\u202eb")] == [None, "\\x00", "\\u202e"]
    True
    """
    found = _CONTROL.search(text)
    return found.group() if found else None


def terminal(text: object) -> str:
    """One field (a name, a file name, a reason) for a terminal: every control character escaped visibly.

    >>> terminal("A\\x1b[31mred\\x1b[0m\\nfake line\\t\\u202eevil")
    'A\\\\x1b[31mred\\\\x1b[0m\\\\nfake line\\\\t\\\\u202eevil'
    >>> terminal("集团本部"), terminal(None)
    ('集团本部', 'None')
    """
    return _CONTROL.sub(_escape, str(text))


def terminal_lines(text: str) -> str:
    """Whole output lines for a terminal: like ``terminal`` but line breaks and TAB are kept (our own layout);
    the last net under every line the command line prints.

    >>> terminal_lines("a\\tb\\nc\\x1b[2J\\rd")
    'a\\tb\\nc\\\\x1b[2J\\\\rd'
    """
    return _LINE_CONTROL.sub(_escape, text.replace("\r\n", "\n"))


def json_for_terminal(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes only C0 controls) with DEL, C1
    controls, bidi overrides and line separators written as ``\\uXXXX`` too: the same JSON, safe to print.

    >>> json_for_terminal('{"name": "a\u202eb\x9b"}')
    '{"name": "a\\\\u202eb\\\\u009b"}'
    """
    return _LINE_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_field(value: Any) -> Any:
    """A CSV field that no spreadsheet runs as a formula; numbers and None pass unchanged.

    >>> csv_field("=cmd|' /C calc'!A0"), csv_field("-12"), csv_field("集团"), csv_field(-12)
    ("'=cmd|' /C calc'!A0", "'-12", '集团', -12)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def xlsx_text(cell: Any, value: str) -> None:
    """Put ``value`` into an openpyxl cell as text: a string starting with "=" is a formula to openpyxl unless the
    cell's type is set back to string after assigning.

    >>> from openpyxl import Workbook
    >>> cell = Workbook().active["A1"]; xlsx_text(cell, "=1+1"); (cell.value, cell.data_type)
    ('=1+1', 's')
    """
    cell.value = value
    cell.data_type = "s"


class TextProblem(ValueError):
    """Typed text that cannot be kept: ``kind`` is ``required``, ``too_long`` (``chars``, ``max``) or ``control``
    (``char``, e.g. "U+0007"); the caller names it in its own words."""

    def __init__(self, kind: str, **params: Any) -> None:
        super().__init__(kind)
        self.kind, self.params = kind, params


_SURROGATE = re.compile("[\ud800-\udfff]")  # undecodable bytes of a command-line argument


def clean_text(text: str, max_chars: int, required: bool = True) -> str:
    """A typed reason or note as kept: line endings ``\\n``, trimmed; empty only when not ``required``; no control
    character other than a line break or a tab, no bidi override, no lone surrogate; at most ``max_chars``
    characters (checked in this order).

    >>> clean_text("  1101 营业收入单位错了\\r\\n请改正  ", 100)
    '1101 营业收入单位错了\\n请改正'
    >>> clean_text("", 100, required=False)
    ''
    >>> clean_text("a\\x07", 100)
    Traceback (most recent call last):
    ...
    dashboard.safe_text.TextProblem: control
    """
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not cleaned and required:
        raise TextProblem("required")
    lone = _SURROGATE.search(cleaned)
    bad = control_character(cleaned.replace("\n", "").replace("\t", "")) or (lone.group() if lone else None)
    if bad is not None:
        raise TextProblem("control", char=f"U+{ord(bad):04X}")
    if len(cleaned) > max_chars:
        raise TextProblem("too_long", chars=len(cleaned), max=max_chars)
    return cleaned
