"""The `proxygraph` command: a thin layer over the library.

Each command module registers its commands on `app`; every ProxygraphError becomes a
one-line message on stderr and its exit code, never a traceback.
"""

from __future__ import annotations

import sys

from proxygraph.cli.app import app
from proxygraph.errors import ProxygraphError

# Command modules register themselves on import.
from proxygraph.cli import extract_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import registry_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import eval_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import store_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import graph_cmds  # noqa: E402,F401  isort: skip


def main() -> None:
    try:
        app(standalone_mode=True)
    except ProxygraphError as exc:
        print(f"proxygraph: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("proxygraph: interrupted", file=sys.stderr)
        sys.exit(130)
