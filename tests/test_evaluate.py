"""Scoring claims against gold: matching rules, figures, parity with the shared scorer, CLI."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proxygraph.errors import InputError, ValidationError
from proxygraph.evaluate import (
    evaluate_docs,
    format_scores,
    load_jsonl,
    normalize_name,
    score_claims,
)
from proxygraph.model import Claim, Entity, Evidence, TimeSpan

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


def gold(ctype: str, subject: list[str], obj: list[str] | None = None, *, doc: str = "a.txt",
         **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"doc": doc, "type": ctype, "subject": subject, "object": obj or [],
                           "items": [], "time": None, "status": "occurred", "certainty": "high"}
    row.update(extra)
    return row


def ent(name: str, *aliases: str) -> dict[str, Any]:
    return {"id": f"ent_{name}", "name": name, "aliases": list(aliases), "kind": "state",
            "resolved": True}


def pred(ctype: str, subject: dict[str, Any], obj: dict[str, Any] | None = None, *,
         doc: str = "a.txt", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"doc": doc, "type": ctype, "subject": subject, "object": obj,
                           "items": [], "time": None, "status": "occurred", "certainty": "high"}
    row.update(extra)
    return row


def span(start: str | None, end: str | None = None) -> dict[str, Any]:
    return {"text": "", "start": start, "end": end, "precision": "day"}


# --- names --------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("The Houthis", "houthis"),
    ("  THE   Popular  Mobilization Forces ", "popular mobilization forces"),
    ("Hashd al-Sha\u2019bi", "hashd al sha bi"),
    ("Kata\u2019ib \u1e24izballah", "kata ib hizballah"),
    ("Liwa\u2019 al-Quds", "liwa al quds"),
    ("Fatemiyoun_Brigade", "fatemiyoun brigade"),
    ("Theodore", "theodore"),  # only the word "the" is dropped
    ("the", "the"),
    ("Stra\u00dfe", "strasse"),  # case folding, not just lower()
])
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


# --- matching -----------------------------------------------------------------------


def test_symmetric_types_match_either_order_others_do_not() -> None:
    golds = [gold("CLASH", ["Russia"], ["Ukraine"]), gold("SUPPORT", ["Iran"], ["Hamas"])]
    preds = [pred("CLASH", ent("Ukraine"), ent("Russia")),
             pred("SUPPORT", ent("Hamas"), ent("Iran"))]
    s = score_claims(golds, preds)
    assert s.overall.tp == 1
    assert [(g["type"], p["subject"]["name"]) for g, p in s.pairs] == [("CLASH", "Ukraine")]


@pytest.mark.parametrize("ctype", ["AGREEMENT", "COORDINATION", "CONTACT", "TRADE", "CLASH"])
def test_every_symmetric_type_from_the_ontology(ctype: str) -> None:
    s = score_claims([gold(ctype, ["Iran"], ["Russia"])], [pred(ctype, ent("Russia"), ent("Iran"))])
    assert s.overall.tp == 1


def test_names_match_via_aliases_accents_and_leading_the() -> None:
    golds = [gold("SUPPORT", ["Iran", "Tehran"], ["Popular Mobilization Forces", "PMF"]),
             gold("TRAINING", ["Islamic Revolutionary Guard Corps", "IRGC"], ["Kata'ib Hizballah"])]
    preds = [pred("SUPPORT", ent("TEHRAN"), ent("the Popular Mobilization Forces")),
             pred("TRAINING", ent("Revolutionary Guards", "I.R.G.C", "irgc"),
                  ent("Kata\u2019ib \u1e24izballah"))]
    assert score_claims(golds, preds).overall.tp == 2


def test_object_less_gold_matches_on_subject_alone() -> None:
    golds = [gold("RECRUITMENT", ["Wagner Group"], [])]
    preds = [pred("RECRUITMENT", ent("Wagner", "Wagner Group"), ent("Syria"))]
    assert score_claims(golds, preds).overall.tp == 1
    # A gold object, by contrast, must be matched.
    golds = [gold("RECRUITMENT", ["Wagner Group"], ["Libya"])]
    assert score_claims(golds, preds).overall.tp == 0


def test_doc_type_and_entities_must_all_agree() -> None:
    golds = [gold("FUNDING", ["Iran"], ["Hezbollah"], doc="x/report.txt")]
    assert score_claims(golds, [pred("FUNDING", ent("Iran"), ent("Hezbollah"),
                                     doc="other/dir/report.txt")]).overall.tp == 1
    assert score_claims(golds, [pred("FUNDING", ent("Iran"), ent("Hezbollah"),
                                     doc="report2.txt")]).overall.tp == 0
    assert score_claims(golds, [pred("SUPPORT", ent("Iran"), ent("Hezbollah"),
                                     doc="report.txt")]).overall.tp == 0
    assert score_claims(golds, [pred("FUNDING", ent("Iraq"), ent("Hezbollah"),
                                     doc="report.txt")]).overall.tp == 0


def test_each_gold_matched_once_each_prediction_used_once() -> None:
    g = gold("SUPPORT", ["Iran"], ["Hamas"])
    s = score_claims([g, copy.deepcopy(g)], [pred("SUPPORT", ent("Iran"), ent("Hamas"))])
    assert (s.overall.tp, s.overall.pred, s.overall.gold) == (1, 1, 2)
    s = score_claims([g], [pred("SUPPORT", ent("Iran"), ent("Hamas")),
                           pred("SUPPORT", ent("Iran"), ent("Hamas"))])
    assert (s.overall.tp, s.overall.pred, s.overall.gold) == (1, 2, 1)


def test_greedy_in_gold_order_takes_first_free_prediction() -> None:
    # Gold 1 (object-less) could take either prediction; it takes the first, so gold 2,
    # which only fits the first, stays unmatched: greedy, not an optimal assignment.
    golds = [gold("RECRUITMENT", ["Russia"], []), gold("RECRUITMENT", ["Russia"], ["Syria"])]
    preds = [pred("RECRUITMENT", ent("Russia"), ent("Syria"), status="p1"),
             pred("RECRUITMENT", ent("Russia"), ent("Libya"), status="p2")]
    s = score_claims(golds, preds)
    assert s.overall.tp == 1
    assert s.pairs[0][0] is golds[0] and s.pairs[0][1]["status"] == "p1"


def test_per_type_figures_sorted_with_all_last() -> None:
    golds = [gold("SUPPORT", ["Iran"], ["Hamas"]), gold("SUPPORT", ["Iran"], ["Hezbollah"]),
             gold("CLASH", ["Israel"], ["Hamas"])]
    preds = [pred("SUPPORT", ent("Iran"), ent("Hamas")),
             pred("TRAINING", ent("Iran"), ent("Hamas")),
             pred("CLASH", ent("Hamas"), ent("Israel")),
             pred("CLASH", ent("Israel"), ent("Egypt"))]
    s = score_claims(golds, preds)
    rows = {t.type: t for t in s.types}
    assert [t.type for t in s.types] == ["CLASH", "SUPPORT", "TRAINING", "ALL"]
    assert (rows["CLASH"].tp, rows["CLASH"].pred, rows["CLASH"].gold) == (1, 2, 1)
    assert rows["CLASH"].precision == 0.5 and rows["CLASH"].recall == 1.0
    assert rows["CLASH"].f1 == pytest.approx(2 / 3)
    assert (rows["SUPPORT"].precision, rows["SUPPORT"].recall) == (1.0, 0.5)
    assert (rows["TRAINING"].tp, rows["TRAINING"].gold, rows["TRAINING"].f1) == (0, 0, 0.0)
    assert s.overall is s.types[-1]
    assert (s.overall.tp, s.overall.pred, s.overall.gold) == (2, 4, 3)
    assert s.overall.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_empty_inputs_score_zero() -> None:
    s = score_claims([], [])
    assert [t.type for t in s.types] == ["ALL"]
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (0.0, 0.0, 0.0)
    assert s.attributes.matched == 0 and s.attributes.time_acc == 0.0


def test_status_certainty_and_time_accuracy() -> None:
    golds = [
        gold("SUPPORT", ["Iran"], ["Hamas"], time={"start": "2023-10-01", "end": "2023-10-31"},
             status="ongoing"),
        gold("SUPPORT", ["Iran"], ["Hezbollah"], time={"start": "2022-01-01", "end": None},
             certainty="medium"),
        gold("SUPPORT", ["Iran"], ["Houthis"], time={"start": "2021-01-01", "end": "2021-12-31"}),
        gold("SUPPORT", ["Iran"], ["Kata'ib Hizballah"], time={"start": "2020-05-01",
                                                               "end": "2020-05-31"}),
        gold("SUPPORT", ["Russia"], ["Syria"]),  # no gold time: not counted for time
    ]
    preds = [
        pred("SUPPORT", ent("Iran"), ent("Hamas"), time=span("2023-10-31", "2024-02-01"),
             status="ongoing"),  # touches the last day: overlap
        pred("SUPPORT", ent("Iran"), ent("Hezbollah"), time=span("2022-01-01"),  # end = start
             status="planned"),
        pred("SUPPORT", ent("Iran"), ent("Houthis"), time=span("2022-01-01", "2022-06-30")),
        pred("SUPPORT", ent("Iran"), ent("Kata'ib Hizballah"), time=None),  # missing: wrong
        pred("SUPPORT", ent("Russia"), ent("Syria"), time=span("1999-01-01")),
    ]
    a = score_claims(golds, preds).attributes
    assert a.matched == 5
    assert a.status_acc == pytest.approx(4 / 5)  # only the "planned" one is wrong
    assert a.certainty_acc == pytest.approx(4 / 5)  # gold "medium", predicted "high"
    assert a.time_acc == pytest.approx(2 / 4)


def test_open_gold_end_is_the_start_not_infinity() -> None:
    golds = [gold("SUPPORT", ["Iran"], ["Hamas"], time={"start": "2015-01-01", "end": None})]
    preds = [pred("SUPPORT", ent("Iran"), ent("Hamas"), time=span("2020-01-01", "2020-12-31"))]
    assert score_claims(golds, preds).attributes.time_acc == 0.0


def test_item_recall_uses_names_and_aliases() -> None:
    golds = [gold("ARMS_TRANSFER", ["Iran"], ["Hezbollah"],
                  items=[["rocket-propelled grenade", "RPG"], ["anti-tank missile"],
                         ["Shahed-136"]]),
             gold("ARMS_TRANSFER", ["Russia"], ["Iran"], items=[["Su-35"]])]
    preds = [pred("ARMS_TRANSFER", ent("Iran"), ent("Hezbollah"),
                  items=[ent("RPG-7", "RPG"), ent("Anti-Tank Missiles"), ent("Shahed 136")]),
             pred("ARMS_TRANSFER", ent("Russia"), ent("Iran"), items=[])]
    a = score_claims(golds, preds).attributes
    # RPG via alias and Shahed 136 via punctuation; "missiles" is not "missile".
    assert a.item_recall == pytest.approx(2 / 4)


def test_docs_filter_restricts_both_sides() -> None:
    golds = [gold("SUPPORT", ["Iran"], ["Hamas"], doc="a.txt"),
             gold("SUPPORT", ["Iran"], ["Hamas"], doc="b.txt")]
    preds = [pred("SUPPORT", ent("Iran"), ent("Hamas"), doc="a.txt"),
             pred("SUPPORT", ent("Iran"), ent("Hamas"), doc="c.txt")]
    s = score_claims(golds, preds, docs=["a.txt"])
    assert (s.overall.tp, s.overall.pred, s.overall.gold) == (1, 1, 1)


def test_gold_without_type_is_rejected() -> None:
    with pytest.raises(ValidationError, match="gold claim 1 lacks type"):
        score_claims([{"doc": "a.txt", "subject": ["Iran"]}], [])


def test_to_dict_and_format() -> None:
    s = score_claims([gold("SUPPORT", ["Iran"], ["Hamas"])],
                     [pred("SUPPORT", ent("Iran"), ent("Hamas"))])
    d = s.to_dict()
    assert d["types"][-1] == {"type": "ALL", "tp": 1, "pred": 1, "gold": 1, "p": 1.0, "r": 1.0,
                              "f1": 1.0}
    assert set(d["attributes"]) == {"matched", "status_acc", "certainty_acc", "time_acc",
                                    "item_recall"}
    json.dumps(d)
    lines = format_scores(s).splitlines()
    assert lines[0].split() == ["type", "tp", "pred", "gold", "P", "R", "F1"]
    assert lines[1].split() == ["SUPPORT", "1", "1", "1", "1.000", "1.000", "1.000"]
    assert lines[2].split()[0] == "ALL"
    assert lines[3].startswith("matched pairs: 1; status 1.000")


# --- loading ------------------------------------------------------------------------


def test_load_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "g.jsonl"
    f.write_text('{"a": 1}\n\n  \n{"b": 2}\n', encoding="utf-8")
    assert load_jsonl(f) == [{"a": 1}, {"b": 2}]
    assert load_jsonl(str(f)) == [{"a": 1}, {"b": 2}]
    assert load_jsonl(['{"c": 3}', ""]) == [{"c": 3}]


def test_load_jsonl_errors(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"a": 1}\n{"a": \n', encoding="utf-8")
    with pytest.raises(ValidationError, match=rf"^{f}:2: not JSON"):
        load_jsonl(f)
    f.write_text('[1, 2]\n', encoding="utf-8")
    with pytest.raises(ValidationError, match=r":1: not a JSON object"):
        load_jsonl(f)
    with pytest.raises(InputError, match="no such file"):
        load_jsonl(tmp_path / "missing.jsonl")


# --- evaluate_docs ------------------------------------------------------------------


def _claim(doc: str, subject: str, obj: str) -> Claim:
    return Claim(id=f"clm_{subject}_{obj}", doc=doc, type="SUPPORT",
                 subject=Entity(id=f"e_{subject}", name=subject, kind="state"),
                 object=Entity(id=f"e_{obj}", name=obj, kind="armed_group"),
                 evidence=Evidence("s", 0, 1), time=TimeSpan("2023", "2023-01-01",
                                                                 "2023-12-31", "year"))


def test_evaluate_docs_runs_extractor_per_gold_doc(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("A", encoding="utf-8")
    (docs / "b.txt").write_text("B", encoding="utf-8")
    (docs / "unrelated.txt").write_text("C", encoding="utf-8")
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(g) for g in [
        gold("SUPPORT", ["Iran"], ["Hamas"], doc="a.txt",
             time={"start": "2023-06-01", "end": None}),
        gold("SUPPORT", ["Iran"], ["Hezbollah"], doc="b.txt"),
    ]), encoding="utf-8")
    calls: list[str] = []

    def extract(path: Path) -> list[Claim]:
        calls.append(path.name)
        # The extractor's own doc id is not the file name; scoring must still match.
        other = "Hamas" if path.name == "a.txt" else "Houthis"
        return [_claim("sha-of-" + path.name, "Iran", other)]

    s = evaluate_docs(gold_file, docs, extract)
    assert calls == ["a.txt", "b.txt"]
    assert (s.overall.tp, s.overall.pred, s.overall.gold) == (1, 2, 2)
    assert s.attributes.time_acc == 1.0


def test_evaluate_docs_lists_missing_documents(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(gold("SUPPORT", ["Iran"], ["Hamas"], doc=d))
                                   for d in ("a.txt", "x.txt", "y.txt")), encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    with pytest.raises(InputError, match=r"2 gold document\(s\) not in .*: x\.txt, y\.txt$"):
        evaluate_docs(gold_file, tmp_path, lambda p: [])


# --- parity with the shared reference scorer -----------------------------------------


def _export_entity(names: list[str], rng: random.Random) -> dict[str, Any] | None:
    if not names:
        return None
    name, *aliases = names
    roll = rng.random()
    if roll < 0.15:  # only an alias written differently
        name, aliases = "Unrelated Name", [a.upper() for a in names[1:]]
    elif roll < 0.25:
        name = "The " + name.upper()
    elif roll < 0.3:
        name, aliases = "Completely Wrong", []
    return {"id": "ent_x", "name": name, "aliases": aliases, "kind": "collective",
            "resolved": True}


def _perturb(golds: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Gold turned into export-shaped predictions, with errors of every kind."""
    rng = random.Random(seed)
    types_ = sorted({g["type"] for g in golds})
    out: list[dict[str, Any]] = []
    for g in golds:
        if rng.random() < 0.12:
            continue  # missed claim
        p: dict[str, Any] = {
            "id": "clm", "doc": g["doc"] if rng.random() < 0.8 else "corpus/docs/" + g["doc"],
            "type": g["type"] if rng.random() < 0.9 else rng.choice(types_),
            "subject": _export_entity(g["subject"], rng),
            "object": _export_entity(g["object"], rng),
            "items": [_export_entity(i, rng) for i in g["items"] if rng.random() < 0.7],
            "time": g["time"], "status": g["status"], "certainty": g["certainty"],
        }
        if p["object"] and rng.random() < 0.3:  # either order: right only if symmetric
            p["subject"], p["object"] = p["object"], p["subject"]
        if rng.random() < 0.2:
            p["status"] = rng.choice(["occurred", "ongoing", "planned", "forecast", "denied"])
        if rng.random() < 0.2:
            p["certainty"] = rng.choice(["high", "medium", "low"])
        r = rng.random()
        if r < 0.15:
            p["time"] = None
        elif r < 0.3:
            year = rng.choice(["2019", "2022", "2024"])
            p["time"] = {"text": year, "start": f"{year}-01-01",
                         "end": rng.choice([None, f"{year}-12-31"]), "precision": "year"}
        out.append(p)
        if rng.random() < 0.1:
            out.append(copy.deepcopy(p))  # duplicate prediction
    rng.shuffle(out)  # file order matters for the greedy matching
    return out


