"""Rule families and post-filters as registered components, run in the order that
`components.yaml` declares.

A rule family is a class with a `name`, the token `roles` it reads and one method,
`candidates(view, tok)`, that yields candidate claims (`Candidate`) for one token of a
sentence (`view` is the sentence's `SentenceView`: its mentions and the shared argument
finders). Roles: "verb" (a verb or a word the parser mistook for one), "noun" (a common
or proper noun that is no mention), "token" (every token, after the verb or noun
families), "sentence" (once per sentence, after all token families, with `tok` None and
`view.found` holding what they proposed). A verb, noun or token family may also define
`trigger_tokens(view)`, the indices of the sentence's tokens it can fire on (any collection:
a set, a `range` for all of them, nothing): the runner then calls it on those only.
Registering is a decorator:

    @rule_family("epithets", roles=("token",))
    class Epithets:
        def candidates(self, view, tok): ...

A candidate filter takes a `Candidate` and says whether to drop it; a claim filter takes
(document, claim) and returns the claim, retyped, or None. An echo rule reads a whole
analysed sentence with the claims it and the sentences before it made, and yields claims
the sentence restates without naming them ("Abu Dhabi denies this": echoes.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import import_module, resources
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import yaml
from spacy.tokens import Token

from proxygraph.errors import ValidationError
from proxygraph.extract.candidates import Candidate

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView
    from proxygraph.model import Claim, Document

CONFIG_FILE = "components.yaml"
_KINDS = ("families", "candidate_filters", "claim_filters", "echo_rules")
WITHOUT_ENV = "PROXYGRAPH_EXTRACT_WITHOUT"
ROLES = ("verb", "noun", "token", "sentence")
# Modules whose import registers the built-in components.
_BUILTIN = ("sides", "verbs", "nominals", "subordination", "flows", "casualties", "epithets",
            "gratitude", "obligations", "orders", "stationed", "territory", "exchanges", "rules",
            "filters", "echoes", "implied", "restatements")


class RuleFamily(Protocol):
    name: ClassVar[str]
    roles: ClassVar[tuple[str, ...]]
    doc: ClassVar[str]

    def candidates(self, view: SentenceView, tok: Token | None) -> Iterator[Candidate]: ...


CandidateFilter = Callable[[Candidate], bool]
ClaimFilter = Callable[["Document", "Claim"], "Claim | None"]
# (document, analysed sentence, its claims, the claims of each sentence before) -> claims
EchoRule = Callable[["Document", Any, "Sequence[Claim]", "Sequence[Sequence[Claim]]"],
                    "Iterator[Claim]"]

_FAMILIES: dict[str, RuleFamily] = {}
_CANDIDATE_FILTERS: dict[str, CandidateFilter] = {}
_CLAIM_FILTERS: dict[str, ClaimFilter] = {}
_ECHO_RULES: dict[str, EchoRule] = {}


def rule_family(name: str, roles: tuple[str, ...]) -> Callable[[type], type]:
    """Register a rule family class under `name`, reading tokens of `roles`."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"rule family {name}: roles must be among {ROLES}")

    def register(cls: type) -> type:
        taken = _FAMILIES.get(name)
        if taken is not None and type(taken).__qualname__ != cls.__qualname__:
            raise ValueError(f"rule family {name!r} is already {type(taken).__qualname__}")
        cls.name, cls.roles = name, roles
        cls.doc = summary(cls.__doc__)
        _FAMILIES[name] = cls()
        return cls

    return register


def summary(doc: str | None) -> str:
    """The first paragraph of a docstring, on one line."""
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def candidate_filter(name: str) -> Callable[[CandidateFilter], CandidateFilter]:
    def register(fn: CandidateFilter) -> CandidateFilter:
        _CANDIDATE_FILTERS[name] = fn
        return fn

    return register


def claim_filter(name: str) -> Callable[[ClaimFilter], ClaimFilter]:
    def register(fn: ClaimFilter) -> ClaimFilter:
        _CLAIM_FILTERS[name] = fn
        return fn

    return register


def echo_rule(name: str) -> Callable[[EchoRule], EchoRule]:
    def register(fn: EchoRule) -> EchoRule:
        _ECHO_RULES[name] = fn
        return fn

    return register


