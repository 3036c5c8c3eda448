"""Peak memory and speed of extraction on one large document, with and without paragraphs.

    python bench/extract_memory.py [--mb 5] [--flat]

Builds a text of the given size from the bundled samples (years varied so claims differ),
optionally with every line break removed (one paragraph, the worst case for chunking),
extracts it in a child process and prints words/s and peak RSS. Target (issue 7): under
500 MB for a 5 MB text, at the words/s of small files.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "proxygraph" / "samples" / "reports"


def build_text(megabytes: float, flat: bool) -> str:
    base = "\n\n".join(p.read_text("utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    parts, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        part = base.replace("2024", str(1990 + n % 30))
        parts.append(part)
        size += len(part) + 2
        n += 1
    text = "\n\n".join(parts)
    return " ".join(text.split()) if flat else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--flat", action="store_true", help="no line breaks at all")
    args = parser.parse_args()
    text = build_text(args.mb, args.flat)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(text, "utf-8")
        code = ("import sys; from proxygraph.extract import extract_path; "
                "print(len(extract_path(sys.argv[1])))")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    words = len(text.split())
    print(f"size: {len(text) / 1e6:.1f} MB  words: {words}  flat: {args.flat}")
    print(f"claims: {done.stdout.strip()}  time: {seconds:.1f} s  "
          f"words/s: {words / seconds:.0f}  peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
