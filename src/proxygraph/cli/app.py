"""The Typer application object and helpers shared by command modules."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from proxygraph.errors import ProxygraphError

app = typer.Typer(
    name="proxygraph",
    help="Turn reports into a sourced, time-aware graph of sponsor/proxy claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(exc: ProxygraphError) -> NoReturn:
    """Print one line for a known error and exit with its code."""
    print(f"proxygraph: error: {exc}", file=sys.stderr)
    raise typer.Exit(exc.exit_code)
