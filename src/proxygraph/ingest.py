"""Read reports (plain text, Markdown, HTML, PDF, stdin) into clean-text Documents.

Every failure a user can cause (missing, binary, oversized, undecodable or unreadable
input) becomes one InputError whose one-line message names the file.

Text is read as UTF-8 when it is valid UTF-8 (or carries a UTF-8 or UTF-16 byte order
mark); otherwise its encoding is detected with charset-normalizer, or forced by the caller
(`encoding=`, the CLI's `--encoding`).
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from proxygraph.errors import InputError, ValidationError
from proxygraph.ids import content_hash
from proxygraph.model import Document

MAX_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

MEDIA_TEXT = "text/plain"
MEDIA_MARKDOWN = "text/markdown"
MEDIA_HTML = "text/html"
MEDIA_PDF = "application/pdf"

_METADATA_KEYS = frozenset({"title", "source_url", "publisher", "published", "language",
                            "reliability"})
_BINARY_PROBE = 8192  # bytes inspected for NUL when deciding "binary"
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Western single-byte text too short for charset-normalizer to recognise a language is
# read as Windows-1252 (a superset of Latin-1's printable characters): the reports this
# tool reads are in English, where that is by far the likeliest legacy encoding.
_SHORT_TEXT_FALLBACK = "cp1252"
_TIE_CHAOS = 0.01  # charset-normalizer scores within these margins count as a tie
_TIE_COHERENCE = 0.1

SkipHandler = Callable[[Path, str], None]

# --- text cleaning -----------------------------------------------------------------

_NEWLINE_LIKE = re.compile("[\x0b\x0c\x85\u2028\u2029]")  # VT, FF (PDF page breaks), NEL, LS, PS
# Unicode space separators (category Zs) other than the ASCII space.
_SPACE_SEPARATORS = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Control characters except \t and \n, format characters (category Cf: zero-width
# spaces/joiners, soft hyphen, BOM, bidi marks, tags) and lone surrogates, which pypdf
# can emit and which UTF-8 cannot encode (content_hash would fail).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff]"
)
_H_SPACE_RUN = re.compile(r"[ \t]+")
_LINE_EDGE_SPACE = re.compile(r" ?\n ?")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise whitespace and invisible characters; keep quotes and dashes as written.

    Idempotent: cleaning clean text returns it unchanged (the sha256 depends on it).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NEWLINE_LIKE.sub("\n", text)
    text = _SPACE_SEPARATORS.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    # NFC after the removals: deleting a zero-width char can leave a base letter next to
    # a combining mark, which only a later NFC would compose.
    text = unicodedata.normalize("NFC", text)
    text = _H_SPACE_RUN.sub(" ", text)
    text = _LINE_EDGE_SPACE.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


# --- public entry points -----------------------------------------------------------


def read_document(path: str | Path, *, name: str | None = None, encoding: str | None = None,
                  **metadata: Any) -> Document:
    """Read one report file. The format follows the suffix; unknown suffixes are sniffed.

    `encoding` forces the text encoding (else UTF-8, else detected); PDFs ignore it.
    """
    p = Path(path)
    label = str(p)
    data = _read_bytes(p)
    suffix = p.suffix.lower()
    if suffix in HTML_SUFFIXES:
        media = MEDIA_HTML
    elif suffix in PDF_SUFFIXES:
        media = MEDIA_PDF
    elif suffix == ".md":
        media = MEDIA_MARKDOWN
    elif suffix in TEXT_SUFFIXES:
        media = MEDIA_TEXT
    else:
        # No suffix or an unknown one: the user named the file explicitly, so look inside.
        media = sniff_media_type(data)
    return _build(data, media, label, name or p.name, metadata, encoding)


def read_text_stream(data: bytes, name: str = "stdin", media_type: str | None = None, *,
                     encoding: str | None = None, **metadata: Any) -> Document:
    """Read a report given as bytes (stdin, `-`); HTML and PDF are recognised by content."""
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(name, len(data)))
    media = media_type or sniff_media_type(data)
    return _build(data, media, name, name, metadata, encoding)


def check_encoding(encoding: str) -> str:
    """The codec's canonical name; ValidationError for a name Python does not know."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValidationError(f"unknown encoding {encoding!r} (e.g. utf-8, cp1252, "
                              "latin-1, utf-16)") from None


