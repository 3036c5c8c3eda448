"""One test per extraction pattern: the sentences are written for these tests.

Each test states the claim type, the two sides (registry ids, or the descriptive name of an
unresolved collective) and the attribute the pattern is about.
"""

from __future__ import annotations

import pytest

from extract_helpers import only, triples
from proxygraph.extract import extract_text
from proxygraph.ingest import clean_text

# ------------------------------------------------------------------ voice and clause forms

def test_active_voice() -> None:
    claim = only("The IRGC trained Houthi fighters in 2019.", "TRAINING", "irgc", "houthis")
    assert claim.status == "occurred" and claim.certainty == "high"


def test_active_voice_when_the_parser_reads_the_verb_as_an_adjective() -> None:
    # The small model tags "trained" as an adjective of "fighters" after a sentence adverb.
    assert ("TRAINING", "irgc", "houthis") in triples("Later, the IRGC trained Houthi fighters.")


def test_passive_voice() -> None:
    claim = only("Hezbollah was trained by the IRGC.", "TRAINING", "irgc", "hezbollah")
    assert claim.status == "occurred"


def test_passive_relative_clause() -> None:
    text = "The Houthis, who are armed by Iran, attacked a tanker."
    assert ("ARMS_TRANSFER", "iran", "houthis") in triples(text)


def test_backed_epithet() -> None:
    claim = only("Iran-backed Houthi rebels attacked a cargo ship.", "SUPPORT", "iran", "houthis")
    # An epithet is a standing role (annotation guide 20) with no time of its own.
    assert (claim.status, claim.certainty, claim.time) == ("ongoing", "high", None)


def test_backed_by_participle() -> None:
    claim = only("The Houthis, backed by Iran, attacked a cargo ship.", "SUPPORT", "iran",
                 "houthis")
    assert claim.status == "ongoing"  # a standing role (annotation guide 20)


def test_possessive_proxies_followed_by_names() -> None:
    found = triples("Iran's proxies Hezbollah and Hamas fired rockets at Israel.")
    assert {("SUPPORT", "iran", "hezbollah"), ("SUPPORT", "iran", "hamas")} <= found
    # The patron named in the possessive is not one of the attackers.
    assert ("CLASH", "iran", "israel") not in found


def test_proxies_such_as_a_list() -> None:
    found = triples("Iran supports proxies such as Hezbollah, Hamas and the Houthis.")
    for group in ("hezbollah", "hamas", "houthis"):
        assert ("SUPPORT", "iran", group) in found


@pytest.mark.parametrize("text, group", [
    ("Hezbollah, an Iranian proxy, fired rockets at Israel.", "hezbollah"),
    ("Hezbollah is an Iranian proxy.", "hezbollah"),
    ("Kataib Hezbollah is one of Iran's proxies in Iraq.", "kataib-hezbollah"),
])
def test_proxy_as_predicate_or_apposition(text: str, group: str) -> None:
    assert ("SUPPORT", "iran", group) in triples(text)


def test_apposition_describing_the_subject_is_not_a_second_subject() -> None:
    found = triples("The Quds Force, an elite unit of the IRGC, trained Hezbollah fighters.")
    assert ("TRAINING", "quds-force", "hezbollah") in found
    assert ("TRAINING", "irgc", "hezbollah") not in found


def test_apposition_naming_the_patron() -> None:
    claim = only("Hezbollah's patron, Iran, sent rockets to the group.", "ARMS_TRANSFER",
                 "iran", "hezbollah")
    assert [i.id for i in claim.items] == ["rockets"]


def test_conjunctions_on_both_sides_give_every_pair() -> None:
    found = triples("Iran and Russia armed Hezbollah and the Houthis in 2020.")
    pairs = {(s, o) for t, s, o in found if t == "ARMS_TRANSFER"}
    assert pairs == {("iran", "hezbollah"), ("iran", "houthis"),
                     ("russia", "hezbollah"), ("russia", "houthis")}


