"""The `proxygraph` command: a thin layer over the library.

Each command module registers its commands on `app`; the root group (cli/app.py) turns
every ProxygraphError and every Click usage error into one line on stderr and an exit
code from the table in proxygraph/errors.py, never a traceback.
"""

from __future__ import annotations

from proxygraph.cli.app import app

# Command modules register themselves on import.
from proxygraph.cli import extract_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import registry_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import eval_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import store_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import graph_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import web_cmds  # noqa: E402,F401  isort: skip
from proxygraph.cli import exchange_cmds  # noqa: E402,F401  isort: skip


def main() -> None:
    # Standalone: ProxygraphGroup.main maps every outcome to an exit code and exits.
    app(prog_name="proxygraph")
