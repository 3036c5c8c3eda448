"""Score exported claims against a gold claim file (matching rules: spec gold-format.md).

Gold entities are lists of names; predicted entities are export objects
({"name", "aliases", ...}). Figures must agree exactly with the shared reference scorer,
so the edge cases below (which names count, how open time ends compare) follow it.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from proxygraph.errors import InputError, ValidationError
from proxygraph.ontology import ONTOLOGY

ALL = "ALL"


# --- loading ------------------------------------------------------------------------


def load_jsonl(path_or_lines: str | Path | Iterable[str]) -> list[dict[str, Any]]:
    """Parse JSON Lines (a path, or lines already read); blank lines are skipped."""
    if isinstance(path_or_lines, str | Path):
        label = str(path_or_lines)
        p = Path(path_or_lines)
        if not p.is_file():
            raise InputError(f"no such file: {label}" if not p.exists()
                             else f"{label} is not a file")
        try:
            lines: Iterable[str] = p.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise InputError(f"{label} is not valid UTF-8 text (byte offset {exc.start})") \
                from None
        except OSError as exc:
            raise InputError(f"cannot read {label}: {exc.strerror or exc}") from None
    else:
        label, lines = "<lines>", path_or_lines
    rows: list[dict[str, Any]] = []
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"{label}:{lineno}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise ValidationError(f"{label}:{lineno}: not a JSON object")
        rows.append(row)
    return rows


# --- results ------------------------------------------------------------------------


@dataclass
class TypeScore:
    type: str
    tp: int
    pred: int
    gold: int
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, Any]:
        # Same keys as the reference scorer's --json, so either output feeds the same tools.
        return {"type": self.type, "tp": self.tp, "pred": self.pred, "gold": self.gold,
                "p": self.precision, "r": self.recall, "f1": self.f1}


@dataclass
class AttributeScores:
    matched: int
    status_acc: float
    certainty_acc: float
    time_acc: float
    item_recall: float


@dataclass
class Scores:
    types: list[TypeScore]
    attributes: AttributeScores
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def overall(self) -> TypeScore:
        return next(t for t in self.types if t.type == ALL)

    def to_dict(self) -> dict[str, Any]:
        return {"types": [t.to_dict() for t in self.types],
                "attributes": asdict(self.attributes)}


# --- name matching ------------------------------------------------------------------


def normalize_name(name: object) -> str:
    """Case-fold, strip accents and punctuation, collapse spaces, drop one leading "the"."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    s = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    # Anything but letters, digits and whitespace (underscore included) becomes a space.
    s = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def gold_names(value: Any) -> set[str]:
    """A gold entity: a list of names (blank entries ignored)."""
    if not value:
        return set()
    if isinstance(value, str):
        value = [value]
    return {normalize_name(n) for n in value if isinstance(n, str) and n.strip()}


def pred_names(value: Any) -> set[str]:
    """A predicted entity: an export object, a bare name, or a gold-style list of names."""
    if not value:
        return set()
    if isinstance(value, str):
        return {normalize_name(value)}
    if isinstance(value, list):
        return gold_names(value)
    names = {normalize_name(value[k]) for k in ("name", "canonical", "label") if value.get(k)}
    names.update(normalize_name(a) for a in value.get("aliases") or ())
    if value.get("qid"):
        names.add(normalize_name(value["qid"]))
    return names


def doc_key(doc: Any) -> str:
    """Documents are compared by base file name, whatever folder a file named them in."""
    return str(doc or "").rpartition("/")[2]


def _symmetric(claim_type: Any) -> bool:
    ctype = ONTOLOGY.claim_types.get(str(claim_type))
    return bool(ctype and ctype.symmetric)


