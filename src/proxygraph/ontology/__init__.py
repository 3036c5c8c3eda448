"""The claim ontology, loaded once from the versioned data file next to this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class ClaimType:
    name: str
    description: str
    symmetric: bool
    object_required: bool
    attributes: frozenset[str]


@dataclass(frozen=True)
class Ontology:
    version: str
    entity_kinds: frozenset[str]
    item_categories: frozenset[str]
    statuses: tuple[str, ...]
    certainties: tuple[str, ...]
    time_precisions: tuple[str, ...]
    claim_types: dict[str, ClaimType]

    def claim_type(self, name: str) -> ClaimType:
        try:
            return self.claim_types[name]
        except KeyError:
            raise KeyError(f"unknown claim type {name!r}") from None

    def is_symmetric(self, name: str) -> bool:
        return self.claim_type(name).symmetric


@cache
def load_ontology(version: str = "1") -> Ontology:
    text = resources.files(__package__).joinpath(f"v{version}.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    types = {
        name: ClaimType(
            name=name,
            description=spec["description"],
            symmetric=bool(spec["symmetric"]),
            object_required=bool(spec["object_required"]),
            attributes=frozenset(spec["attributes"]),
        )
        for name, spec in raw["claim_types"].items()
    }
    return Ontology(
        version=str(raw["version"]),
        entity_kinds=frozenset(raw["entity_kinds"]),
        item_categories=frozenset(raw["item_categories"]),
        statuses=tuple(raw["statuses"]),
        certainties=tuple(raw["certainties"]),
        time_precisions=tuple(raw["time_precisions"]),
        claim_types=types,
    )


ONTOLOGY = load_ontology()
