"""Read reports (plain text, Markdown, HTML, PDF, stdin) into clean-text Documents.

Every failure a user can cause (missing, binary, oversized, undecodable or unreadable
input) becomes one InputError whose one-line message names the file.
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from proxygraph.errors import InputError
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


def read_document(path: str | Path, *, name: str | None = None, **metadata: Any) -> Document:
    """Read one report file. The format follows the suffix; unknown suffixes are sniffed."""
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
    return _build(data, media, label, name or p.name, metadata)


def read_text_stream(data: bytes, name: str = "stdin", media_type: str | None = None,
                     **metadata: Any) -> Document:
    """Read a report given as bytes (stdin, `-`); HTML and PDF are recognised by content."""
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(name, len(data)))
    media = media_type or sniff_media_type(data)
    return _build(data, media, name, name, metadata)


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


def iter_input_paths(paths: Sequence[str]) -> Iterator[Path]:
    """Expand the command-line paths into report files, in a stable order.

    A directory gives its supported, non-hidden files, recursively and sorted; a file
    is given as is whatever its suffix (the user asked for it). `-` (stdin) is passed
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
        found = _report_files(p) if p.is_dir() else [p]
        if not found:
            raise InputError(f"no report files (.txt, .md, .html, .pdf) in {raw}")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


# --- internals ---------------------------------------------------------------------


def _report_files(directory: Path) -> list[Path]:
    out: list[Path] = []
    # os.walk without following links: a symlinked directory cannot loop the walk.
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            if fname.startswith("."):
                continue
            f = Path(root) / fname
            if f.suffix.lower() in SUPPORTED_SUFFIXES and f.is_file():
                out.append(f)
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
           metadata: dict[str, Any]) -> Document:
    unknown = set(metadata) - _METADATA_KEYS
    if unknown:
        raise TypeError(f"unknown document metadata: {', '.join(sorted(unknown))}")
    title: str | None = None
    if not data.removeprefix(_BOM).strip():
        text = ""  # an empty report is not an error: it just yields no claims
    elif media == MEDIA_PDF:
        text, title = _pdf_text(data, label)
    else:
        if b"\x00" in data[:_BINARY_PROBE]:
            raise InputError(f"{label} is a binary file, not a text report")
        if media == MEDIA_HTML:
            text, title = _html_text(data, label)
        else:
            text = _decode_utf8(data, label)
    text = clean_text(text)
    fields = {k: v for k, v in metadata.items() if v is not None}
    fields.setdefault("title", clean_text(title) if title else None)
    return Document(name=name, text=text, sha256=content_hash(text), media_type=media,
                    **fields)


def _decode_utf8(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_BOM) if data.startswith(_BOM) else 0)
        raise InputError(f"{label} is not valid UTF-8 text (byte offset {offset})") from None


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