def _reference_scores(gold_file: Path, pred_file: Path, *extra: str) -> dict[str, Any]:
    script = SHARED / "tools" / "score_claims.py"
    done = subprocess.run([sys.executable, str(script), str(gold_file), str(pred_file),
                           "--json", *extra], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _assert_same(ours: dict[str, Any], ref: dict[str, Any]) -> None:
    assert [r["type"] for r in ours["types"]] == [r["type"] for r in ref["types"]]
    for mine, theirs in zip(ours["types"], ref["types"], strict=True):
        for key in ("tp", "pred", "gold"):
            assert mine[key] == theirs[key], (mine["type"], key)
        for key in ("p", "r", "f1"):
            assert mine[key] == pytest.approx(theirs[key], abs=1e-9), (mine["type"], key)
    assert ours["attributes"]["matched"] == ref["attributes"]["matched"]
    for key, value in ref["attributes"].items():
        assert ours["attributes"][key] == pytest.approx(value, abs=1e-9), key


@pytest.mark.parametrize("seed", range(6))
def test_parity_with_shared_scorer(tmp_path: Path, seed: int) -> None:
    seeds = SHARED / "corpus" / "gold" / "seeds.jsonl"
    if not (SHARED / "tools" / "score_claims.py").is_file() or not seeds.is_file():
        pytest.skip("shared/ (reference scorer and dev gold) not beside the repository")
    golds = load_jsonl(seeds)
    preds = _perturb(golds, seed)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("\n".join(json.dumps(p) for p in preds) + "\n", encoding="utf-8")
    ours = score_claims(golds, preds)
    assert 0 < ours.overall.tp < len(golds)  # the perturbations really bite
    _assert_same(ours.to_dict(), _reference_scores(seeds, pred_file))
    one_doc = golds[0]["doc"]
    _assert_same(score_claims(golds, preds, docs=[one_doc]).to_dict(),
                 _reference_scores(seeds, pred_file, f"--docs={one_doc}"))


# --- CLI ----------------------------------------------------------------------------


@pytest.fixture
def cli_files(tmp_path: Path) -> tuple[Path, Path]:
    gold_file = tmp_path / "gold.jsonl"
    pred_file = tmp_path / "pred.jsonl"
    gold_file.write_text("\n".join(json.dumps(g) for g in [
        gold("SUPPORT", ["Iran"], ["Hamas"]), gold("CLASH", ["Israel"], ["Hamas"])]) + "\n",
        encoding="utf-8")
    pred_file.write_text("\n".join(json.dumps(p) for p in [
        pred("SUPPORT", ent("Iran"), ent("Hamas")), pred("CLASH", ent("Israel"), ent("Iran")),
        pred("SUPPORT", ent("Iran"), ent("Hamas"), doc="other.txt")]) + "\n", encoding="utf-8")
    return gold_file, pred_file


def _cli() -> Any:
    from proxygraph.cli import app

    return app


def test_cli_score_table_and_json(cli_files: tuple[Path, Path]) -> None:
    gold_file, pred_file = cli_files
    runner = CliRunner()
    res = runner.invoke(_cli(), ["score", str(gold_file), str(pred_file)])
    assert res.exit_code == 0, res.output
    assert "ALL" in res.output and "matched pairs: 1;" in res.output
    res = runner.invoke(_cli(), ["score", str(gold_file), str(pred_file), "--json"])
    assert res.exit_code == 0, res.output
    overall = json.loads(res.stdout)["types"][-1]
    assert (overall["tp"], overall["pred"], overall["gold"]) == (1, 3, 2)
    res = runner.invoke(_cli(), ["score", str(gold_file), str(pred_file), "--json",
                                 "--docs", "a.txt"])
    assert json.loads(res.stdout)["types"][-1]["pred"] == 2


def test_cli_score_bad_input_is_one_line_error(cli_files: tuple[Path, Path]) -> None:
    gold_file, pred_file = cli_files
    pred_file.write_text("{not json\n", encoding="utf-8")
    res = CliRunner().invoke(_cli(), ["score", str(gold_file), str(pred_file)])
    assert res.exit_code == ValidationError.exit_code
    assert res.stderr.strip().splitlines() == [f"proxygraph: error: {pred_file}:1: not JSON "
                                               "(Expecting property name enclosed in double "
                                               "quotes)"]


def test_cli_eval_with_predictions_scores_gold_docs_only(cli_files: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    gold_file, pred_file = cli_files
    res = CliRunner().invoke(_cli(), ["eval", str(gold_file), str(tmp_path), "--json",
                                      "--predictions", str(pred_file)])
    assert res.exit_code == 0, res.output
    overall = json.loads(res.stdout)["types"][-1]
    assert (overall["tp"], overall["pred"], overall["gold"]) == (1, 2, 2)


def test_cli_eval_runs_the_extractor(cli_files: tuple[Path, Path], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    gold_file, _ = cli_files
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    fake = types.ModuleType("proxygraph.extract")
    fake.extract_path = lambda path: [_claim(path.name, "Iran", "Hamas")]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "proxygraph.extract", fake)
    res = CliRunner().invoke(_cli(), ["eval", str(gold_file), str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[-2].split()[:4] == ["ALL", "1", "1", "2"]


def test_cli_eval_missing_docs(cli_files: tuple[Path, Path], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    gold_file, _ = cli_files
    fake = types.ModuleType("proxygraph.extract")
    fake.extract_path = lambda path: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "proxygraph.extract", fake)
    empty = tmp_path / "nodocs"
    empty.mkdir()
    res = CliRunner().invoke(_cli(), ["eval", str(gold_file), str(empty)])
    assert res.exit_code == InputError.exit_code
    assert "gold document(s) not in" in res.stderr and "a.txt" in res.stderr