def decode_text(data: bytes, label: str, encoding: str | None = None) -> str:
    """Bytes to text: the forced encoding, else UTF-8 (with or without BOM), else detected.

    Raises InputError, naming the file and the byte offset, when the bytes are not text
    in the forced encoding, or are neither UTF-8 nor anything the detector recognises.
    """
    if encoding is not None:
        codec = check_encoding(encoding)
        if codec == "utf-8":
            codec = "utf-8-sig"  # a BOM is not part of the text
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"{label} is not valid {encoding} text "
                             f"(byte offset {exc.start})") from None
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{label} is not valid UTF-16 text "
                             f"(byte offset {exc.start})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        has_bom = data.startswith(_BOM)
        where = f"byte offset {exc.start + (len(_BOM) if has_bom else 0)}"
        if has_bom:  # the file says it is UTF-8: believe it and name the fault
            raise InputError(f"{label} is not valid UTF-8 text ({where})") from None
    detected = _detect(data)
    if detected is None:
        raise InputError(f"{label} is not valid UTF-8 text ({where}) and its encoding "
                         "could not be detected; give it with --encoding")
    return detected


def _detect(data: bytes) -> str | None:
    """The text in the encoding charset-normalizer finds likeliest, or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.coherence == 0.0:
        # No language recognised (a few words): every single-byte code page "fits"
        # equally, and the detector's pick among them is arbitrary (cp1006 for "Café").
        try:
            return data.decode(_SHORT_TEXT_FALLBACK)
        except UnicodeDecodeError:
            return str(best)
    # Near-ties are common (cp1250 and cp1252 read "Naïm" equally well): prefer the
    # commoner Windows code pages, Western first, over the detector's arbitrary order.
    ties = [m for m in matches if m.chaos <= best.chaos + _TIE_CHAOS
            and m.coherence >= best.coherence - _TIE_COHERENCE]
    for preferred in (lambda enc: enc == "cp1252", lambda enc: enc.startswith("cp125")):
        for match in ties:
            if preferred(match.encoding):
                return str(match)
    return str(best)


def sniff_media_type(data: bytes) -> str:
    """HTML if it opens with <!doctype or <html, PDF if with %PDF-, else plain text."""
    head = data[:1024]
    if head.startswith(_BOM):
        head = head[len(_BOM):]
    head = head.lstrip().lower()
    if head.startswith(b"%pdf-"):
        return MEDIA_PDF
    if head.startswith((b"<!doctype", b"<html")):
        return MEDIA_HTML
    return MEDIA_TEXT


def iter_input_paths(paths: Sequence[str], *,
                     on_skip: SkipHandler | None = None) -> Iterator[Path]:
    """Expand the command-line paths into report files, in a stable order.

    A directory gives its supported, non-hidden files, recursively and sorted; its other
    non-hidden files are passed to `on_skip(path, reason)` so a caller can list them. A
    file is given as is whatever its suffix (the user asked for it). `-` (stdin) is passed
    through for the caller to read with read_text_stream. Each file appears once.
    """
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            yield Path("-")
            continue
        p = Path(raw)
        if not p.exists():
            raise InputError(f"no such file: {raw}")
        skipped: list[tuple[Path, str]] = []
        found = _report_files(p, skipped) if p.is_dir() else [p]
        if not found:
            raise InputError(f"no report files (.txt, .md, .html, .pdf) in {raw}")
        for path, reason in skipped:
            if on_skip is not None:
                on_skip(path, reason)
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


# --- internals ---------------------------------------------------------------------


def _report_files(directory: Path, skipped: list[tuple[Path, str]]) -> list[Path]:
    """Supported files under `directory`; the other non-hidden files go to `skipped`."""
    out: list[Path] = []
    # os.walk without following links: a symlinked directory cannot loop the walk.
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            if fname.startswith("."):
                continue
            f = Path(root) / fname
            if not f.is_file():
                skipped.append((f, "not a regular file"))
            elif f.suffix.lower() in SUPPORTED_SUFFIXES:
                out.append(f)
            else:
                skipped.append((f, f"unsupported type {f.suffix or '(no suffix)'}"))
    return out


def _too_large(label: str, size: int) -> str:
    return (f"{label} is too large ({size / 2**20:.1f} MiB; the limit is "
            f"{MAX_BYTES // 2**20} MiB)")


def _read_bytes(p: Path) -> bytes:
    label = str(p)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"no such file: {label}") from None
    except OSError as exc:
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from None
    if p.is_dir():
        raise InputError(f"{label} is a directory, not a report file")
    if not p.is_file():
        raise InputError(f"{label} is not a regular file")
    # Check the size before reading so a huge file fails at once, not after filling memory.
    if st.st_size > MAX_BYTES:
        raise InputError(_too_large(label, st.st_size))
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # the file grew after stat
        raise InputError(_too_large(label, len(data)))
    return data


def _build(data: bytes, media: str, label: str, name: str,
           metadata: dict[str, Any], encoding: str | None = None) -> Document:
    unknown = set(metadata) - _METADATA_KEYS
    if unknown:
        raise TypeError(f"unknown document metadata: {', '.join(sorted(unknown))}")
    title: str | None = None
    if not data.removeprefix(_BOM).strip():
        text = ""  # an empty report is not an error: it just yields no claims
    elif media == MEDIA_PDF:
        text, title = _pdf_text(data, label)
    else:
        # NUL bytes mean binary, unless the text is UTF-16 (a BOM, or the caller says so).
        wide = data.startswith(_UTF16_BOMS) if encoding is None else \
            check_encoding(encoding).startswith(("utf-16", "utf-32"))
        if not wide and b"\x00" in data[:_BINARY_PROBE]:
            raise InputError(f"{label} is a binary file, not a text report")
        if media == MEDIA_HTML:
            if encoding is not None or wide:
                data = decode_text(data, label, encoding).encode("utf-8")
            text, title = _html_text(data, label)
        else:
            text = decode_text(data, label, encoding)
    text = clean_text(text)
    fields = {k: v for k, v in metadata.items() if v is not None}
    fields.setdefault("title", clean_text(title) if title else None)
    return Document(name=name, text=text, sha256=content_hash(text), media_type=media,
                    **fields)


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings (pypdf, trafilatura log to stderr on odd input)."""
    logger = logging.getLogger(logger_name)
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(old)


