"""Export memory: peak RSS and time of `proxygraph export` in each format on a synthetic store.

    python bench/export_memory.py --claims 100000 [--claims 20000] [--formats jsonl,stix]
    python bench/export_memory.py --claims 1000000 --db sqlite:////tmp/s.db --formats gexf

Builds a synthetic store per size through the bulk path of bench/store_queries.py
(power-law actors, 14 claim types, several publishers, items), then runs the real CLI
(`proxygraph export -f FORMAT -o PATH`) in a child process per format and reports its
peak RSS (VmHWM, the child's own), its time and the size of what it wrote. Two sizes show
how memory grows with the store: the claim files (jsonl, stix, claims.csv/.parquet)
stream; the network (gexf, graphml, nodes/edges of csv and parquet) is built in memory
from the selected claims, as `proxygraph network` builds it.

--json prints one object: {"claims": {N: {format: {"rss_mb", "seconds", "out_mb"}}}}.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_queries import _PEAK  # noqa: E402
from synthetic_store import build_store, store_exists  # noqa: E402

from proxygraph.export import FOLDER_FORMATS, FORMATS  # noqa: E402


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.iterdir())
    return path.stat().st_size


def export_rss(url: str, fmt: str, out: Path) -> dict[str, float]:
    """Peak RSS (MB), seconds and output MB of one `proxygraph export` child."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, "export", "-f", fmt, "-o", str(out),
                           "--db", url], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"export {fmt} failed: {proc.stderr.strip()}")
    kb = int(next(x for x in proc.stderr.splitlines() if x.startswith("peak-rss-kb"))
             .split()[1])
    return {"rss_mb": round(kb / 1024, 1), "seconds": round(seconds, 1),
            "out_mb": round(_size(out) / 2**20, 1)}


def idle_rss() -> float:
    """Peak RSS of the CLI doing nothing but load (`proxygraph export --help`)."""
    proc = subprocess.run([sys.executable, "-c", _PEAK, "export", "--help"],
                          capture_output=True, text=True, check=True)
    kb = int(next(x for x in proc.stderr.splitlines() if x.startswith("peak-rss-kb"))
             .split()[1])
    return round(kb / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append", required=True,
                        help="claims in the synthetic store (repeat for several sizes)")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="comma-separated formats (default: all)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--db", help="a store to use (and keep): built there unless it holds "
                        "claims already; with one --claims only")
    args = parser.parse_args(argv)
    if args.db and len(args.claims) != 1:
        parser.error("--db takes one --claims")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")
    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print  # noqa: E731
    figures: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.claims:
            url = args.db or f"sqlite:///{Path(tmp) / f'store-{n}.db'}"
            if args.db and store_exists(url):
                say(f"store of {n} claims reused: {url}")
            else:
                say(f"store of {n} claims built in {build_store(url, n):.1f} s")
            figures[n] = {}
            for fmt in formats:
                out = Path(tmp) / (f"out-{n}-{fmt}" if fmt in FOLDER_FORMATS else
                                   f"out-{n}.{fmt}")
                figures[n][fmt] = export_rss(url, fmt, out)
                say(f"  {fmt:<8} {figures[n][fmt]}")
            if not args.db:
                os.remove(url.removeprefix("sqlite:///"))
    idle = idle_rss()
    if args.json:
        print(json.dumps({"idle_rss_mb": idle, "claims": figures}))
        return 0
    print(f"\nidle CLI (export --help): {idle:.0f} MB peak RSS")
    print(f"{'format':<10}" + "".join(f"{f'{n} claims':>26}" for n in args.claims))
    print(f"{'':<10}" + "".join(f"{'MB RSS   s   MB out':>26}" for _ in args.claims))
    for fmt in formats:
        cells = "".join(f"{figures[n][fmt]['rss_mb']:>12.0f}{figures[n][fmt]['seconds']:>7.1f}"
                        f"{figures[n][fmt]['out_mb']:>7.1f}" for n in args.claims)
        print(f"{fmt:<10}{cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