def pair_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Subject and object agree (either way round for symmetric types).

    Assumes doc and type were already compared. A gold claim without an object
    matches on the subject alone.
    """
    g_subj, g_obj = gold_names(gold.get("subject")), gold_names(gold.get("object"))
    p_subj, p_obj = pred_names(pred.get("subject")), pred_names(pred.get("object"))
    if not g_obj:
        return bool(g_subj & p_subj)
    if g_subj & p_subj and g_obj & p_obj:
        return True
    return _symmetric(gold.get("type")) and bool(g_subj & p_obj) and bool(g_obj & p_subj)


def _times_overlap(gold_time: Any, pred_time: Any) -> bool:
    """Closed intervals of ISO date strings; a missing end means the start day/month/year."""
    if not gold_time or not pred_time:
        return False
    g_start, p_start = gold_time.get("start"), pred_time.get("start")
    if not (g_start and p_start):
        return False
    g_end = gold_time.get("end") or g_start
    p_end = pred_time.get("end") or p_start
    return not (p_end < g_start or g_end < p_start)


# --- scoring ------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _type_score(ctype: str, tp: int, pred: int, gold: int) -> TypeScore:
    p, r = _ratio(tp, pred), _ratio(tp, gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return TypeScore(ctype, tp, pred, gold, p, r, f1)


def _check_gold(gold: Sequence[dict[str, Any]]) -> None:
    for n, row in enumerate(gold, 1):
        missing = [k for k in ("doc", "type") if k not in row]
        if missing:
            raise ValidationError(f"gold claim {n} lacks {', '.join(missing)}")


def score_claims(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], *,
                 docs: Collection[str] | None = None) -> Scores:
    """Match predictions to gold (greedy, gold order, first free prediction) and score.

    `docs`, if given, restricts both sides to those document file names.
    """
    _check_gold(gold)
    if docs:
        wanted = {doc_key(d) for d in docs}
        gold = [g for g in gold if doc_key(g["doc"]) in wanted]
        predicted = [p for p in predicted if doc_key(p.get("doc")) in wanted]

    candidates: dict[tuple[str, Any], list[int]] = defaultdict(list)
    for i, p in enumerate(predicted):
        candidates[(doc_key(p.get("doc")), p.get("type"))].append(i)
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    tp: Counter[Any] = Counter()
    for g in gold:
        for i in candidates[(doc_key(g["doc"]), g["type"])]:
            if i not in used and pair_matches(g, predicted[i]):
                used.add(i)
                pairs.append((g, predicted[i]))
                tp[g["type"]] += 1
                break

    n_gold = Counter(g["type"] for g in gold)
    n_pred = Counter(p.get("type") for p in predicted)
    rows = [_type_score(t, tp[t], n_pred[t], n_gold[t])
            for t in sorted(set(n_gold) | set(n_pred), key=str)]
    rows.append(_type_score(ALL, sum(tp.values()), len(predicted), len(gold)))
    return Scores(types=rows, attributes=_attribute_scores(pairs), pairs=pairs)


def _attribute_scores(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> AttributeScores:
    status = certainty = time_gold = time_ok = items_gold = items_ok = 0
    for g, p in pairs:
        status += g.get("status") == p.get("status")
        certainty += g.get("certainty") == p.get("certainty")
        # Only gold claims with a time count; a prediction without one is wrong there.
        if g.get("time"):
            time_gold += 1
            time_ok += _times_overlap(g["time"], p.get("time"))
        found: set[str] = set()
        for item in p.get("items") or ():
            found |= pred_names(item)
        for item in g.get("items") or ():
            items_gold += 1
            items_ok += bool(gold_names(item if isinstance(item, list) else [item]) & found)
    n = len(pairs)
    return AttributeScores(
        matched=n,
        status_acc=_ratio(status, n),
        certainty_acc=_ratio(certainty, n),
        time_acc=_ratio(time_ok, time_gold),
        item_recall=_ratio(items_ok, items_gold),
    )


def gold_doc_names(gold: Iterable[dict[str, Any]]) -> list[str]:
    """The distinct document file names a gold file annotates, in first-seen order."""
    return list(dict.fromkeys(doc_key(g.get("doc")) for g in gold))


def evaluate_docs(gold_path: str | Path, docs_dir: str | Path,
                  extract_fn: Callable[[Path], Iterable[Any]]) -> Scores:
    """Run `extract_fn` on every gold document in `docs_dir` and score its claims.

    `extract_fn(path)` returns Claims (or export dicts); it is injected so that scoring
    does not depend on the extractor.
    """
    gold = load_jsonl(gold_path)
    _check_gold(gold)
    folder = Path(docs_dir)
    if not folder.is_dir():
        raise InputError(f"no such directory: {docs_dir}")
    names = gold_doc_names(gold)
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        raise InputError(f"{len(missing)} gold document(s) not in {docs_dir}: "
                         + ", ".join(missing))
    predicted: list[dict[str, Any]] = []
    for name in names:
        for claim in extract_fn(folder / name):
            row = dict(claim) if isinstance(claim, dict) else claim.to_dict()
            # Score by the file the claim came from, whatever id the extractor gave it.
            row["doc"] = name
            predicted.append(row)
    return score_claims(gold, predicted)


def format_scores(scores: Scores) -> str:
    """A fixed-width table per type, then one line of attribute accuracy."""
    width = max([14, *(len(str(t.type)) for t in scores.types)])
    lines = [f"{'type':<{width}} {'tp':>4} {'pred':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for t in scores.types:
        lines.append(f"{t.type!s:<{width}} {t.tp:>4} {t.pred:>5} {t.gold:>5} "
                     f"{t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>6.3f}")
    a = scores.attributes
    lines.append(f"matched pairs: {a.matched}; status {a.status_acc:.3f}; "
                 f"certainty {a.certainty_acc:.3f}; time {a.time_acc:.3f}; "
                 f"item recall {a.item_recall:.3f}")
    return "\n".join(lines)
