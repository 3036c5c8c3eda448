"""Import hand-coded claims from CSV or JSON Lines into the store, validated row by row.

    from proxygraph.importer import import_file
    result = import_file(store, "claims.csv", reviewer="analyst")
    for problem in result.problems: print(problem)

Every row is checked against the ontology; actors and items are resolved through the
store's overlay and the registry. A bad row is reported with its line number and reason;
unless `skip_bad` is given, one bad row means nothing of the file is stored. Stored
claims are marked hand-coded (origin "hand") and reviewed (accepted, with an accept
review by the importer), in one transaction (`SqlStore.add_hand_coded`).

The CSV header and the JSONL shape are documented in docs/data-dictionary.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from proxygraph.errors import EXIT_OK, EXIT_PARTIAL, InputError, ProxygraphError, ValidationError
from proxygraph.graph.actors import suggestions
from proxygraph.ids import content_hash, stable_id
from proxygraph.ingest import MAX_BYTES
from proxygraph.model import Claim, Document, Entity, Evidence, Quantity, TimeSpan
from proxygraph.ontology import ONTOLOGY
from proxygraph.registry import default_registry
from proxygraph.spreadsheet import unguarded
from proxygraph.store.base import check_grade, period
from proxygraph.store.overlay import registry_entity
from proxygraph.store.review import unresolved

FORMATS = ("csv", "jsonl")
REQUIRED_COLUMNS = ("subject", "type", "object", "source")
IMPORT_COLUMNS = (*REQUIRED_COLUMNS, "subject_kind", "object_kind", "items", "via", "route",
                  "place", "date", "status", "certainty", "quantity", "attribution", "note",
                  "quote", "source_url", "publisher", "published", "reliability")
# Columns of an exported claims.csv that import reads past, so an export imports as is.
IGNORED_COLUMNS = ("id", "subject_id", "object_id", "item_ids", "via_ids", "time_start",
                   "time_end", "time_precision", "time_text", "evidence_start",
                   "evidence_end", "doc", "doc_name", "credibility", "review_state",
                   "lifecycle", "origin", "supersedes", "extractor_version",
                   "extractor_component", "ontology")
SEPARATOR = ";"
HAND_EXTRACTOR = {"name": "hand-coded", "version": "hand"}
HAND_MEDIA_TYPE = "text/x-proxygraph-hand-coded"  # a stand-in document: no text is stored
_CLAIM_ID = re.compile(r"^clm_[0-9a-f]{20}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_ACTOR_ROLES = ("subject", "object", "via")


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the file as a whole
    reason: str

    def render(self, label: str) -> str:
        return f"{label}:{self.line}: {self.reason}" if self.line else f"{label}: {self.reason}"


@dataclass
class ImportResult:
    label: str
    format: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    unresolved: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (what, name)
    claims: int = 0  # valid claims in the file (duplicates counted once)
    stored: int = 0
    unreadable: bool = False  # not text at all (exit 2), rather than bad records (exit 3)
    fatal: bool = False  # the file as a whole is wrong (its header): no row can be read
    skip_bad: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def imported(self) -> bool:
        return not (self.unreadable or self.fatal) and (self.ok or self.skip_bad)

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return InputError.exit_code
        if self.ok:
            return EXIT_OK
        return EXIT_PARTIAL if self.imported else ValidationError.exit_code

    def summary(self) -> str:
        names = f", {len(self.unresolved)} unresolved names kept" if self.unresolved else ""
        if not self.imported:
            bad = sum(1 for p in self.problems if p.line)
            what = "unreadable" if self.unreadable else "bad header" if self.fatal else \
                f"{bad} bad of {self.rows} rows"
            hint = "" if self.unreadable or self.fatal else \
                f" (fix them, or --skip-bad to import the other {self.claims})"
            return f"{self.label}: nothing imported: {what}{hint}"
        skipped = f", {len(self.problems)} bad rows skipped" if self.problems else ""
        known = self.claims - self.stored
        return (f"{self.label}: {self.stored} claims imported as reviewed"
                + (f" ({known} already stored)" if known else "") + skipped + names)


class Resolver:
    """Names to entities through the store's overlay and the registry, cached."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.registry = default_registry()
        self._actors: dict[str, Entity | None] = {}

    def actor(self, name: str) -> Entity | None:
        if name not in self._actors:
            found = self.store.resolve_actor(name)
            self._actors[name] = found if found is not None and found.kind != "item" else None
        return self._actors[name]

    def item(self, name: str) -> Entity | None:
        return self.registry.lookup_item(name)

    def knows_actor_id(self, entity_id: str) -> bool:
        return entity_id in self.registry or self.actor(entity_id) is not None


