"""Ingest throughput on a local Dask cluster: 1 worker against 2, alternated in one run.

    python bench/ingest_workers.py --copies 8 --rounds 3 [--json]

The batch is the bundled sample reports copied `--copies` times, each copy with its own
closing line so every text hashes differently (nothing is skipped as already stored).
Both clusters start once, before timing, and each warms its workers' spaCy pipeline; each
round then ingests the whole batch into a fresh SQLite store with each cluster, the order
alternating from round to round so machine noise falls on both. Two figures per cluster:

- ingest: the real thing, extraction on the workers and the one writer in this process;
- extract: the same batch extracted on the workers with nothing stored, the ceiling the
  writer leaves room for.

Prints docs/s (median of the rounds) and the speedup of 2 workers over 1 (median of the
per-round ratios). With --json one object: {"docs": N, "cores": C, "docs_per_s":
{"ingest": {"1": ..., "2": ...}, "extract": {...}}, "speedup": {"ingest": ..., "extract": ...}}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client, as_completed

from proxygraph.distributed import dask_client, extract_remote, ingest_distributed
from proxygraph.ingest import read_document
from proxygraph.store import SqlStore

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "proxygraph" / "samples" / "reports"


def make_batch(folder: Path, copies: int, samples: int | None = None) -> list[Path]:
    """`copies` of each sample report, each ending with its own line (distinct hashes)."""
    sources = sorted(SAMPLES.glob("*.txt"))[:samples]
    out = []
    for k in range(copies):
        for src in sources:
            path = folder / f"c{k:04d}_{src.name}"
            path.write_text(src.read_text(encoding="utf-8")
                            + f"\n\nFiled as copy {k} of this report.\n", encoding="utf-8")
            out.append(path)
    return out


def time_ingest(client: Client, folder: Path, workdir: Path, tag: str) -> float:
    db = workdir / f"{tag}.db"
    store = SqlStore(f"sqlite:///{db}", create=True)
    try:
        start = time.perf_counter()
        report = ingest_distributed(store, [folder], client=client)
        elapsed = time.perf_counter() - start
    finally:
        store.close()
        db.unlink()
    if report.failed:
        raise SystemExit(f"bench: {report.failed} documents failed")
    return elapsed


def time_extract(client: Client, files: list[Path]) -> float:
    docs = [read_document(p) for p in files]
    start = time.perf_counter()
    for future in as_completed(client.map(extract_remote, docs, pure=False)):
        future.result()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="copies of the sample set")
    parser.add_argument("--samples", type=int, default=None, help="use only the first N")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        files = make_batch(folder, args.copies, args.samples)
        times: dict[str, dict[int, list[float]]] = {"ingest": {1: [], 2: []},
                                                    "extract": {1: [], 2: []}}
        with dask_client(workers=1) as one, dask_client(workers=2) as two:
            clients = {1: one, 2: two}
            for r in range(args.rounds):
                order = (1, 2) if r % 2 == 0 else (2, 1)
                for n in order:
                    times["ingest"][n].append(time_ingest(clients[n], folder, Path(tmp),
                                                          f"r{r}w{n}"))
                    times["extract"][n].append(time_extract(clients[n], files))
                if not args.json:
                    print(f"round {r + 1}: " + ", ".join(
                        f"{kind} {n}w {times[kind][n][-1]:.2f}s"
                        for kind in times for n in (1, 2)), file=sys.stderr)

    docs = len(files)
    result = {
        "docs": docs,
        "cores": os.cpu_count(),
        "load_1min": round(os.getloadavg()[0], 2),  # other work on the machine skews this
        "docs_per_s": {kind: {str(n): round(docs / statistics.median(t[n]), 2) for n in (1, 2)}
                       for kind, t in times.items()},
        "speedup": {kind: round(statistics.median(a / b for a, b in zip(t[1], t[2],
                                                                         strict=True)), 2)
                    for kind, t in times.items()},
    }
    if args.json:
        print(json.dumps(result))
    else:
        for kind in times:
            rate = result["docs_per_s"][kind]
            print(f"{kind:8} 1 worker {rate['1']:7.2f} docs/s   2 workers {rate['2']:7.2f} "
                  f"docs/s   speedup {result['speedup'][kind]:.2f}x")
        print(f"{docs} documents, {args.rounds} rounds, {os.cpu_count()} cores, "
              f"load average {result['load_1min']} at the end")
    return result


if __name__ == "__main__":
    main()
