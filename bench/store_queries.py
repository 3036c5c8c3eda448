"""Store at scale: a synthetic store of N claims, query latencies, ingest cost, memory.

    python bench/store_queries.py --claims 100000 [--db URL] [--json] [--plans]

Builds a synthetic store with realistic distributions (thousands of actors with power-law
degrees, the 14 claim types, 20 years of dates, several publishers per edge, items) through
the bulk path (`SqlStore.bulk_load`, grades computed with `proxygraph.credibility`), then
prints p50/p95 of the first page (100 claims) of each kind of query, the ingest cost per
document on an empty and on the full store (the same documents into both, alternating
which goes first, so machine noise falls on both), and the peak RSS and time of a streamed
export of the whole store by the CLI. --db must name an empty store (default: a SQLite
file in a temporary folder), or with --reuse a store an earlier run with the same --claims
built (the bulk load is skipped; the ingest documents differ per run); --plans prints each
query's plan; --skip-export leaves the export out; --ab-windows also times every query
with the time-window index choice off and on, alternated per filter.

--json prints one object: {"claims": N, "p95_ms": {"actor", "item", "type_since",
"search", "empty"}, "ingest_ms_per_doc": {"empty", "full"} (medians),
"ingest_mean_ms_per_doc": {"empty", "full"}, "rss_mb": ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from proxygraph.credibility import Statement, grade_claim, pair_key
from proxygraph.ids import claim_id, content_hash
from proxygraph.model import Claim, Document, Entity, Evidence, TimeSpan
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import ClaimFilter, open_store
from proxygraph.store.bulk import GradedDocument

PAGE = 100
CLAIMS_PER_DOC = 8
TYPES = sorted(ONTOLOGY.claim_types)
TYPE_WEIGHTS = [{"SUPPORT": 8, "ARMS_TRANSFER": 8, "TRAINING": 4, "FUNDING": 4,
                 "CLASH": 5, "CONTACT": 3}.get(t, 1) for t in TYPES]
STATUSES = [("occurred", 70), ("ongoing", 10), ("planned", 7), ("forecast", 5),
            ("denied", 8)]
CERTAINTIES = [("high", 60), ("medium", 25), ("low", 15)]
GRADES = [("A", 5), ("B", 20), ("C", 30), ("D", 20), ("E", 15), ("F", 10)]
CATEGORIES = sorted(ONTOLOGY.item_categories)
SYLLABLES = ["ka", "ru", "vel", "an", "mo", "ti", "sar", "en", "lu", "dor", "ba", "qa",
             "zi", "hem", "ol", "ra", "nu", "shi", "pe", "tar", "im", "go", "fa", "lek"]
VERBS = ["sent", "supplied", "delivered", "trained", "funded", "armed", "backed", "met",
         "fought", "shipped", "moved", "transferred", "reportedly gave", "agreed with"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


@dataclass
class World:
    """The fixed cast of a synthetic store: actors, items, publishers, vocabulary."""

    actors: list[Entity]
    actor_weights: list[float]
    items: list[Entity]
    item_weights: list[float]
    publishers: list[tuple[str, str]]  # (name, grade)
    publisher_weights: list[float]
    words: list[str]
    word_weights: list[float]

    @classmethod
    def make(cls, n_claims: int, seed: int = 7) -> World:
        rng = random.Random(seed)
        n_actors = max(50, min(5000, n_claims // 50))
        kinds = ["state", "armed_group", "armed_group", "pmc", "person", "state_organ"]
        actors = [Entity(f"syn-a{i}", f"{_word(rng, 2).title()} {_word(rng, 3).title()}",
                         kinds[i % len(kinds)]) for i in range(n_actors)]
        items = [Entity(f"syn-i{i}", f"{_word(rng, 2).title()}-{i}", "item",
                        category=CATEGORIES[i % len(CATEGORIES)]) for i in range(300)]
        grades = [g for g, _ in GRADES]
        publishers = [(f"{_word(rng, 2).title()} News {i}",
                       rng.choices(grades, [w for _, w in GRADES])[0]) for i in range(300)]
        words = list(dict.fromkeys(_word(rng, rng.choice([2, 3])) for _ in range(8000)))
        zipf = lambda n, s=1.0: [1 / (i + 1) ** s for i in range(n)]  # noqa: E731
        return cls(actors, zipf(n_actors, 1.05), items, zipf(len(items)), publishers,
                   zipf(len(publishers), 0.8), words, zipf(len(words)))


@dataclass(frozen=True)
class Draft:
    """A claim before it is a Claim: enough to grade it and to build it later."""

    doc: int
    n: int
    type: str
    subject: int
    object: int
    status: str
    certainty: str
    time: tuple[str, str, str] | None
    items: tuple[int, ...]
    publisher: int


def _time(rng: random.Random) -> tuple[str, str, str] | None:
    if rng.random() < 0.1:
        return None
    year = rng.randint(2005, 2024)
    month = rng.randint(1, 12)
    kind = rng.random()
    if kind < 0.4:
        return f"{year}-01-01", f"{year}-12-31", "year"
    if kind < 0.8:
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-28", "month"
    day = rng.randint(1, 28)
    return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}", "day"


def drafts(world: World, n_claims: int, seed: int, first_doc: int = 0) -> list[Draft]:
    rng = random.Random(seed)
    out: list[Draft] = []
    n_actors = len(world.actors)
    doc = first_doc
    while len(out) < n_claims:
        publisher = rng.choices(range(len(world.publishers)), world.publisher_weights)[0]
        for n in range(min(CLAIMS_PER_DOC, n_claims - len(out))):
            ctype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
            subject, obj = rng.choices(range(n_actors), world.actor_weights, k=2)
            if obj == subject:
                obj = (subject + 1) % n_actors
            items: tuple[int, ...] = ()
            if "items" in ONTOLOGY.claim_type(ctype).attributes and rng.random() < 0.5:
                items = tuple(sorted(set(rng.choices(range(len(world.items)),
                                                     world.item_weights, k=rng.randint(1, 2)))))
            out.append(Draft(doc, n, ctype, subject, obj,
                             rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0],
                             rng.choices([c for c, _ in CERTAINTIES],
                                         [w for _, w in CERTAINTIES])[0],
                             _time(rng), items, publisher))
        doc += 1
    return out


def grade_all(world: World, all_drafts: list[Draft]) -> list[int]:
    """Each draft's credibility by `proxygraph.credibility`, as the store would grade it."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    statements = []
    for i, d in enumerate(all_drafts):
        name, grade = world.publishers[d.publisher]
        statements.append(Statement(
            str(i), f"pub:{name.casefold()}", d.status, d.certainty, grade,
            d.time[0] if d.time else None, d.time[1] if d.time else None,
            frozenset(world.items[j].id for j in d.items)))
        groups[pair_key(d.type, world.actors[d.subject].id, world.actors[d.object].id)].append(i)
    grades = [0] * len(all_drafts)
    for members in groups.values():
        group = [statements[i] for i in members]
        for i in members:
            grades[i] = grade_claim(statements[i], group)
    return grades