class RowError(Exception):
    """One bad row; the message is its reason."""


@dataclass
class _Pending:
    """Claims gathered per document, in file order."""

    documents: dict[str, Document] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def add(self, doc: Document, claim: Claim) -> None:
        if claim.id in self.ids:
            return  # the same claim twice in one file is one claim
        self.ids.add(claim.id)
        self.documents.setdefault(doc.sha256, doc)
        self.claims.setdefault(doc.sha256, []).append(claim)

    def batch(self) -> list[tuple[Document, list[Claim]]]:
        return [(self.documents[sha], claims) for sha, claims in self.claims.items()]


# --- reading ---------------------------------------------------------------------------

def read_input(path: str | Path, stdin: BinaryIO | None = None) -> tuple[bytes, str]:
    """The bytes of a file or of stdin (`-`), refusing more than the size limit."""
    label = str(path)
    if label == "-":
        data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        label = "stdin"
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError(f"no such file: {label}" if not p.exists() else
                             f"{label} is not a regular file")
        if p.stat().st_size > MAX_BYTES:
            raise InputError(_too_large(label, p.stat().st_size))
        try:
            with p.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read {label}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(label, len(data)))
    return data, label


def _too_large(label: str, size: int) -> str:
    return (f"{label} is too large to import ({size / 2**20:.1f} MiB; the limit is "
            f"{MAX_BYTES // 2**20} MiB: split it)")


