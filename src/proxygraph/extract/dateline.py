"""Wire datelines ("SANAA, Jan. 12, 2024 (Wire) —") and the weekdays they anchor.

A dateline names where and when a story was filed. Parsed together with the first
sentence it wrecks that sentence's parse (the city becomes the root), so `nlp.chunks`
cuts it off; its date then resolves "on Tuesday" in the story to the last such day on or
before the filing date (annotation guide 12: dates come from the document's own text).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from proxygraph.extract.timex import TimeMention, find_times
from proxygraph.model import TimeSpan

__all__ = ["DATELINE", "dateline_date", "dateline_end", "weekday_times"]

# City in capitals, then optionally its country or state ("QAMISHLI, Syria", "TAMPA, Fla.",
# "GOMA, Democratic Republic of Congo"), a date, an "(Agency)", then a dash; or only the
# city and a dash ("BEIRUT — ...", "KHARTOUM (Reuters) - ...").
# Several cities share one dateline ("CAIRO/JERUSALEM, Oct 23, 2024 -"); a city written in
# title case ("Pyongyang, June 20 (KCNA) -") is a dateline only with its date.
_DATE = r"(?:[A-Z][a-z]{2,}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]+(?: \d{4})?)"
_CAPS_CITY = r"[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*"
DATELINE = re.compile(
    r"[ \t]*(?:(?=[A-Z'.\- ]{3})" + _CAPS_CITY + r"(?:/" + _CAPS_CITY + r")*"
    r"(?:, [A-Z][\w.'\-]*(?: (?:of|the|[A-Z][\w.'\-]*))*)?"
    r"(?:,? " + _DATE + r")?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?, " + _DATE + r")"
    r"(?: ?\([^)\n]{1,40}\))?[ \t]*(?:—|–|--|-(?=[ \t]))[ \t]*")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(?:on |last |this )?(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def dateline_end(text: str) -> int:
    """Length of the dateline `text` starts with, or 0. A bare "IRGC —" is an acronym
    opening a headline, not a city: without a date, a registry acronym is no dateline."""
    match = DATELINE.match(text)
    if match is None:
        return 0
    if not any(c.isdigit() for c in match.group(0)):
        from proxygraph.extract.mentions import default_index
        from proxygraph.registry import normalize

        entry = default_index().entries.get(normalize(match.group(0).strip(" \t—–-")))
        if entry is not None and entry.acronym:
            return 0
    return match.end()


def dateline_date(text: str) -> date | None:
    """The filing date of a dateline, when `text` starts with one that names a full day."""
    match = DATELINE.match(text)
    if match is None:
        return None
    for mention in find_times(match.group(0)):
        span = mention.span
        if span.precision == "day" and span.start:
            return date.fromisoformat(span.start)
    return None


def weekday_times(text: str, filed: date | None) -> list[TimeMention]:
    """'on Tuesday' in a story filed on a date: the last such weekday up to that date."""
    if filed is None:
        return []
    out = []
    for match in _WEEKDAY.finditer(text):
        back = (filed.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
        day = (filed - timedelta(days=back)).isoformat()
        words = match.group(0)
        out.append(TimeMention(words, match.start(), match.end(),
                               TimeSpan(words, day, day, "day")))
    return out
