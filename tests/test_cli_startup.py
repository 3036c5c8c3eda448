"""`proxygraph --help` and light commands start fast because heavy libraries load only
where they are used (issue 8: < 0.3 s; the figure is in bench/RESULTS.md, not timed here)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "spacy", "dask", "pyarrow", "stix2", "dash", "sklearn",
         "igraph", "leidenalg", "numpy")


def test_the_cli_imports_no_heavy_library_until_a_command_needs_it() -> None:
    code = ("import sys, proxygraph.cli.app; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert run.stdout.strip() == ""