def test_coordinated_verbs_share_their_object() -> None:
    found = triples("Russia has funded, armed, trained and provided intelligence to the Houthis.")
    for ctype in ("FUNDING", "ARMS_TRANSFER", "TRAINING", "INTELLIGENCE"):
        assert (ctype, "russia", "houthis") in found


@pytest.mark.parametrize("text, ctype", [
    ("Hezbollah, which Iran has funded for decades, fired rockets at Israel.", "FUNDING"),
    ("Hezbollah, which Tehran trains and equips, fired rockets at Israel.", "TRAINING"),
    ("Hezbollah, which Tehran trains and equips, fired rockets at Israel.", "ARMS_TRANSFER"),
])
def test_relative_clause(text: str, ctype: str) -> None:
    claim = only(text, ctype, "iran", "hezbollah")
    assert claim.certainty == "high"
    found = triples(text)
    # The relative clause's subject is not the main clause's attacker.
    assert ("CLASH", "hezbollah", "israel") in found
    assert ("CLASH", "iran", "israel") not in found


def test_relative_clause_present_tense_is_ongoing() -> None:
    claim = only("The Houthis, whom Iran arms, attacked a tanker.", "ARMS_TRANSFER", "iran",
                 "houthis")
    assert claim.status == "ongoing"
    assert claim.items == ()  # the verb "arms" is not the item "arms"


# ------------------------------------------------------------------------ nominal forms

def test_nominal_support_with_demonym_sponsor() -> None:
    only("Iranian support for Hamas grew after the war began.", "SUPPORT", "iran", "hamas")


def test_nominal_deliveries_of_items_to_recipient() -> None:
    claim = only("Iranian deliveries of drones to Russia began in August 2022.", "ARMS_TRANSFER",
                 "iran", "russia")
    assert [i.id for i in claim.items] == ["drones"]
    assert claim.time is not None and claim.time.start == "2022-08-01"


def test_nominal_training_with_possessive_trainer() -> None:
    claim = only("Russia's training of Houthi fighters began in 2021.", "TRAINING", "russia",
                 "houthis")
    assert claim.time is not None and claim.time.precision == "year"


def test_nominal_production_object_of_a_production_verb_is_one_claim() -> None:
    found = triples("Russia helped Iran build a drone factory.")
    assert ("PRODUCTION", "russia", "iran") in found
    assert ("PRODUCTION", "iran", None) not in found


# ------------------------------------------------------------ intermediaries and routes

def test_intermediary_via_a_pmc_is_not_a_route() -> None:
    claim = only("Russia sent weapons to Mali via the Wagner Group.", "ARMS_TRANSFER", "russia",
                 "mali")
    assert [v.id for v in claim.via] == ["wagner-group"]
    assert claim.route == ()


def test_route_by_sea() -> None:
    claim = only("Iran shipped missiles to the Houthis by sea.", "ARMS_TRANSFER", "iran",
                 "houthis")
    assert claim.route == ("by sea",)


def test_route_overland_through_a_country() -> None:
    claim = only("Iran sent weapons overland through Iraq to Hezbollah.", "ARMS_TRANSFER",
                 "iran", "hezbollah")
    assert "overland" in claim.route
    assert "through Iraq" in claim.route
    assert claim.via == ()


def test_source_state_is_not_a_place() -> None:
    claim = only("Russia received drones from Iran.", "ARMS_TRANSFER", "iran", "russia")
    assert claim.place == ()


# --------------------------------------------------------------------- unresolved actors

def test_unresolved_collective_actor() -> None:
    found = [c for c in extract_text("Russia recruited Syrian fighters in Deir ez-Zor.")
             if c.type == "RECRUITMENT"]
    assert len(found) == 1
    recruited = found[0].object
    assert recruited is not None
    assert (recruited.name, recruited.kind, recruited.resolved) == (
        "Syrian fighters", "collective", False)
    assert found[0].place == ("Deir ez-Zor",)


def test_backed_collective_gets_no_support_from_its_own_label() -> None:
    claims = extract_text("Iranian-backed militias attacked US forces in Syria.")
    assert [c.type for c in claims] == ["CLASH"]
    assert claims[0].subject.kind == "collective" and not claims[0].subject.resolved


