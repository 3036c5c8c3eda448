"""extract_text never raises, whatever the text, and its evidence always slices the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proxygraph.extract import extract_text
from proxygraph.ingest import clean_text

# Sentences that do produce claims, so the offset property is exercised, not vacuous.
_CLAIMFUL = [
    "Iran shipped drones to Russia in 2022.",
    "Hezbollah, backed by Iran, attacked Israel.",
    "The Houthis were trained by the IRGC.",
    "Russia recruited Syrian fighters.",
]
_NASTY = [
    "\x00", "\x07", "\x1b[31m", "\u200b", "\u200f", "\u202e", "\ufeff", "\u2028", "\r\n",
    "\t", "\x85", "\u00a0", "\u3000",
    "إيران أرسلت طائرات مسيرة إلى روسيا",  # right-to-left text
    "איראן שלחה מל\"טים",
    "🚀🇮🇷➡️🇷🇺", "👨‍👩‍👧‍👦", "e\u0301\u0301\u0301",
    "x" * 3000,  # one very long token
    "Shahed-136" * 200,
    "\n\n\n", ".", "...", "—", "'s", "(", ")",
]
_pieces = st.one_of(
    st.text(max_size=80),  # arbitrary Unicode (hypothesis filters surrogates)
    st.sampled_from(_CLAIMFUL),
    st.sampled_from(_NASTY),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=10),
)
_documents = st.lists(_pieces, max_size=8).map(lambda parts: " ".join(parts))


def _check(text: str) -> None:
    clean = clean_text(text)
    claims = extract_text(text)
    for claim in claims:
        ev = claim.evidence
        assert 0 <= ev.start < ev.end <= len(clean)
        assert clean[ev.start:ev.end] == ev.sentence
        assert ev.sentence.strip() == ev.sentence


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_documents)
def test_never_raises_and_evidence_slices_the_clean_text(text: str) -> None:
    _check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    _check(text)


def test_claimful_sentences_amid_noise_keep_exact_offsets() -> None:
    text = "\u202e\x00 " + "🚀" * 50 + "\n\n" + " ".join(_CLAIMFUL) + "\n\n" + "x" * 5000
    claims = extract_text(text)
    assert len(claims) >= 4
    _check(text)


def test_empty_and_blank_texts_give_no_claims() -> None:
    for text in ("", " ", "\n\n\n", "\x00\u200b", "\t \r\n"):
        assert extract_text(text) == []
