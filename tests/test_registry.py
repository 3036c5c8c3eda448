"""The actor/item registry: packaged data, lookups, search, validation and CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  registers the commands on the app
from proxygraph.cli.app import app
from proxygraph.errors import NotFoundError, ValidationError
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY
from proxygraph.registry import Registry, default_registry, normalize


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


# --------------------------------------------------------------------- normalize
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kata'ib", "kataib"),
        ("Liwa’ al-Quds", "liwa al quds"),
        ("Shahed-136", "shahed 136"),
        ("Hashd al-Sha`bi", "hashd al shabi"),
        ("Hashd al-Shaʼbi", "hashd al shabi"),
        ("Kata´ib", "kataib"),
        ("The Wall Street Journal", "wall street journal"),
        ("  PMC   Wagner!! ", "pmc wagner"),
        ("Assimi Goïta", "assimi goita"),
        ("Bayraktar Akıncı", "bayraktar akinci"),
        ("Erdoğan", "erdogan"),
        ("U.S.", "u s"),
        ("theater", "theater"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@settings(database=None)  # keep no example files in the work tree
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    # A second pass may only drop a "the " uncovered by the first.
    assert normalize(once) in (once, once.removeprefix("the "))


# ------------------------------------------------------------------------ data
def test_counts(reg: Registry) -> None:
    assert len(reg.actors) >= 150
    assert len(reg.items) >= 80
    assert len(reg) == len(reg.actors) + len(reg.items)


@pytest.mark.parametrize(
    ("entity_id", "kind"),
    [
        ("iran", "state"), ("russia", "state"), ("syria", "state"), ("israel", "state"),
        ("united-states", "state"), ("north-korea", "state"), ("brazil", "state"),
        ("irgc", "state_organ"), ("quds-force", "state_organ"), ("gru", "state_organ"),
        ("russian-armed-forces", "state_organ"), ("syrian-arab-army", "state_organ"),
        ("fifth-corps", "state_organ"), ("idf", "state_organ"), ("hur", "state_organ"),
        ("hezbollah", "armed_group"), ("hamas", "armed_group"), ("houthis", "armed_group"),
        ("pmf", "armed_group"), ("kataib-hezbollah", "armed_group"),
        ("liwa-al-quds", "armed_group"), ("national-defence-forces", "armed_group"),
        ("tiger-forces", "armed_group"), ("islamic-state", "armed_group"),
        ("axis-of-resistance", "armed_group"),
        ("wagner-group", "pmc"), ("africa-corps", "pmc"),
        ("bashar-al-assad", "person"), ("sergey-lavrov", "person"),
        ("mikhail-bogdanov", "person"), ("sergei-shoigu", "person"),
        ("alabuga-sez", "organization"), ("wall-street-journal", "organization"),
        ("cnn", "organization"),
    ],
)
def test_required_actors(reg: Registry, entity_id: str, kind: str) -> None:
    assert reg.get(entity_id).kind == kind


@pytest.mark.parametrize(
    ("entity_id", "category", "origin"),
    [
        ("shahed-136", "drone", "iran"), ("pantsir-s1", "air_defence", "russia"),
        ("astros-ii", "rocket_artillery", "brazil"), ("kornet", "anti_tank", "russia"),
        ("fajr-5", "rocket_artillery", "iran"), ("kn-23", "missile", "north-korea"),
        ("rpg", "anti_tank", None), ("anti-tank-missiles", "anti_tank", None),
        ("drones", "drone", None), ("oil", "other", None), ("gold", "other", None),
    ],
)
def test_required_items(reg: Registry, entity_id: str, category: str,
                        origin: str | None) -> None:
    item = reg.get(entity_id)
    assert (item.kind, item.category, item.origin) == ("item", category, origin)


def test_entries_satisfy_the_ontology(reg: Registry) -> None:
    for actor in reg.actors:
        assert actor.kind in ONTOLOGY.entity_kinds and actor.kind != "item"
        assert actor.resolved
        if actor.kind == "state_organ":
            assert reg.get(actor.affiliation).kind == "state", actor.id
        if actor.kind == "person":
            assert actor.affiliation in reg, actor.id
    for item in reg.items:
        assert item.category in ONTOLOGY.item_categories
        if item.origin is not None:
            assert reg.get(item.origin).kind == "state", item.id
        if reg.is_generic_item(item.id):
            assert item.origin is None


def test_entities_carry_registry_fields(reg: Registry) -> None:
    iran = reg.get("iran")
    assert isinstance(iran, Entity)
    assert iran.qid == "Q794" and "Iranian" in iran.demonyms and "Tehran" in iran.aliases
    assert reg.get("sergey-lavrov").affiliation == "russia"
    assert reg.get("quds-force").affiliation == "iran"
    shahed = reg.get("shahed-136")
    assert shahed.to_dict()["origin"] == "iran"


def test_get_unknown_id_raises(reg: Registry) -> None:
    with pytest.raises(NotFoundError, match="no-such-thing"):
        reg.get("no-such-thing")


def test_default_registry_is_loaded_once() -> None:
    assert default_registry() is default_registry()


# --------------------------------------------------------------------- lookup
@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Hizballah", "hezbollah"),
        ("Hezbollah's", "hezbollah"),
        ("Hezbollah’s", "hezbollah"),
        ("hezbollah", "hezbollah"),
        ("Kataib Hezbollah", "kataib-hezbollah"),
        ("Kata'ib Hizballah", "kataib-hezbollah"),
        ("Kata’ib Hezbollah", "kataib-hezbollah"),
        ("Ansar Allah", "houthis"),
        ("Ansarullah", "houthis"),  # the spelling of Iranian and Houthi media
        ("Republic of Türkiye", "turkey"),  # Ankara's own name in its statements
        ("Houthis’", "houthis"),
        ("Hashd al-Sha’bi", "pmf"),
        ("Hashd al-Shaabi", "pmf"),
        ("PMF", "pmf"),
        ("Popular Mobilisation Units", "pmf"),
        ("Liwa’ al-Quds", "liwa-al-quds"),
        ("the Wagner Group", "wagner-group"),
        ("Russian troops", "russian-armed-forces"),
        ("5th Corps", "fifth-corps"),
        ("Ukrainian military intelligence", "hur"),
        ("Abu Mohammad al-Jolani", "ahmed-al-sharaa"),
        ("Geran-2", "shahed-136"),
        ("Shahed-136s", "shahed-136"),
        ("Pantsir-S1", "pantsir-s1"),
        ("SA-22", "pantsir-s1"),
        ("Kornet", "kornet"),
        ("AT-14 Spriggan", "kornet"),
        ("Burkan", "burkan"),
        ("Burkan-2H", "burkan"),
        ("rocket-propelled grenades", "rpg"),
        ("ATGMs", "anti-tank-missiles"),
        ("UAVs", "drones"),
        ("Astros", "astros-ii"),
        ("crude oil", "oil"),
        # actors of older theatres and sanctions lists (registry of extractor 0.25.0)
        ("IRA", "provisional-ira"),
        ("the Provos", "provisional-ira"),
        ("Euskadi Ta Askatasuna", "eta"),
        ("Jaysh al-Mahdi", "mahdi-army"),
        ("Ministry for State Security", "stasi"),
        ("Qaddafi", "muammar-gaddafi"),
        ("Saeed al-Jamal", "said-al-jamal"),
        ("armoured cars", "armored-vehicles"),
        ("frigates", "naval-vessels"),
        ("anti-personnel mines", "landmines"),
        ("Los Chapitos", "los-chapitos"),
        ("Quwat al-Ridha", "quwat-al-ridha"),
        # regional and historical wars (registry of extractor 0.26.0)
        ("Sea Tigers", "sea-tigers"),
        ("Karuna faction", "tmvp"),
        ("Kopassus", "kopassus"),
        ("Aitarak", "aitarak"),
        ("Mujahedin-e Khalq", "mek"),
        ("Badr Brigades", "badr-organization"),
        ("Islamic Courts", "islamic-courts-union"),
        ("Hizbul Islam", "hizbul-islam"),
        ("Velupillai Prabhakaran", "velupillai-prabhakaran"),
        ("Mehdi Army", "mahdi-army"),
    ],
)
def test_lookup(reg: Registry, text: str, entity_id: str) -> None:
    found = reg.lookup(text)
    assert found is not None, text
    assert found.id == entity_id


def test_lookup_misses(reg: Registry) -> None:
    assert reg.lookup("Hizb") is None  # no prefix matching in exact lookup
    assert reg.lookup("") is None
    assert reg.lookup("Iranian") is None  # demonyms are not aliases


def test_lookup_by_side(reg: Registry) -> None:
    assert reg.lookup_actor("Hizballah").id == "hezbollah"
    assert reg.lookup_item("Hizballah") is None
    assert reg.lookup_item("Geran-2").id == "shahed-136"
    assert reg.lookup_actor("Geran-2") is None


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("Iranian", "iran"), ("Iranians", "iran"), ("Iranian-", "iran"),
        ("iranian", "iran"), ("Russian", "russia"), ("Syrian", "syria"),
        ("Israeli", "israel"), ("American", "united-states"), ("U.S.", "united-states"),
        ("Emiratis", "uae"), ("North Korean", "north-korea"), ("Brazilian", "brazil"),
        ("Soviet", "soviet-union"), ("Lebanese", "lebanon"),
    ],
)
def test_demonym(reg: Registry, word: str, state: str) -> None:
    found = reg.demonym(word)
    assert found is not None and found.id == state and found.kind == "state"


def test_demonym_miss(reg: Registry) -> None:
    assert reg.demonym("Iran") is None
    assert reg.demonym("Hezbollah") is None


def test_alias_items(reg: Registry) -> None:
    pairs = reg.alias_items()
    surfaces = {(surface, ent.id) for surface, ent in pairs}
    assert ("Hizballah", "hezbollah") in surfaces
    assert ("Hezbollah", "hezbollah") in surfaces  # names too
    assert ("Geran-2", "shahed-136") in surfaces
    assert not any(surface == "Iranian" for surface, _ in pairs)  # demonyms excluded


def test_generic_items(reg: Registry) -> None:
    assert reg.is_generic_item("drones")
    assert reg.is_generic_item("anti-tank-missiles")
    assert not reg.is_generic_item("shahed-136")
    assert not reg.is_generic_item("hezbollah")
    assert not reg.is_generic_item("unknown-id")


# --------------------------------------------------------------------- search
def test_search_exact_first(reg: Registry) -> None:
    results = reg.search("Hizballah")
    assert results[0].id == "hezbollah"


@pytest.mark.parametrize(
    ("query", "entity_id"),
    [("hizbulla", "hezbollah"), ("Wagnr", "wagner-group"), ("Pantsyr", "pantsir-s1"),
     ("Prigozin", "yevgeny-prigozhin"), ("GOITA", "assimi-goita"), ("kornett", "kornet")],
)
def test_search_fuzzy(reg: Registry, query: str, entity_id: str) -> None:
    assert entity_id in [e.id for e in reg.search(query, limit=5)]


def test_search_prefix_and_substring(reg: Registry) -> None:
    ids = [e.id for e in reg.search("shahed")]
    assert ids[0] == "shahed-136"  # exact alias "Shahed" beats prefix matches
    assert {"shahed-131", "shahed-129"} <= set(ids)
    assert "bashar-al-assad" in [e.id for e in reg.search("assad")]
    assert "quds-force" in [e.id for e in reg.search("quds force")]


def test_search_kind_and_limit(reg: Registry) -> None:
    persons = reg.search("assad", kind="person")
    assert persons and all(e.kind == "person" for e in persons)
    actors = reg.search("shahed", kind="actor")
    assert actors and all(e.kind != "item" for e in actors)
    assert len(reg.search("a", limit=3)) == 3
    assert reg.search("") == []
    with pytest.raises(ValidationError, match="unknown kind"):
        reg.search("iran", kind="country")


def test_search_finds_demonyms(reg: Registry) -> None:
    assert reg.search("Iranian", kind="state")[0].id == "iran"


# ------------------------------------------------------------------ validation
GOOD_ACTORS = """
- id: iran
  name: Iran
  kind: state
  demonyms: [Iranian]
