"""Explicit dates for extract/timex.py: each pattern of `timex_patterns.py` with the
handler that turns its match into a hit (an interval with its precision and the years it
writes), and the calendar helpers they share. Kept apart so timex.py holds the selection,
the context years and the relative dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from proxygraph.extract.timex_patterns import (
    _COUNT_AFTER,
    _DECADE_PARTS,
    _LABEL_BEFORE,
    _MONTHS,
    _P_DECADE,
    _P_DMY,
    _P_DRANGE_DMY,
    _P_DRANGE_MDY,
    _P_ISO,
    _P_MDY,
    _P_MON_LIST,
    _P_MONTH_YEAR,
    _P_MY_RANGE,
    _P_PART,
    _P_SEASON,
    _P_Y_RANGE,
    _P_YEAR,
    _SEASONS,
    _TIME_PREP,
    _YEAR_PARTS,
)


@dataclass
class _Hit:
    start: int
    end: int
    lo: date
    hi: date | None  # None = open-ended
    prec: str
    years: tuple[int, ...] = ()  # explicit years written in the expression, in text order
    prio: int = 0  # pattern order, breaks ties between equally long candidates


_RANK = {"day": 0, "month": 1, "year": 2}


# ------------------------------------------------------------------ date helpers

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, n: int) -> date:
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m0 + 1, min(d.day, calendar.monthrange(y, m0 + 1)[1]))


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """Month numbers may run past 12 (winter: 12..14 = Dec..Feb of the next year)."""
    lo = date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    hi_year = year + (last - 1) // 12
    return lo, _month_end(hi_year, (last - 1) % 12 + 1)


def _norm(words: str | None) -> str:
    return re.sub(r"\s+", " ", (words or "").lower())


def _mon(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _coarser(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def _year2(y1: int, raw: str) -> int:
    """Second year of a range; "2022-23" -> 2023."""
    return int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)


def _part_key(p: str) -> str:
    p = re.sub(r"\s+", " ", p.lower()).strip(" -–")
    p = re.sub(r"^the (?:very )?", "", p)
    p = re.sub(r" of$", "", p)
    return p


def _year_ok(text: str, s: int, e: int, pre_hyphen: bool = False,
             post_hyphen: bool = False) -> bool:
    """A 4-digit year must stand alone: not glued to a model number, amount or label."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    nxt = text[e + 1] if e + 1 < len(text) else " "
    if pre_hyphen and before in "-–‑/":
        pass  # the second half of a range, or "mid-2022"
    elif (before.isalnum() or before in "_$#£€@/\\"
          or (before in "-–‑" and s >= 2 and text[s - 2].isalnum())):
        return False  # FY2024, $2020, S-2000
    if ((before in ",." and s >= 2 and text[s - 2].isdigit()) or after.isalnum()
            or after == "%" or (after in ",." and nxt.isdigit())):
        return False  # 1,2023 / 2023s / 2024% / 2,0235
    if (after in "-–‑/" and nxt.isalnum() and not post_hyphen) or _LABEL_BEFORE.search(
            text[max(0, s - 24):s]):
        return False  # 2000-pound, Resolution 2043
    # "2000 troops" is a count, but "in 2022 people fled" is still a year
    return bool(_TIME_PREP.search(text[max(0, s - 12):s])) or not _COUNT_AFTER.match(text, e)


def _title(text: str, i: int) -> bool:
    return text[i].isupper()


# --------------------------------------------------------------- pattern handlers
# Each returns a _Hit or None; ctx is context_year (None when unknown).

