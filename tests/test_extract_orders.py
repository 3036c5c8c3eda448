"""Orders, instructions and requests (extract/orders.py), headlines that join two subjects
by a comma (repairs._verbs_read_as_nouns), and a few verbs of backing, annexing and
appealing. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from extract_helpers import RULES_ONLY, only, triples, triples_without

# ------------------------------------------------------------------ orders and instructions


@pytest.mark.parametrize("text", [
    "Kata'ib Hezbollah takes its orders from the Quds Force, two officials said.",
    "Kata'ib Hezbollah receives instructions from the Quds Force.",
    "Kata'ib Hezbollah follows the Quds Force's orders.",
    "Kata'ib Hezbollah acted on the orders of the Quds Force.",
])
def test_orders_taken_from_someone_are_its_demand(text: str) -> None:
    assert ("DEMAND", "quds-force", "kataib-hezbollah") in triples(text)


def test_orders_given_to_someone_are_a_demand_of_them() -> None:
    claim = only("Iran has not given any orders to Kata'ib Hezbollah.", "DEMAND", "iran",
                 "kataib-hezbollah")
    assert claim.status == "denied"


def test_no_orders_taken_is_a_denied_demand() -> None:
    text = "Asa'ib Ahl al-Haq takes no orders from Tehran, its commander said."
    assert only(text, "DEMAND", "iran", "asaib-ahl-al-haq").status == "denied"


def test_instructions_received_with_money_are_both_a_payment_and_a_demand() -> None:
    found = triples("Hamas received funds and instructions from Iran.")
    assert ("FUNDING", "iran", "hamas") in found
    assert ("DEMAND", "iran", "hamas") in found


def test_instructions_are_orders_but_instruction_in_a_weapon_is_training(
        monkeypatch: pytest.MonkeyPatch) -> None:
    orders = triples_without("The Houthis receive their instructions directly from Tehran.",
                             RULES_ONLY, monkeypatch)
    assert ("DEMAND", "iran", "houthis") in orders
    assert not any(t == "TRAINING" for t, _, _ in orders)
    taught = triples("Hamas fighters received instruction in anti-tank missiles from the IRGC.")
    assert ("TRAINING", "irgc", "hamas") in taught


def test_orders_received_are_no_meeting(monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without("Kata'ib Hezbollah received orders from the Quds Force.",
                            RULES_ONLY, monkeypatch)
    assert not any(t == "CONTACT" for t, _, _ in found)


def test_acting_at_someones_request_is_their_demand() -> None:
    text = "Russia sent instructors at the request of the Central African Republic."
    assert ("DEMAND", "central-african-republic", "russia") in triples(text)


# ------------------------------------------------------------------ headline commas

# the story under a headline: a line longer than it, so the headline is a line of its own
BODY = "\nThe two governments announced the step on Monday after months of talks in the capital."


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia, Iran sign drone deal" + BODY,
     ("AGREEMENT", "russia", "iran")),
    ("Russia, North Korea ratify defence pact" + BODY,
     ("AGREEMENT", "russia", "north-korea")),
    ("Iran, Hezbollah back Houthi offensive on Marib" + BODY,
     ("SUPPORT", "hezbollah", "houthis")),
])
def test_a_headline_comma_joins_two_subjects(text: str, expected: tuple[str, str, str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert expected in triples_without(text, RULES_ONLY, monkeypatch)


def test_a_comma_before_an_apposition_still_names_one_subject(
        monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without("Turkey, Azerbaijan's closest ally, backs Baku.", RULES_ONLY,
                            monkeypatch)
    assert not any(s == "azerbaijan" and t == "SUPPORT" and o == "azerbaijan"
                   for t, s, o in found)


# ------------------------------------------------------------------ verbs


def test_nurturing_a_group_is_support() -> None:
    assert ("SUPPORT", "isi", "haqqani-network") in triples(
        "The ISI has long nurtured the Haqqani network.")


def test_annexing_makes_the_annexed_part_of_the_annexer() -> None:
    found = triples("Russia annexed the DPR and the LPR in 2022.")
    assert ("INTEGRATION", "dpr", "russia") in found
    assert ("INTEGRATION", "lpr", "russia") in found


def test_appealing_to_someone_for_arms_is_a_demand() -> None:
    assert ("DEMAND", "pakistan", "north-korea") in triples(
        "Pakistan appealed to North Korea for missiles.")


def test_details_shared_are_intelligence() -> None:
    assert ("INTELLIGENCE", "pakistan", "taliban") in triples(
        "Pakistan shared details of the operation with the Taliban.")


# ------------------------------------------------------------------ venues


def test_a_capital_naming_an_accord_is_its_venue_not_a_party() -> None:
    text = ("The Minsk Protocol of September 2014 and the Minsk II agreement of February "
            "2015 were signed by Ukraine and Russia.")
    assert not any("belarus" in (s, o) for _, s, o in triples(text))


def test_a_capital_that_signs_is_still_its_state() -> None:
    assert ("AGREEMENT", "belarus", "russia") in triples("Minsk and Moscow signed a defence pact.")


def test_armoured_cars_received_are_arms() -> None:
    assert ("ARMS_TRANSFER", "south-africa", "unita") in triples(
        "UNITA received armoured cars from South Africa.")


def test_capitals_joined_by_a_hyphen_are_the_parties() -> None:
    found = triples("Iran's army chief hailed the Tehran-Moscow pact as a blow to the West.")
    assert ("AGREEMENT", "iran", "russia") in found or ("AGREEMENT", "russia", "iran") in found


# ------------------------------------------------------------------ recruits and money


def test_children_abducted_to_serve_are_recruited() -> None:
    found = triples("The LRA continues to abduct children to serve as porters and fighters.")
    assert any(t == "RECRUITMENT" and s == "lra" for t, s, _ in found)
    # taken with no purpose of serving: no recruitment
    assert not any(t == "RECRUITMENT" for t, _, _ in triples(
        "The LRA abducted two aid workers near Obo."))


def test_donations_received_are_funding() -> None:
    assert ("FUNDING", "saudi-arabia", "haqqani-network") in triples(
        "The Haqqani network receives donations from Saudi Arabia.")


def test_the_one_asked_in_a_that_clause_or_for_a_thing() -> None:
    found = triples("Mali requested that the Security Council lift the embargo.")
    assert ("DEMAND", "mali", "un-security-council") in found
    found = triples("Haftar requested drones from Turkey in 2019.")
    assert ("DEMAND", "khalifa-haftar", "turkey") in found
    # a warning of what someone will do asks nothing of them
    assert not any(t == "DEMAND" for t, _, _ in triples("Israel warned that Iran would attack."))
