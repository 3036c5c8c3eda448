"""Time expressions: each pattern, the relative and contextual forms, negatives, properties."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxygraph.extract.timex import (
    TimeMention,
    best_time,
    document_year_context,
    find_times,
)
from proxygraph.model import TimeSpan


def spans(text: str, context_year: int | None = None,
          anchors: tuple[TimeSpan, ...] = ()) -> list[tuple[str, str | None, str | None, str]]:
    return [(m.text, m.span.start, m.span.end, m.span.precision)
            for m in find_times(text, context_year, anchors)]


def one(text: str, context_year: int | None = None,
        anchors: tuple[TimeSpan, ...] = ()) -> tuple[str | None, str | None, str]:
    found = find_times(text, context_year, anchors)
    assert len(found) == 1, found
    return found[0].span.start, found[0].span.end, found[0].span.precision


# ------------------------------------------------------------------------ days

@pytest.mark.parametrize("text, phrase", [
    ("The convoy crossed the border on Feb. 12, 2024, at night.", "Feb. 12, 2024"),
    ("The convoy crossed the border on 12 February 2024.", "12 February 2024"),
    ("The convoy crossed the border on February 12, 2024.", "February 12, 2024"),
    ("The convoy crossed the border on February 12 2024.", "February 12 2024"),
    ("The convoy crossed the border on the 12th of February 2024.", "12th of February 2024"),
    ("The convoy crossed the border on 2024-02-12 before dawn.", "2024-02-12"),
    ("The convoy crossed the border on FEBRUARY 12, 2024.", "FEBRUARY 12, 2024"),
])
def test_day_forms(text: str, phrase: str) -> None:
    assert spans(text) == [(phrase, "2024-02-12", "2024-02-12", "day")]


def test_day_with_two_more_formats() -> None:
    assert one("A ceasefire was signed on 24 September 2022 in Doha.") == \
        ("2022-09-24", "2022-09-24", "day")
    assert one("The raid of Oct. 7, 2023, changed the region.") == \
        ("2023-10-07", "2023-10-07", "day")


@pytest.mark.parametrize("abbr, month", [
    ("Jan.", "01"), ("Feb.", "02"), ("Mar.", "03"), ("Apr.", "04"), ("Aug.", "08"),
    ("Sept.", "09"), ("Sep.", "09"), ("Sep", "09"), ("Oct.", "10"), ("Nov.", "11"),
    ("Dec.", "12"), ("Dec", "12"),
])
def test_month_abbreviations(abbr: str, month: str) -> None:
    assert one(f"It started on {abbr} 3, 2021 in the north.") == \
        (f"2021-{month}-03", f"2021-{month}-03", "day")


def test_invalid_day_is_not_a_date() -> None:
    assert spans("Talks were set for February 30, 2023.") == [("2023", "2023-01-01",
                                                                "2023-12-31", "year")]


def test_day_ranges() -> None:
    assert one("Exercises ran 12-14 March 2024 near the coast.") == \
        ("2024-03-12", "2024-03-14", "day")
    assert one("Exercises ran March 12–14, 2024 near the coast.") == \
        ("2024-03-12", "2024-03-14", "day")


# ---------------------------------------------------------------------- months

def test_month_year() -> None:
    assert one("The first cargo flights landed in March 2022.") == \
        ("2022-03-01", "2022-03-31", "month")
    assert one("Shipments resumed in Sept. 2019 after a pause.") == \
        ("2019-09-01", "2019-09-30", "month")
    assert one("Shipments resumed in March of 2019.") == ("2019-03-01", "2019-03-31", "month")


def test_part_of_month_keeps_month_bounds() -> None:
    assert spans("In mid-March 2022 the minister spoke.") == \
        [("mid-March 2022", "2022-03-01", "2022-03-31", "month")]
    assert one("It ended in late February 2024.") == ("2024-02-01", "2024-02-29", "month")
    assert one("It ended at the end of June 2020.") == ("2020-06-01", "2020-06-30", "month")


@pytest.mark.parametrize("text, start, end", [
    ("Cargo moved by sea in March and April 2022.", "2022-03-01", "2022-04-30"),
    ("Cargo moved by sea between March and May 2023.", "2023-03-01", "2023-05-31"),
    ("Cargo moved by sea from January to March 2024.", "2024-01-01", "2024-03-31"),
    ("Cargo moved by sea in Jan.-Mar. 2024.", "2024-01-01", "2024-03-31"),
    ("Cargo moved by sea in March, April and May 2021.", "2021-03-01", "2021-05-31"),
    ("Cargo moved by sea from November to February 2023.", "2022-11-01", "2023-02-28"),
    ("Cargo moved by sea from March 2022 to May 2023.", "2022-03-01", "2023-05-31"),
    ("Cargo moved by sea between June 2021 and January 2022.", "2021-06-01", "2022-01-31"),
])
def test_month_ranges(text: str, start: str, end: str) -> None:
    assert one(text) == (start, end, "month")


def test_month_names_are_case_insensitive_with_a_year() -> None:
    assert one("It happened in MARCH 2022.") == ("2022-03-01", "2022-03-31", "month")
    assert one("It happened in march 2022.") == ("2022-03-01", "2022-03-31", "month")


# ----------------------------------------------------------------------- years

def test_year_in_prepositional_phrase() -> None:
    assert spans("The brigade fought near Deir ez-Zor in 2019.") == \
        [("2019", "2019-01-01", "2019-12-31", "year")]
    assert one("Clashes broke out in 2022 around the city.") == \
        ("2022-01-01", "2022-12-31", "year")


def test_bare_year_as_modifier() -> None:
    assert one("Stocks were depleted by the 2024 Israeli ground operation.") == \
        ("2024-01-01", "2024-12-31", "year")


@pytest.mark.parametrize("text, phrase, start, end", [
    ("The unit trained recruits from 2015 to 2018.", "from 2015 to 2018", "2015", "2018"),
    ("The unit trained recruits between 2014 and 2016.", "between 2014 and 2016", "2014",
     "2016"),
    ("The unit trained recruits in 2015-2018.", "2015-2018", "2015", "2018"),
    ("The unit trained recruits in 2015–18.", "2015–18", "2015", "2018"),
    ("The unit trained recruits in 2022/23.", "2022/23", "2022", "2023"),
    ("The unit trained recruits from 2011 until 2013.", "from 2011 until 2013", "2011", "2013"),
])
def test_year_ranges(text: str, phrase: str, start: str, end: str) -> None:
    assert spans(text) == [(phrase, f"{start}-01-01", f"{end}-12-31", "year")]


def test_two_years_joined_by_and_are_two_mentions() -> None:
    assert [m[0] for m in spans("Drills took place in 2015 and 2018.")] == ["2015", "2018"]


def test_decades() -> None:
    assert one("The group was founded in the 1990s.") == ("1990-01-01", "1999-12-31", "year")
    assert one("It grew in the early 2000s.") == ("2000-01-01", "2003-12-31", "year")
    assert one("It grew in the late 1980s.") == ("1987-01-01", "1989-12-31", "year")
    assert one("It grew in the 1970's.") == ("1970-01-01", "1979-12-31", "year")


# ------------------------------------------------------------------ open ended

def test_since_year() -> None:
    assert spans("Tehran has armed the group since 2015.") == \
        [("since 2015", "2015-01-01", None, "year")]


def test_since_mid_year_and_month() -> None:
    assert one("Volunteers have arrived since mid-2022.") == ("2022-06-01", None, "month")
    assert one("Volunteers have arrived since March 2023.") == ("2023-03-01", None, "month")
    assert one("Volunteers have arrived since Oct. 7, 2023.") == ("2023-10-07", None, "day")
    assert one("Volunteers have arrived ever since the 1990s.") == ("1990-01-01", None, "year")


def test_from_year_onwards() -> None:
    assert spans("Payments grew from 2016 onwards.") == \
        [("from 2016 onwards", "2016-01-01", None, "year")]
    assert one("Payments grew from 2016 on.") == ("2016-01-01", None, "year")
    assert one("Payments grew from 2016 through the war.") == \
        ("2016-01-01", "2016-12-31", "year")


def test_ever_since_event_with_date() -> None:
    text = "Ever since Moscow's air campaign in Syria in 2015, the two allies have coordinated."
    found = find_times(text)
    outer = [m for m in found if m.event]
    assert len(outer) == 1
    assert outer[0].text == "Ever since Moscow's air campaign in Syria in 2015"
    assert (outer[0].span.start, outer[0].span.end) == ("2015-01-01", None)
    # the main verb gets the open span, the event noun its own closed year
    assert best_time(found, text.index("coordinated")).end is None
    assert best_time(found, text.index("campaign")).end == "2015-12-31"


def test_causal_since_is_not_open_ended() -> None:
    found = find_times("Since Iran sent drones in 2022, prices rose.")
    assert [(m.text, m.span.end) for m in found] == [("2022", "2022-12-31")]


# ------------------------------------------------------------ seasons and parts

@pytest.mark.parametrize("text, start, end", [
    ("Training began in the fall of 2022.", "2022-09-01", "2022-11-30"),
    ("Training began in autumn 2022.", "2022-09-01", "2022-11-30"),
    ("Training began in spring 2023.", "2023-03-01", "2023-05-31"),
    ("Training began in summer 2021.", "2021-06-01", "2021-08-31"),
    ("Training began in the winter of 2023.", "2023-12-01", "2024-02-29"),
    ("Training began in winter 2022-23.", "2022-12-01", "2023-02-28"),
    ("Training began in late 2023.", "2023-10-01", "2023-12-31"),
    ("Training began in early 2024.", "2024-01-01", "2024-03-31"),
    ("Training began in mid-2022.", "2022-06-01", "2022-08-31"),
    ("Training began at the end of 2023.", "2023-10-01", "2023-12-31"),
    ("Training began at the beginning of 2021.", "2021-01-01", "2021-03-31"),
    ("Training began in the first half of 2020.", "2020-01-01", "2020-06-30"),
    ("Training began in the second half of 2020.", "2020-07-01", "2020-12-31"),
    ("Training began in Q3 2021.", "2021-07-01", "2021-09-30"),
    ("Training began in the fourth quarter of 2019.", "2019-10-01", "2019-12-31"),
    ("Training began late in 2018.", "2018-10-01", "2018-12-31"),
])
def test_seasons_and_parts_of_year(text: str, start: str, end: str) -> None:
    assert one(text) == (start, end, "month")


def test_bare_season_needs_a_year() -> None:
    assert spans("Fighting paused in the summer.") == []
    assert one("Fighting paused in the summer.", context_year=2021) == \
        ("2021-06-01", "2021-08-31", "month")
    assert one("Fighting will pause this winter.", context_year=2021) == \
        ("2021-12-01", "2022-02-28", "month")


# --------------------------------------------------------------------- relative

def test_less_than_a_month_after_a_dated_event() -> None:
    text = ("Less than a month after the militia's Oct. 7, 2023, raid on the base, "
            "the general agreed to deliver radars.")
    found = find_times(text)
    outer = [m for m in found if m.event]
    assert len(outer) == 1
    assert (outer[0].span.start, outer[0].span.end, outer[0].span.precision) == \
        ("2023-10-07", "2023-11-07", "month")
    assert text[outer[0].event[0]:outer[0].event[1]].strip() == \
        "the militia's Oct. 7, 2023, raid on the base"
    agreed = best_time(found, text.index("agreed"))
    raid = best_time(found, text.index("raid"))
    assert agreed is not None and agreed.end == "2023-11-07"
    assert raid is not None and (raid.start, raid.end) == ("2023-10-07", "2023-10-07")


def test_less_than_a_month_after_adjacent_date() -> None:
    text = "less than a month after Oct. 7, 2023, the envoy flew to Beirut."
    found = find_times(text)
    assert found[0].text == "less than a month after Oct. 7, 2023"
    assert (found[0].span.start, found[0].span.end, found[0].span.precision) == \
        ("2023-10-07", "2023-11-07", "month")
    flew = best_time(found, text.index("flew"))
    assert flew is not None and flew.end == "2023-11-07"


@pytest.mark.parametrize("text, start, end, precision", [
    ("Two weeks after Oct. 7, 2023, the envoy flew out.", "2023-10-21", "2023-10-21", "day"),
    ("A year after Oct. 7, 2023, the envoy flew out.", "2024-10-01", "2024-10-31", "month"),
    ("A year after 2019 the envoy flew out.", "2020-01-01", "2020-12-31", "year"),
    ("Shortly after Feb. 24, 2022, the envoy flew out.", "2022-02-24", "2022-03-24", "month"),
    ("Soon after March 2022 the envoy flew out.", "2022-03-01", "2022-04-30", "month"),
    ("Weeks after Feb. 24, 2022, the envoy flew out.", "2022-02-24", "2022-03-24", "month"),
    ("Within a month of June 3, 2021, the envoy flew out.", "2021-06-03", "2021-07-03",
     "month"),
    ("Two days before May 9, 2021, the envoy flew out.", "2021-05-07", "2021-05-07", "day"),
    ("Shortly before Oct. 7, 2023, the envoy flew out.", "2023-09-07", "2023-10-07", "month"),
])
def test_offsets_from_an_adjacent_date(text: str, start: str, end: str, precision: str) -> None:
    outer = [m for m in find_times(text) if m.event]
    assert len(outer) == 1
    assert (outer[0].span.start, outer[0].span.end, outer[0].span.precision) == \
        (start, end, precision)


def test_one_month_after_event_dated_in_same_sentence() -> None:
    text = ("One month after the invasion of Ukraine in February 2022, Moscow began "
            "recruiting fighters abroad.")
    found = find_times(text)
    assert [m.text for m in found] == [
        "One month after the invasion of Ukraine in February 2022", "February 2022"]
    began = best_time(found, text.index("began"))
    invasion = best_time(found, text.index("invasion"))
    assert began is not None and (began.start, began.end) == ("2022-03-01", "2022-03-31")
    assert invasion is not None and invasion.start == "2022-02-01"


def test_relative_without_a_date_gives_nothing() -> None:
    assert spans("Shortly after the start of the campaign, recruiters arrived.") == []
    assert spans("One month after the invasion, recruiters arrived.", context_year=2022) == []


def test_relative_does_not_cross_clause_punctuation() -> None:
    found = find_times("Weeks after the talks; in 2020 the group split.")
    assert [m.text for m in found] == ["2020"]


# ------------------------------------------------------------ document context

def test_this_year_and_last_year_need_context() -> None:
    text = "The rebels received targeting data earlier this year."
    assert spans(text) == []
    assert spans(text, context_year=2024) == \
        [("earlier this year", "2024-01-01", "2024-12-31", "year")]
    assert one("Sales doubled this year.", 2023) == ("2023-01-01", "2023-12-31", "year")
    assert one("Sales doubled last year.", 2023) == ("2022-01-01", "2022-12-31", "year")
    assert spans("Sales doubled over the last year.", 2023) == []


def test_year_relative_to_a_year_in_the_text() -> None:
    assert spans("In 2015 Russia intervened; the following year, Iran followed.") == [
        ("2015", "2015-01-01", "2015-12-31", "year"),
        ("the following year", "2016-01-01", "2016-12-31", "year")]
    assert one("The deal collapsed that year.", 2019) == ("2019-01-01", "2019-12-31", "year")
    assert one("Two years later the deal collapsed.", 2019) == \
        ("2021-01-01", "2021-12-31", "year")
    assert spans("The deal collapsed that year.") == []


def test_month_without_year_uses_context_year() -> None:
    assert spans("The shipment arrived in March.") == []
    assert one("The shipment arrived in March.", 2022) == ("2022-03-01", "2022-03-31", "month")
    assert one("The shipment arrived on March 12.", 2022) == ("2022-03-12", "2022-03-12", "day")
    assert one("The shipment arrived on 3 April.", 2022) == ("2022-04-03", "2022-04-03", "day")
    assert one("The shipment arrived between March and May.", 2022) == \
        ("2022-03-01", "2022-05-31", "month")
    assert one("The shipment arrived since mid-March.", 2022) == ("2022-03-01", None, "month")


def test_may_is_a_month_only_next_to_a_number() -> None:
    assert spans("Iran may send more drones.", 2022) == []
    assert spans("Iran may 2 more drones send.", 2022) == []
    assert spans("The shipment arrived in May.", 2022) == []
    assert one("The shipment arrived in May 2021.") == ("2021-05-01", "2021-05-31", "month")
    assert one("The shipment arrived on May 4.", 2021) == ("2021-05-04", "2021-05-04", "day")
    assert one("The shipment arrived on 4 May 2021.") == ("2021-05-04", "2021-05-04", "day")


def test_lowercase_month_without_year_is_ignored() -> None:
    assert spans("Thousands march in the capital.", 2022) == []
    assert spans("They will march 12 miles.", 2022) == []


def test_last_month_needs_a_month_anchor() -> None:
    text = "The envoy visited Moscow last month."
    assert spans(text, 2024) == []
    dateline = TimeSpan("May 10, 2024", "2024-05-10", "2024-05-10", "day")
    assert one(text, 2024, (dateline,)) == ("2024-04-01", "2024-04-30", "month")
    assert one("The envoy visits Moscow this month.", None, (dateline,)) == \
        ("2024-05-01", "2024-05-31", "month")
    year_only = TimeSpan("2024", "2024-01-01", "2024-12-31", "year")
    assert spans(text, 2024, (year_only,)) == []


def test_document_year_context() -> None:
    sentences = [
        "The report opens without a date.",
        "Russia intervened in 2015 and expanded its role in 2017.",
        "Iran followed suit.",
        "By mid-2022 volunteers arrived; on Feb. 12, 2024, trainers were seen.",
        "The S-2000 and 2000 troops are not years.",
        "Operations continued from 2019 to 2021.",
    ]
    assert document_year_context(sentences) == [None, 2017, 2017, 2024, 2024, 2021]
    assert document_year_context([]) == []


# ----------------------------------------------------------------- negatives

@pytest.mark.parametrize("text", [
    "Russia promised 6,000 drones and 16,000 volunteers.",
    "About 60 percent of the arsenal was seized.",
    "The 5th Corps moved to Palmyra.",
    "Batteries of S-300 and S-2000 missiles were seen.",
    "Iran supplied Shahed-136 and Fateh-110 missiles.",
    "A 2000-pound bomb hit the depot.",
    "Nearly 2000 troops and 1999 rockets were counted.",
    "Resolution 2043 was adopted.",
    "The number 1,2023 is not a year, nor is FY2024 or $2020 or 2024%.",
    "Ammunition for the AK-47 and 9M133 launchers was found.",
    "The 1800 and 2100 figures are out of range.",
])
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_times(text) == []


def test_year_followed_by_people_after_a_preposition_is_a_year() -> None:
    assert [m.text for m in find_times("In 2022 people fled the city.")] == ["2022"]


# ------------------------------------------------------------------ best_time

def _m(text: str, start: int, end: int, iso: str) -> TimeMention:
    return TimeMention(text, start, end, TimeSpan(text, iso, iso, "day"))


def test_best_time_prefers_nearest() -> None:
    a, b = _m("x", 0, 5, "2020-01-01"), _m("y", 40, 45, "2021-01-01")
    assert best_time([a, b], 10) == a.span
    assert best_time([a, b], 38) == b.span
    assert best_time([a, b], 42) == b.span


def test_best_time_ties_go_to_the_mention_before() -> None:
    a, b = _m("x", 0, 5, "2020-01-01"), _m("y", 15, 20, "2021-01-01")
    assert best_time([b, a], 10) == a.span


def test_best_time_empty() -> None:
    assert best_time([], 3) is None


# ---------------------------------------------------------------- properties

def test_mention_offsets_and_order() -> None:
    text = "From 2015 to 2018, and again since March 2023, convoys ran; in 2019 too."
    found = find_times(text)
    assert [m.text for m in found] == ["From 2015 to 2018", "since March 2023", "2019"]
    for m in found:
        assert text[m.start:m.end] == m.text == m.span.text


def test_pathological_input_is_fast() -> None:
    started = time.monotonic()
    for text in ("March" + ", March" * 3000, "March" + " " * 20000 + "x",
                 "a month after " * 2000 + "2015", "-" * 20000, "in 2022 " * 2000):
        assert isinstance(find_times(text, 2020), list)
    assert time.monotonic() - started < 10


_PIECES = st.sampled_from([
    "in ", "since ", "March", "May", "Oct. 7, ", "2023", "2015-2018", "mid-", "late ",
    "fall of ", "the 1990s", " after ", "less than a month after ", "this year", "last month",
    "between ", " and ", "12", ",", ".", " ", "Shahed-136", "6,000", "ever since ", "’s ",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=12).map("".join)),
       st.one_of(st.none(), st.integers(min_value=-5, max_value=12000)))
def test_find_times_never_raises(text: str, context_year: int | None) -> None:
    anchors = (TimeSpan("x", "2024-05-10", "2024-05-10", "day"),)
    found = find_times(text, context_year, anchors)
    assert isinstance(found, list)
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.span.start is not None
        assert m.span.end is None or m.span.end >= m.span.start
        assert m.span.precision in ("day", "month", "year")
    best_time(found, len(text) // 2)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=6))
def test_document_year_context_shape(sentences: list[str]) -> None:
    years = document_year_context(sentences)
    assert len(years) == len(sentences)
    assert all(y is None or 1900 <= y <= 2099 for y in years)


_WORDS = ["Iran", "shipped", "drones", "in", "March", "2022", "last", "year", "this", "month",
          "since", "mid-2019", "Oct.", "7,", "after", "two", "weeks", "spring", "the", "1990s",
          "late", "fall", "of", "between", "and", "2015", "Q3", "first", "half", "earlier",
          "May", "12", "following", "winter", "decade", "ago", "—", "a", "week", "later"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.one_of(st.none(),
                                                             st.integers(1990, 2030)))
def test_prefilter_never_drops_a_time(words: list[str], year: int | None) -> None:
    """The cheap keyword pre-check must not change what find_times finds."""
    from proxygraph.extract.timex import _find_all

    text = " ".join(words)
    assert find_times(text, context_year=year) == _find_all(text, year, ())