def _h_iso(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    if not _year_ok(text, m.start("y"), m.start("y") + 4, post_hyphen=True):
        return None
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return _Hit(m.start(), m.end(), d, d, "day", (d.year,)) if d else None


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _h_drange(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    if not _year_ok(text, m.start("y"), m.end("y")):
        return None
    y, mo = int(m["y"]), _mon(m["m"])
    lo, hi = _safe_date(y, mo, int(m["d"])), _safe_date(y, mo, int(m["d2"]))
    if lo is None or hi is None or hi < lo:
        return None
    return _Hit(m.start(), m.end(), lo, hi, "day", (y,))


def _written_or_ctx(m: re.Match[str], text: str, ctx: int | None,
                    months: tuple[str, ...]) -> tuple[int, tuple[int, ...]] | None:
    """The year written in the match, else the context year for capitalised month names
    ("March 12" borrows the document's year; a lowercase "march" is more likely a verb)."""
    if m["y"] is not None:
        ok = _year_ok(text, m.start("y"), m.end("y"))
        return (int(m["y"]), (int(m["y"]),)) if ok else None
    if ctx is None or not all(_title(text, m.start(g)) for g in months):
        return None
    return ctx, ()


def _h_day(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    found = _written_or_ctx(m, text, ctx, ("m",))
    d = _safe_date(found[0], _mon(m["m"]), int(m["d"])) if found else None
    return _Hit(m.start(), m.end(), d, d, "day", found[1]) if d and found else None


def _h_my_range(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    if m["conn"].lower() == "and" and not m["pre"]:
        return None
    if not (_year_ok(text, m.start("y"), m.end("y"), post_hyphen=True)
            and _year_ok(text, m.start("y2"), m.end("y2"), pre_hyphen=True)):
        return None
    lo = date(int(m["y"]), _mon(m["m"]), 1)
    hi = _month_end(int(m["y2"]), _mon(m["m2"]))
    if hi < lo:
        return None
    return _Hit(m.start(), m.end(), lo, hi, "month", (lo.year, hi.year))


def _h_mon_list(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    # a capitalised month on each side of "and"/"to" is a month range even for "May"
    found = _written_or_ctx(m, text, ctx, ("m", "m2"))
    m1, m2 = _mon(m["m"]), _mon(m["m2"])
    if found is None or m1 == m2:
        return None
    y, years = found
    # "November to February 2023": the first month belongs to the year before
    lo = date(y if m1 < m2 else y - 1, m1, 1)
    return _Hit(m.start(), m.end(), lo, _month_end(y, m2), "month", years)


def _h_y_range(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    conn = m["conn"].lower()
    short = len(m["y2"]) == 2
    if (conn == "and" and not m["pre"]) or (short and conn not in "-–—/"):
        return None
    y1 = int(m["y"])
    y2 = _year2(y1, m["y2"])
    if y2 <= y1 or not _year_ok(text, m.start("y"), m.end("y"), post_hyphen=True):
        return None
    if not _year_ok(text, m.start("y2"), m.end("y2"), pre_hyphen=True):
        return None
    return _Hit(m.start(), m.end(), date(y1, 1, 1), date(y2, 12, 31), "year", (y1, y2))


def _season(name: str, year: int) -> tuple[date, date]:
    first, last = _SEASONS[name.lower()]
    return _months(year, first, last)


def _h_season(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    y = int(m["y"])
    if not _year_ok(text, m.start("y"), m.end("y"), post_hyphen=m["y2"] is not None):
        return None
    lo, hi = _season(m["s"], y)
    years: tuple[int, ...] = (y,)
    if m["y2"] is not None:
        y2 = _year2(y, m["y2"])
        if y2 <= y:
            return None
        years = (y, y2)
        # "winter 2022-23" is one winter; other seasons span both years
        if not (m["s"].lower() == "winter" and y2 == y + 1):
            hi = _season(m["s"], y2)[1]
    return _Hit(m.start(), m.end(), lo, hi, "month", years)


def _h_part(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    if not _year_ok(text, m.start("y"), m.end("y"), pre_hyphen=True):
        return None
    bounds = _YEAR_PARTS.get(_part_key(m["p"]))
    if bounds is None:
        return None
    y = int(m["y"])
    lo, hi = _months(y, *bounds)
    return _Hit(m.start(), m.end(), lo, hi, "month", (y,))


def _h_month_year(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    if not _year_ok(text, m.start("y"), m.end("y")):
        return None
    y, mo = int(m["y"]), _mon(m["m"])
    return _Hit(m.start(), m.end(), date(y, mo, 1), _month_end(y, mo), "month", (y,))


def _h_decade(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    y = int(m["y"])
    a, b = _DECADE_PARTS.get((m["p"] or "").lower(), (0, 9))
    return _Hit(m.start(), m.end(), date(y + a, 1, 1), date(y + b, 12, 31), "year")


def _h_year(m: re.Match[str], text: str, ctx: int | None) -> _Hit | None:
    if not _year_ok(text, m.start(), m.end()):
        return None
    y = int(m["y"])
    return _Hit(m.start(), m.end(), date(y, 1, 1), date(y, 12, 31), "year", (y,))


_EXPLICIT = (
    (_P_ISO, _h_iso), (_P_DRANGE_MDY, _h_drange), (_P_DRANGE_DMY, _h_drange),
    (_P_MY_RANGE, _h_my_range), (_P_MDY, _h_day), (_P_DMY, _h_day), (_P_MON_LIST, _h_mon_list),
    (_P_Y_RANGE, _h_y_range), (_P_SEASON, _h_season), (_P_PART, _h_part),
    (_P_MONTH_YEAR, _h_month_year), (_P_DECADE, _h_decade), (_P_YEAR, _h_year),
)