# ------------------------------------------------------------------------------ dates

@pytest.mark.parametrize("text, start, end, precision", [
    ("On 12 May 2021, the IRGC sent missiles to the Houthis.",
     "2021-05-12", "2021-05-12", "day"),
    ("In March and April 2022, Iran shipped rockets to Hamas.",
     "2022-03-01", "2022-04-30", "month"),
    ("Iran sent missiles to the Houthis in 2019.", "2019-01-01", "2019-12-31", "year"),
    ("Less than a month after Oct. 7, 2023, Iran sent drones to Hezbollah.",
     "2023-10-07", "2023-11-07", "month"),
])
def test_dates_with_precision(text: str, start: str, end: str, precision: str) -> None:
    claim = next(c for c in extract_text(text) if c.type == "ARMS_TRANSFER")
    assert claim.time is not None
    assert (claim.time.start, claim.time.end, claim.time.precision) == (start, end, precision)


def test_since_gives_an_open_interval_and_an_ongoing_relation() -> None:
    claim = only("Iran has funded Hamas since 2015.", "FUNDING", "iran", "hamas")
    assert claim.time is not None
    assert (claim.time.start, claim.time.end, claim.time.precision) == (
        "2015-01-01", None, "year")
    assert claim.status == "ongoing"


def test_no_year_in_the_text_gives_no_time() -> None:
    claim = only("In March, Iran shipped rockets to Hamas.", "ARMS_TRANSFER", "iran", "hamas")
    assert claim.time is None


def test_year_carries_to_a_later_sentence_of_the_document() -> None:
    text = "The war widened in 2022. In March, Iran shipped rockets to Hamas."
    claim = only(text, "ARMS_TRANSFER", "iran", "hamas")
    assert claim.time is not None and claim.time.start == "2022-03-01"


# ------------------------------------------------------------------------- quantities

def test_quantity_with_rate() -> None:
    claim = only("Iran supplies Russia with 6,000 drones per year.", "ARMS_TRANSFER", "iran",
                 "russia")
    assert claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.unit, claim.quantity.rate) == (
        6000.0, "drones", "per year")
    assert claim.status == "ongoing"


def test_quantity_percentage_range() -> None:
    claim = only("Iran delivered 60-70 percent of the Houthis' weapons.", "ARMS_TRANSFER",
                 "iran", "houthis")
    assert claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.unit) == ((60.0, 70.0), "percent")


def test_money_amount() -> None:
    claim = only("Tehran budgeted $700 million for Hezbollah in 2020.", "FUNDING", "iran",
                 "hezbollah")
    assert claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.unit) == (700_000_000.0, "USD")


# ----------------------------------------------------------------------------- status

@pytest.mark.parametrize("text, status", [
    ("Iran sent missiles to Russia last spring.", "occurred"),
    ("Iran is sending drones to Russia.", "ongoing"),
    ("Iran continues to arm the Houthis.", "ongoing"),
    ("Iran will send missiles to Russia.", "planned"),
    ("Iran plans to send missiles to Russia.", "planned"),
    ("Iran could send missiles to Russia.", "forecast"),
    ("Iran is expected to deliver missiles to Russia.", "forecast"),
    ("Iran did not send missiles to Russia.", "denied"),
])
def test_status(text: str, status: str) -> None:
    claim = only(text, "ARMS_TRANSFER", "iran", "russia") if "Houthis" not in text else only(
        text, "ARMS_TRANSFER", "iran", "houthis")
    assert claim.status == status


def test_denial_by_a_party_is_denied_medium_with_the_denier_as_attribution() -> None:
    claim = only("Iran denied sending missiles to Russia.", "ARMS_TRANSFER", "iran", "russia")
    assert (claim.status, claim.certainty) == ("denied", "medium")
    assert claim.attribution == ("Iran",)


# -------------------------------------------------------------------------- certainty