def _sentence(world: World, d: Draft, rng: random.Random) -> str:
    filler = " ".join(rng.choices(world.words, world.word_weights, k=rng.randint(6, 14)))
    items = " and ".join(world.items[j].name for j in d.items)
    year = f" in {d.time[0][:4]}" if d.time else ""
    return (f"{world.actors[d.subject].name} {rng.choice(VERBS)} {items + ' ' if items else ''}"
            f"to {world.actors[d.object].name}{year}, {filler}.")


def documents(world: World, group: list[Draft], seed: int) -> tuple[Document, list[Claim]]:
    """One document of drafts (one publisher), with its claims."""
    rng = random.Random(seed)
    sentences = [_sentence(world, d, rng) for d in group]
    text = " ".join(sentences)
    name, grade = world.publishers[group[0].publisher]
    doc = Document(name=f"synthetic-{group[0].doc}.txt", text=text, sha256=content_hash(text),
                   publisher=name, reliability=grade)
    claims, offset = [], 0
    for d, sentence in zip(group, sentences, strict=True):
        subject, obj = world.actors[d.subject], world.actors[d.object]
        claims.append(Claim(
            id=claim_id(doc.sha256, offset, d.type, subject.id, obj.id, "bench"),
            doc=doc.sha256, type=d.type, subject=subject, object=obj,
            evidence=Evidence(sentence, offset, offset + len(sentence)), status=d.status,
            certainty=d.certainty, items=tuple(world.items[j] for j in d.items),
            time=TimeSpan(d.time[0][:4], *d.time) if d.time else None,
            extractor={"name": "bench", "version": "bench"}))
        offset += len(sentence) + 1
    return doc, claims


