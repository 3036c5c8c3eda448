"""Network analytics on a synthetic store: how long the graph commands take, and memory.

    python bench/graph_queries.py --claims 100000            # builds bench-graph-100000.db
    python bench/graph_queries.py --claims 2000 --db sqlite:///tmp/x.db --repeat 1

The store is made through the public store API: N claims in documents of 10, actors
drawn with power-law (Zipf) weights from the packaged registry (so states, organs and
affiliations are real) plus invented armed groups, the 14 claim types, 20 years of dates
at day/month/year precision (10% undated), every status, some intermediaries and items,
200 publishers. The queries then run in a fresh process, so the peak RSS printed is
theirs, not the generator's. Figures are medians of --repeat runs (min in brackets).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from proxygraph.ids import content_hash, stable_id
from proxygraph.model import Claim, Document, Entity, Evidence, TimeSpan
from proxygraph.ontology import ONTOLOGY
from proxygraph.registry import default_registry
from proxygraph.store import SqlStore

TYPES = sorted(ONTOLOGY.claim_types)
STATUSES = (("occurred", 70), ("ongoing", 10), ("planned", 8), ("forecast", 7), ("denied", 5))
YEARS = range(2005, 2025)
PER_DOC = 10
PUBLISHERS = 200


def _actors(count: int) -> list[Entity]:
    reg = default_registry().actors
    extra = [Entity(f"group-{i:05d}", f"Group {i}", "armed_group")
             for i in range(max(0, count - len(reg)))]
    return [Entity(a.id, a.name, a.kind) for a in reg] + extra


def _time(rng: random.Random) -> TimeSpan | None:
    if rng.random() < 0.1:
        return None
    year = rng.choice(YEARS)
    precision = rng.choice(("day", "month", "year"))
    if precision == "year":
        return TimeSpan(str(year), f"{year}-01-01", f"{year}-12-31", "year")
    month = rng.randint(1, 12)
    if precision == "month":
        return TimeSpan(f"{year}-{month:02d}", f"{year}-{month:02d}-01",
                        f"{year}-{month:02d}-28", "month")
    day = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    return TimeSpan(day, day, day, "day")


def generate(url: str, claims: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    actors = _actors(max(400, claims // 40))
    rng.shuffle(actors)  # which actor is a hub is random; hubness follows rank
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(actors))]
    cum = list(itertools.accumulate(weights))
    items = [Entity(i.id, i.name, "item", category=i.category, origin=i.origin)
             for i in default_registry().items]
    statuses, status_w = zip(*STATUSES, strict=True)
    store = SqlStore(url)
    made = 0
    started = time.perf_counter()
    try:
        for d in range((claims + PER_DOC - 1) // PER_DOC):
            text = f"synthetic report {seed} {d}"
            doc = Document(name=f"r{d}.txt", text=text, sha256=content_hash(text),
                           publisher=f"Publisher {d % PUBLISHERS}",
                           reliability="ABCDEF"[d % 6])
            batch = []
            for k in range(min(PER_DOC, claims - made)):
                ctype = rng.choice(TYPES)
                subj, obj = rng.choices(actors, cum_weights=cum, k=2)
                if subj.id == obj.id:
                    obj = actors[(actors.index(obj) + 1) % len(actors)]
                spec = ONTOLOGY.claim_types[ctype]
                via = (rng.choice(actors[:200]),) if (
                    "via" in spec.attributes and rng.random() < 0.05) else ()
                got = tuple(rng.sample(items, rng.randint(0, 2))) if (
                    "items" in spec.attributes) else ()
                sentence = f"{subj.name} {ctype.lower()} {obj.name}."
                batch.append(Claim(
                    id=stable_id("clm", doc.sha256, k), doc=doc.sha256, type=ctype,
                    subject=subj, object=obj, evidence=Evidence(sentence, k * 100,
                                                                k * 100 + len(sentence)),
                    status=rng.choices(statuses, weights=status_w)[0],
                    certainty=rng.choice(("high", "high", "medium", "low")),
                    items=got, via=via, time=_time(rng),
                    extractor={"name": "bench", "version": "1"}))
            store.add_document(doc, batch, extractor_version="1")
            made += len(batch)
            if d % 1000 == 999:
                rate = made / (time.perf_counter() - started)
                print(f"  generated {made} claims ({rate:.0f}/s)", file=sys.stderr)
    finally:
        store.close()


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    runs, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), min(runs), out


def queries(url: str, repeat: int) -> dict[str, Any]:
    """Time the graph commands' library calls on an existing store."""
    from proxygraph.analyze.paths import find_paths
    from proxygraph.analyze.whatif import Removal, what_if
    from proxygraph.graph import SUPPLY_TYPES, GraphFilter, build_graph

    store = SqlStore(url)
    figures: dict[str, Any] = {}
    try:
        year = GraphFilter(since="2015", until="2015")
        med, low, g_year = _timed(lambda: build_graph(store, year), repeat)
        figures["network_build_1y"] = (med, low)
        figures["graph_1y"] = {"nodes": len(g_year.nodes), "edges": len(g_year.edges),
                               "claims": len(g_year.statements)}
        # paths: the example shape, ARMS_TRANSFER over two years, hubs at each end.
        arms = GraphFilter(since="2023", types=("ARMS_TRANSFER",))
        med, low, g_arms = _timed(lambda: build_graph(store, arms), repeat)
        figures["paths_build"] = (med, low)
        degree: dict[str, int] = {}
        for e in g_arms.edge_list():
            degree[e.source] = degree.get(e.source, 0) + 1
            degree[e.target] = degree.get(e.target, 0) + 1
        ranked = sorted(degree, key=lambda n: (-degree[n], n))
        states = [n for n in ranked if g_arms.nodes[n].kind == "state"][:10]
        groups = [n for n in ranked if g_arms.nodes[n].kind == "armed_group"][:10]
        # The busiest state and armed group that a chain joins (chosen outside the timing).
        pairs = [(s, t) for s in states for t in groups] or [
            (s, t) for s in ranked[:10] for t in ranked[:10] if s != t]
        if not pairs:  # a tiny store may have no transfers since 2023
            pairs = [(n, m) for n in sorted(g_arms.nodes) for m in sorted(g_arms.nodes)
                     if n != m][:1] or [("iran", "hezbollah")]
        src, dst = next((p for p in pairs if find_paths(
            g_arms, *p, types=("ARMS_TRANSFER",), max_hops=4, limit=1).paths), pairs[0])
        med, low, found = _timed(lambda: find_paths(
            g_arms, src, dst, types=("ARMS_TRANSFER",), max_hops=4), repeat)
        figures["paths_search"] = (med, low)
        figures["paths_found"] = {"from": src, "to": dst, "paths": found.found,
                                  "truncated": found.truncated}
        # what-if: remove the busiest intermediary (most in x out) of the one-year supply graph.
        supply = GraphFilter(since="2015", until="2015", types=SUPPLY_TYPES)
        med, low, g_supply = _timed(lambda: build_graph(store, supply), repeat)
        figures["whatif_build"] = (med, low)
        busiest = max(sorted(g_supply.nodes), default="wagner-group",
                      key=lambda n: sum(1 for _ in g_supply.successors(n)) * sum(
                          1 for _ in g_supply.predecessors(n)))
        med, low, result = _timed(lambda: what_if(g_supply, Removal(actors=(busiest,))),
                                  repeat)
        figures["whatif_analysis"] = (med, low)
        figures["whatif_result"] = {"removed": busiest, "affected": len(result.affected),
                                    "lost_all": len(result.lost_all)}
        # The dense case: every supply claim of the 20 years, hubs at both ends.
        full = GraphFilter(types=SUPPLY_TYPES)
        med, low, g_full = _timed(lambda: build_graph(store, full), repeat)
        figures["full_build"] = (med, low)
        figures["graph_full"] = {"nodes": len(g_full.nodes), "edges": len(g_full.edges),
                                 "claims": len(g_full.statements)}
        hubs = sorted(g_full.nodes, key=lambda n: (-sum(1 for _ in g_full.successors(n)), n))
        src = next((n for n in hubs if g_full.nodes[n].kind == "state"), hubs[0])
        dst = next((n for n in hubs if g_full.nodes[n].kind == "armed_group" and n != src),
                   hubs[-1])
        med, low, found = _timed(lambda: find_paths(g_full, src, dst, max_hops=4), repeat)
        figures["full_paths"] = (med, low)
        figures["full_paths_found"] = {"from": src, "to": dst, "paths": found.found,
                                       "truncated": found.truncated}
        med, low, result = _timed(lambda: what_if(g_full, Removal(actors=(dst,))), repeat)
        figures["full_whatif"] = (med, low)
        figures["full_whatif_result"] = {"removed": dst, "affected": len(result.affected),
                                         "lost_all": len(result.lost_all)}
    finally:
        store.close()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", help="store URL (default: sqlite:///bench-graph-N.db here)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--queries-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    url = args.db or f"sqlite:///bench-graph-{args.claims}.db"
    if args.queries_only:
        print(json.dumps(queries(url, args.repeat)))
        return
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if path is None or not path.exists():
        t = time.perf_counter()
        generate(url, args.claims)
        print(f"store of {args.claims} claims generated in {time.perf_counter() - t:.1f} s")
    run = subprocess.run([sys.executable, __file__, "--queries-only", "--db", url,
                          "--repeat", str(args.repeat)], capture_output=True, text=True,
                         check=False)
    if run.returncode != 0:
        sys.exit(f"queries failed: {run.stderr.strip().splitlines()[-1:]}")
    f = json.loads(run.stdout)

    def ms(key: str) -> str:
        med, low = f[key]
        return f"{med * 1000:8.0f} ms  [{low * 1000:.0f}]"

    print(f"claims in store: {args.claims}; one-year graph: {f['graph_1y']}")
    print(f"network build, one-year window      {ms('network_build_1y')}")
    print(f"paths: build (ARMS_TRANSFER, 2023-)   {ms('paths_build')}")
    print(f"paths: search, max 4 hops            {ms('paths_search')}   {f['paths_found']}")
    print(f"whatif: build (supply, one year)     {ms('whatif_build')}")
    print(f"whatif: analysis                     {ms('whatif_analysis')}   "
          f"{f['whatif_result']}")
    print(f"20-year supply graph: {f['graph_full']}")
    print(f"build, all supply claims             {ms('full_build')}")
    print(f"paths: search, hub to hub, 4 hops    {ms('full_paths')}   {f['full_paths_found']}")
    print(f"whatif: analysis, remove that hub    {ms('full_whatif')}   "
          f"{f['full_whatif_result']}")
    print(f"peak RSS of the query process        {f['peak_rss_mb']:8.0f} MB")


if __name__ == "__main__":
    main()