- id: hezbollah
  name: Hezbollah
  kind: armed_group
  aliases: [Hizballah]
"""


def _write(tmp_path: Path, actors: str, items: str = "[]") -> tuple[Path, Path]:
    a, i = tmp_path / "actors.yaml", tmp_path / "items.yaml"
    a.write_text(actors, encoding="utf-8")
    i.write_text(items, encoding="utf-8")
    return a, i


def test_load_from_paths(tmp_path: Path) -> None:
    items = "- {id: shahed-136, name: Shahed-136, category: drone, origin: iran}\n"
    small = Registry.load(*_write(tmp_path, GOOD_ACTORS, items))
    assert len(small.actors) == 2 and len(small.items) == 1
    assert small.lookup("hizballah").id == "hezbollah"
    assert small.get("shahed-136").origin == "iran"


def test_duplicate_alias_across_entries_raises(tmp_path: Path) -> None:
    bad = GOOD_ACTORS + """
- id: kataib-hezbollah
  name: Kata'ib Hezbollah
  kind: armed_group
  aliases: [Hizballah]
"""
    with pytest.raises(ValidationError, match="duplicate alias 'hizballah'") as err:
        Registry.load(*_write(tmp_path, bad))
    assert "hezbollah" in str(err.value) and "kataib-hezbollah" in str(err.value)


def test_duplicate_after_normalization_raises() -> None:
    actors = [
        {"id": "a", "name": "Kata'ib Alpha", "kind": "armed_group"},
        {"id": "b", "name": "Beta", "kind": "armed_group", "aliases": ["Kataib Alpha"]},
    ]
    with pytest.raises(ValidationError, match="duplicate alias 'kataib alpha'"):
        Registry.from_records(actors)


def test_alias_shared_between_actor_and_item_raises() -> None:
    actors = [{"id": "patriot-pmc", "name": "Patriot", "kind": "pmc"}]
    items = [{"id": "patriot", "name": "Patriot", "category": "air_defence"}]
    with pytest.raises(ValidationError, match="duplicate alias 'patriot'"):
        Registry.from_records(actors, items)


def test_deliberate_shared_alias() -> None:
    actors = [
        {"id": "a", "name": "Alpha Group", "kind": "armed_group", "ambiguous": ["The Front"]},
        {"id": "b", "name": "Beta Group", "kind": "armed_group", "ambiguous": ["Front"]},
    ]
    small = Registry.from_records(actors)
    assert small.lookup("the front") is None  # ambiguous: no single answer
    assert {e.id for e in small.search("front")} == {"a", "b"}
    assert sum(1 for s, _ in small.alias_items() if normalize(s) == "front") == 2


@pytest.mark.parametrize(
    ("actors", "items", "message"),
    [
        (GOOD_ACTORS + "- {id: iran, name: Persia, kind: state}\n", "[]", "duplicate id 'iran'"),
        ("- {id: x, name: X, kind: militia}\n", "[]", "kind 'militia'"),
        ("- {id: Bad_Id, name: X, kind: state}\n", "[]", "lowercase slug"),
        ("- {id: x, name: X, kind: state, alias: [Y]}\n", "[]", "unknown field"),
        ("- {id: x, name: X, kind: state, aliases: [358]}\n", "[]", "must be strings"),
        ("- {id: x, name: X, kind: state, qid: 794}\n", "[]", "qid"),
        ("- {id: x, name: X, kind: person, affiliation: nowhere}\n", "[]", "affiliation"),
        ("- {id: x, name: X, kind: armed_group, demonyms: [Xish]}\n", "[]", "demonyms"),
        (GOOD_ACTORS + "- {id: o, name: O, kind: state_organ, affiliation: hezbollah}\n",
         "[]", "must be a state"),
        (GOOD_ACTORS + "- {id: g, name: G, kind: armed_group, countries: [narnia]}\n",
         "[]", "countries entry 'narnia' is not a state id"),
        (GOOD_ACTORS + "- {id: g, name: G, kind: armed_group, countries: [hezbollah]}\n",
         "[]", "countries entry 'hezbollah' is not a state id"),
        (GOOD_ACTORS + "- {id: g, name: G, kind: armed_group, countries: iran}\n",
         "[]", "countries must be a list"),
        (GOOD_ACTORS + "- {id: g, name: G, kind: armed_group, countries: [iran, iran]}\n",
         "[]", "countries lists a state twice"),
        (GOOD_ACTORS + "- {id: g, name: G, kind: pmc, countries: [iran, a, b, c]}\n",
         "[]", "at most 3"),
        (GOOD_ACTORS, "- {id: t, name: T, category: tank}\n", "category 'tank'"),
        (GOOD_ACTORS, "- {id: t, name: T, category: drone, origin: hezbollah}\n",
         "not a state id"),
        (GOOD_ACTORS, "- {id: t, name: T, category: drone, origin: iran, generic: true}\n",
         "origin must be null"),
        (GOOD_ACTORS, "- {id: t, name: '!!', category: drone}\n", "name"),
        ("- [not, a, mapping]\n", "[]", "expected a mapping"),
        ("key: value\n", "[]", "expected a list"),
        ("- {id: x, name: X\n", "[]", "not valid YAML"),
    ],
)
def test_invalid_data_is_rejected(actors: str, items: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Registry.from_yaml(actors, items)


def test_many_errors_are_summarized() -> None:
    actors = "".join(f"- {{id: x{n}, name: X, kind: bogus}}\n" for n in range(15))
    with pytest.raises(ValidationError, match=r"and 5 more"):
        Registry.from_yaml(actors)


# -------------------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_actors_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actors", "hizballah"])
    assert result.exit_code == 0, result.output
    assert "hezbollah" in result.stdout and "Q41053" in result.stdout


def test_cli_actors_multiword_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actors", "Hashd", "al-Sha’bi", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["id"] == "pmf" and rows[0]["kind"] == "armed_group"
    assert rows[0]["countries"] == ["iraq"]  # the registry's home state of the group


def test_cli_actors_kind_filter(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actors", "assad", "--kind", "person", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["kind"] for r in rows} == {"person"}
    assert rows[0]["affiliation"] == "syria"


def test_cli_items(runner: CliRunner) -> None:
    result = runner.invoke(app, ["items", "geran-2"])
    assert result.exit_code == 0, result.output
    assert "shahed-136" in result.stdout and "iran" in result.stdout
    result = runner.invoke(app, ["items", "geran-2", "--json"])
    first = json.loads(result.stdout.splitlines()[0])
    assert (first["id"], first["category"], first["generic"]) == ("shahed-136", "drone", False)


def test_cli_items_category_filter(runner: CliRunner) -> None:
    result = runner.invoke(app, ["items", "shahed", "--category", "drone", "--json"])
    assert result.exit_code == 0
    assert {json.loads(line)["category"] for line in result.stdout.splitlines()} == {"drone"}
    result = runner.invoke(app, ["items", "shahed", "--category", "missile"])
    assert result.exit_code == NotFoundError.exit_code == 5
    assert "no item matches 'shahed'" in result.stderr


def test_cli_no_match(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actors", "xqzzv", "qqq"])
    assert result.exit_code == NotFoundError.exit_code == 5
    assert "no actor matches 'xqzzv qqq'" in result.stderr
    assert result.stdout == ""


def test_cli_items_are_not_actors(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actors", "Geran-2"])
    assert result.exit_code == NotFoundError.exit_code == 5


def test_cli_bad_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actors", "iran", "--kind", "country"])
    assert result.exit_code == ValidationError.exit_code
    assert "unknown kind 'country'" in result.stderr
    result = runner.invoke(app, ["items", "shahed", "--category", "tank"])
    assert result.exit_code == ValidationError.exit_code
    assert "unknown category 'tank'" in result.stderr


# ------------------------------------------------------- theatres beyond the Middle East
@pytest.mark.parametrize(
    ("text", "entity_id", "kind"),
    [
        ("FARDC", "fardc", "state_organ"),
        ("AQIS", "aqis", "armed_group"),
        ("CNDP", "cndp", "armed_group"),
        ("Los Tiguerones", "los-tiguerones", "armed_group"),
        ("Tariq Ben Ziyad Brigade", "tariq-bin-ziyad-brigade", "armed_group"),
        ("SOUTHCOM", "us-southern-command", "state_organ"),
        ("Emomali Rahmon", "emomali-rahmon", "person"),
        ("Badr al-Busaidi", "badr-albusaidi", "person"),
        ("Hochstein", "amos-hochstein", "person"),
        ("Kinshasa", "dr-congo", "state"),
        ("Kigali", "rwanda", "state"),
        ("RDF", "rdf", "state_organ"),
        ("AFC/M23", "afc", "armed_group"),
        ("FDLR", "fdlr", "armed_group"),
        ("Wazalendo", "wazalendo", "armed_group"),
        ("ISCAP", "iscap", "armed_group"),
        ("Paul Kagame", "paul-kagame", "person"),
        ("Tshisekedi", "felix-tshisekedi", "person"),
        ("Bamako", "mali", "state"),
        ("VDP", "vdp", "state_organ"),
        ("Ibrahim Traoré", "ibrahim-traore", "person"),
        ("Tchiani", "abdourahamane-tiani", "person"),
        ("Azawad Liberation Front", "fla", "armed_group"),
        ("AES", "alliance-of-sahel-states", "organization"),
        ("ECOWAS", "ecowas", "organization"),
        ("Barkhane", "operation-barkhane", "state_organ"),
        ("Haftar Affiliated Forces", "lna", "armed_group"),
        ("Saddam Haftar", "saddam-haftar", "person"),
        ("444 Brigade", "brigade-444", "state_organ"),
        ("Janjaweed", "janjaweed", "armed_group"),
        ("al-Baraa bin Malik Brigade", "al-baraa-bin-malik-brigade", "armed_group"),
        ("ENDF", "endf", "state_organ"),
        ("Tigray Defence Forces", "tigray-defence-forces", "armed_group"),
        ("AUSSOM", "aussom", "organization"),
        ("PMPF", "pmpf", "state_organ"),
        ("el-Sisi", "abdel-fattah-al-sisi", "person"),
        ("Arakan Army", "arakan-army", "armed_group"),
        ("Tatmadaw", "tatmadaw", "state_organ"),
        ("Naypyidaw", "myanmar", "state"),
        ("Ta'ang National Liberation Army", "tnla", "armed_group"),
        ("Min Aung Hlaing", "min-aung-hlaing", "person"),
        ("NUG", "national-unity-government", "organization"),
        ("VDV", "vdv", "state_organ"),
        ("Rustem Umerov", "rustem-umerov", "person"),
        ("Seoul", "south-korea", "state"),
        ("JCS", "rok-jcs", "state_organ"),
        ("BLA", "bla", "armed_group"),
        ("Hamza Division", "hamza-division", "armed_group"),
        ("Security Belt Forces", "security-belt", "armed_group"),
        ("Saraya al-Quds", "al-quds-brigades", "armed_group"),
    ],
)
def test_lookup_new_theatres(reg: Registry, text: str, entity_id: str, kind: str) -> None:
    found = reg.lookup(text)
    assert found is not None, text
    assert (found.id, found.kind) == (entity_id, kind)


def test_pij_wing_is_not_liwa_al_quds(reg: Registry) -> None:
    wing = reg.lookup("al-Quds Brigades")
    assert wing.id == "al-quds-brigades" and wing.affiliation == "pij"
    assert reg.lookup("Quds Brigades").id == "al-quds-brigades"
    assert reg.lookup("Liwa al-Quds").id == "liwa-al-quds"
    assert reg.lookup("Quds Brigade").id == "liwa-al-quds"


@pytest.mark.parametrize(
    ("form", "owner"),
    [
        ("SNA", "syrian-national-army"),  # not the Somali National Army
        ("Rada", "rada"),  # the Libyan force; Ukraine's parliament is spelled out
        ("Verkhovna Rada", "verkhovna-rada"),
        ("Golani", "golani-brigade"),
        ("Abu Mohammed al-Golani", "ahmed-al-sharaa"),
        ("Joint Chiefs of Staff", "us-joint-chiefs"),
        ("JCS", "rok-jcs"),
        ("JEM", None),  # Sudan's JEM or Jaish-e-Mohammed: the report must say which
        ("Southern Command", None),  # the US command, or Israel's, Colombia's...
    ],
)
def test_contested_short_forms_have_one_owner_or_none(reg: Registry, form: str,
                                                      owner: str | None) -> None:
    found = reg.lookup(form)
    assert (found.id if found else None) == owner
    owners = {e.id for s, e in reg.alias_items() if normalize(s) == normalize(form)}
    assert owners == ({owner} if owner else set())


def test_no_mixed_case_alias_is_a_common_lower_case_word(reg: Registry) -> None:
    # Matching ignores case unless a form is all capitals, so "LeT" would match "let".
    common = {"let", "pdfs", "plan", "raw", "fan", "ant", "tip", "bars", "ism", "aa", "sac"}
    for ent in reg.actors:
        for form in (ent.name, *ent.aliases):
            if not form.isupper():
                assert normalize(form) not in common, (ent.id, form)


# -------------------------------------------------------------------- countries
def test_countries_field_loads_for_any_actor_kind() -> None:
    actors = GOOD_ACTORS + """
