"""Deterministic identifiers: the same key fields always give the same id."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object) -> str:
    """Hash the parts (joined unambiguously) into a short prefixed id."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    digest = hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]
    return f"{prefix}_{digest}"


def claim_id(doc_sha: str, sentence_start: int, claim_type: str, subject_id: str,
             object_id: str | None, extractor_version: str, denied: bool = False) -> str:
    """A claim's id from where it is stated and what it relates. A sentence may state a
    relation and deny it ("Iran denies arming the Houthis, which UN experts say it has
    done for years"): the denial is a statement of its own, with an id of its own."""
    parts: tuple[str | int, ...] = (doc_sha, sentence_start, claim_type, subject_id,
                                    object_id or "", extractor_version)
    return stable_id("clm", *parts, "denied") if denied else stable_id("clm", *parts)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