def echo_rule_name(fn: EchoRule) -> str:
    """The name an echo rule is registered under ("" for one that is not registered)."""
    return next((name for name, rule in _ECHO_RULES.items() if rule is fn), "")


@dataclass(frozen=True)  # not slotted: `roles` is cached on the instance
class Components:
    """The components one extraction runs, in order."""

    version: str
    families: tuple[RuleFamily, ...]
    candidate_filters: tuple[CandidateFilter, ...]
    claim_filters: tuple[ClaimFilter, ...]
    echo_rules: tuple[EchoRule, ...]
    names: tuple[str, ...]  # every enabled component, for the version hash
    disabled: tuple[str, ...]

    @cached_property
    def roles(self) -> dict[str, tuple[RuleFamily, ...]]:
        """The enabled families that read each role, in declared order."""
        return {role: tuple(f for f in self.families if role in f.roles) for role in ROLES}


def _read_config(text: str | None) -> dict[str, Any]:
    if text is None:
        text = resources.files(__package__).joinpath(CONFIG_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    raw.setdefault("echo_rules", [])  # optional: a config may declare none
    for key in _KINDS:
        if not isinstance(raw.get(key), list):
            raise ValidationError(f"{CONFIG_FILE}: {key} must be a list of names")
    return raw


def build_components(text: str | None = None, without: tuple[str, ...] = ()) -> Components:
    """The components `text` (the packaged config unless given) declares, less `without`.
    An unknown name, in the config or in `without`, is an error."""
    for module in _BUILTIN:
        import_module(f"{__package__}.{module}")
    raw = _read_config(text)
    tables: dict[str, dict[str, Any]] = {
        "families": _FAMILIES,
        "candidate_filters": _CANDIDATE_FILTERS,
        "claim_filters": _CLAIM_FILTERS,
        "echo_rules": _ECHO_RULES,
    }
    known = {n for table in tables.values() for n in table}
    bad = sorted(set(without) - known)
    if bad:
        raise ValidationError(
            f"unknown extraction component(s) {', '.join(bad)}; known: {', '.join(sorted(known))}"
        )
    chosen: dict[str, list[Any]] = {}
    names: list[str] = []
    for key, table in tables.items():
        chosen[key] = []
        for name in raw[key]:
            if name not in table:
                raise ValidationError(f"{CONFIG_FILE}: unknown {key} entry {name!r}")
            if name not in without:
                chosen[key].append(table[name])
                names.append(name)
    return Components(
        str(raw.get("version", "")),
        tuple(chosen["families"]),
        tuple(chosen["candidate_filters"]),
        tuple(chosen["claim_filters"]),
        tuple(chosen["echo_rules"]),
        tuple(names),
        tuple(sorted(set(without))),
    )


def without_from_env() -> tuple[str, ...]:
    value = os.environ.get(WITHOUT_ENV, "")
    return tuple(sorted({n.strip() for n in value.split(",") if n.strip()}))


@cache
def active_components() -> Components:
    """The components of this process: the packaged config less PROXYGRAPH_EXTRACT_WITHOUT."""
    return build_components(without=without_from_env())


def describe_components() -> list[dict[str, str]]:
    """Every registered component in the order the config declares, with its kind, the roles
    it reads, whether it is enabled in this process, and one line on what it does."""
    active = active_components()
    raw = _read_config(None)
    rows: list[dict[str, str]] = []
    for name in raw["families"]:
        family = _FAMILIES[name]
        rows.append(
            {
                "name": name,
                "kind": "family",
                "reads": ",".join(family.roles),
                "enabled": "no" if name in active.disabled else "yes",
                "does": family.doc,
            }
        )
    for key, kind, table, reads in (
            ("candidate_filters", "candidate filter", _CANDIDATE_FILTERS, "candidate"),
            ("claim_filters", "claim filter", _CLAIM_FILTERS, "claim"),
            ("echo_rules", "echo rule", _ECHO_RULES, "sentence,claims")):
        for name in raw[key]:
            doc = summary(table[name].__doc__)
            rows.append(
                {
                    "name": name,
                    "kind": kind,
                    "reads": reads,
                    "enabled": "no" if name in active.disabled else "yes",
                    "does": doc,
                }
            )
    return rows
