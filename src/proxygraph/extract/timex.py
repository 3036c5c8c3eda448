"""Time expressions in one sentence, resolved to ISO intervals (proxygraph.model.TimeSpan).

Pure regular expressions, no dateparser: the annotation guide resolves dates only from the
document's own text, so every year comes from the text itself or from the caller's
`context_year` (the latest explicit year earlier in the document).

Conventions (chosen to match the annotation guide):
  seasons   spring Mar-May, summer Jun-Aug, fall/autumn Sep-Nov, winter Dec-Feb (of Y+1)
  parts     early Jan-Mar, mid Jun-Aug ("since mid-2022" starts 2022-06-01), late / the end
            of Oct-Dec, beginning / start of Jan-Mar, first half Jan-Jun, Q1..Q4; all month
            precision.  "early/mid/late March" keeps the whole month.
  decades   1990s -> 1990..1999; early 0-3, mid 4-6, late 7-9; year precision.
  relative  "less than / within N units after X" = X..X+N; "N units after X" shifts X;
            "shortly / soon / days / weeks after X" = a month window starting at X.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from proxygraph.extract.timex_explicit import (
    _EXPLICIT,
    _add_months,
    _coarser,
    _h_day,
    _h_mon_list,
    _Hit,
    _mon,
    _month_end,
    _norm,
    _season,
    _title,
)
from proxygraph.extract.timex_patterns import (
    _ANY_MON,
    _EVENT_TAIL,
    _FROM_NOW,
    _GAP,
    _MONTHS,
    _NUMWORDS,
    _ONWARD,
    _P_BARE_MONTH,
    _P_BARE_SEASON,
    _P_DECADE,
    _P_DMY,
    _P_DRANGE_DMY,
    _P_DRANGE_MDY,
    _P_ISO,
    _P_MDY,
    _P_MON_LIST,
    _P_MONTH_REL,
    _P_MONTH_YEAR,
    _P_MY_RANGE,
    _P_PART,
    _P_SEASON,
    _P_Y_RANGE,
    _P_YEAR,
    _P_YEAR_REL,
    _REL,
    _REL_SHIFT,
    _SINCE,
    _SINCE_EVENT,
)
from proxygraph.model import TimeSpan

__all__ = ["TimeMention", "best_time", "document_year_context", "find_times"]


@dataclass(frozen=True)
class TimeMention:
    text: str
    start: int
    end: int
    span: TimeSpan
    # "<offset> after <event> <date>": char range of the event phrase.  A trigger inside it
    # describes the anchor event, not the relative time, so best_time skips this mention.
    event: tuple[int, int] | None = None



# What a pattern cannot match without (a cheap search tells whether a text has it, and
# saves running the pattern, the costly part of find_times): a written year, a month name,
# a word. Each is part of every match of the patterns listed with it.
_HAS_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_HAS_MONTH = re.compile(_ANY_MON, re.IGNORECASE)
_HAS_YEAR_WORD = re.compile("year", re.IGNORECASE)
_HAS_MONTH_WORD = re.compile("month", re.IGNORECASE)
_MONTH_WORDS = tuple(_MONTHS)  # "jan" ... "dec": each month name starts with its own
_SEASON_WORDS = ("spring", "summer", "fall", "autumn", "winter")
_HAS_SEASON = re.compile("|".join(_SEASON_WORDS), re.IGNORECASE)
_HAS_SINCE = re.compile("since", re.IGNORECASE)
_HAS_OFFSET = re.compile(r"(?:days?|weeks?|months?|years?|decades?|shortly|soon|immediately"
                         r"|right|just|directly|quickly)\s+(?:after|before|following|prior"
                         r"|ahead|of)\s", re.IGNORECASE)
_OFFSET_WORDS = ("day", "week", "month", "year", "decade", "shortly", "soon", "immediately",
                 "right", "just", "directly", "quickly")  # one of them is in every _HAS_OFFSET


def _has(text: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """`pattern.search(text)`, for a case-insensitive pattern every match of which holds
    one of `words`: on ASCII text, substring tests rule most texts out first."""
    if text.isascii():
        lowered = text.lower()
        if not any(w in lowered for w in words):
            return False
    return pattern.search(text) is not None


_NEEDS_YEAR = {_P_ISO, _P_DRANGE_MDY, _P_DRANGE_DMY, _P_MY_RANGE, _P_Y_RANGE, _P_SEASON, _P_PART,
               _P_MONTH_YEAR, _P_DECADE, _P_YEAR}
_NEEDS_MONTH = {_P_DRANGE_MDY, _P_DRANGE_DMY, _P_MY_RANGE, _P_MDY, _P_DMY, _P_MON_LIST,
                _P_MONTH_YEAR, _P_BARE_MONTH}
_NEEDS_TWO_MONTHS = {_P_MY_RANGE, _P_MON_LIST}  # (month names never overlap: count them)
# A word (in lower case) one of which every match of a pattern contains: on ASCII text a
# substring test rules the pattern out before it runs (beyond ASCII, case-insensitive
# matching has its own rules: the pattern decides).
_NEEDS_ONE_OF = {
    _P_ISO: ("-",),
    _P_DRANGE_MDY: ("-", "–"),
    _P_DRANGE_DMY: ("-", "–"),
    _P_SEASON: _SEASON_WORDS,
    _P_PART: ("early", "late", "mid", "end", "beginning", "start", "middle", "close", "half",
              "quarter", "q1", "q2", "q3", "q4", "h1", "h2"),
    _P_DECADE: ("0s", "0's", "0’s"),
}
# Patterns whose matches without a year borrow the context year (`_bare_months`).
_CONTEXT_PATTERNS = (_P_MDY, _P_DMY, _P_MON_LIST)


# ------------------------------------------------------------------ core passes

def _collect(text: str, yearless: list[tuple[re.Pattern[str], re.Match[str]]] | None = None
             ) -> list[_Hit]:
    """Candidates whose year is written in the expression itself. The matches of the
    `_CONTEXT_PATTERNS` that have no year go to `yearless`, in order, if given: the
    context year may date them (`_bare_months`), without running the patterns again."""
    hits: list[_Hit] = []
    year = _HAS_YEAR.search(text) is not None
    lowered = text.lower() if text.isascii() else None
    months = 0 if lowered is not None and not any(m in lowered for m in _MONTH_WORDS) else len(
        _HAS_MONTH.findall(text))  # (every month name starts with its three letters)
    for prio, (pattern, handler) in enumerate(_EXPLICIT):
        if (not year and pattern in _NEEDS_YEAR) or (not months and pattern in _NEEDS_MONTH) or (
                months < 2 and pattern in _NEEDS_TWO_MONTHS):
            continue
        words = _NEEDS_ONE_OF.get(pattern)
        if words and lowered is not None and not any(w in lowered for w in words):
            continue
        for m in pattern.finditer(text):
            hit = handler(m, text, None)
            if hit is not None:
                hit.prio = prio
                hits.append(hit)
            elif yearless is not None and pattern in _CONTEXT_PATTERNS and m["y"] is None:
                yearless.append((pattern, m))
    return hits


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Longest match wins; overlapping shorter candidates are dropped."""
    chosen: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.prio, h.start)):
        if all(h.end <= c.start or h.start >= c.end for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def _base_year(explicit: list[_Hit], pos: int, ctx: int | None) -> int | None:
    """The year "that year" / "the following year" refers to: the last one written before."""
    before = [h for h in explicit if h.end <= pos and h.years]
    return before[-1].years[-1] if before else ctx


def _month_anchor(explicit: list[_Hit], pos: int, anchors: Sequence[TimeSpan],
                  from_text: bool) -> date | None:
    if from_text:
        before = [h for h in explicit if h.end <= pos and h.prec in ("day", "month")]
        if before:
            return before[-1].lo
    for a in reversed(anchors):
        if a.precision in ("day", "month") and a.start:
            try:
                return date.fromisoformat(a.start)
            except (TypeError, ValueError):
                continue
    return None


def _contextual(text: str, ctx: int | None, anchors: Sequence[TimeSpan],
                explicit: list[_Hit],
                yearless: list[tuple[re.Pattern[str], re.Match[str]]]) -> list[_Hit]:
    """Expressions whose year (or month) comes from outside the expression itself."""
    hits: list[_Hit] = []
    for m in _P_YEAR_REL.finditer(text) if _has(text, ("year",), _HAS_YEAR_WORD) else ():
        w = _norm(m["w"])
        if w in ("the last", "the past"):
            continue  # "the last year" = the past twelve months, not a calendar year
        if m["n"]:
            n = int(m["n"]) if m["n"].isdigit() else _NUMWORDS[m["n"].lower()]
            shift = n if m["d"].lower() == "later" else -n
        else:
            shift = _REL_SHIFT[w]
        # this/last/next year count from the time of writing: only the context year will do
        base = ctx if w in _FROM_NOW else _base_year(explicit, m.start(), ctx)
        if base is not None and 1 <= base + shift <= 9998:
            y = base + shift
            hits.append(_Hit(m.start(), m.end(), date(y, 1, 1), date(y, 12, 31), "year"))
    for m in _P_MONTH_REL.finditer(text) if _has(text, ("month",), _HAS_MONTH_WORD) else ():
        w = _norm(m["w"])
        anchor = _month_anchor(explicit, m.start(), anchors, from_text=w not in _FROM_NOW)
        if anchor is not None:
            first = _add_months(anchor.replace(day=1), _REL_SHIFT[w])
            hits.append(_Hit(m.start(), m.end(), first, _month_end(first.year, first.month),
                             "month"))
    for m in _P_BARE_SEASON.finditer(text) if _has(text, _SEASON_WORDS, _HAS_SEASON) else ():
        season_year = ctx if (m["w"] or "").lower() == "this" else _base_year(
            explicit, m.start(), ctx)
        if season_year is not None:
            lo, hi = _season(m["s"], season_year)
            hits.append(_Hit(m.start("s") if not m["w"] else m.start(), m.end(), lo, hi,
                             "month"))
    if ctx is not None and _has(text, _MONTH_WORDS, _HAS_MONTH):
        hits.extend(_bare_months(text, ctx, yearless))
    return hits


def _bare_months(text: str, ctx: int,
                 yearless: list[tuple[re.Pattern[str], re.Match[str]]]) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _P_BARE_MONTH.finditer(text):
        # "May" alone is too often the modal verb; a lowercase "march" is a verb or noun
        if m["m"].lower() == "may" or not _title(text, m.start("m")):
            continue
        mo = _mon(m["m"])
        pre = m["pre"].lower()
        start = m.start("pre") if pre in ("early", "late", "mid") else \
            m.start("q") if m["q"] else m.start("m")
        hits.append(_Hit(start, m.end(), date(ctx, mo, 1), _month_end(ctx, mo), "month"))
    for pattern, m in yearless:  # matched by _collect, in pattern order
        hit = (_h_mon_list if pattern is _P_MON_LIST else _h_day)(m, text, ctx)
        if hit is not None:
            hits.append(hit)
    return hits


def _open_ended(text: str, hit: _Hit) -> _Hit:
    """'since 2015', 'from 2015 onwards' -> start of the expression, no end."""
    window = text[max(0, hit.start - 30):hit.start]
    before = _SINCE.search(window)
    after = _ONWARD.match(text, hit.end)
    kw = before["kw"].lower() if before else ""
    if before and kw != "from":
        start = hit.start - (len(window) - before.start("kw"))
        return _Hit(start, hit.end, hit.lo, None, hit.prec, hit.years, hit.prio)
    if after and (after["w"].lower() != "on" or kw == "from"):
        start = hit.start - (len(window) - before.start("kw")) if before else hit.start
        return _Hit(start, after.end(), hit.lo, None, hit.prec, hit.years, hit.prio)
    return hit


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    return _add_months(d, n * {"month": 1, "year": 12, "decade": 120}[unit])


def _snap(lo: date, hi: date, prec: str) -> tuple[date, date]:
    if prec == "month":
        return lo.replace(day=1), _month_end(hi.year, hi.month)
    if prec == "year":
        return date(lo.year, 1, 1), date(hi.year, 12, 31)
    return lo, hi


def _relative(m: re.Match[str], x: _Hit) -> tuple[date, date, str] | None:
    """Resolve '<offset> after/before X' against the anchor hit X."""
    direction, q, raw_n = _norm(m["dir"]), _norm(m["q"]), _norm(m["n"])
    if direction == "of" and q != "within":
        return None
    before = direction in ("before", "prior to", "ahead of")
    xs, xe = x.lo, x.hi or x.lo
    unit = _norm(m["unit"]).rstrip("s")
    vague = bool(m["v"]) or raw_n in ("a few", "a couple of", "several", "few") or \
        (not raw_n and _norm(m["unit"]).endswith("s"))
    if vague:
        # "shortly/days/weeks after X": a month window; "months after X": a year window
        if unit in ("year", "decade"):
            return None
        months, prec = (12, "year") if unit == "month" else (1, "month")
        lo, hi = (_add_months(xs, -months), xs) if before else (xs, _add_months(xe, months))
        return lo, hi, _coarser(prec, x.prec)
    # no number: "the month after X"
    n = int(raw_n) if raw_n.isdigit() else _NUMWORDS.get(raw_n, 1)
    if n <= 0 or n > 100:
        return None
    if q in ("less than", "fewer than", "under", "within"):
        prec = {"day": "day", "week": "day", "month": "month"}.get(unit, "year")
        lo, hi = (_shift(xs, unit, -n), xs) if before else (xs, _shift(xe, unit, n))
        return lo, hi, _coarser(prec, x.prec)
    sign = -1 if before else 1
    prec = {"day": "day", "week": "day", "month": "month"}.get(unit, "year")
    if unit == "year" and x.prec != "year":
        prec = "month"  # "a year after Oct. 7, 2023" -> October 2024
    prec = _coarser(prec, x.prec)
    lo, hi = _snap(_shift(xs, unit, sign * n), _shift(xe, unit, sign * n), prec)
    return lo, hi, prec


def _event_end(text: str, anchor: _Hit) -> int:
    tail = _EVENT_TAIL.match(text, anchor.end)
    # only a full "Oct. 7, 2023," date is closed by a comma; after "2015," a clause follows
    if tail is None or (tail["comma"] and anchor.prec != "day"):
        return anchor.end
    return tail.end()


def _relatives(text: str, hits: list[_Hit]) -> list[TimeMention]:
    out: list[TimeMention] = []
    for m in _REL.finditer(text) if _has(text, _OFFSET_WORDS, _HAS_OFFSET) else ():
        # the first closed date after "after", in the same clause
        anchor = next((h for h in hits if h.start >= m.end() and h.hi is not None), None)
        if anchor is None or _GAP.fullmatch(text, m.end(), anchor.start) is None:
            continue
        resolved = _relative(m, anchor)
        if resolved is not None:
            out.append(_mention(text, m.start(), anchor.end, *resolved,
                                event=(m.end("dir"), _event_end(text, anchor))))
    for m in _SINCE_EVENT.finditer(text) if _has(text, ("since",), _HAS_SINCE) else ():
        anchor = next((h for h in hits if h.start >= m.end()), None)
        # adjacent "since 2015" was already made open-ended by _open_ended
        if (anchor is None or anchor.hi is None or not text[m.end():anchor.start].strip()
                or _GAP.fullmatch(text, m.end(), anchor.start) is None):
            continue
        out.append(_mention(text, m.start(), anchor.end, anchor.lo, None, anchor.prec,
                            event=(m.end(), _event_end(text, anchor))))
    return out


def _mention(text: str, start: int, end: int, lo: date, hi: date | None, prec: str,
             event: tuple[int, int] | None = None) -> TimeMention:
    words = text[start:end]
    span = TimeSpan(words, lo.isoformat(), hi.isoformat() if hi else None, prec)
    return TimeMention(words, start, end, span, event)


# ------------------------------------------------------------------ public API

# Every expression find_times resolves contains a digit or one of these words; a sentence
# without any of them cannot hold a date (checked by a property test).
_MAYBE_TIME = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter"
    r"|year|month|week|day|decade|centur|quarter|half|season",
    re.IGNORECASE,
)