@pytest.mark.parametrize("text, certainty", [
    ("Iran sent missiles to Russia.", "high"),
    ("Iran reportedly sent missiles to Russia.", "medium"),
    ("Iran allegedly sent missiles to Russia.", "medium"),
    ("Iran might have sent missiles to Russia.", "low"),
    ("Iran is thought to have sent missiles to Russia.", "low"),
])
def test_certainty(text: str, certainty: str) -> None:
    assert only(text, "ARMS_TRANSFER", "iran", "russia").certainty == certainty


# ------------------------------------------------------------------------ attribution

@pytest.mark.parametrize("text, credited", [
    ("According to Reuters, Iran sent missiles to Russia.", ("Reuters",)),
    ("US officials said Iran sent missiles to Russia.", ("US officials",)),
    ("Reuters reported that Iran had sent drones to Russia.", ("Reuters",)),
])
def test_attribution(text: str, credited: tuple[str, ...]) -> None:
    claim = only(text, "ARMS_TRANSFER", "iran", "russia")
    assert claim.attribution == credited
    assert claim.certainty == "medium"


# --------------------------------------------------------------------------- evidence

def test_evidence_offsets_slice_the_document_text() -> None:
    text = ("Weekly brief\n\nBy staff, March 3, 2023\n\nIran shipped drones to Russia. "
            "Later, the IRGC trained Houthi fighters.\n\n  Hezbollah, backed by Iran, "
            "attacked Israel.")
    clean = clean_text(text)
    claims = extract_text(text)
    assert len(claims) >= 4
    for claim in claims:
        ev = claim.evidence
        assert clean[ev.start:ev.end] == ev.sentence
    sentences = {c.evidence.sentence for c in claims}
    assert "Later, the IRGC trained Houthi fighters." in sentences


# ------------------------------------------------------------------------ identifiers

def test_ids_are_deterministic_and_depend_on_the_document_text() -> None:
    text = "Iran shipped drones to Russia. Hezbollah, backed by Iran, attacked Israel."
    first = [c.id for c in extract_text(text, name="a.txt")]
    again = [c.id for c in extract_text(text, name="a.txt")]
    assert first == again and len(set(first)) == len(first) == 3
    other = [c.id for c in extract_text(text + " The war went on.", name="a.txt")]
    assert not set(first) & set(other)


# ------------------------------------------------------------------------------ items

def test_item_origin_from_a_demonym() -> None:
    claim = only("Iran sent Iranian drones to Russia.", "ARMS_TRANSFER", "iran", "russia")
    assert [(i.id, i.origin) for i in claim.items] == [("drones", "iran")]


def test_named_system_keeps_its_registry_origin() -> None:
    claim = only("Iran's delivery of Shahed drones to Russia was confirmed.", "ARMS_TRANSFER",
                 "iran", "russia")
    assert [(i.id, i.origin) for i in claim.items] == [("shahed-136", "iran")]


@pytest.mark.parametrize("text, recipient", [
    ("Russia received Iranian drones.", "russia"),
    ("Iranian weapons were smuggled to the Houthis.", "houthis"),
])
def test_items_of_stated_origin_without_a_sender_come_from_that_state(text: str,
                                                                      recipient: str) -> None:
    claim = only(text, "ARMS_TRANSFER", "iran", recipient)
    assert claim.items and claim.items[0].origin == "iran"


def test_commodities_are_trade_not_arms() -> None:
    found = triples("Iran sold oil to Syria.")
    assert ("TRADE", "iran", "syria") in found
    assert ("ARMS_TRANSFER", "iran", "syria") not in found


def test_empty_text_gives_no_claims() -> None:
    assert extract_text("") == []
    assert extract_text("   \n\n ") == []


# ------------------------------------------------- rules added for patterns found missing

def test_fighting_alongside_is_support() -> None:
    found = triples("Fatemiyoun units have fought alongside Syrian government forces.")
    assert ("SUPPORT", "fatemiyoun", "syrian-arab-army") in found


def test_firing_weapons_at_a_target_is_a_clash() -> None:
    assert ("CLASH", "houthis", "israel") in triples("The Houthis fired missiles at Israel.")
    assert ("CLASH", "hezbollah", "israel") in triples(
        "Hezbollah has fired more than 8,000 rockets at Israeli territory.")