- id: iraq
  name: Iraq
  kind: state
- id: kataib-hezbollah
  name: Kata'ib Hezbollah
  kind: armed_group
  countries: [iraq, iran]
- id: a-charity
  name: A Charity
  kind: organization
  countries: [iran]
"""
    small = Registry.from_yaml(actors)
    assert small.get("kataib-hezbollah").countries == ("iraq", "iran")  # order kept
    assert small.get("a-charity").countries == ("iran",)
    assert small.get("hezbollah").countries == ()
    # Claim output must not change: the field stays out of the serialized entity.
    assert "countries" not in small.get("kataib-hezbollah").to_dict()


@pytest.mark.parametrize(
    ("entity_id", "countries"),
    [
        ("houthis", ("yemen",)),
        ("kataib-hezbollah", ("iraq",)),
        ("hezbollah", ("lebanon",)),
        ("hamas", ("palestine",)),
        ("rsf", ("sudan",)),
        ("m23", ("dr-congo",)),
        ("wagner-group", ("russia",)),
        ("islamic-state", ("iraq", "syria")),
        ("afdl", ("dr-congo",)),  # Zaire-era group: Zaire is an alias of DR Congo
        ("al-shabaab", ("somalia",)),
        ("fatemiyoun", ("afghanistan",)),
        ("fdlr", ("rwanda", "dr-congo")),
        ("rosoboronexport", ("russia",)),
    ],
)
def test_well_known_groups_carry_their_country(reg: Registry, entity_id: str,
                                               countries: tuple[str, ...]) -> None:
    assert reg.get(entity_id).countries == countries


def test_packaged_countries_are_states_and_cover_the_armed_groups(reg: Registry) -> None:
    groups = [a for a in reg.actors if a.kind in ("armed_group", "pmc")]
    for actor in reg.actors:
        for country in actor.countries:
            assert reg.get(country).kind == "state", actor.id
    # Left out only where the home is transnational, disputed or not known for certain.
    assert sum(1 for g in groups if not g.countries) <= 10
    assert reg.get("al-qaeda").countries == ()


# ------------------------------------------------- weapon systems reports name most
@pytest.mark.parametrize(
    ("entity_id", "category", "origin"),
    [
        ("f-16", "other", "united-states"), ("su-34", "other", "russia"),
        ("su-25", "other", "soviet-union"), ("jf-17", "other", "pakistan"),
        ("mi-17", "other", "russia"), ("ah-64", "other", "united-states"),
        ("t-72", "other", "russia"), ("leopard-2", "other", "germany"),
        ("challenger-2", "other", "united-kingdom"), ("krab", "other", "poland"),
        ("m777", "other", "united-states"), ("2s1", "other", "soviet-union"),
        ("gepard", "air_defence", "germany"), ("samp-t", "air_defence", "france"),
        ("mim-23-hawk", "air_defence", "united-states"), ("taurus", "missile", "germany"),
        ("neptune", "missile", "ukraine"), ("hwasong-17", "missile", "north-korea"),
        ("wing-loong-2", "drone", "china"), ("ch-4", "drone", "china"),
        ("magura-v5", "drone", "ukraine"), ("stugna-p", "anti_tank", "ukraine"),
        ("fn-fal", "small_arms", "belgium"), ("jdam", "ammunition", "united-states"),
        ("mraps", "other", None), ("barrel-bombs", "ammunition", None),
    ],
)
def test_common_weapon_systems(reg: Registry, entity_id: str, category: str,
                               origin: str | None) -> None:
    item = reg.get(entity_id)
    assert (item.kind, item.category, item.origin) == ("item", category, origin)


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("F-16s", "f-16"), ("F16", "f-16"), ("F-16 fighter jets", "f-16"),
        ("Su-30s", "su-30"), ("MiG-29s", "mig-29"), ("Mi-17 helicopters", "mi-17"),
        ("Apaches", "ah-64"), ("T-72s", "t-72"), ("Leopard 2A6", "leopard-2"),
        ("Abrams tanks", "m1-abrams"), ("Bradley fighting vehicles", "m2-bradley"),
        ("PzH 2000", "pzh-2000"), ("2S19 Msta-S", "2s19"), ("Storm Shadow", "storm-shadow"),
        ("Humvees", "humvee"), ("MRAPs", "mraps"), ("2,000-pound bombs", "mk-84"),
    ],
)
def test_common_weapon_system_forms(reg: Registry, text: str, entity_id: str) -> None:
    found = reg.lookup_item(text)
    assert found is not None and found.id == entity_id


@pytest.mark.parametrize(
    "word", ["Leopard", "Hawk", "Apache", "Caesar", "Abrams", "Bradley", "Taurus",
             "Neptune", "Archer", "Dana", "Harpoon", "Hellfire", "Mistral", "Stryker"])
def test_system_names_that_are_common_words_need_more_than_the_word(
        reg: Registry, word: str) -> None:
    # The bare word is a name, an animal or a brand; a report's "Leopard 2" or
    # "Hawk missiles" still finds the system.
    assert reg.lookup_item(word) is None
    assert reg.lookup_item(word.lower()) is None


def test_mention_index_finds_short_coded_plurals(reg: Registry) -> None:
    from proxygraph.extract.mentions import AliasIndex

    index = AliasIndex(reg)
    for text, entity_id in [("F-16s", "f-16"), ("T-72s", "t-72"), ("KABs", "umpk"),
                            ("Gripens", "gripen"), ("M777s", "m777")]:
        found = index.match_text(text)
        assert found is not None and found.id == entity_id, text
    assert index.match_text("kab") is None  # an all-capital code needs its capitals


def test_affiliate_is_the_body_an_entity_belongs_to(reg: Registry) -> None:
    kiir = reg.lookup_actor("Salva Kiir")
    assert kiir is not None and reg.affiliate(kiir) == reg.get("south-sudan")
    # a state belongs to nothing; an unknown affiliation is no body
    assert reg.affiliate(reg.get("south-sudan")) is None
    assert reg.affiliate(replace(kiir, affiliation="no-such-id")) is None
