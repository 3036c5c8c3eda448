"""`proxygraph eval` and `proxygraph score`: measure claims against a gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from proxygraph.cli.app import app, fail
from proxygraph.errors import ProxygraphError
from proxygraph.evaluate import (
    Scores,
    evaluate_docs,
    format_scores,
    gold_doc_names,
    load_jsonl,
    score_claims,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")]


def _print(scores: Scores, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(scores.to_dict()))
    else:
        typer.echo(format_scores(scores))


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(
        help="Gold claims (JSON Lines, gold format).", metavar="GOLD")],
    docs_dir: Annotated[Path, typer.Argument(
        help="Folder holding the gold documents.", metavar="DOCS_DIR")],
    as_json: JsonOpt = False,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Score this claim export instead of running the "
                     "extractor (DOCS_DIR is then not read)."),
    ] = None,
) -> None:
    """Run the extractor on the gold documents and score its claims."""
    try:
        if predictions is not None:
            gold_rows = load_jsonl(gold)
            # Only the gold documents count, as when the extractor runs on them.
            scores = score_claims(gold_rows, load_jsonl(predictions),
                                  docs=gold_doc_names(gold_rows))
        else:
            from proxygraph.extract import extract_path  # loads spaCy: only when needed

            scores = evaluate_docs(gold, docs_dir, extract_path)
    except ProxygraphError as exc:
        fail(exc)
    _print(scores, as_json)


@app.command("score")
def score_command(
    gold: Annotated[Path, typer.Argument(
        help="Gold claims (JSON Lines, gold format).", metavar="GOLD")],
    pred: Annotated[Path, typer.Argument(
        help="Predicted claims (JSON Lines claim export).", metavar="PRED")],
    as_json: JsonOpt = False,
    docs: Annotated[
        str | None,
        typer.Option("--docs", help="Comma-separated document file names to score on."),
    ] = None,
) -> None:
    """Score a claim export against a gold file (no extraction)."""
    try:
        wanted = [d.strip() for d in docs.split(",") if d.strip()] if docs else None
        scores = score_claims(load_jsonl(gold), load_jsonl(pred), docs=wanted)
    except ProxygraphError as exc:
        fail(exc)
    _print(scores, as_json)