def by_doc(all_drafts: list[Draft]) -> Iterator[list[int]]:
    start = 0
    for i in range(1, len(all_drafts) + 1):
        if i == len(all_drafts) or all_drafts[i].doc != all_drafts[start].doc:
            yield list(range(start, i))
            start = i


def bulk_batches(world: World, all_drafts: list[Draft], grades: list[int],
                 batch_claims: int = 20000) -> Iterator[list[GradedDocument]]:
    batch: list[GradedDocument] = []
    size = 0
    for idx in by_doc(all_drafts):
        doc, claims = documents(world, [all_drafts[i] for i in idx], seed=all_drafts[idx[0]].doc)
        batch.append(GradedDocument(doc, [(c, grades[i]) for c, i in zip(claims, idx,
                                                                          strict=True)]))
        size += len(idx)
        if size >= batch_claims:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# --- measurements ---------------------------------------------------------------------

def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def ingest_ms(store: object, world: World, seed: int, docs: int) -> float:
    """Median ms to store one document (~8 claims, the real per-document path)."""
    return ingest_ab({"store": store}, world, seed, docs)["store"]


def ingest_ab(stores: dict[str, object], world: World, seed: int, docs: int
              ) -> dict[str, float]:
    """Median ms per document for each store, storing the same documents in each and
    alternating which goes first, so machine noise falls on both alike."""
    return {name: statistics.median(t)
            for name, t in ingest_times(stores, world, seed, docs).items()}


