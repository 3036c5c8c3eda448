"""A relation stated again with both parties named (extract/restatements.py)."""

from __future__ import annotations

from proxygraph.extract import extract_text


def _arms(text: str) -> list[tuple[str, str, str]]:
    return [(c.subject.id, c.object.id if c.object else "", c.evidence.sentence[:20])
            for c in extract_text(text) if c.type == "ARMS_TRANSFER"]


def test_a_restatement_with_both_parties_and_a_trigger_is_its_own_claim() -> None:
    text = ("Iran has armed the Houthis since 2015, US officials say. Invented analysts "
            "note that Iran keeps sending the Houthis new missile parts through Oman.")
    found = _arms(text)
    assert [(s, o) for s, o, _ in found] == [("iran", "houthis"), ("iran", "houthis")]
    assert len({sentence for _, _, sentence in found}) == 2  # one claim per statement


def test_no_restatement_without_a_trigger_between_the_parties() -> None:
    text = ("Iran has armed the Houthis since 2015, US officials say. Iran and the Houthis "
            "both condemned the strikes on Sanaa.")
    assert len(_arms(text)) == 1
