"""Implied parties: a sentence restating an earlier relation with one party left unsaid."""

from __future__ import annotations

import json

import pytest

from extract_helpers import components_off
from proxygraph.extract import extract_text
from proxygraph.extract.families import active_components
from proxygraph.extract.implied import IMPLIED, implied_pairs, implied_party, load_implied_model
from proxygraph.extract.pipeline import sentence_claims
from proxygraph.ids import content_hash
from proxygraph.model import Document


def _claims(text: str) -> list[tuple[str, str, str, str, str]]:
    return [(c.type, c.subject.name, c.object.name if c.object else "", c.status,
             c.evidence.sentence.split()[0]) for c in extract_text(text)]


@pytest.fixture
def without_implied(monkeypatch: pytest.MonkeyPatch):
    def claims(text: str) -> list[tuple[str, str, str, str, str]]:
        with components_off("implied_party", monkeypatch):
            return _claims(text)
    return claims


def test_the_packaged_model_has_its_one_class() -> None:
    model = load_implied_model()
    assert model is not None and set(model.bias) == {IMPLIED}
    assert 0.0 < model.threshold < 1.0 and model.weights[IMPLIED]


@pytest.mark.parametrize("text, restated", [
    # (a learned model decides: "Havana responded ... by sending reinforcements" fell
    # just under its bar when it was retrained on train a..yr)
    ("Cuba sent troops to Angola in 1975. Havana sent more reinforcements in 1976.",
     ("SUPPORT", "Cuba", "Angola", "occurred", "Havana")),
    ("The Rapid Support Forces have fought the Sudanese army since April 2023. In May the "
     "RSF shelled the city again.",
     ("CLASH", "Rapid Support Forces", "Sudanese Armed Forces", "occurred", "In")),
    ("Iran has armed the Houthis since 2015, according to a UN panel. Tehran denied "
     "sending the missiles.", ("ARMS_TRANSFER", "Iran", "Houthis", "denied", "Tehran")),
])
def test_a_restatement_naming_one_party_is_a_claim_of_the_pair(text, restated,
                                                               without_implied) -> None:
    assert restated in _claims(text)
    assert restated not in without_implied(text)  # the rule, not another, finds it


def test_without_an_earlier_relation_nothing_is_implied() -> None:
    assert _claims("In May the RSF shelled the city again.") == []
    # the earlier sentence names the pair but states no relation between them
    assert not [c for c in _claims("Cuba and Angola are both in the news. Havana "
                                   "responded by sending reinforcements.")
                if c[0] == "SUPPORT"]


def _pairs(text: str) -> list[list]:
    document = Document(name="t", text=text, sha256=content_hash(text))
    echoes = [r for r in active_components().echo_rules if r is not implied_party]
    return [implied_pairs(item.sm, here, before)
            for item, here, before in sentence_claims(document, echo_rules=echoes)]


def test_candidates_pair_a_named_actor_with_its_earlier_counterparts_only() -> None:
    first, second = _pairs("Cuba sent troops to Angola in 1975. Havana responded to the "
                           "South African advance by sending reinforcements.")
    assert first == []  # nothing came before
    found = {(p.ctype, p.subject.name, p.object.name) for p in second}
    assert ("SUPPORT", "Cuba", "Angola") in found
    named_is_cuba = [p for p in second if p.ctype == "SUPPORT"]
    assert all(p.named.text == "Havana" and p.named_is_subject for p in named_is_cuba)
    feats = set(named_is_cuba[0].features)
    assert {"T=SUPPORT", "role=s", "gap=1", "inhist=True", "ht=SUPPORT"} <= feats
    # a counterpart the sentence names is no implied party: the rules and the relation
    # layer decide that pair
    _, named = _pairs("Cuba sent troops to Angola in 1975. Havana sent more troops to "
                      "Angola.")
    assert not [p for p in named if p.counterpart.name == "Angola"]


def test_an_actor_new_to_a_relation_is_offered_the_reports_counterpart_of_its_type() -> None:
    _, second = _pairs("Germany has armed Ukraine with Leopard tanks since 2023. Prague has "
                       "supplied dozens of howitzers since 2022.")
    borrowed = [p for p in second if "src=type" in p.features]
    assert ("ARMS_TRANSFER", "Czech Republic", "Ukraine") in {
        (p.ctype, p.subject.name, p.object.name) for p in borrowed}
    assert all(p.named.text == "Prague" for p in borrowed)
    assert all("src=party" in p.features for p in second if p not in borrowed)


def test_training_labels_a_candidate_by_the_gold_claim_of_its_sentence(tmp_path) -> None:
    pytest.importorskip("sklearn")
    from proxygraph.extract.train_relations import document_implied, fit

    path = tmp_path / "doc.txt"
    path.write_text("Cuba sent troops to Angola in 1975. Havana responded to the South "
                    "African advance by sending reinforcements.\n", "utf-8")
    gold = [{"type": "SUPPORT", "subject": ["Cuba", "Havana"], "object": ["Angola"],
             "quote": "Havana responded to the South African advance"}]
    rows = document_implied(path, gold)
    labelled = [(f, y) for f, y in rows if "T=SUPPORT" in f]
    assert labelled and all(y == {IMPLIED} for _, y in labelled)
    assert all(y == set() for f, y in rows if "T=SUPPORT" not in f)
    table = [("d", f, y) for f, y in rows] * 3 + [("e", ["T=CLASH", "gap=4"], set())] * 3
    assert json.dumps(fit(table, (IMPLIED,))) == json.dumps(fit(table, (IMPLIED,)))


def test_the_indexed_history_gives_what_walking_every_claim_gives() -> None:
    from proxygraph.extract.implied import _counterparts, _type_counterparts
    from proxygraph.extract.pipeline import ClaimHistory

    text = ("Iran armed the Houthis in 2015. Russia sold jets to Iran. Iran funded Hamas. "
            "The Houthis attacked ships. Tehran denied sending the missiles.")
    document = Document(name="t", text=text, sha256=content_hash(text))
    history = None
    for _, _, before in sentence_claims(document):
        history = before
    assert isinstance(history, ClaimHistory) and len(history) == 5  # every sentence, at the end
    plain = [list(claims) for claims in history]
    for entity in ("iran", "houthis", "russia", "hamas"):
        assert _counterparts(entity, set(), history) == _counterparts(entity, set(), plain)
    types = {"ARMS_TRANSFER", "TRADE", "FUNDING", "CLASH"}
    by_type = _type_counterparts(history, types)
    assert by_type == _type_counterparts(plain, types)
    assert list(by_type) == list(_type_counterparts(plain, types))  # same order
    assert {other.id for _, _, other in by_type["ARMS_TRANSFER", True]} >= {"houthis"}
    assert {other for _, other in _counterparts("iran", set(), history)} >= {
        "houthis", "russia", "hamas"}