def ingest_times(stores: dict[str, object], world: World, seed: int, docs: int
                 ) -> dict[str, list[float]]:
    """Each document's ms in each store (see `ingest_ab`). The mean counts the WAL
    checkpoints a few commits pay for all; the median leaves them out."""
    new = drafts(world, docs * CLAIMS_PER_DOC, seed, first_doc=10**9 + seed * 1000)
    times: dict[str, list[float]] = {name: [] for name in stores}
    for n, idx in enumerate(by_doc(new)):
        doc, claims = documents(world, [new[i] for i in idx], seed=seed * 7919 + idx[0])
        order = list(stores.items())
        for name, store in order if n % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            store.add_document(doc, claims, extractor_version="bench")  # type: ignore[attr-defined]
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def scratch_url(url: str, folder: str) -> tuple[str, str | None]:
    """An empty store beside `url` (a SQLite file, or a PostgreSQL schema to drop later)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return f"sqlite:///{Path(folder) / 'empty.db'}", None
    schema = f"bench_empty_{os.getpid()}"
    base = parsed.difference_update_query(["options"])
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()
    scratch = base.update_query_dict({"options": f"-csearch_path={schema}"})
    return scratch.render_as_string(hide_password=False), schema


def drop_schema(url: str, schema: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(url).difference_update_query(["options"]))
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    engine.dispose()


def query_sets(world: World, rng: random.Random) -> dict[str, list[ClaimFilter]]:
    def actor() -> str:
        return rng.choices(world.actors, world.actor_weights)[0].id

    rare = world.actors[-40:]
    common = world.words[:40]
    sets = {
        "actor": [ClaimFilter(actors=(actor(),), limit=PAGE) for _ in range(20)],
        "item": [ClaimFilter(items=(rng.choices(world.items, world.item_weights)[0].id,),
                             limit=PAGE) for _ in range(20)],
        "type_since": [ClaimFilter(types=(rng.choices(TYPES, TYPE_WEIGHTS)[0],),
                                   since=str(rng.randint(2006, 2024)), limit=PAGE)
                       for _ in range(20)],
        "search": [ClaimFilter(search=q, limit=PAGE) for q in (
            *(rng.choice(common) for _ in range(6)),
            *(rng.choice(world.words[200:2000]) for _ in range(6)),
            *(f"{rng.choice(common)} OR {rng.choice(world.words[500:])}" for _ in range(4)),
            *(f"{rng.choice(common)} -{rng.choice(common)}" for _ in range(4)))],
        "empty": [f for _ in range(5) for f in (
            ClaimFilter(actors=(rng.choice(rare).id, rng.choice(rare).id),
                        types=("INTEGRATION",), limit=PAGE),
            ClaimFilter(actors=(actor(),), search="zzzyzx", limit=PAGE),
            ClaimFilter(search="zzzyzx", limit=PAGE),
            ClaimFilter(types=(rng.choices(TYPES, TYPE_WEIGHTS)[0],), since="2031",
                        limit=PAGE))],
        # empty windows alone: after or before every claim, with a type, a status or neither
        "empty_window": [
            *(ClaimFilter(types=(rng.choices(TYPES, TYPE_WEIGHTS)[0],), since="2031",
                          limit=PAGE) for _ in range(4)),
            *(ClaimFilter(types=(rng.choice(TYPES),), until="1999", limit=PAGE)
              for _ in range(2)),
            ClaimFilter(statuses=("denied",), since="2030-06", limit=PAGE),
            ClaimFilter(statuses=("planned",), until="2001", limit=PAGE),
            ClaimFilter(since="2040", limit=PAGE),
            ClaimFilter(types=("SUPPORT", "CLASH"), since="2031", until="2032", limit=PAGE)],
        "status": [ClaimFilter(statuses=(rng.choice(["planned", "forecast", "denied"]),),
                               limit=PAGE) for _ in range(10)],
        "window": [ClaimFilter(since=f"{y}-03", until=f"{y}-04", limit=PAGE)
                   for y in (rng.randint(2005, 2024) for _ in range(10))],
    }
    return sets


def run_queries(store: object, sets: dict[str, list[ClaimFilter]], rounds: int = 3
                ) -> dict[str, tuple[float, float]]:
    out = {}
    for kind, filters in sets.items():
        samples = []
        for flt in filters:
            store.claims(flt)  # type: ignore[attr-defined]  # warm the cache once
            for _ in range(rounds):
                start = time.perf_counter()
                store.claims(flt)  # type: ignore[attr-defined]
                samples.append((time.perf_counter() - start) * 1000)
        out[kind] = percentiles(samples)
    return out


def ab_time_windows(store: object, sets: dict[str, list[ClaimFilter]], rounds: int = 3
                    ) -> dict[str, dict[str, tuple[float, float]]]:
    """p50/p95 of each query with the time-window index choice off and on, alternated per
    filter (so machine noise falls on both): what that choice costs and saves."""
    import proxygraph.store.query as query

    real = query._time_driver
    variants = {"walk": lambda *_a: [], "window index": real}
    out: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        for kind, filters in sets.items():
            samples: dict[str, list[float]] = {v: [] for v in variants}
            for flt in filters:
                for r in range(rounds + 1):  # the first round warms both
                    order = list(variants.items())
                    for name, fn in order if r % 2 == 0 else order[::-1]:
                        query._time_driver = fn  # type: ignore[assignment]
                        start = time.perf_counter()
                        store.claims(flt)  # type: ignore[attr-defined]
                        if r:
                            samples[name].append((time.perf_counter() - start) * 1000)
            out[kind] = {v: percentiles(t) for v, t in samples.items()}
    finally:
        query._time_driver = real
    return out


# The child reports its own peak: VmHWM belongs to the process image after exec, where
# ru_maxrss would include the (larger) benchmark process it was forked from.
_PEAK = """
import atexit, resource, sys
def peak():
    try:
        line = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
        kb = int(line.split()[1])
    except (OSError, StopIteration):
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak-rss-kb {kb}", file=sys.stderr)
atexit.register(peak)
from proxygraph.cli import main
main()
"""


def export_rss(url: str) -> tuple[float, float, int]:
    """Peak RSS (MB) and seconds of `proxygraph claims --format jsonl` over the store."""
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.run([sys.executable, "-c", _PEAK, "claims", "--format", "jsonl",
                               "--db", url], stdout=sink, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"export failed: {proc.stderr.strip()}")
    lines = proc.stderr.strip().splitlines()
    count = int(next(x for x in lines if x.endswith(("claim", "claims"))).split()[0])
    kb = int(next(x for x in lines if x.startswith("peak-rss-kb")).split()[1])
    return kb / 1024, time.perf_counter() - start, count


def startup_s(rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from proxygraph.cli import main; main()",
                        "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, required=True, help="claims in the store")
    parser.add_argument("--db", help="an empty store (default: SQLite in a temp folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--plans", action="store_true", help="print each query's plan")
    parser.add_argument("--ingest-docs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true",
                        help="--db may hold the store an earlier run built: skip the build")
    parser.add_argument("--skip-export", action="store_true", help="do not time the export")
    parser.add_argument("--ab-windows", action="store_true",
                        help="also time each query with the time-window index choice off/on")
    args = parser.parse_args(argv)
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = open_store(url)
        try:
            world = World.make(args.claims)
            ingest_seed = 3
            if not store.claims(ClaimFilter(limit=1, include="all")):
                start = time.perf_counter()
                planned = drafts(world, args.claims, seed=2)
                grades = grade_all(world, planned)
                loaded = store.bulk_load(bulk_batches(world, planned, grades))
                say(f"bulk load: {loaded} claims in {time.perf_counter() - start:.1f} s")
            elif not args.reuse:
                raise SystemExit(f"{url} is not empty; give a new store (or --reuse)")
            else:
                stored = store.claims(ClaimFilter(limit=1, include="all", offset=args.claims - 1))
                if not stored:
                    raise SystemExit(f"{url} holds fewer than {args.claims} claims")
                # The documents stored by earlier runs' ingest would now be no-ops.
                ingest_seed = 4 + int(time.time()) % 100_000
                say(f"reusing the store at {url}")
            empty_url, schema = scratch_url(url, tmp)
            empty = open_store(empty_url)
            try:
                ingest = ingest_times({"empty": empty, "full": store}, world,
                                      seed=ingest_seed, docs=args.ingest_docs)
            finally:
                empty.close()
                if schema:
                    drop_schema(url, schema)
            empty_ms, full_ms = (statistics.median(ingest[k]) for k in ("empty", "full"))
            empty_mean, full_mean = (statistics.mean(ingest[k]) for k in ("empty", "full"))
            sets = query_sets(world, random.Random(11))
            if args.plans:
                for kind, filters in sets.items():
                    say(f"plan {kind}:")
                    for line in store.explain(filters[0]):
                        say(f"    {line}")
            results = run_queries(store, sets)
            if args.ab_windows:
                for kind, ab in ab_time_windows(store, sets).items():
                    say(f"ab {kind:<12} " + "   ".join(
                        f"{v} {p50:.1f} / {p95:.1f}" for v, (p50, p95) in ab.items()))
        finally:
            store.close()
        rss, export_s, exported = (0.0, 0.0, 0) if args.skip_export else export_rss(url)
    figures = {"claims": args.claims,
               "p95_ms": {k: round(results[k][1], 1)
                          for k in ("actor", "item", "type_since", "search", "empty")},
               "ingest_ms_per_doc": {"empty": round(empty_ms, 1), "full": round(full_ms, 1)},
               "ingest_mean_ms_per_doc": {"empty": round(empty_mean, 1),
                                          "full": round(full_mean, 1)},
               "rss_mb": round(rss, 1)}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"store {url.split('://')[0]}, {args.claims} claims "
          f"({exported} exported in {export_s:.1f} s, peak RSS {rss:.0f} MB)")
    print(f"{'query':<12}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, (p50, p95) in results.items():
        print(f"{kind:<12}{p50:>10.1f}{p95:>10.1f}")
    print(f"ingest ms/doc, median: empty {empty_ms:.1f}, full {full_ms:.1f} "
          f"({full_ms / empty_ms:.2f}x); mean: empty {empty_mean:.1f}, full {full_mean:.1f} "
          f"({full_mean / empty_mean:.2f}x)")
    print(f"proxygraph --help: {startup_s():.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
