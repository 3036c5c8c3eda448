"""Where exports go: files written atomically with the permissions of any new file.

A failed or interrupted export leaves no half-written file behind: each file is written
under a temporary name in the same folder and renamed over the target at the end.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from proxygraph.errors import InputError


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_folder(path: Path) -> None:
    if not path.resolve().parent.is_dir():
        raise InputError(f"output folder does not exist: {path.resolve().parent}")


@contextmanager
def atomic_file(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """`path` opened for writing (text as UTF-8, or bytes); `-` is standard output."""
    if str(path) == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    check_folder(path)
    fd, tmp = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.",
                               suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline="")) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def output_folder(path: Path) -> Path:
    """A folder for a multi-file export (created if missing; its parent must exist)."""
    if str(path) == "-":
        raise InputError("this format writes several files: give a folder with -o")
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file; this format writes several files into a folder")
    check_folder(path)
    path.mkdir(exist_ok=True)
    return path
