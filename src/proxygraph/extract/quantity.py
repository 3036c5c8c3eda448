"""Quantities in one sentence: counts, money, percentages, vague amounts and rates.

"6,000 Iranian-spec Shahed UAVs per year" -> Quantity(value=6000.0, unit="Shahed UAVs",
rate="per year").  The unit is the head noun phrase after the number: up to four words,
stopping at prepositions, verbs and punctuation, without leading origin/kind modifiers
("Iranian-spec", "Russian", "long-range").  Money becomes "USD"/"EUR"/..., a percentage
"percent"; rates are normalised to "per year" / "per month" / "per week" / "per day".

Numbers that belong to something else are skipped: dates ("in 2022", "Oct. 7, 2023", found
with proxygraph.extract.timex), model numbers ("Shahed-136", "S-300"), ordinals ("5th
Corps"), labels ("Resolution 1701", "313 Brigade") and durations ("two years").
"""

from __future__ import annotations

import re

from proxygraph.extract.timex import find_times
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Quantity

__all__ = ["find_quantities"]

_FLAGS = re.IGNORECASE

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WORDNUM = (rf"(?:{_alt(_TENS)})(?:[-\s](?:{_alt(_UNITS)}))?|{_alt(_TEENS)}|{_alt(_UNITS)}")
_SCALE_ALT = "hundred|thousand|million|billion|trillion"

# One number, without context.  Groups: dz (dozens), vague, an ("a million"), dig, word.
_BODY = (
    rf"(?P<dz>(?P<dzn>half\s+a|an?|{_alt(_UNITS)}|ten)\s+dozen)(?![A-Za-z])"
    r"|(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:hundred|thousand|million|billion|dozen)"
    r"|dozens|scores(?=\s+of\s)|hundreds|thousands|millions|billions)(?![A-Za-z])"
    rf"|(?P<an>an?)\s+(?P<ans>{_SCALE_ALT})(?![A-Za-z])"
    r"|(?P<dig>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,12}(?:\.[0-9]+)?)"
    r"(?![0-9]|[.,:][0-9])"
    rf"(?:\s*(?P<ds>{_SCALE_ALT})(?![A-Za-z])|(?P<dss>bn|mn|m|k|b)(?![A-Za-z0-9]))?"
    r"(?![A-Za-z0-9]|[-–][A-Za-z])"  # not "136s", "5th" or "2000-pound"
    rf"|(?P<word>{_WORDNUM})(?![A-Za-z-])(?:\s+(?P<ws>{_SCALE_ALT})(?![A-Za-z]))?"
)
_NUMBER_BODY = re.compile(_BODY, _FLAGS)
# a standalone number is not glued to a word, a model designator or a grouped number
_NUMBER = re.compile(rf"(?<![\w.,\-–—/#:+^])(?:{_BODY})", _FLAGS)

_CUR_BEFORE = re.compile(r"(?<![A-Za-z])(?P<c>US\s?\$|\$|€|£|USD|EUR)\s?$", _FLAGS)
_APPROX_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<a>about|around|approximately|approx\.|roughly|nearly|almost|some|over"
    r"|under|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|as\s+many\s+as"
    r"|close\s+to|upwards\s+of|an\s+estimated|estimated|between|from)\s+$", _FLAGS)
_RANGE_SEP = re.compile(
    r"(?P<p1>\s*(?:%|percent(?![A-Za-z])|per\s+cent(?![A-Za-z])))?"
    r"(?:\s*[-–—]\s*|\s+(?P<w>to|and)\s+)(?P<c>US\s?\$|\$|€|£)?", _FLAGS)
_PERCENT = re.compile(r"\s*(?:%|percent(?:age\s+points?)?(?![A-Za-z])|per\s+cent(?![A-Za-z]))",
                      _FLAGS)
_CUR_WORD = re.compile(
    r"\s+(?P<of>of\s+)?(?:(?:US|U\.S\.|American)\s+)?(?P<c>dollars?|USD|euros?|EUR|rubles?"
    r"|roubles?|rials?|pounds\s+sterling)(?![A-Za-z])", _FLAGS)
_RATE = re.compile(
    r"\s+(?:(?:per|a|an|each|every)\s+(?P<u>year|month|week|day|annum|hour)"
    r"|(?P<adv>annually|yearly|monthly|weekly|daily))(?![A-Za-z])"
    r"(?!\s+(?:ago|later|earlier|after|before|prior|or\s+so|old))", _FLAGS)
