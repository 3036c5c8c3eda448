"""Names the registry does not know: acronyms a report defines, unregistered proper names."""

from __future__ import annotations

from extract_helpers import named_triples, triples
from proxygraph.extract import extract_text
from proxygraph.extract.local_names import document_names, guess_kind
from proxygraph.extract.mentions import default_index


def test_an_acronym_defined_in_the_text_names_its_long_form() -> None:
    # invented names the registry cannot know
    names = document_names("Cargo flights supplied the Zawiya coastal shield (ZCS) and "
                           "the Northern Hill Tribes Army (NHTA).", default_index())
    zcs = names.table["zcs"]
    assert zcs.name == "Zawiya coastal shield" and not zcs.resolved
    assert names.table["nhta"].kind == "armed_group"


def test_parenthesised_agency_names_define_nothing() -> None:
    names = document_names("The army struck the camp, a spokesman said on Friday (AFP).",
                           default_index())
    assert "afp" not in names.table


def test_an_acronym_of_a_registry_name_is_that_entity() -> None:
    names = document_names("the Quds Force (QF) moved drones", default_index())
    entity = names.table.get("qf")
    assert entity is not None and entity.resolved and entity.id == "quds-force"


def test_unregistered_faction_becomes_a_party() -> None:
    text = ("The Zulfiqar Defence Brigade (ZDB) attacked the Syrian Democratic Forces. "
            "Later the ZDB shelled Kurdish positions near Manbij.")
    claims = extract_text(text)
    parties = {(c.type, c.subject.name) for c in claims}
    assert ("CLASH", "Zulfiqar Defence Brigade") in parties
    assert sum(1 for c in claims if c.subject.name == "Zulfiqar Defence Brigade") >= 1


def test_kind_is_guessed_from_the_head_word() -> None:
    assert guess_kind("Sultan Murad Division") == "armed_group"
    assert guess_kind("Military Intelligence Directorate") == "state_organ"
    assert guess_kind("Evro Polis") == "organization"


def test_a_reports_own_acronym_overrides_the_registry() -> None:
    text = ("Turkey trains the Somali National Army (SNA) in Mogadishu. "
            "Al-Shabaab attacked SNA positions near Afgoye.")
    claims = extract_text(text)
    names = {c.object.name for c in claims if c.object is not None}
    assert "Syrian National Army" not in names
    assert "Somali National Army" in names


def test_a_town_the_parser_takes_for_an_organisation_is_no_party() -> None:
    from proxygraph.gazetteer import is_town

    assert is_town("El Fasher") and not is_town("Rapid Support Forces")
    claims = extract_text("Witnesses said the RSF shelled El Fasher.")
    assert not [c for c in claims if c.object is not None and c.object.name == "El Fasher"]


def test_a_state_name_inside_an_organisations_name_is_that_name() -> None:
    # invented and historical fronts the registry does not list
    claims = extract_text("Libya armed the Chad Patriotic Front in 1987.")
    assert {(c.type, c.subject.id, c.object.name if c.object else None) for c in claims} == {
        ("ARMS_TRANSFER", "libya", "Chad Patriotic Front")}
    clash = [c for c in extract_text("The Congo Freedom Brigade clashed with M23 near Goma.")
             if c.type == "CLASH"]
    assert clash and all(c.subject.name == "Congo Freedom Brigade" for c in clash)


def test_a_registry_name_around_a_state_stays_the_registrys() -> None:
    claims = extract_text("The Free Syrian Army fought the Syrian army.")
    assert any(c.subject.resolved and "Free Syrian Army" in (c.subject.name, *c.subject.aliases)
               for c in claims)


def test_a_filings_name_in_capitals_is_a_person_named_again_by_surname() -> None:
    text = ("The defendant TOMASZ WIERZBICKI was a citizen of Poland and the owner of a "
            "freight company in Gdansk. Between 2022 and 2024, WIERZBICKI shipped drone "
            "engines to the Wagner Group through a trading firm in Dubai.")
    found = named_triples(text)
    assert ("ARMS_TRANSFER", "Tomasz Wierzbicki", "Wagner Group") in found


def test_capitals_that_are_a_heading_title_or_operation_name_nobody() -> None:
    text = ("In the north, troops of Operation HADIN KAI engaged the insurgents, the "
            "DEFENCE HEADQUARTERS SPOKESMAN told reporters at the weekly press briefing.")
    names = {c.subject.name for c in extract_text(text)} | {
        c.object.name for c in extract_text(text) if c.object}
    assert not any(n.lower() in ("hadin kai", "defence headquarters spokesman") for n in names)


def test_america_alone_is_the_united_states_not_a_region() -> None:
    assert ("SUPPORT", "united-states", "israel") in triples(
        "Israel fights on with the full support of America.")
    found = triples("Cuba trained militias across Latin America and Central America, "
                    "Voice of America reported.")
    assert not any("united-states" in t for t in found)


def test_seats_of_government_name_who_holds_them() -> None:
    assert ("CLASH", "israel", "houthis") in triples("Israel struck Sanaa on Tuesday.")
    assert ("ARMS_TRANSFER", "turkey", "libyan-government-of-national-accord") in triples(
        "Tripoli received Turkish drones in 2020.")


def test_states_naming_a_border_are_a_place() -> None:
    assert triples("Israel struck the Masnaa crossing on the Syria-Lebanon border.") == set()
    found = triples("Hezbollah fired across the Lebanese border at Israeli troops.")
    assert found == {("CLASH", "hezbollah", "idf")}


def test_states_recruits_come_from_are_no_beneficiaries() -> None:
    found = triples("The UAE is financing the recruitment of foreign mercenaries from "
                    "Colombia and South Sudan.")
    assert not any(t[0] == "FUNDING" and t[2] in ("colombia", "south-sudan") for t in found)


def test_a_name_the_parser_cut_short_ends_on_its_head_not_a_joiner() -> None:
    found = named_triples("The Group of Experts of the United Nations met the M23 leaders "
                          "in Goma.")
    assert ("CONTACT", "Group of Experts", "M23") in found


def test_who_follows_an_aggression_with_concern_is_no_party_to_it() -> None:
    assert not any(t == "CLASH" for t, _, _ in named_triples(
        "The Ministry of Foreign Affairs of the Republic of the Sudan follows with great "
        "concern the continued aggression against the Sudanese people."))


def test_an_arabic_group_name_the_parser_tags_as_a_person_is_an_armed_group() -> None:
    found = [c for c in extract_text(
        "Haftar's forces fought Ansar al-Sharia in Benghazi in 2014.")
        if c.type == "CLASH"]
    assert [(c.object.name, c.object.kind) for c in found] == [("Ansar al-Sharia",
                                                                "armed_group")]
