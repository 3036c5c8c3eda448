"""Each claim names the extraction component that proposed it (`extractor["component"]`)."""

from __future__ import annotations

import pytest

from proxygraph.extract import extract_text, learned
from proxygraph.extract.families import describe_components
from proxygraph.extract.learned import RelationModel


def _components(text: str) -> dict[tuple[str, str, str | None], list[str]]:
    out: dict[tuple[str, str, str | None], list[str]] = {}
    for c in extract_text(text):
        key = (c.type, c.subject.id, c.object.id if c.object else None)
        out.setdefault(key, []).append(c.extractor.get("component", ""))
    return out


@pytest.mark.parametrize(("text", "key", "component"), [
    ("Iran has armed the Houthis since 2015.", ("ARMS_TRANSFER", "iran", "houthis"),
     "verb_frames"),
    ("The Iran-backed Houthis fired missiles at a tanker.", ("SUPPORT", "iran", "houthis"),
     "epithets"),
    ("Hezbollah fighters were killed in an Israeli strike.", ("CLASH", "israel", "hezbollah"),
     "casualties"),
    ("Qatar hosted talks between Hamas and Israel on Tuesday.",
     ("CONTACT", "hamas", "israel"), "nominals"),
])
def test_a_rule_claim_names_its_family(text: str, key: tuple[str, str, str | None],
                                       component: str) -> None:
    assert _components(text)[key] == [component]


def test_a_restatement_names_the_echo_rule_not_the_claim_it_restates() -> None:
    text = ("Iran has armed the Houthis since 2015. The Houthis and Iran both condemned it; "
            "Iran's weapons pipeline to the Houthis runs through Oman.")
    assert _components(text)[("ARMS_TRANSFER", "iran", "houthis")] == [
        "verb_frames", "pair_echo"]


def test_a_learned_claim_names_the_learned_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    always_clash = RelationModel("test", 0.5, {t: (5.0 if t == "CLASH" else -5.0)
                                               for t in learned.PAIR_TYPES}, {})
    monkeypatch.setattr(learned, "load_model", lambda: always_clash)
    found = _components("Wagner and the Malian army were near Moura on Monday.")
    assert found[("CLASH", "wagner-group", "malian-armed-forces")] == ["learned"]


def test_every_component_named_is_a_registered_one() -> None:
    text = ("Iran has armed the Houthis since 2015, officials say. The Iran-backed Houthis "
            "fired missiles at Israel, and Israeli jets struck Hodeidah. Tehran denies "
            "this. Russia and Iran signed a defence pact; Moscow also trained Iranian "
            "pilots.")
    registered = {row["name"] for row in describe_components()}
    named = {c for comps in _components(text).values() for c in comps}
    assert named and named <= registered