# "100,000 rounds of ammunition per month": the rate may follow a short "of ..." complement
_OF_TAIL = re.compile(r"\s+of(?:\s+[A-Za-z][A-Za-z0-9'’\-]*){1,3}?(?=\s+(?:per|an?|each|every"
                      r"|annually|yearly|monthly|weekly|daily)(?![A-Za-z]))", _FLAGS)
_WORD = re.compile(r"\s+(?P<w>[A-Za-z][A-Za-z0-9'’\-]*)")
_OF = re.compile(r"\s+of(?![A-Za-z])", _FLAGS)

_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:resolution|article|chapter|section|no\.|number|unit|route|highway|flight"
    r"|law|decree|order|page|pp?\.|model|type|block|item|brigade|battalion|division|regiment"
    r"|camp|room|liwa['’]?|phase|version|level|grade|paragraph|annex|table|figure|fig\.)\s*$",
    _FLAGS)
_FORMATION_AFTER = re.compile(
    r"\s+(?:Brigade|Battalion|Division|Corps|Regiment|Squadron|Army|Force|Group|Unit|Fleet"
    r"|Company)\b")
_ONE_BEFORE = re.compile(r"(?<![A-Za-z])(?:the|no|any|each|every|which|this|that|one)\s+$",
                         _FLAGS)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|i|an|ern)$")


def _word_value(word: str) -> float:
    parts = re.split(r"[-\s]+", word.lower())
    return float(sum(_UNITS.get(p, 0) + _TEENS.get(p, 0) + _TENS.get(p, 0) for p in parts))


def _atom_value(m: re.Match[str]) -> float | str | None:
    """Value of one number match; None when it cannot be read."""
    if m["dz"]:
        n = m["dzn"].lower()
        mult = 0.5 if n.startswith("half") else 1.0 if n in ("a", "an") else _word_value(n)
        return 12.0 * mult
    if m["vague"]:
        v = re.sub(r"\s+", " ", m["vague"].lower())
        head = re.match(r"(?:several|a few|a couple of|many) (\w+)$", v)
        return head[1] + "s" if head else v
    if m["an"]:
        return _SCALES[m["ans"].lower()]
    if m["dig"]:
        try:
            value = float(m["dig"].replace(",", ""))
        except ValueError:
            return None
        if m["ds"]:
            value *= _SCALES[m["ds"].lower()]
        elif m["dss"]:
            value *= _SHORT_SCALES[m["dss"].lower()]
        return value
    value = _word_value(m["word"])
    return value * _SCALES[m["ws"].lower()] if m["ws"] else value


def _scaled(m: re.Match[str]) -> float | None:
    """The scale word of a number ("two million" -> 1e6), for "1 to 2 million"."""
    for g in ("ds", "ws", "ans"):
        if m.groupdict().get(g):
            return _SCALES[m[g].lower()]
    if m.groupdict().get("dss"):
        return _SHORT_SCALES[m["dss"].lower()]
    return None


def _noun_phrase(text: str, pos: int) -> tuple[str | None, int]:
    """The unit after a number: up to four words, without leading modifiers."""
    words: list[tuple[str, int]] = []
    while len(words) < 4:
        m = _WORD.match(text, pos)
        if m is None:
            break
        w = m["w"]
        low = w.lower()
        possessive = low.endswith(("'s", "’s"))
        if (low[:-2] if possessive else low) in WORDS.unit_stop_words:
            break
        # a later lowercase -ing/-ed/-ly word is a verb or adverb: "ships carrying arms"
        if words and w.islower() and low.endswith(("ing", "ed", "ly")):
            break
        words.append((w[:-2] if possessive else w, m.end()))
        pos = m.end()
        if possessive or w.endswith("-"):
            break
    while len(words) > 1 and _is_modifier(words[0][0]):
        words.pop(0)
    if not words:
        return None, pos
    return " ".join(w for w, _ in words), words[-1][1]