def test_troops_sent_without_a_named_sender_come_from_their_state() -> None:
    claim = only("About 11,000 North Korean soldiers had been sent to Russia's Kursk region.",
                 "SUPPORT", "north-korea", "russia")
    assert claim.status == "occurred"


@pytest.mark.parametrize("text, absorbed, absorber", [
    ("Kata'ib Hezbollah and the Badr Organization became brigades of the PMF.",
     "kataib-hezbollah", "pmf"),
    ("The Fifth Corps was later placed under the direct command of Russian officers.",
     "fifth-corps", "russian-armed-forces"),
    ("Africa Corps is expected to absorb the remaining Wagner units.",
     "wagner-group", "africa-corps"),
])
def test_integration_forms(text: str, absorbed: str, absorber: str) -> None:
    assert ("INTEGRATION", absorbed, absorber) in triples(text)


def test_expected_to_absorb_is_a_forecast() -> None:
    claim = only("Africa Corps is expected to absorb the remaining Wagner units.", "INTEGRATION",
                 "wagner-group", "africa-corps")
    assert claim.status == "forecast"


def test_subject_of_a_passive_report_verb_does_the_act() -> None:
    claim = only("Moscow is suspected of supplying Pyongyang with oil and food.", "TRADE",
                 "russia", "north-korea")
    assert claim.certainty == "low"
    assert [i.id for i in claim.items] == ["oil"]


def test_object_of_ask_does_what_is_asked() -> None:
    found = triples("Washington has asked China to press Tehran to rein in the Houthis.")
    assert ("DEMAND", "united-states", "china") in found
    assert ("DEMAND", "united-states", "iran") not in found


@pytest.mark.parametrize("text, subject, obj", [
    ("Russian President Vladimir Putin received Syrian President Bashar al-Assad in Moscow.",
     "vladimir-putin", "bashar-al-assad"),
    ("Supreme Leader Ali Khamenei met Hamas political chief Ismail Haniyeh in Tehran.",
     "ali-khamenei", "ismail-haniyeh"),
])
def test_a_title_affiliation_is_not_a_second_party(text: str, subject: str, obj: str) -> None:
    assert {(s, o) for t, s, o in triples(text) if t == "CONTACT"} == {(subject, obj)}


def test_a_dateline_city_is_not_an_actor() -> None:
    text = "TEHRAN, Nov. 8, 2023 (Wire) — Ali Khamenei met Ismail Haniyeh on Sunday."
    claims = extract_text(text)
    assert [(c.subject.id, c.object.id if c.object else None) for c in claims] == [
        ("ali-khamenei", "ismail-haniyeh")]
    # Nov. 8, 2023 was a Wednesday: "on Sunday" is Nov. 5.
    assert claims[0].time is not None and claims[0].time.start == "2023-11-05"


def test_recipient_attached_to_the_amount() -> None:
    claim = only("The Iraqi government budgeted about $2.6 billion for the PMF in 2023.",
                 "FUNDING", "iraq", "pmf")
    assert claim.quantity is not None and claim.quantity.value == 2_600_000_000.0


def test_sharing_with_a_recipient_is_intelligence() -> None:
    only("U.S. forces had shared early-warning data with the IDF.", "INTELLIGENCE",
         "us-military", "idf")


def test_attack_noun_as_subject_names_the_attacker() -> None:
    claim = only("An Israeli air strike in Damascus killed seven members of the IRGC.", "CLASH",
                 "israel", "irgc")
    assert claim.place == ("Damascus",)


def test_nominal_delivery_of_weapons_of_stated_origin() -> None:
    claim = only("Deliveries of Russian T-90 tanks to the Fifth Corps followed in 2017.",
                 "ARMS_TRANSFER", "russia", "fifth-corps")
    assert claim.time is not None and claim.time.start == "2017-01-01"


def test_an_active_sender_is_never_replaced_by_the_weapons_origin() -> None:
    # The networks (not Russia) move the Russian weapons: no claim without a named sender.
    text = "Smuggling networks funnel Russian weapons to Yemen."
    assert not [c for c in extract_text(text) if c.type == "ARMS_TRANSFER"]