def decode(data: bytes) -> tuple[str, list[Problem]]:
    """UTF-8 text (a byte order mark dropped), or a problem for every line that is not."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(n, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at "
                                       f"column {exc.start + 1}); save the file as UTF-8"))
    return "", problems


def detect_format(label: str, text: str, given: str | None) -> str:
    if given:
        if given not in FORMATS:
            raise ValidationError(f"import format must be one of {', '.join(FORMATS)}")
        return given
    suffix = Path(label).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


# --- CSV rows --------------------------------------------------------------------------

def _csv_rows(text: str, result: ImportResult) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        result.fatal = True
        result.problems.append(Problem(1, f"unreadable header: {exc}"))
        return
    if header is None or not any(h.strip() for h in header):
        result.fatal = True
        result.problems.append(Problem(1, "no header: the first line names the columns ("
                                          + ", ".join(REQUIRED_COLUMNS) + ", ...)"))
        return
    names = [h.strip().lower() for h in header]
    bad_header = _check_header(names)
    if bad_header:
        result.fatal = True
        result.problems += bad_header
        return
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            result.rows += 1
            result.problems.append(Problem(start, f"unreadable CSV: {exc}"))
            return
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        result.rows += 1
        if len(cells) > len(names):
            result.problems.append(Problem(line, f"{len(cells)} fields, but the header "
                                                 f"names {len(names)}"))
            continue
        # an exported cell that began like a formula was written with an apostrophe
        yield line, {n: unguarded(c.strip()) for n, c in zip(names, cells, strict=False)}


def _check_header(names: list[str]) -> list[Problem]:
    known = set(IMPORT_COLUMNS) | set(IGNORED_COLUMNS)
    problems = [Problem(1, f"unknown column {n!r} (columns: {', '.join(IMPORT_COLUMNS)})")
                for n in names if n and n not in known]
    problems += [Problem(1, f"column {n!r} appears twice")
                 for n in sorted({n for n in names if n and names.count(n) > 1})]
    problems += [Problem(1, f"missing column {n!r}") for n in REQUIRED_COLUMNS
                 if n not in names]
    return problems


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(SEPARATOR) if p.strip())


def parse_date(value: str) -> TimeSpan | None:
    """YYYY[-MM[-DD]], or START..END with either end open ("2023..", "..2023")."""
    value = value.strip()
    if not value:
        return None
    first, sep, last = (p.strip() for p in value.partition(".."))
    if sep and not (first or last):
        raise RowError(f"bad date {value!r}")
    try:
        start = period(first)[0] if first else None
        end = period(last if sep else first)[1] if (last or not sep) else None
    except ValidationError:
        raise RowError(f"bad date {value!r} (YYYY, YYYY-MM, YYYY-MM-DD or START..END)"
                       ) from None
    if start and end and end < start:
        raise RowError(f"bad date {value!r}: it ends before it starts")
    widths = [len(p) for p in (first, last) if p]
    precision = {4: "year", 7: "month"}.get(min(widths), "day")
    return TimeSpan(text=value, start=start, end=end, precision=precision)


class _Csv:
    """CSV rows to claims under hand-coded source documents."""

    def __init__(self, resolver: Resolver, keep_unknown: bool, result: ImportResult) -> None:
        self.resolver = resolver
        self.keep_unknown = keep_unknown
        self.result = result
        self.sources: dict[str, tuple[Document, int]] = {}

    def actor(self, name: str, role: str, kind: str, line: int) -> Entity:
        found = self.resolver.actor(name)
        if found is not None:
            return found
        if kind or self.keep_unknown:
            self.result.unresolved.setdefault(("actor", name), []).append(line)
            return unresolved(name, kind or "collective")
        raise RowError(f"unknown {role} {name!r}{suggestions(name)}; add it with `proxygraph "
                       f"actors add`, give {role}_kind for a new one, or --keep-unknown")

    def item(self, name: str, line: int) -> Entity:
        found = self.resolver.item(name)
        if found is None:
            self.result.unresolved.setdefault(("item", name), []).append(line)
            return unresolved(name, "item")
        return found

    def document(self, row: dict[str, str], line: int) -> Document:
        source = row.get("source", "")
        if not source:
            raise RowError("missing source (the report or reference the claim comes from)")
        url, publisher = row.get("source_url") or None, row.get("publisher") or None
        published = row.get("published") or None
        try:
            reliability = check_grade(row.get("reliability") or "F")
            if published:
                period(published)
        except ValidationError as exc:
            raise RowError(str(exc)) from None
        sha = content_hash("\n".join(("proxygraph hand-coded source", source, url or "",
                                      publisher or "")))
        doc = Document(name=source, text="", sha256=sha, media_type=HAND_MEDIA_TYPE,
                       title=source, source_url=url, publisher=publisher,
                       published=published, reliability=reliability)
        first, first_line = self.sources.setdefault(sha, (doc, line))
        for attr in ("published", "reliability"):
            if getattr(first, attr) != getattr(doc, attr) and row.get(attr):
                raise RowError(f"source {source!r} has {attr} {getattr(first, attr)} on line "
                               f"{first_line}, {getattr(doc, attr)} here")
        return first

    def claim(self, row: dict[str, str], line: int) -> tuple[Document, Claim]:
        ctype = row.get("type", "").upper()
        if ctype not in ONTOLOGY.claim_types:
            raise RowError(f"unknown type {row.get('type', '')!r} (expected one of "
                           f"{', '.join(sorted(ONTOLOGY.claim_types))})")
        spec = ONTOLOGY.claim_types[ctype]
        for attr in ("items", "via", "route", "place", "quantity"):
            if row.get(attr) and attr not in spec.attributes:
                raise RowError(f"{ctype} does not take {attr}")
        for attr in ("subject_kind", "object_kind"):
            if row.get(attr) and row[attr] not in ONTOLOGY.entity_kinds - {"item", "place"}:
                raise RowError(f"unknown {attr} {row[attr]!r}")
        if not row.get("subject"):
            raise RowError("missing subject")
        if spec.object_required and not row.get("object"):
            raise RowError(f"{ctype} needs an object")
        status = (row.get("status") or "occurred").lower()
        certainty = (row.get("certainty") or "high").lower()
        if status not in ONTOLOGY.statuses:
            raise RowError(f"unknown status {status!r} (expected one of "
                           f"{', '.join(ONTOLOGY.statuses)})")
        if certainty not in ONTOLOGY.certainties:
            raise RowError(f"unknown certainty {certainty!r} (expected one of "
                           f"{', '.join(ONTOLOGY.certainties)})")
        doc = self.document(row, line)
        quote = row.get("quote", "")
        quantity = row.get("quantity")
        draft = Claim(
            id="pending", doc=doc.name, type=ctype,
            subject=self.actor(row["subject"], "subject", row.get("subject_kind", ""), line),
            object=self.actor(row["object"], "object", row.get("object_kind", ""), line)
            if row.get("object") else None,
            evidence=Evidence(quote, 0, len(quote)), status=status, certainty=certainty,
            items=tuple(self.item(n, line) for n in _split(row.get("items", ""))),
            via=tuple(self.actor(n, "via", "", line) for n in _split(row.get("via", ""))),
            route=_split(row.get("route", "")), place=_split(row.get("place", "")),
            time=parse_date(row.get("date", "")),
            quantity=Quantity(text=quantity, value=quantity) if quantity else None,
            attribution=_split(row.get("attribution", "")), note=row.get("note") or None,
            extractor=dict(HAND_EXTRACTOR))
        body = {k: v for k, v in draft.to_dict().items() if k != "id"}
        claim_id = stable_id("clm", doc.sha256, json.dumps(body, sort_keys=True,
                                                           ensure_ascii=False))
        return doc, draft.with_changes(id=claim_id)


# --- JSONL rows ------------------------------------------------------------------------

class _Jsonl:
    """Export-shaped records back to claims, under the documents they name."""

    def __init__(self, resolver: Resolver, keep_unknown: bool, result: ImportResult) -> None:
        self.resolver = resolver
        self.keep_unknown = keep_unknown
        self.result = result

    def claim(self, record: Any, line: int) -> tuple[Document, Claim]:
        if not isinstance(record, dict):
            raise RowError("not a claim object")
        if not _CLAIM_ID.match(str(record.get("id", ""))):
            raise RowError(f"bad claim id {record.get('id')!r} (clm_ and 20 hex digits)")
        try:
            claim = Claim.from_dict(record)
        except ProxygraphError as exc:
            raise RowError(str(exc)) from None
        if claim.time:
            for end in (claim.time.start, claim.time.end):
                if end is not None and (len(end) != 10 or not _valid(end)):
                    raise RowError(f"bad date {end!r} in time (YYYY-MM-DD)")
        for role, entity in (("subject", claim.subject), ("object", claim.object),
                             *(("via", v) for v in claim.via)):
            if entity is not None:
                self._check_actor(entity, role, line)
        for item in claim.items:
            if not item.resolved or item.id not in self.resolver.registry:
                self.result.unresolved.setdefault(("item", item.name), []).append(line)
        return self._document(record.get("source"), claim), claim

    def _check_actor(self, entity: Entity, role: str, line: int) -> None:
        if entity.resolved and self.resolver.knows_actor_id(entity.id):
            return
        if not entity.resolved or self.keep_unknown:
            self.result.unresolved.setdefault(("actor", entity.name), []).append(line)
            return
        raise RowError(f"unknown {role} {entity.name!r} (id {entity.id!r}: not in the "
                       f"registry or this store's overlay){suggestions(entity.name)}; add it "
                       "with `proxygraph actors add`, or --keep-unknown")

    def _document(self, source: Any, claim: Claim) -> Document:
        if source is None:
            source = {}
        if not isinstance(source, dict):
            raise RowError("source must be an object")
        sha = source.get("sha256") or content_hash(
            "\n".join(("proxygraph hand-coded source", claim.doc, "", "")))
        if not _SHA.match(str(sha)):
            raise RowError(f"bad source sha256 {sha!r}")
        published = source.get("published")
        try:
            reliability = check_grade(str(source.get("reliability") or "F"))
            if published:
                period(str(published))
        except ValidationError as exc:
            raise RowError(str(exc)) from None
        return Document(name=str(source.get("name") or claim.doc), text="", sha256=sha,
                        media_type=HAND_MEDIA_TYPE, title=source.get("title"),
                        source_url=source.get("url"), publisher=source.get("publisher"),
                        published=published, reliability=reliability)


def _valid(day: str) -> bool:
    try:
        period(day)
        return True
    except ValidationError:
        return False


def _jsonl_rows(text: str, result: ImportResult) -> Iterator[tuple[int, Any]]:
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        result.rows += 1
        try:
            yield n, json.loads(raw)
        except json.JSONDecodeError as exc:
            result.problems.append(Problem(n, f"not JSON: {exc.msg} at column {exc.colno}"))


# --- the whole file ----------------------------------------------------------------------

def check_file(store: Any, data: bytes, label: str, *, fmt: str | None = None,
               keep_unknown: bool = False) -> tuple[ImportResult, _Pending]:
    """Validate every row; nothing is written. Returns the result and the valid claims."""
    text, undecodable = decode(data)
    result = ImportResult(label=label, format=fmt or "csv")
    pending = _Pending()
    if undecodable:
        result.problems = undecodable
        result.unreadable = True
        return result, pending
    result.format = detect_format(label, text, fmt)
    resolver = Resolver(store)
    if result.format == "csv":
        rows: Iterator[tuple[int, Any]] = _csv_rows(text, result)
        parser: Any = _Csv(resolver, keep_unknown, result)
    else:
        rows = _jsonl_rows(text, result)
        parser = _Jsonl(resolver, keep_unknown, result)
    for line, row in rows:
        try:
            doc, claim = parser.claim(row, line)
        except RowError as exc:
            result.problems.append(Problem(line, str(exc)))
            continue
        pending.add(doc, claim)
    result.claims = len(pending.ids)
    result.problems.sort(key=lambda p: p.line or 0)
    return result, pending


class RegistryOnly:
    """Resolution without a store (none exists yet): the packaged registry alone."""

    def resolve_actor(self, name: str) -> Entity | None:
        return registry_entity(name)


def import_file(store: Any, path: str | Path, *, reviewer: str, fmt: str | None = None,
                skip_bad: bool = False, keep_unknown: bool = False,
                stdin: BinaryIO | None = None) -> ImportResult:
    """Validate a CSV or JSONL file and store its claims as hand-coded and reviewed.

    Unreadable input (missing, too large) raises InputError. Otherwise the result lists
    every problem; the claims are stored only when there is none, or with `skip_bad`
    (then the valid rows are stored and the bad ones left out).
    """
    data, label = read_input(path, stdin)
    return import_data(store, data, label, reviewer=reviewer, fmt=fmt, skip_bad=skip_bad,
                       keep_unknown=keep_unknown)


def import_data(store: Any, data: bytes, label: str, *, reviewer: str,
                fmt: str | None = None, skip_bad: bool = False,
                keep_unknown: bool = False) -> ImportResult:
    """`import_file` for bytes already read (`read_input`)."""
    if not reviewer.strip():
        raise ValidationError("an import needs a reviewer (--by)")
    result, pending = check_file(store, data, label, fmt=fmt, keep_unknown=keep_unknown)
    result.skip_bad = skip_bad
    if result.imported and pending.ids:
        result.stored = store.add_hand_coded(pending.batch(), reviewer=reviewer.strip(),
                                             note=f"imported from {label}")
    return result