def _is_modifier(word: str) -> bool:
    """'Iranian-spec', 'long-range', 'Russian', 'additional' describe rather than count."""
    if word.lower() in WORDS.unit_modifiers or _DEMONYM.match(word):
        return True
    tail = word.rsplit("-", 1)
    return len(tail) == 2 and tail[1].isalpha() and tail[1].islower()


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges taken by time expressions (any year makes day numbers visible)."""
    spans: list[tuple[int, int]] = []
    for t in find_times(text, context_year=2000):
        spans.append((t.start, t.event[0] if t.event else t.end))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _currency(word: str) -> str | None:
    return WORDS.currencies.get(re.sub(r"\s+", "", word.lower()))


def _one(text: str, m: re.Match[str], blocked: list[tuple[int, int]]
         ) -> tuple[int, int, Quantity] | None:
    """Build the quantity that starts with number match m, or None to skip it."""
    value: float | str | tuple[float, float] | None = _atom_value(m)
    if value is None or _inside(blocked, m.start(), m.end()):
        return None
    is_word = bool(m["word"] or m["dz"] or m["an"])
    head = text[max(0, m.start() - 30):m.start()]
    if _LABEL_BEFORE.search(head) or _FORMATION_AFTER.match(text, m.end()):
        return None
    # "the one", "no one", and a sentence-initial "One of ..." / "One problem is ..."
    if m["word"] and m["word"].lower() == "one" and (_ONE_BEFORE.search(head)
                                                     or m["word"] == "One"):
        return None
    if text[m.start() - 1:m.start()] == "[" and text[m.end():m.end() + 1] == "]":
        return None  # footnote marker
    start, end = m.start(), m.end()
    unit: str | None = None
    cur = _CUR_BEFORE.search(text[max(0, start - 6):start])
    if cur:
        unit = _currency(cur["c"])
        start -= len(cur[0])
    if m["dss"] and not cur:
        return None  # "5m" is five metres, not five million
    approx = _APPROX_BEFORE.search(text[max(0, start - 20):start])
    ranged = False
    sep = _RANGE_SEP.match(text, end) if not m["vague"] else None
    between = approx is not None and approx["a"].lower() == "between"
    if sep and ((sep["w"] or "").lower() != "and" or between):
        m2 = _NUMBER_BODY.match(text, sep.end())
        if m2 and not (m2["vague"] or m2["dz"]) and not _inside(blocked, m2.start(), m2.end()):
            v2 = _atom_value(m2)
            low = value
            scale = _scaled(m2)
            if isinstance(low, float) and _scaled(m) is None and scale is not None:
                low *= scale
            if isinstance(low, float) and isinstance(v2, float) and low < v2:
                value, end, ranged = (low, v2), m2.end(), True
                if sep["p1"]:
                    unit = "percent"
                if sep["c"] and unit is None:
                    unit = _currency(sep["c"])
    if approx and (ranged or approx["a"].lower() not in ("between", "from")):
        start -= len(approx[0])
    pct = _PERCENT.match(text, end)
    if pct:
        unit, end = "percent", pct.end()
    else:
        curw = _CUR_WORD.match(text, end)
        if curw and (not curw["of"] or m["vague"] or is_word or _scaled(m)):
            unit, end = _currency(curw["c"]) or "USD", curw.end()
        elif unit is None:
            of = _OF.match(text, end) if m["vague"] else None
            noun, noun_end = _noun_phrase(text, of.end() if of else end)
            if noun is not None:
                if noun.split()[-1].lower() in WORDS.time_units:
                    return None  # a duration ("two years") or a multiplier ("three times")
                unit, end = noun, noun_end
    if unit is None and is_word and not m["dz"] and not m["an"]:
        return None  # a bare "two" or "one" is too vague to keep
    rate = _RATE.match(text, end)
    tail = _OF_TAIL.match(text, end) if rate is None else None
    if tail is not None:
        rate = _RATE.match(text, tail.end())
    rate_text = None
    if rate:
        rate_text = "per " + WORDS.rate_adverbs.get((rate["u"] or rate["adv"]).lower(),
                                            (rate["u"] or "").lower())
        end = rate.end()
    return start, end, Quantity(text[start:end], value, unit, rate_text)


def find_quantities(text: str) -> list[tuple[int, int, Quantity]]:
    """Every quantity in `text` as (start, end, Quantity), left to right, not overlapping."""
    if not isinstance(text, str) or not text:
        return []
    blocked = _blocked_spans(text)
    out: list[tuple[int, int, Quantity]] = []
    consumed = 0
    for m in _NUMBER.finditer(text):
        if m.start() < consumed:
            continue
        found = _one(text, m, blocked)
        if found is None or found[0] < consumed:
            continue
        out.append(found)
        consumed = found[1]
    return out