def test_ceasefire_between_parties_is_an_agreement() -> None:
    assert ("AGREEMENT", "israel", "hezbollah") in triples(
        "A ceasefire between Israel and Hezbollah took effect on Wednesday.")


def test_lowercase_phrase_is_not_a_multiword_proper_name() -> None:
    found = triples("Russia and Iran will hold consultations between their security councils.")
    assert found == {("CONTACT", "iran", "russia")} or found == {("CONTACT", "russia", "iran")}


def test_military_personnel_of_a_state_are_its_armed_forces() -> None:
    only("Russian officers trained Belarusian crews.", "TRAINING", "russian-armed-forces",
         "belarusian-armed-forces")


def test_experts_a_state_sends_are_the_state() -> None:
    # instructors, advisers, engineers: annotators name the state (guide 17)
    only("Russian instructors trained Belarusian crews.", "TRAINING", "russia",
         "belarusian-armed-forces")


def test_counted_group_keeps_its_descriptive_name() -> None:
    claims = [c for c in extract_text(
        "The IRGC has recruited thousands of Afghan Shia men living in Iran.")
        if c.type == "RECRUITMENT"]
    assert len(claims) == 1 and claims[0].subject.id == "irgc"
    assert claims[0].object is not None and claims[0].object.name == "Afghan Shia men"


def test_backing_with_money_and_weapons_is_each_kind_of_help() -> None:
    # guide 1: one claim per type the sentence states
    found = triples("Saudi Arabia backed the Houthis with money and weapons.")
    assert {("SUPPORT", "saudi-arabia", "houthis"), ("FUNDING", "saudi-arabia", "houthis"),
            ("ARMS_TRANSFER", "saudi-arabia", "houthis")} <= found
    # backing with something that is no kind of transfer is the backing alone
    found = triples("The UAE backed Haftar with diplomatic cover.")
    assert {t for t, _, _ in found} == {"SUPPORT"}


def test_receiving_what_a_state_gives_is_no_meeting_with_it() -> None:
    found = triples("The SAF receives U.S. and Qatari funding for salaries.")
    assert ("FUNDING", "united-states", "sudanese-armed-forces") in found
    assert ("FUNDING", "qatar", "sudanese-armed-forces") in found  # each state named on it
    assert not any(t == "CONTACT" for t, _, _ in found)


def test_hosting_an_armed_group_or_its_seat_is_refuge_not_a_meeting() -> None:
    # guide 5: granting refuge is support
    assert ("SUPPORT", "qatar", "hamas") in triples("Qatar has hosted Hamas since 2012.")
    assert ("SUPPORT", "qatar", "hamas") in triples(
        "Qatar hosts the political bureau of Hamas in Doha.")
    # a foreign force hosted is supported too; a people or a ministry is not
    assert ("SUPPORT", "belarus", "russian-armed-forces") in triples(
        "Belarus hosted Russian troops in February.")
    assert not any(t == "SUPPORT" for t, _, _ in triples(
        "Qatar hosted the Russian Defence Ministry."))
    # its envoys are received: a meeting
    found = triples("Qatar hosted a Hamas delegation on Monday.")
    assert ("CONTACT", "qatar", "hamas") in found and ("SUPPORT", "qatar", "hamas") not in found
    # a group's people are sheltered with it; a state's leaders are guests
    assert ("SUPPORT", "algeria", "jnim") in triples(
        "Mali has accused Algeria of hosting JNIM figures.")
    assert ("SUPPORT", "iran", "hamas") in triples("Iran hosted Hamas leaders in 2023.")
    assert not any(t == "SUPPORT" for t, _, _ in triples(
        "Egypt hosted Iranian leaders in Cairo."))


