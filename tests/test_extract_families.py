"""Rule families and post-filters as registered components run in a declared order."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources

import pytest

from proxygraph.errors import ValidationError
from proxygraph.extract.families import WITHOUT_ENV, build_components, describe_components
from proxygraph.extract.pipeline import analysed_sentences, extract_document
from proxygraph.extract.rules import sentence_candidates
from proxygraph.ids import content_hash
from proxygraph.model import Document

CONFIG = resources.files("proxygraph.extract").joinpath("components.yaml").read_text("utf-8")


def document(text: str) -> Document:
    return Document(name="t.txt", text=text, sha256=content_hash(text))


def triples(sentence: str, **options: object) -> list[tuple[str, str, str | None]]:
    """The candidates of a one-sentence text, as (type, subject, object) in order."""
    [item] = list(analysed_sentences(document(sentence)))
    found = sentence_candidates(item.sm, components=build_components(**options))
    return [(c.type, c.subject.id, c.object.id if c.object else None) for c in found]


def test_the_config_declares_every_registered_component_in_order() -> None:
    rows = describe_components()
    names = [r["name"] for r in rows if r["kind"] == "family"]
    assert names == [
        "sides",
        "verb_frames",
        "nominals",
        "subordination",
        "flows",
        "casualties",
        "epithets",
        "gratitude",
        "obligations",
        "orders",
        "stationed",
        "territory",
        "exchanges",
        "learned",
    ]
    assert {r["name"] for r in rows if r["kind"] != "family"} == {
        "own_side",
        "people_killed",
        "capital_place",
        "venue_capital",
        "exchanged_goods",
        "attacked_site",
        "hosted_troops",
        "recruited_state",
        "state_absorbed",
        "commodities",
        "denial_echo",
        "implied_party",
        "pair_echo",
    }
    assert all(r["does"] for r in rows)


def test_disabling_a_family_removes_only_its_claims() -> None:
    text = "Iran-backed Houthi rebels attacked ships."
    full = triples(text)
    assert ("SUPPORT", "iran", "houthis") in full
    without = triples(text, without=("epithets",))
    assert ("SUPPORT", "iran", "houthis") not in without
    assert [t for t in full if t[0] == "CLASH"] == [t for t in without if t[0] == "CLASH"]


def test_declared_order_is_the_order_of_candidates_per_token() -> None:
    text = (
        "Fatemiyoun units have fought alongside Syrian government forces against the "
        "Islamic State near Palmyra."
    )
    swapped = (
        CONFIG.replace("  - sides ", "  - tmp ")
        .replace("  - verb_frames ", "  - sides ")
        .replace("  - tmp ", "  - verb_frames ")
    )
    first = triples(text)
    second = triples(text, text=swapped)
    assert sorted(first) == sorted(second)
    assert first[0][0] == "SUPPORT" and second[1][0] == "CLASH"  # sides' claim leads, or not


def test_a_candidate_filter_can_be_disabled() -> None:
    text = "Iran and Russia exchanged oil, grain and weapons."
    full = [c.type for c in extract_document(document(text))]
    assert "ARMS_TRANSFER" not in full
    components = build_components(without=("exchanged_goods",))
    [item] = list(analysed_sentences(document(text)))
    kept = [
        c
        for c in sentence_candidates(item.sm, components=components)
        if not any(drop(c) for drop in components.candidate_filters)
    ]
    assert "ARMS_TRANSFER" in [c.type for c in kept]


def test_unknown_names_are_errors() -> None:
    with pytest.raises(ValidationError, match="unknown extraction component"):
        build_components(without=("epithet",))
    with pytest.raises(ValidationError, match="unknown families entry 'nominal'"):
        build_components(text=CONFIG.replace("  - nominals ", "  - nominal "))
    with pytest.raises(ValidationError, match="families must be a list"):
        build_components(text="families: sides\ncandidate_filters: []\nclaim_filters: []\n")


def _version(without: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop(WITHOUT_ENV, None)
    if without is not None:
        env[WITHOUT_ENV] = without
    code = "from proxygraph.extract import EXTRACTOR_VERSION; print(EXTRACTOR_VERSION)"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_the_version_names_the_enabled_components() -> None:
    full, ablated = _version(None), _version("epithets")
    assert full.returncode == ablated.returncode == 0
    assert full.stdout.strip() != ablated.stdout.strip()


def test_cli_lists_the_components_and_rejects_an_unknown_one() -> None:
    cmd = [sys.executable, "-c", "from proxygraph.cli import main; main()", "extract"]
    env = {**os.environ, "COLUMNS": "200"}
    env.pop(WITHOUT_ENV, None)
    listed = subprocess.run(
        [*cmd, "--list-rules"], env=env, capture_output=True, text=True, check=False
    )
    assert listed.returncode == 0
    rows = [line for line in listed.stdout.splitlines() if "│ family" in line]
    assert [r.split("│")[1].strip() for r in rows][:2] == ["sides", "verb_frames"]
    env[WITHOUT_ENV] = "nope"
    bad = subprocess.run(
        [*cmd, "--list-rules"], env=env, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 3
    assert "Traceback" not in bad.stderr
    assert bad.stderr.strip().count("\n") == 0 and "nope" in bad.stderr


def test_a_name_belongs_to_one_family() -> None:
    from proxygraph.extract.families import rule_family

    with pytest.raises(ValueError, match="already Epithets"):

        @rule_family("epithets", roles=("token",))
        class Impostor:
            pass

    with pytest.raises(ValueError, match="roles must be among"):
        rule_family("new_family", roles=("clause",))