def _pdf_text(data: bytes, label: str) -> tuple[str, str | None]:
    from pypdf import PdfReader

    with _quiet("pypdf"):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{label} is an encrypted PDF (cannot read without a password)")
            pages = [page.extract_text() or "" for page in reader.pages]
            meta = reader.metadata
            title = str(meta.title) if meta is not None and meta.title else None
        except InputError:
            raise
        except Exception as exc:  # pypdf raises many types on malformed files
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            raise InputError(f"{label} is not a readable PDF ({reason})") from None
    return "\n\n".join(p.strip() for p in pages if p.strip()), title


def _html_text(data: bytes, label: str) -> tuple[str, str | None]:
    import trafilatura

    # Prefer a str (our UTF-8 decoding); otherwise hand trafilatura the bytes so it can
    # honour the page's declared charset.
    try:
        source: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        source = data
    text = ""
    title: str | None = None
    with _quiet("trafilatura"), _quiet("htmldate"), _quiet("courlan"):
        try:
            text = trafilatura.extract(source, include_comments=False, include_tables=True) or ""
            # trafilatura puts one block per line; a blank line between blocks keeps a
            # heading from being read as the start of the next sentence.
            text = text.replace("\n", "\n\n")
            if not text.strip():
                text = trafilatura.html2txt(source) or ""
            meta = trafilatura.extract_metadata(source)
            title = meta.title if meta is not None else None
        except Exception:  # fall back to lxml below on any extractor failure
            text = ""
    if not text.strip() or not title:
        fallback_text, fallback_title = _lxml_text(data, label)
        text = text if text.strip() else fallback_text
        title = title or fallback_title
    return text, title


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
               "section", "article", "header", "footer", "blockquote", "pre", "table",
               "ul", "ol", "dl", "dt", "dd", "td", "th")


def _lxml_text(data: bytes, label: str) -> tuple[str, str | None]:
    """Whole-page text as a last resort, one block per line."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(data)
    except (etree.ParserError, ValueError):
        return "", None  # nothing parseable, e.g. only a comment
    except etree.LxmlError as exc:
        raise InputError(f"{label} is not readable HTML ({exc})") from None
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    for el in root.xpath("//script | //style | //noscript | //template | //head"):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return root.text_content(), title or None