# The same test for ASCII text, as plain substring searches (the regular expression tries
# every alternative at every position, ~10x slower). Beyond ASCII, case-insensitive
# matching has its own rules ("ſ" is an "s"): the expression decides.
_TIME_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec", "spring", "summer", "autumn", "fall", "winter", "year", "month", "week",
               "day", "decade", "centur", "quarter", "half", "season")
_DIGIT = re.compile(r"[0-9]")


def _maybe_time(text: str) -> bool:
    if not text.isascii():
        return _MAYBE_TIME.search(text) is not None
    if _DIGIT.search(text) is not None:
        return True
    lowered = text.lower()
    return any(word in lowered for word in _TIME_WORDS)


def find_times(text: str, context_year: int | None = None,
               anchors: Sequence[TimeSpan] = ()) -> list[TimeMention]:
    """Every time expression in `text` (one sentence), resolved to an interval."""
    if not isinstance(text, str) or not text:
        return []
    if not _maybe_time(text):
        return []  # most sentences carry no date: skip the full pattern set
    return _find_all(text, context_year, anchors)


def _find_all(text: str, context_year: int | None,
              anchors: Sequence[TimeSpan]) -> list[TimeMention]:
    if context_year is not None and not 1 <= context_year <= 9998:
        context_year = None
    explicit, yearless = _explicit(text)
    contextual = _contextual(text, context_year, anchors, list(explicit), list(yearless))
    hits = [_open_ended(text, h) for h in _select([*explicit, *contextual])]
    mentions = [_mention(text, h.start, h.end, h.lo, h.hi, h.prec) for h in hits]
    mentions += _relatives(text, hits)
    return sorted(mentions, key=lambda t: (t.start, -t.end))


