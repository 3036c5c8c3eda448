"""The Typer application object and helpers shared by command modules.

`ProxygraphGroup.main` is the one place where every way a run can end becomes an exit
code from `proxygraph.errors.EXIT_CODES` and at most one line on stderr: our own errors,
Click's usage errors (which Click would give code 2, the code of unreadable input), an
abort and Ctrl-C. The command tests, which call the app through CliRunner, and the
installed `proxygraph` script therefore see the same codes.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from proxygraph.errors import (
    EXIT_CODES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    InputError,
    ProxygraphError,
    ValidationError,
)


def _click_exceptions(name: str) -> tuple[type[BaseException], ...]:
    """Click's exception class `name`, from Click and from the copy newer Typers vendor."""
    found: list[type[BaseException]] = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type) and cls not in found:
            found.append(cls)
    return tuple(found)


_NO_ARGS_IS_HELP = _click_exceptions("NoArgsIsHelpError")
_USAGE_ERROR = _click_exceptions("UsageError")
_FILE_ERROR = _click_exceptions("FileError")
_CLICK_EXCEPTION = _click_exceptions("ClickException")
_ABORT = (typer.Abort, *_click_exceptions("Abort"))


def exit_code_table(indent: str = "") -> list[str]:
    """The exit codes as lines "CODE  meaning" (README, --help)."""
    return [f"{indent}{code}  {meaning}" for code, meaning in EXIT_CODES]


def one_line(text: str) -> str:
    return " ".join(text.split())


def usage_error_line(exc: Any) -> str:
    """A Click usage error's message and the command's usage, on one line."""
    message = one_line(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return message
    usage = one_line(ctx.get_usage()).removeprefix("Usage: ")
    return f"{message} (usage: {usage}; see '{ctx.command_path} --help')"


def _error(message: str) -> None:
    print(f"proxygraph: error: {message}", file=sys.stderr)


def run_to_exit_code(run: Callable[[], Any]) -> int:
    """Run a non-standalone Click main and turn however it ends into an exit code."""
    try:
        result = run()
    except _NO_ARGS_IS_HELP as exc:
        # Asking for nothing is asking for help: Typer has already printed it (Click
        # puts it in the message instead).
        text = exc.format_message()  # type: ignore[attr-defined]
        if text.strip():
            print(text)
        return EXIT_OK
    except _USAGE_ERROR as exc:
        _error(usage_error_line(exc))
        return ValidationError.exit_code
    except _FILE_ERROR as exc:
        _error(one_line(exc.format_message()))  # type: ignore[attr-defined]
        return InputError.exit_code
    except _CLICK_EXCEPTION as exc:
        _error(one_line(exc.format_message()))  # type: ignore[attr-defined]
        return ValidationError.exit_code
    except _ABORT:
        print("proxygraph: aborted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ProxygraphError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        print("proxygraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    # Non-standalone Click returns the code of a typer.Exit, else the command's value.
    return result if isinstance(result, int) else EXIT_OK


class ProxygraphGroup(TyperGroup):
    """The root command group: runs Click non-standalone and owns the exit codes."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        def run() -> Any:
            return super(ProxygraphGroup, self).main(args, prog_name, complete_var,
                                                     standalone_mode=False, **extra)
        if not standalone_mode:
            return run()
        sys.exit(run_to_exit_code(run))


EPILOG = "\n".join(["Exit codes:", *exit_code_table(indent="  ")])

app = typer.Typer(
    name="proxygraph",
    cls=ProxygraphGroup,
    help="Turn reports into a sourced, time-aware graph of sponsor/proxy claims.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version_line() -> str:
    """Package, extractor and ontology versions: what a claim export depends on."""
    from proxygraph import __version__
    from proxygraph.extract import EXTRACTOR_VERSION  # loads spaCy: only for --version
    from proxygraph.ontology import ONTOLOGY

    return f"proxygraph {__version__} (extractor {EXTRACTOR_VERSION}, ontology {ONTOLOGY.version})"


def _show_version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit(EXIT_OK)


@app.callback()
def root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help="Print the package, extractor and ontology versions and exit.")] = False,
) -> None:
    """Turn reports into a sourced, time-aware graph of sponsor/proxy claims."""


def fail(exc: ProxygraphError) -> NoReturn:
    """Print one line for a known error and exit with its code."""
    _error(str(exc))
    raise typer.Exit(exc.exit_code)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
