"""Regular expressions for extract/timex.py: the building blocks of dates (months, days,
years, parts of a year) and the explicit, contextual and wrapper patterns built from them.
Kept apart so timex.py holds only the logic that resolves what they match."""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE

# ---------------------------------------------------------------- building blocks

_MON_ALT = (r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?"
            r"|jul(?:y|\.)?|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?"
            r"|nov(?:ember|\.)?|dec(?:ember|\.)?")
_MONTHS = {k: i for i, k in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_ANY_MON = rf"(?<![A-Za-z])(?:{_MON_ALT})(?![A-Za-z])"
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_NUM_ALT = "|".join(sorted(_NUMWORDS, key=len, reverse=True))


def _m(name: str) -> str:
    return rf"(?<![A-Za-z])(?P<{name}>{_MON_ALT})(?![A-Za-z])"


def _d(name: str) -> str:
    # a day never follows a digit/comma/period (that would be "16,000" or "1.5")
    return (rf"(?<![0-9,.])(?P<{name}>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
            r"(?![0-9A-Za-z])(?!,[0-9])")


def _y(name: str) -> str:
    return rf"(?<![0-9])(?P<{name}>(?:19|20)[0-9]{{2}})(?![0-9])"


_CONN = r"(?P<conn>to|until|till|through|thru|and|[-–—/])"
_PRE = r"(?:(?P<pre>from|between)\s+)?"
_PART_Y = (r"(?P<p>early|late|mid[-–\s]?|the\s+(?:very\s+)?(?:end|beginning|start|middle|close)"
           r"\s+of|the\s+(?:first|second|latter)\s+half\s+of|(?:the\s+)?(?:first|second|third"
           r"|fourth|last)\s+quarter\s+of|q[1-4]|h[12])")
_PART_M = r"(?P<p>early|late|mid[-–\s]?|the\s+(?:very\s+)?(?:end|beginning|start|middle)\s+of)"

# ------------------------------------------------------------------ explicit patterns

_P_ISO = re.compile(r"(?<![0-9A-Za-z/-])(?P<y>(?:19|20)[0-9]{2})-(?P<mo>0[1-9]|1[0-2])"
                    r"-(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9A-Za-z]|[-/][0-9])")
_P_DRANGE_MDY = re.compile(rf"{_m('m')}\s+{_d('d')}\s*[-–]\s*{_d('d2')}(?:,\s*|\s+){_y('y')}",
                           _FLAGS)
_P_DRANGE_DMY = re.compile(rf"{_d('d')}\s*[-–]\s*{_d('d2')}\s+(?:of\s+)?{_m('m')},?\s+{_y('y')}",
                           _FLAGS)
_P_MDY = re.compile(rf"{_m('m')}\s+{_d('d')}(?:(?:,\s*|\s+){_y('y')})?", _FLAGS)
_P_DMY = re.compile(rf"{_d('d')}\s+(?:of\s+)?{_m('m')}(?:,?\s+{_y('y')})?", _FLAGS)
_P_MY_RANGE = re.compile(
    rf"{_PRE}{_m('m')},?\s+{_y('y')}\s*{_CONN}\s*{_m('m2')},?\s+{_y('y2')}", _FLAGS)
_P_MON_LIST = re.compile(
    rf"{_PRE}(?:(?:early|mid|late)[-–\s]+)?{_m('m')}(?:\s*,\s*{_ANY_MON}){{0,6}}"
    rf"\s*(?:,\s*)?{_CONN}\s*"
    rf"(?:(?:early|mid|late)[-–\s]+)?{_m('m2')}(?:,?\s+(?:of\s+)?{_y('y')})?", _FLAGS)
_P_Y_RANGE = re.compile(
    rf"{_PRE}(?:the\s+years?\s+)?{_y('y')}\s*{_CONN}\s*"
    r"(?P<y2>(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])", _FLAGS)
_P_SEASON = re.compile(
    r"(?<![A-Za-z])(?:(?:early|mid|late)[-–\s]+)?(?P<s>spring|summer|fall|autumn|winter)"
    rf"(?:\s+of)?,?\s+{_y('y')}(?:\s*[-–/]\s*(?P<y2>(?:19|20)[0-9]{{2}}|[0-9]{{2}})(?![0-9]))?",
    _FLAGS)
_P_PART = re.compile(rf"(?<![A-Za-z]){_PART_Y}(?:\s+in)?\s*{_y('y')}", _FLAGS)
_P_MONTH_YEAR = re.compile(rf"(?:(?<![A-Za-z]){_PART_M}\s*)?{_m('m')},?\s+(?:of\s+)?{_y('y')}",
                           _FLAGS)
_P_DECADE = re.compile(r"(?<![0-9A-Za-z])(?:(?P<p>early|mid|late)[-–\s]+)?"
                       r"(?P<y>(?:19|20)[0-9]0)['’]?s(?![A-Za-z0-9])", _FLAGS)
_P_YEAR = re.compile(_y("y"))

# ------------------------------------------------------- patterns needing a context

_P_BARE_MONTH = re.compile(
    r"(?<![A-Za-z])(?P<pre>in|since|by|during|until|till|through|throughout|from|before|after"
    r"|early|late|mid|of)[-–\s]+(?P<q>the\s+(?:end|beginning|start|middle)\s+of\s+)?"
    rf"{_m('m')}(?!\s*[0-9])", _FLAGS)
_P_BARE_SEASON = re.compile(
    r"(?<![A-Za-z])(?:(?:in|during|over|through|throughout|since|by|until)\s+the|(?P<w>this|that))"
    r"\s+(?:(?:early|late)\s+)?(?P<s>spring|summer|fall|autumn|winter)(?![A-Za-z])"
    r"(?!\s*(?:of\s+)?[0-9])", _FLAGS)
_P_YEAR_REL = re.compile(
    r"(?<![A-Za-z])(?:(?:(?:earlier|later)\s+(?:in\s+)?)?(?P<w>this|last|next|that\s+same|that"
    r"|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior"
    r"|the\s+subsequent|the\s+last|the\s+past)\s+year|(?P<in>(?:earlier|later)\s+in\s+the\s+year)"
    rf"|(?P<n>{_NUM_ALT}|[0-9]{{1,2}})\s+years?\s+(?P<d>later|earlier))(?![A-Za-z])", _FLAGS)
_P_MONTH_REL = re.compile(
    r"(?<![A-Za-z])(?:(?:earlier|later)\s+)?(?P<w>this|last|next|that|the\s+same|the\s+following"
    r"|the\s+next|the\s+previous|the\s+preceding)\s+month(?![A-Za-z])", _FLAGS)

# ------------------------------------------------------------------- wrappers

_REL = re.compile(
    r"(?<![A-Za-z])(?:in\s+the\s+)?(?:(?:(?P<q>less\s+than|fewer\s+than|under|within|more\s+than"
    r"|over|nearly|almost|about|around|roughly|some|approximately|just|only|barely|exactly"
    rf"|precisely)\s+)?(?:(?P<n>{_NUM_ALT}|[0-9]{{1,3}}|a\s+few|a\s+couple\s+of|several|few)\s+)?"
    r"(?P<unit>days?|weeks?|months?|years?|decades?)"
    r"|(?P<v>shortly|soon|immediately|right|just|directly|quickly))"
    r"\s+(?P<dir>after|before|following|prior\s+to|ahead\s+of|of)\s+", _FLAGS)
# gap between "after" and the anchor date: no clause punctuation ("U.S." is allowed)
_GAP = re.compile(r"(?:[^.;:!?,\n]|(?<=[A-Z])\.){0,80}")
# "the Oct. 7, 2023, raid on the base," - the event noun phrase continues after the date.
# A determiner or pronoun there starts the main clause instead ("2015, the allies ...").
_EVENT_TAIL = re.compile(
    r"(?P<comma>,)?\s+(?!(?:the|a|an|its|their|his|her|he|she|it|they|we|this|these|those"
    r"|which|who|and|but|when|while|as)(?![A-Za-z]))(?=[a-z])[^,;:.!?\n]{1,60}(?=[,;:.!?])")
_SINCE = re.compile(r"(?<![A-Za-z])(?P<kw>(?:ever\s+)?since|starting\s+(?:in|from)|beginning\s+in"
                    r"|from)\s+(?:at\s+least\s+|as\s+early\s+as\s+)?(?:the\s+)?$", _FLAGS)
_ONWARD = re.compile(r"\s*(?P<w>onwards?|and\s+(?:beyond|onwards?|after)|on)(?![A-Za-z])",
                     _FLAGS)

# a year-looking number that is a label ("Resolution 2043") or a count ("2000 troops")
_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:resolution|article|chapter|section|no\.|number|unit|route|highway|flight"
    r"|law|decree|order|page|pp?\.|model|type|block|item|brigade|battalion|division|camp"
    r"|room|liwa['’]?)\s*$", _FLAGS)
