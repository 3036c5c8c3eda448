"""Reading reports: formats, cleaning, hashing, path expansion and one-line errors."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proxygraph import ingest
from proxygraph.errors import InputError, ValidationError
from proxygraph.ids import content_hash
from proxygraph.ingest import (
    MAX_BYTES,
    clean_text,
    iter_input_paths,
    read_document,
    read_text_stream,
)

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Proxy report</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About us</a> | Subscribe to our newsletter</nav>
<article>
<h1>Iran and its proxies</h1>
<p>Iran supplied Hezbollah with rockets in 2023, according to officials who spoke on
condition of anonymity about the transfers.</p>
<p>The shipments went by sea through Syria, and analysts expect further transfers in the
coming months as tensions rise across the region.</p>
</article>
<footer>Copyright 2024 Think Tank. All rights reserved. Privacy policy.</footer>
</body></html>
"""


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF (Helvetica text, one line per string), xref offsets computed."""
    page_ids = [4 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for pid, lines in zip(page_ids, pages, strict=True):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {pid + 1} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info = ""
    if title:
        objs.append(f"<< /Title ({title}) >>".encode())
        info = f" /Info {len(objs)} 0 R"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\n".encode()
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def one_line(exc: pytest.ExceptionInfo[InputError]) -> str:
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


# --- clean_text ---------------------------------------------------------------------


def test_clean_text_normalises_space_and_invisible_characters() -> None:
    raw = "Iran\u00a0and\u202fthe\u2003IRGC\u200b  sent\t\tarms\x07.\r\nNext\rline\x0cpage"
    assert clean_text(raw) == "Iran and the IRGC sent arms.\nNext\nline\npage"


def test_clean_text_collapses_blank_lines_and_trims_lines() -> None:
    assert clean_text("  a  \n\n\n\n  b \n \n \n c\n") == "a\n\nb\n\nc"


def test_clean_text_keeps_quotes_and_dashes() -> None:
    text = "Hashd al-Sha\u2019bi \u201cforces\u201d \u2014 2022\u20132023 \u2018x\u2019 'y' \"z\""
    assert clean_text(text) == text


def test_clean_text_nfc_composes_after_removing_zero_width() -> None:
    # e + ZWSP + combining acute: the mark only meets its base once ZWSP is gone.
    assert clean_text("Caf" + "e\u200b\u0301") == "Caf\u00e9"
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    once.encode("utf-8")  # hashable as UTF-8


# --- plain text -----------------------------------------------------------------------


def test_read_text_file_fields_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "report-07.txt"
    f.write_bytes(b"\xef\xbb\xbfIran  armed\xc2\xa0the Houthis.\r\n")
    doc = read_document(f, source_url="https://example.org/r7", publisher="ISPI",
                        published="2024-05-01", language="en", reliability="B")
    assert doc.name == "report-07.txt"
    assert doc.text == "Iran armed the Houthis."
    assert doc.sha256 == content_hash("Iran armed the Houthis.")
    assert doc.media_type == "text/plain"
    assert doc.title is None
    assert (doc.source_url, doc.publisher, doc.published, doc.language, doc.reliability) == (
        "https://example.org/r7", "ISPI", "2024-05-01", "en", "B")


def test_name_override_default_reliability_and_markdown(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text("# Heading\n\nRussia trains Wagner.\n", encoding="utf-8")
    doc = read_document(f, name="custom.md", title="Given title")
    assert doc.name == "custom.md"
    assert doc.media_type == "text/markdown"
    assert doc.title == "Given title"
    assert doc.reliability == "F"
    assert doc.text == "# Heading\n\nRussia trains Wagner."


def test_file_without_suffix_is_text(tmp_path: Path) -> None:
    f = tmp_path / "REPORT"
    f.write_text("Plain words.", encoding="utf-8")
    doc = read_document(str(f))
    assert (doc.text, doc.media_type) == ("Plain words.", "text/plain")


def test_hash_is_stable_and_depends_only_on_clean_text(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Iran backs Hamas.\n", encoding="utf-8")
    b.write_bytes(b"Iran   backs Hamas.\r\n\r\n\r\n")
    first, second, other = read_document(a), read_document(a), read_document(b)
    assert first == second
    assert first.sha256 == other.sha256 == content_hash("Iran backs Hamas.")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf\n"])
def test_empty_or_blank_file_gives_empty_document(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    doc = read_document(f)
    assert doc.text == ""
    assert doc.sha256 == content_hash("")


def test_unknown_metadata_key_is_a_programming_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(TypeError, match="colour"):
        read_document(f, colour="red")


# --- errors ---------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_document(tmp_path / "nope.txt")
    assert one_line(exc) == f"no such file: {tmp_path / 'nope.txt'}"


def test_directory_where_file_expected(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_document(tmp_path)
    assert "is a directory" in one_line(exc)
    assert str(tmp_path) in str(exc.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"GIF89a\x00\x01\x02" + bytes(range(256)))
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert one_line(exc) == f"{f} is a binary file, not a text report"


# Control characters and every high byte: not UTF-8, and no encoding makes text of it.
UNDETECTABLE = b"ok " + bytes(range(1, 256)) * 8


def test_undetectable_bytes_name_the_utf8_byte_offset(tmp_path: Path) -> None:
    f = tmp_path / "noise.txt"
    f.write_bytes(UNDETECTABLE)
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert one_line(exc) == (f"{f} is not valid UTF-8 text (byte offset 130) and its "
                             "encoding could not be detected; give it with --encoding")


# A report excerpt with the accented names legacy encodings are used for.
ACCENTED = ("The Quds Force commander Esma\u00efl Q\u00e2ani met Hezbollah\u2019s "
            "Na\u00efm Qassem in Beirut, according to Le Monde\u2019s correspondent "
            "Fran\u00e7ois Th\u00e9ron; the shipment passed through S\u00e3o Tom\u00e9.\n")
ACCENTED_LATIN1 = ACCENTED.replace("\u2019", "'")  # Latin-1 has no curly apostrophe


@pytest.mark.parametrize(("encoding", "text"), [
    ("cp1252", ACCENTED), ("latin-1", ACCENTED_LATIN1),
    ("cp1252", "Caf\u00e9 noir"), ("latin-1", "Na\u00efm Qassem spoke."),
])
def test_legacy_encodings_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode(encoding))
    assert read_document(f).text == text.strip()


def test_forced_encoding_wins_over_detection(tmp_path: Path) -> None:
    f = tmp_path / "greek.txt"
    f.write_bytes("\u0391\u03b8\u03ae\u03bd\u03b1 2024".encode("iso8859-7"))
    assert read_document(f, encoding="iso8859-7").text == "\u0391\u03b8\u03ae\u03bd\u03b1 2024"
    # Valid UTF-8 read as Latin-1 on request: the user's word is taken literally.
    f.write_bytes("Caf\u00e9".encode())
    assert read_document(f, encoding="latin-1").text == "Caf\u00c3\u00a9"
    assert read_text_stream("Caf\u00e9".encode("cp1252"), encoding="cp1252").text == \
        "Caf\u00e9"


def test_forced_encoding_errors(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes(b"Caf\xe9 noir")
    with pytest.raises(InputError) as exc:
        read_document(f, encoding="utf-8")
    assert one_line(exc) == f"{f} is not valid utf-8 text (byte offset 3)"
    with pytest.raises(ValidationError, match="unknown encoding 'klingon'"):
        read_document(f, encoding="klingon")


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    f = tmp_path / "notepad.txt"
    f.write_bytes("Iran armed the Houthis.".encode("utf-16"))  # BOM + NUL-rich bytes
    assert read_document(f).text == "Iran armed the Houthis."
    f.write_bytes("Iran armed the Houthis.".encode("utf-16-le"))  # no BOM: say it
    with pytest.raises(InputError, match="binary"):
        read_document(f)
    assert read_document(f, encoding="utf-16-le").text == "Iran armed the Houthis."


def test_html_with_forced_encoding(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(b"<html><body><article><p>Na\xefm Qassem met Esma\xefl Q\xe2ani in Beirut "
                  b"on Monday, officials said in a statement on Tuesday.</p></article>"
                  b"</body></html>")
    assert read_document(f, encoding="latin-1").text.startswith("Na\u00efm Qassem met")


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfab\xff")
    with pytest.raises(InputError, match=r"byte offset 5\)"):
        read_document(f)


def test_oversized_file_fails_fast_with_one_line(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:  # sparse 50 MB file: cheap to make, must not be read
        fh.truncate(50 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert time.monotonic() - started < 2
    msg = one_line(exc)
    assert str(f) in msg and "too large" in msg and "50.0 MiB" in msg


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("hidden", encoding="utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    # Simulated: chmod does not stop root, which is who runs CI.
    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert one_line(exc) == f"cannot read {f}: Permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read 000 files")
def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("hidden", encoding="utf-8")
    f.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_document(f)


# --- HTML -----------------------------------------------------------------------------


def test_html_keeps_article_drops_boilerplate(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = read_document(f)
    assert doc.media_type == "text/html"
    assert "Iran supplied Hezbollah with rockets in 2023" in doc.text
    assert "The shipments went by sea through Syria" in doc.text
    for boilerplate in ("About us", "newsletter", "Copyright", "Privacy policy"):
        assert boilerplate not in doc.text
    assert doc.title  # from the page metadata
    # Blocks are separated by a blank line so sentences do not run across them.
    assert "\n\nIran supplied" in doc.text
    assert doc.sha256 == content_hash(doc.text)


def test_html_falls_back_to_whole_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    f = tmp_path / "page.htm"
    f.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = read_document(f)
    assert "Iran supplied Hezbollah with rockets" in doc.text


def test_html_lxml_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor failed")

    monkeypatch.setattr(trafilatura, "extract", broken)
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>T</title><script>var x = 1;</script></head><body>"
                 "<p>First block.</p><p>Second block.</p></body></html>", encoding="utf-8")
    doc = read_document(f)
    assert doc.text == "First block.\nSecond block."
    assert doc.title == "T"


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    f = tmp_path / "latin.html"
    f.write_bytes(
        b'<html><head><meta charset="iso-8859-1"><title>t</title></head><body><article>'
        b"<p>Caf\xe9 talks between Tehran and Moscow continued for several weeks, officials "
        b"said on Monday evening.</p></article></body></html>"
    )
    assert read_document(f).text.startswith("Caf\u00e9 talks between Tehran")


def test_html_binary_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.html"
    f.write_bytes(b"<html>\x00\x00\x00</html>")
    with pytest.raises(InputError, match="binary"):
        read_document(f)


# --- PDF ------------------------------------------------------------------------------


def test_pdf_text_of_every_page(tmp_path: Path) -> None:
    f = tmp_path / "report.pdf"
    f.write_bytes(make_pdf([["Iran supplied Hezbollah with rockets.", "More (details) here."],
                            ["Page two: Russia trained Wagner."]], title="Arms report"))
    doc = read_document(f)
    assert doc.media_type == "application/pdf"
    assert doc.title == "Arms report"
    assert "Iran supplied Hezbollah with rockets." in doc.text
    assert "More (details) here." in doc.text
    assert "Page two: Russia trained Wagner." in doc.text
    assert doc.text.index("rockets") < doc.text.index("Page two")
    assert doc.sha256 == content_hash(doc.text)


@pytest.mark.parametrize("content", [b"%PDF-1.4 garbage", b"not a pdf at all", b"%PDF-1.4\n%%EOF"])
def test_unreadable_pdf(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "broken.pdf"
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert one_line(exc).startswith(f"{f} is not a readable PDF")


def test_pdf_found_by_sniffing_unknown_suffix(tmp_path: Path) -> None:
    f = tmp_path / "download.bin"
    f.write_bytes(make_pdf([["Sniffed PDF text."]]))
    doc = read_document(f)
    assert doc.media_type == "application/pdf"
    assert doc.text == "Sniffed PDF text."


# --- stdin ----------------------------------------------------------------------------


def test_stream_sniffs_html_after_whitespace_any_case() -> None:
    data = ("\n  " + ARTICLE_HTML.replace("<!DOCTYPE html>", "<!doctype HTML>")).encode()
    doc = read_text_stream(data)
    assert doc.name == "stdin"
    assert doc.media_type == "text/html"
    assert "About us" not in doc.text and "Iran supplied Hezbollah" in doc.text

    bare = read_text_stream(b"<HTML><body><p>Bare page text.</p></body></HTML>")
    assert bare.media_type == "text/html" and bare.text == "Bare page text."


def test_stream_sniffs_pdf_and_text() -> None:
    pdf = read_text_stream(make_pdf([["From a pipe."]]), name="pipe")
    assert (pdf.name, pdf.media_type, pdf.text) == ("pipe", "application/pdf", "From a pipe.")
    txt = read_text_stream("Hezbollah\u2019s drones.\n".encode(), publisher="X")
    assert (txt.media_type, txt.text, txt.publisher) == (
        "text/plain", "Hezbollah\u2019s drones.", "X")


def test_stream_media_type_override_and_errors() -> None:
    # Forced to text: the markup stays as written.
    doc = read_text_stream(b"<html>kept</html>", media_type="text/plain")
    assert doc.text == "<html>kept</html>"
    with pytest.raises(InputError, match=r"stdin is not valid UTF-8 text \(byte offset 130\)"):
        read_text_stream(UNDETECTABLE)
    assert read_text_stream(b"\xff\xfe").text == ""  # a UTF-16 BOM and nothing else
    with pytest.raises(InputError, match="stdin is too large"):
        read_text_stream(b" " * (MAX_BYTES + 1))
    assert read_text_stream(b"").text == ""


# --- path expansion -------------------------------------------------------------------


def test_iter_input_paths_expands_directories(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".git").mkdir()
    for rel in ("b.txt", "a.html", "sub/c.pdf", "sub/d.MD", "notes.docx", ".hidden.txt",
                ".git/e.txt", "README"):
        (corpus / rel).write_text("x", encoding="utf-8")
    got = [p.relative_to(corpus).as_posix() for p in iter_input_paths([str(corpus)])]
    assert got == ["a.html", "b.txt", "sub/c.pdf", "sub/d.MD"]


def test_iter_input_paths_files_dash_and_dedup(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    odd = tmp_path / "report.data"
    a.write_text("x", encoding="utf-8")
    odd.write_text("y", encoding="utf-8")
    got = list(iter_input_paths([str(odd), "-", str(a), str(tmp_path)]))
    # The explicit odd suffix is kept; a.txt from the directory is not repeated.
    assert got == [odd, Path("-"), a]


def test_iter_input_paths_reports_skipped_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for rel in ("a.txt", "notes.docx", "sub/table.csv", "README", ".DS_Store"):
        (corpus / rel).write_text("x", encoding="utf-8")
    (corpus / "dangling").symlink_to(corpus / "gone.txt")
    skipped: list[tuple[str, str]] = []
    got = list(iter_input_paths([str(corpus)], on_skip=lambda p, why: skipped.append(
        (p.relative_to(corpus).as_posix(), why))))
    assert [p.name for p in got] == ["a.txt"]
    assert skipped == [("README", "unsupported type (no suffix)"),
                       ("dangling", "not a regular file"),
                       ("notes.docx", "unsupported type .docx"),
                       ("sub/table.csv", "unsupported type .csv")]


def test_iter_input_paths_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^no such file: .*missing\.txt$"):
        list(iter_input_paths([str(tmp_path / "missing.txt")]))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError) as exc:
        list(iter_input_paths([str(empty)]))
    assert one_line(exc) == f"no report files (.txt, .md, .html, .pdf) in {empty}"


def test_supported_suffixes_match_dispatch() -> None:
    assert {".txt", ".md", ".text", ".html", ".htm", ".pdf"} == set(ingest.SUPPORTED_SUFFIXES)
