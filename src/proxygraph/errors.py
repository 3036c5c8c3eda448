"""One exception hierarchy; the CLI turns each into a one-line error and an exit code.

EXIT_CODES is the one table of exit codes: the README, `proxygraph --help` and the tests
all read it from here.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1  # a batch where some inputs failed; the rest was processed
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class ProxygraphError(Exception):
    """Base of every error proxygraph raises on purpose."""

    exit_code = EXIT_PARTIAL


class InputError(ProxygraphError):
    """A file or stream the user gave cannot be read as a report."""

    exit_code = 2


class ValidationError(ProxygraphError):
    """A record, an option or the command line itself is not valid."""

    exit_code = 3


class StoreError(ProxygraphError):
    """The claim store cannot be opened or written."""

    exit_code = 4


class NotFoundError(ProxygraphError):
    """A requested claim, entity or document does not exist."""

    exit_code = 5


EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "success"),
    (EXIT_PARTIAL, "some inputs of a batch failed (the rest was processed)"),
    (InputError.exit_code, "unreadable input (missing, binary, undecodable, too large)"),
    (ValidationError.exit_code, "invalid records or options, including usage errors"),
    (StoreError.exit_code, "store problem (cannot open, migrate or write the store)"),
    (NotFoundError.exit_code, "not found (no such claim, actor, item or source)"),
)
