"""What a user sees: `proxygraph ingest` (extraction and storage) into an empty store
and into a big one, alternated (issue 8).

    python bench/ingest_cli.py --full sqlite:////tmp/copy-of-1m.db [--rounds 6] [--copies 4]

Each round makes `--copies` variants of every bundled sample report (a numbered line
appended, so each round's texts are new to the big store), pre-creates a new empty
store (its migrations are not timed), and runs the CLI once into each store, taking
turns at going first. Reported per store: median wall seconds and child CPU seconds
(user + system) per run, and per document; the ratio is big / empty. The big store is
written to: give it a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The console script installed beside this interpreter (the venv's), else on PATH.
CLI = str(Path(sys.executable).with_name("proxygraph")) if Path(sys.executable).with_name(
    "proxygraph").exists() else shutil.which("proxygraph") or "proxygraph"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "proxygraph" / "samples" / "reports"


def variants(folder: Path, round_no: int, copies: int, samples: int | None = None) -> int:
    """Write `copies` numbered variants of each sample into `folder`; how many files."""
    n = 0
    for report in sorted(SAMPLES.glob("*.txt"))[:samples]:
        text = report.read_text(encoding="utf-8")
        for copy in range(copies):
            name = f"{report.stem}-r{round_no}-c{copy}.txt"
            (folder / name).write_text(f"{text.rstrip()}\n\nCopy {round_no}.{copy}.\n",
                                       encoding="utf-8")
            n += 1
    return n


def run_cli(folder: Path, url: str) -> tuple[float, float]:
    """Wall and child CPU seconds of one `proxygraph ingest FOLDER --db URL`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([CLI, "ingest", str(folder), "--db", url],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"ingest into {url} failed: {done.stderr.strip().splitlines()[-1:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", required=True, help="URL of the big store (a copy)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--samples", type=int, help="only the first N sample reports")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    from proxygraph.store import open_store

    work = Path(tempfile.mkdtemp(prefix="ingest-cli-"))
    times: dict[str, list[tuple[float, float]]] = {"empty": [], "full": []}
    docs = 0
    loads = [os.getloadavg()[0]]
    try:
        for r in range(args.rounds):
            folder = work / f"round{r}"
            folder.mkdir()
            docs = variants(folder, r + int(time.time()), args.copies, args.samples)
            empty = f"sqlite:///{work / f'empty{r}.db'}"
            open_store(empty).close()
            order = [("empty", empty), ("full", args.full)]
            for name, url in order if r % 2 == 0 else order[::-1]:
                times[name].append(run_cli(folder, url))
            loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in times.items()}
    result: dict[str, object] = {
        "rounds": args.rounds, "docs": docs, "load": [min(loads), max(loads)],
        "wall_s": {k: m[0] for k, m in med.items()}, "cpu_s": {k: m[1] for k, m in med.items()},
        "ratio": {"wall": med["full"][0] / med["empty"][0],
                  "cpu": med["full"][1] / med["empty"][1]}}
    if args.json:
        print(json.dumps(result))
        return result
    print(f"{args.rounds} rounds of {docs} documents; load {min(loads):.1f}-{max(loads):.1f}")
    for name, (wall, cpu) in med.items():
        print(f"{name:>6}: wall {wall:.2f} s ({1000 * wall / docs:.1f} ms/doc), "
              f"cpu {cpu:.2f} s ({1000 * cpu / docs:.1f} ms/doc)")
    print(f"full / empty: wall {med['full'][0] / med['empty'][0]:.3f}, "
          f"cpu {med['full'][1] / med['empty'][1]:.3f}")
    return result


if __name__ == "__main__":
    main()