_COUNT_AFTER = re.compile(
    r"\s+(?:troops|soldiers|fighters|militants|men|women|people|members|volunteers|personnel"
    r"|recruits|mercenaries|civilians|casualties|deaths|dead|drones|uavs|missiles|rockets"
    r"|shells|rounds|munitions|weapons|bombs|tanks|vehicles|trucks|aircraft|planes|jets|ships"
    r"|boats|tons|tonnes|kg|kilograms|km|kilometers|kilometres|miles|meters|metres|feet"
    r"|barrels|units|dollars|euros|rubles|hours|hrs|percent|per\s+cent)(?![A-Za-z])", _FLAGS)

_TIME_PREP = re.compile(r"(?<![A-Za-z])(?:in|since|during|until|before|after)\s+$", _FLAGS)
# "ever since <event> in 2015": open from the event's date.  A plain "since" may be causal
# ("since Iran sent ..."), so it needs a noun phrase: "since the ...", "since Russia's ...".
_SINCE_EVENT = re.compile(
    r"(?<![A-Za-z])(?:(?P<ever>ever\s+)since|since(?=\s+(?:the|its|their|his|her)\s"
    r"|\s+[A-Z][\w-]*['’]s\s))\s+", _FLAGS)

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 14)}  # month 14 = February of the next year
_YEAR_PARTS = {"early": (1, 3), "mid": (6, 8), "late": (10, 12), "end": (10, 12),
               "close": (10, 12), "beginning": (1, 3), "start": (1, 3), "middle": (6, 8),
               "first half": (1, 6), "second half": (7, 12), "latter half": (7, 12),
               "first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9),
               "fourth quarter": (10, 12), "last quarter": (10, 12), "q1": (1, 3),
               "q2": (4, 6), "q3": (7, 9), "q4": (10, 12), "h1": (1, 6), "h2": (7, 12)}
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_REL_SHIFT = {"": 0, "this": 0, "that": 0, "that same": 0, "the same": 0, "last": -1,
              "the previous": -1, "the preceding": -1, "the prior": -1, "next": 1,
              "the following": 1, "the next": 1, "the subsequent": 1}
_FROM_NOW = ("this", "last", "next")  # relative to the time of writing, not to the text