def test_bringing_down_a_sides_weapons_fights_that_side() -> None:
    assert ("CLASH", "russian-armed-forces", "ukraine") in triples(
        "Russian forces shot down 82 Ukrainian drones over the region.")
    assert ("CLASH", "israel", "iran") in triples(
        "Israel intercepted Iranian missiles over the Golan.")
    # intercepting a boat or a shipment is an interdiction (guide 6), and firing a state's
    # missiles does not fight that state
    assert not any(t == "CLASH" for t, _, _ in triples(
        "The coast guard of the Government of Yemen intercepted the dhow Al Bahri 3."))
    found = triples("The Houthis fired Iranian missiles at Israel.")
    assert ("CLASH", "houthis", "iran") not in found


def test_production_for_someone_names_them() -> None:
    assert ("PRODUCTION", "north-korea", "russia") in triples(
        "North Korea is also producing more KN-23 missiles for Russia.")


def test_the_host_of_talks_between_named_sides_is_no_side() -> None:
    found = triples("Oman, which hosted five rounds of US-Iran nuclear talks in April, urged "
                    "de-escalation.")
    assert not any("oman" in (s, o) for t, s, o in found if t == "CONTACT")
    # hosting people of one side is meeting them
    assert ("CONTACT", "oman", "houthis") in triples("Oman hosted Houthi negotiators.")


def test_a_supported_leader_is_his_state_for_rules_and_layer_alike() -> None:
    found = triples("Egypt has backed army chief Abdel Fattah al-Burhan throughout the war.")
    assert ("SUPPORT", "egypt", "sudan") in found
    assert not any(o == "abdel-fattah-al-burhan" for _, _, o in found)


def test_a_name_with_bin_is_one_person() -> None:
    # (an official the registry lacks: the emir it has resolves to its entry)
    found = {(c.type, c.subject.name) for c in extract_text(
        "Qatar's envoy Sheikh Jassim bin Hamad Al Kuwari spoke with Trump by phone.")}
    assert ("CONTACT", "Jassim bin Hamad Al Kuwari") in found


def test_financial_support_is_funding() -> None:
    assert ("FUNDING", "qatar", "syria") in triples("Qatar provided financial assistance to Syria.")
    assert ("FUNDING", "qatar", "syria") in triples("Qatar's financial support for Syria grew.")
    assert ("SUPPORT", "russia", "mali") in triples("Russia provided military assistance to Mali.")


def test_the_brokers_of_a_truce_are_no_party_to_it() -> None:
    found = triples("Israeli tanks fired on villages a day after a U.S.- and French-brokered "
                    "ceasefire between Israel and Hezbollah took effect.")
    assert ("AGREEMENT", "israel", "hezbollah") in found
    assert not any("united-states" in (s, o) or "france" in (s, o)
                   for t, s, o in found if t == "AGREEMENT")


def test_the_government_of_a_leader_is_his_state() -> None:
    found = triples("Gustavo Petro urged the government of Nicolas Maduro to act against the ELN.")
    assert ("DEMAND", "gustavo-petro", "venezuela") in found
    assert not any(o == "nicolas-maduro" for _, _, o in found)


def test_an_operation_is_no_party() -> None:
    found = triples("Uganda and Congo launched Operation Shujaa against the Allied Democratic "
                    "Forces in November 2021.")
    assert ("CLASH", "uganda", "adf") in found
    assert all("Shujaa" not in (s + (o or "")) for _, s, o in found)


def test_an_apposition_that_makes_a_group_part_of_another_is_integration() -> None:
    claims = [c for c in extract_text("The Quds Force, the external arm of the IRGC, armed "
                                      "Hezbollah.") if c.type == "INTEGRATION"]
    assert [(c.subject.id, c.object.id if c.object else None, c.status) for c in claims] == [
        ("quds-force", "irgc", "ongoing")]


def test_a_sides_border_posts_are_that_side() -> None:
    assert ("CLASH", "pakistan-army", "afghanistan") in triples(
        "Pakistani troops attacked Afghan checkpoints.")


@pytest.mark.parametrize("text", [
    "Iran also helped Russia set up a factory to build Shahed-type drones at Alabuga.",
    "Russia built a drone factory in Tatarstan with Iran's help.",
    "China helped Pakistan to produce the JF-17.",
])
def test_helping_another_produce_is_production_of_the_helper_with_the_helped(text) -> None:
    found = triples(text)
    helper = "iran" if "Iran" in text else "china"
    helped = "russia" if "Russia" in text else "pakistan"
    assert ("PRODUCTION", helper, helped) in found


