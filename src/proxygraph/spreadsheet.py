"""Text cells a spreadsheet opens safely.

Exported CSV files are opened in spreadsheet programs, which run a cell that begins with
"=", "+", "-" or "@" (or a tab or carriage return before one) as a formula. A report's
sentence or an actor's name written by someone else can begin that way ("=HYPERLINK(...)"),
so such a cell is written with a leading apostrophe, which spreadsheets show as text and
do not evaluate. `proxygraph import` reads the apostrophe back off, so an export imports
as it was.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(text: str) -> str:
    """`text` as a cell no spreadsheet evaluates."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguarded(text: str) -> str:
    """The text a `guarded` cell was made from."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
