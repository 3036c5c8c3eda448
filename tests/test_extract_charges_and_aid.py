"""Charges and aid in the shapes real reports give them: a list of gerunds after "accused X
of", aid whose receiver the parser fused into it or hung on the verb, reliance on another
actor, a short form defined inside a longer parenthesis. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from extract_helpers import RULES_ONLY, triples, triples_without


@pytest.mark.parametrize("text, claims", [
    # the parser reads "funding" as a noun under "of" and "arming" as its conjunct
    ("Israeli officials accused Tehran of funding and arming Hamas and the Houthis.",
     {("FUNDING", "iran", "hamas"), ("ARMS_TRANSFER", "iran", "hamas"),
      ("FUNDING", "iran", "houthis"), ("ARMS_TRANSFER", "iran", "houthis")}),
    ("Islamabad accuses New Delhi of financing and arming the Baloch Liberation Army.",
     {("FUNDING", "india", "bla"),
      ("ARMS_TRANSFER", "india", "bla")}),
    ("Ethiopian officials accused Eritrea of arming and training Fano militias.",
     {("TRAINING", "eritrea", "fano")}),
])
def test_a_list_of_gerunds_after_accused_of_has_the_accused_as_doer(text, claims) -> None:
    assert claims <= triples(text)


def test_the_accuser_of_a_gerund_list_is_not_its_doer() -> None:
    found = triples("Israeli officials accused Tehran of funding and arming Hamas.")
    assert not any(s == "israel" for _, s, _ in found)


@pytest.mark.parametrize("text, claim", [
    ("France was accused of giving the LNA covert military assistance.",
     ("SUPPORT", "france", "lna")),
    ("Colombia accused the Venezuelan government of giving the ELN safe haven.",
     ("SUPPORT", "venezuela", "eln")),
])
def test_aid_names_its_receiver_inside_its_phrase(text, claim) -> None:
    assert claim in triples(text)


def test_fighters_sent_home_are_what_is_sent_not_a_receiver() -> None:
    assert not any(o == "wagner-group" for _, _, o in
                   triples("The Kremlin sent the Wagner fighters home in August."))


@pytest.mark.parametrize("text, claim", [
    ("Kampala denies any support to the M23.", ("SUPPORT", "uganda", "m23")),
    ("The UAE denied any weapons deliveries to the RSF.",
     ("ARMS_TRANSFER", "uae", "rsf")),
])
def test_a_receiver_the_parser_hangs_on_the_verb_of_the_aid(text, claim) -> None:
    from proxygraph.extract import extract_text

    found = {(c.type, c.subject.id, c.object.id if c.object else None): c.status
             for c in extract_text(text)}
    assert found.get(claim) == "denied"


@pytest.mark.parametrize("text, claims", [
    ("To hold the east, Kinshasa has relied on Wazalendo militias and Burundian troops.",
     {("SUPPORT", "wazalendo", "dr-congo"), ("SUPPORT", "fdnb", "dr-congo")}),
    ("Touadera has relied on Moscow and Kigali to keep the armed groups at bay.",
     {("SUPPORT", "russia", "central-african-republic"),
      ("SUPPORT", "rwanda", "central-african-republic")}),
])
def test_relying_on_an_actor_is_its_support(text, claims) -> None:
    assert claims <= triples(text)


def test_relying_on_a_tactic_names_no_supporter() -> None:
    assert not triples("The army has relied on air strikes since March.")


def test_a_bullet_is_a_weapon_received() -> None:
    found = triples('The M23 spokesman said: "We have never received a single bullet from '
                    'Kigali."')
    assert ("ARMS_TRANSFER", "rwanda", "m23") in found


def test_a_short_form_opening_a_longer_parenthesis_is_defined() -> None:
    found = triples('Jaish-e-Mohammed (JeM; "Army of Muhammad") is a militant group. '
                    "Analysts say JeM cooperates with Lashkar-e-Taiba.")
    assert ("COORDINATION", "jaish-e-mohammed", "lashkar-e-taiba") in found


@pytest.mark.parametrize("text, claim", [
    ("Asaib Ahl al-Haq is a PMF faction.", ("INTEGRATION", "asaib-ahl-al-haq", "pmf")),
    ("The Quds Force, an IRGC unit, trains militias across the region.",
     ("INTEGRATION", "quds-force", "irgc")),
])
def test_a_part_noun_names_its_whole_as_a_modifier(text, claim) -> None:
    assert claim in triples(text)


def test_a_demonym_on_a_part_noun_names_no_whole() -> None:
    assert not any(t == "INTEGRATION" for t, _, _ in
                   triples("Liwa Fatemiyoun, an Afghan faction, fought in Syria."))


def test_an_epithet_after_described_as_is_the_subjects_standing() -> None:
    assert ("SUPPORT", "china", "uwsa") in triples(
        "The UWSA is frequently described as China-backed.")


def test_a_possessive_phrase_is_a_name_as_written() -> None:
    from proxygraph.extract import extract_text

    claims = extract_text("Hezbollah said its fighters attacked Israeli troops near Kfar Kila.")
    clash = next(c for c in claims if c.type == "CLASH" and c.subject.id == "hezbollah")
    assert "its fighters" in clash.written.get("subject", ())


@pytest.mark.parametrize("text", [
    "The UAE has provided financial and military support to the RSF.",
    "The Houthis depend on Iran's financial and military support.",
])
def test_financial_and_military_support_is_funding_and_support(text) -> None:
    found = {t for t, _, _ in triples(text)}
    assert {"FUNDING", "SUPPORT"} <= found


def test_financial_assistance_alone_is_funding_only() -> None:
    assert {t for t, _, _ in triples("Qatar gave financial assistance to Hamas.")} == {
        "FUNDING"}


def test_the_foe_in_an_anti_modifier_is_no_party_of_the_rules(monkeypatch) -> None:
    # (the learned layer still reads "anti-X" pairs: "the anti-Houthi forces" fight them)
    found = triples_without("In the 1990s Tehran armed the anti-Taliban Northern Alliance.",
                            RULES_ONLY, monkeypatch)
    assert not any("taliban" in (o or "") for _, _, o in found)


def test_a_name_the_parser_made_a_modifier_of_the_verb_is_its_subject() -> None:
    from proxygraph.extract import extract_text

    claims = extract_text("The M23 captured Goma in January. Kigali denies arming the M23.")
    assert [(c.type, c.subject.id, c.object.id, c.status) for c in claims
            if c.type == "ARMS_TRANSFER"] == [("ARMS_TRANSFER", "rwanda", "m23", "denied")]