@pytest.mark.parametrize("text, expected", [
    ("Kata'ib Hezbollah, a faction of the Popular Mobilization Forces, fired rockets.",
     ("INTEGRATION", "kataib-hezbollah", "pmf")),
    ("Asa'ib Ahl al-Haq is a member of the Popular Mobilization Forces.",
     ("INTEGRATION", "asaib-ahl-al-haq", "pmf")),
])
def test_a_faction_or_member_of_a_force_is_part_of_it(text, expected) -> None:
    assert expected in triples(text)


def test_a_state_member_of_a_bloc_is_no_integration() -> None:
    assert not [t for t in triples("Iran is a member of BRICS.") if t[0] == "INTEGRATION"]
    # through its troops a state is part of a force, for the rules and the layer alike
    assert ("INTEGRATION", "chad", "mnjtf") in triples(
        "Chad, for its part, is likely to stay in the MNJTF only as long as it sees a return.")


@pytest.mark.parametrize("text", [
    "Kata'ib Hezbollah fired rockets. The group also receives rockets and one-way attack "
    "drones that are smuggled overland from Iran.",
    "Kata'ib Hezbollah received missiles and drones that were shipped from Iran.",
])
def test_the_giver_of_what_is_received_may_sit_on_its_clause(text) -> None:
    assert ("ARMS_TRANSFER", "iran", "kataib-hezbollah") in triples(text)


def test_a_plural_noun_read_for_a_verb_with_its_partner_is_the_verb() -> None:
    # the small model tags "coordinates" as a plural noun after a name
    assert ("COORDINATION", "pij", "hamas") in triples(
        "PIJ coordinates with Hamas through a joint operations room in Gaza.")


def test_fire_support_is_support_whatever_weapon_gives_it() -> None:
    found = triples("RDF units provided artillery support to M23 fighters near Goma.")
    assert ("SUPPORT", "rdf", "m23") in found and ("ARMS_TRANSFER", "rdf", "m23") not in found
    assert ("ARMS_TRANSFER", "iran", "hezbollah") in triples(
        "Iran provided Hezbollah with an arsenal of rockets in the 1990s.")


def test_a_city_naming_a_deal_is_no_party_to_it() -> None:
    found = triples("The Riyadh Agreement was signed by the Yemeni government and the STC "
                    "in November 2019.")
    assert not any("saudi-arabia" in (s, o) for _, s, o in found)
    assert not any("belarus" in (s, o) for _, s, o in triples(
        "Russia and Ukraine signed the Minsk agreements in 2015."))


@pytest.mark.parametrize("text, expected", [
    ("The Danes gave Ukraine F-16 aircraft.", ("ARMS_TRANSFER", "denmark", "ukraine")),
    ("The Turks sold drones to Ethiopia.", ("ARMS_TRANSFER", "turkey", "ethiopia")),
    ("The Swedes sent rifles to Ukraine.", ("ARMS_TRANSFER", "sweden", "ukraine")),
])
def test_a_people_named_by_its_noun_is_its_state(text, expected) -> None:
    assert expected in triples(text)


def test_a_demonym_on_a_word_for_military_operators_is_that_states_forces() -> None:
    assert ("TRAINING", "iran", "russian-armed-forces") in triples(
        "Iranian instructors have trained Russian drone operators in Crimea.")


def test_a_military_site_named_by_a_demonym_is_its_forces() -> None:
    # ("bases": the parser's lemma is "basis")
    found = triples("ISWAP has attacked Nigerian and Chadian bases.")
    assert {("CLASH", "iswap", "nigerian-armed-forces"),
            ("CLASH", "iswap", "chadian-armed-forces")} <= found


def test_the_words_of_a_states_press_for_its_enemies_name_them() -> None:
    assert ("SUPPORT", "india", "ttp") in triples(
        "The army blamed Indian-sponsored khawarij for the attack.")
