"""Network analytics on a synthetic store: how long the graph commands take, and memory.

    python bench/graph_queries.py --claims 100000            # builds bench-graph-100000.db
    python bench/graph_queries.py --claims 2000 --db sqlite:///tmp/x.db --repeat 1

The store is the benchmarks' shared synthetic store (`synthetic_store.py`, loaded by the
store's bulk path; reused when --db already holds claims): 8 claims per document,
power-law actors of every kind, the 14 claim types, 20 years of dates at day/month/year
precision (10% undated), every status, items, 300 graded publishers. The queries run in a
fresh process, so the peak RSS printed is theirs, not the loader's. Figures are medians
of --repeat runs (min in brackets).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_store import build_store, store_exists  # noqa: E402

from proxygraph.store import SqlStore  # noqa: E402


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    runs, out = [], None
    for _ in range(repeat):
        out = None  # free the previous result first: the peak holds one result, not two
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
        # Peak so far: the targeted queries (one-year build, paths, what-if) at their size.
        figures["peak_rss_targets_mb"] = resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss / 1024
        g_year = g_arms = g_supply = result = found = None  # freed before the dense case
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
    if not store_exists(url):
        print(f"store of {args.claims} claims built in {build_store(url, args.claims):.1f} s")
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
    print(f"peak RSS, one-year and paths queries {f['peak_rss_targets_mb']:8.0f} MB")
    print(f"peak RSS of the query process        {f['peak_rss_mb']:8.0f} MB")


if __name__ == "__main__":
    main()
