"""Ingest jobs run beside the web server: the collection flow in a thread, its progress
readable while it runs.

The work is `proxygraph.collection.ingest_paths` itself (one transaction per document);
this module only keeps uploaded bytes in a private temporary folder, runs the flow in a
thread and records each file's outcome as it happens.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proxygraph.collection import FileOutcome, ingest_paths
from proxygraph.errors import ProxygraphError
from proxygraph.store import ClaimStore

MAX_JOBS = 20  # finished jobs remembered
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_name(name: str, fallback: str) -> str:
    """A file name with no folders and no odd characters (the suffix picks the reader)."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[:120] or fallback


@dataclass
class Job:
    id: str
    files: list[str]
    outcomes: list[FileOutcome] = field(default_factory=list)
    state: str = "queued"  # queued | running | done | failed
    error: str | None = None
    folder: str | None = None

    @property
    def progress(self) -> float:
        return len(self.outcomes) / max(1, len(self.files))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "error": self.error,
                "files": len(self.files), "done": len(self.outcomes),
                "outcomes": [o.__dict__ for o in self.outcomes]}


class Jobs:
    def __init__(self, store: ClaimStore, on_change: Any = None,
                 extractor: Any = None) -> None:
        self.store = store
        self.extractor = extractor  # (function, version); None: the real extractor
        self.on_change = on_change
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._one_at_a_time = threading.Lock()

    def start(self, files: list[tuple[str, bytes]], *, publisher: str | None = None,
              reliability: str | None = None, published: str | None = None,
              title: str | None = None, wait: bool = False) -> Job:
        folder = tempfile.mkdtemp(prefix="proxygraph-upload-")
        paths = []
        for n, (name, data) in enumerate(files):
            # One folder per file: the stored document keeps the name it was uploaded as.
            path = Path(folder) / f"{n:03d}" / safe_name(name, f"report-{n}.txt")
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(str(path))
        job = Job(uuid.uuid4().hex[:12], paths, folder=folder)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state in ("done", "failed"):
                    del self._jobs[oldest]
                else:
                    break
        options = {"publisher": publisher or None, "reliability": reliability or None,
                   "published": published or None, "title": title or None}
        thread = threading.Thread(target=self._run, args=(job, options), daemon=True,
                                  name=f"ingest-{job.id}")
        thread.start()
        if wait:
            thread.join()
        return job

    def _run(self, job: Job, options: dict[str, Any]) -> None:
        with self._one_at_a_time:  # one ingest at a time: the store serialises writers
            job.state = "running"
            try:
                ingest_paths(self.store, job.files, on_outcome=job.outcomes.append,
                             extractor=self.extractor, **options)
                job.state = "done"
            except ProxygraphError as exc:
                job.state, job.error = "failed", str(exc)
            except Exception as exc:  # a thread must report, never die silently
                job.state, job.error = "failed", f"{exc.__class__.__name__}: {exc}"
            finally:
                if job.folder:
                    shutil.rmtree(job.folder, ignore_errors=True)
                if self.on_change:
                    self.on_change()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)
