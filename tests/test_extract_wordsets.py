"""The extractor's word sets are data: loaded strictly, typed, and part of the version."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from proxygraph.extract.wordsets import WORDS, WORDSETS_FILE, load_wordsets


def _packaged() -> dict:
    text = resources.files("proxygraph.extract").joinpath(WORDSETS_FILE).read_text("utf-8")
    return yaml.safe_load(text)


def test_every_set_is_loaded_typed_and_non_empty() -> None:
    raw = _packaged()
    for name, value in raw.items():
        if name == "version":
            continue
        loaded = getattr(WORDS, name)
        assert loaded, name
        if isinstance(value, list):
            assert loaded == frozenset(value), name
        else:
            assert isinstance(loaded, dict) and set(loaded) == set(value), name


def test_yaml_keywords_stay_words() -> None:
    # "on" and "no" are booleans to a YAML 1.1 reader unless quoted
    assert "on" in WORDS.noun_object_preps["CLASH"]
    assert "no" in WORDS.unit_stop_words


def test_missing_or_unknown_set_is_an_error() -> None:
    raw = _packaged()
    del raw["copulas"]
    with pytest.raises(ValueError, match="missing \\['copulas'\\]"):
        load_wordsets(yaml.safe_dump(raw))
    raw = _packaged()
    raw["copula"] = ["be"]
    with pytest.raises(ValueError, match="unknown \\['copula'\\]"):
        load_wordsets(yaml.safe_dump(raw))


def test_a_set_must_be_a_list_of_words() -> None:
    raw = _packaged()
    raw["copulas"] = "be remain"
    with pytest.raises(ValueError, match="copulas must be a list"):
        load_wordsets(yaml.safe_dump(raw))


def test_a_changed_word_changes_behaviour() -> None:
    raw = _packaged()
    raw["copulas"] = [*raw["copulas"], "seem"]
    assert "seem" in load_wordsets(yaml.safe_dump(raw)).copulas
    assert "seem" not in WORDS.copulas