@lru_cache(maxsize=8)
def _explicit(text: str) -> tuple[tuple[_Hit, ...],
                                  tuple[tuple[re.Pattern[str], re.Match[str]], ...]]:
    """The selected expressions that carry their own year, and the year-less matches a
    context year may date: the same whatever the context, so found once for a sentence
    whose claims' times and quantities (`quantity.py`, any year) both ask."""
    yearless: list[tuple[re.Pattern[str], re.Match[str]]] = []
    explicit = _select(_collect(text, yearless))
    return tuple(explicit), tuple(yearless)


def document_year_context(sentences: Sequence[str]) -> list[int | None]:
    """For each sentence, the last explicit year written in it or in any sentence before it."""
    out: list[int | None] = []
    current: int | None = None
    for sentence in sentences:
        hits = _select(_collect(sentence)) if isinstance(sentence, str) else []
        for h in hits:
            if h.years:
                current = h.years[-1]
        out.append(current)
    return out


def best_time(mentions: Sequence[TimeMention], trigger_offset: int) -> TimeSpan | None:
    """The mention nearest the trigger; ties go to the one before it, then to the longer.

    A relative mention ("a month after the Oct. 7, 2023, assault") is skipped when the
    trigger sits inside its event phrase: the trigger then names the anchor event itself.
    """
    def key(m: TimeMention) -> tuple[int, bool, int, int]:
        dist = max(m.start - trigger_offset, trigger_offset - m.end, 0)
        return dist, m.end > trigger_offset, m.start - m.end, m.start

    usable = [m for m in mentions
              if not (m.event and m.event[0] <= trigger_offset < m.event[1])]
    return min(usable, key=key).span if usable else None
