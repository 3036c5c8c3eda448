"""Full-text search with one meaning on every backend.

The store never lets a database tokenize: `search_terms` turns evidence into a line of
plain terms (casefolded, accents folded, apostrophes dropped, a possessive 's removed,
every other punctuation a word break, each word stemmed), SQLite indexes that line with
FTS5's plain `unicode61` tokenizer and PostgreSQL with the `simple` configuration, and a
query is parsed here and its words go through the same `search_terms`. So both backends
compare the same terms with the same operators.

Query syntax (`claims --search`):

    pantsir drones         every word must occur (in any order, any form: drone, drones)
    "shipped drones"       a quoted phrase: these words next to each other, in this order
    pantsir OR drones      either one (OR in capitals binds two neighbours)
    hezbollah -houthis     exclusion: no claim whose evidence has the word or "phrase"
    Hezbollah's, Kata'ib   punctuation is part of no word: Hezbollah's = Hezbollah,
                           Kata'ib = Kataib, Shahed-136 = "Shahed 136"

Everything else (*, :, ^, NEAR, AND, NOT, brackets) is ordinary text. A query needs at
least one word that is not excluded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from proxygraph.errors import ValidationError

SEARCH_HELP = (
    'Full text over the evidence: words (all must occur, any form), "quoted phrases", '
    "A OR B, -word to exclude; punctuation is ignored (Hezbollah's = Hezbollah)."
)

_QUOTES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u02bb\u201b\u2032`\u00b4"))
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019\u02bc]s\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer  # imported late: only writers and searchers need it

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def _fold(text: str) -> str:
    text = _POSSESSIVE.sub("", text).translate(_QUOTES)
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def search_terms(text: str) -> str:
    """The indexed form of a text: its stemmed terms, space-separated."""
    return " ".join(_stem(w) for w in _WORD.findall(_fold(text)))


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query, already in indexed form (its terms in order)."""

    terms: tuple[str, ...]


@dataclass(frozen=True)
class SearchQuery:
    """Clauses that must all hold (each a set of alternatives) and terms that must not."""

    required: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    def to_fts5(self) -> str:
        """The query in FTS5 syntax; every term is a quoted phrase of plain tokens."""
        def phrase(t: Term) -> str:
            return '"' + " ".join(t.terms) + '"'

        parts = []
        for clause in self.required:
            inner = " OR ".join(phrase(t) for t in clause)
            parts.append(f"({inner})" if len(clause) > 1 else inner)
        out = " AND ".join(parts)
        for t in self.excluded:
            out = f"({out}) NOT {phrase(t)}"
        return out

    def to_tsquery(self) -> str:
        """The query in PostgreSQL tsquery syntax (for to_tsquery('simple', ...))."""
        def phrase(t: Term) -> str:
            inner = " <-> ".join(f"'{w}'" for w in t.terms)
            return f"({inner})" if len(t.terms) > 1 else inner

        parts = []
        for clause in self.required:
            inner = " | ".join(phrase(t) for t in clause)
            parts.append(f"({inner})" if len(clause) > 1 else inner)
        parts += [f"!{phrase(t)}" for t in self.excluded]
        return " & ".join(parts)


def parse_search(query: str) -> SearchQuery:
    """Parse the query syntax above; a query with nothing to look for is a ValidationError."""
    items: list[tuple[bool, Term | None, bool]] = []  # (excluded, term, is OR)
    for m in _QUERY_TOKEN.finditer(query):
        if m[3] is not None:
            raw, negated = m[3], False
            if raw == "OR":
                items.append((False, None, True))
                continue
            if raw.startswith("-") and len(raw) > 1:
                raw, negated = raw[1:], True
        else:
            raw, negated = m[2], bool(m[1])
        terms = tuple(search_terms(raw).split())
        if terms:
            items.append((negated, Term(terms), False))
    required: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False
    for i, (negated, term, is_or) in enumerate(items):
        if is_or:
            # OR joins the positive words on either side; elsewhere it is just a word.
            prev_ok = i > 0 and items[i - 1][1] is not None and not items[i - 1][0]
            next_ok = i + 1 < len(items) and items[i + 1][1] is not None \
                and not items[i + 1][0]
            if prev_ok and next_ok:
                joining = True
                continue
            term = Term((_stem("or"),))
        assert term is not None
        if negated:
            excluded.append(term)
            joining = False
        elif joining and required:
            required[-1].append(term)
            joining = False
        else:
            required.append([term])
    if not required:
        raise ValidationError("search has no word to look for (besides exclusions)")
    return SearchQuery(tuple(tuple(dict.fromkeys(c)) for c in required),
                       tuple(dict.fromkeys(excluded)))
