"""The word sets the extraction rules use, loaded once from `wordsets.yaml` beside this
module into typed fields (`WORDS.capability_nouns`).

Vocabulary is data: a change of a set is a change of behaviour, and the file is part of
the extractor version hash (`pipeline._behaviour_digest`). What stays in code is grammar,
not vocabulary: dependency labels, part-of-speech and entity labels, entity kinds,
pronouns and relative words, and the calendar and number words the date and quantity
patterns are compiled from.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

import yaml

WORDSETS_FILE = "wordsets.yaml"


@dataclass(frozen=True)
class WordSets:
    version: str
    # arguments
    list_preps: frozenset[str]
    descriptive_preps: frozenset[str]
    indefinite_group_nouns: frozenset[str]
    definite_collective_nouns: frozenset[str]
    invariant_plural_nouns: frozenset[str]
    bloc_modifiers: frozenset[str]
    bloc_nouns: frozenset[str]
    count_words: frozenset[str]
    # anaphora
    generic_group_nouns: frozenset[str]
    written_collective_heads: frozenset[str]
    plural_group_nouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    pmc_nouns: frozenset[str]
    member_nouns: frozenset[str]
    anaphoric_determiners: frozenset[str]
    arming_verbs: frozenset[str]
    war_side_nouns: frozenset[str]
    war_side_determiners: frozenset[str]
    war_side_heads: frozenset[str]
    pair_nouns: dict[str, frozenset[str]]
    # local names
    armed_heads: frozenset[str]
    arabic_armed_heads: frozenset[str]
    state_organ_heads: frozenset[str]
    name_joiners: frozenset[str]
    not_parties: frozenset[str]
    # verb frames
    subordinators: frozenset[str]
    help_verbs: frozenset[str]
    conversion_verbs: frozenset[str]
    joining_verbs: frozenset[str]
    phoning_verbs: frozenset[str]
    light_verb_objects: frozenset[str]
    keeping_verbs: frozenset[str]
    stationing_verbs: frozenset[str]
    embedding_verbs: frozenset[str]
    presence_words: frozenset[str]
    support_in_kind_nouns: frozenset[str]
    base_nouns: frozenset[str]
    capability_nouns: frozenset[str]
    subject_control_verbs: frozenset[str]
    instrument_verbs: frozenset[str]
    object_only_clash_verbs: frozenset[str]
    hired_nouns: frozenset[str]
    promise_verbs: frozenset[str]
    planned_adjectives: frozenset[str]
    non_speaker_labels: frozenset[str]
    # a document's own voice
    voice_genres: frozenset[str]
    press_genre_heads: frozenset[str]
    voice_issuing_verbs: frozenset[str]
    interview_words: frozenset[str]
    interview_marks: frozenset[str]
    interviewee_titles: frozenset[str]
    office_organ_words: frozenset[str]
    region_names: frozenset[str]
    border_nouns: frozenset[str]
    company_suffixes: frozenset[str]
    region_prefixes: frozenset[str]
    landform_prefixes: frozenset[str]
    order_sense_verbs: frozenset[str]
    bidding_verbs: frozenset[str]
    army_words: frozenset[str]
    loyalty_adjectives: frozenset[str]
    venue_event_nouns: frozenset[str]
    compass_adjectives: frozenset[str]
    blaming_verbs: frozenset[str]
    charging_verbs: frozenset[str]
    permission_verbs: frozenset[str]
    ground_use_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    order_nouns: frozenset[str]
    order_taking_verbs: frozenset[str]
    order_giving_verbs: frozenset[str]
    order_preps: frozenset[str]
    demanding_speech_verbs: frozenset[str]
    involvement_nouns: frozenset[str]
    subordinate_body_nouns: frozenset[str]
    made_in_categories: frozenset[str]
    defunct_states: frozenset[str]
    formation_nouns: frozenset[str]
    troop_arrival_verbs: frozenset[str]
    intervention_verbs: frozenset[str]
    armed_body_words: frozenset[str]
    affiliate_nouns: frozenset[str]
    affiliate_participles: frozenset[str]
    charge_verbs: frozenset[str]
    event_claim_types: frozenset[str]
    casualty_verbs: frozenset[str]
    event_adjunct_preps: frozenset[str]
    container_nouns: frozenset[str]
    plural_only_group_nouns: frozenset[str]
    operated_weapons: frozenset[str]
    interception_verbs: frozenset[str]
    territorial_clash_nouns: frozenset[str]
    aspect_verbs: frozenset[str]
    army_names: frozenset[str]
    denial_verbs: frozenset[str]
    dismissive_words: frozenset[str]
    calling_verbs: frozenset[str]
    denied_statements: frozenset[str]
    object_control_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    deploy_verbs: frozenset[str]
    product_words: frozenset[str]
    # themes
    civilian_aid_modifiers: frozenset[str]
    # sides
    fight_verbs: frozenset[str]
    alongside_verbs: frozenset[str]
    joint_adverbs: frozenset[str]
    joint_modifiers: frozenset[str]
    third_party_verbs: frozenset[str]
    under_fire_nouns: frozenset[str]
    service_verbs: frozenset[str]
    abduction_verbs: frozenset[str]
    merchant_ship_nouns: frozenset[str]
    naval_modifiers: frozenset[str]
    settlement_nouns: frozenset[str]
    # nominals
    noun_object_preps: dict[str, frozenset[str]]
    noun_subject_preps: frozenset[str]
    patient_of_nouns: frozenset[str]
    qualified_nouns: dict[str, frozenset[str]]
    blame_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    customer_nouns: frozenset[str]
    money_flow_nouns: frozenset[str]
    # epithets
    copulas: frozenset[str]
    source_nouns: frozenset[str]
    # flows
    destination_preps: frozenset[str]
    route_preps: frozenset[str]
    destination_participles: frozenset[str]
    destination_participle_preps: frozenset[str]
    capture_verbs: frozenset[str]
    # territory
    taking_verbs: frozenset[str]
    control_nouns: frozenset[str]
    taken_place_nouns: frozenset[str]
    # hiring
    hiring_verbs: frozenset[str]
    firm_nouns: frozenset[str]
    # exchanges
    exchange_nouns: frozenset[str]
    # learned layer
    unannotated_topics: frozenset[str]
    place_preps: frozenset[str]
    judging_verbs: frozenset[str]
    loose_affiliation_nouns: frozenset[str]
    rely_verbs: frozenset[str]
    rely_nouns: frozenset[str]
    # claim filters and status
    exchange_verbs: frozenset[str]
    standing_participles: frozenset[str]
    report_nouns: frozenset[str]
    span_units: frozenset[str]
    # quantities
    currencies: dict[str, str]
    rate_adverbs: dict[str, str]
    unit_stop_words: frozenset[str]
    unit_modifiers: frozenset[str]
    time_units: frozenset[str]
    # smaller lists inside the rules
    side_nouns: frozenset[str]
    under_fire_verbs: frozenset[str]
    becoming_verbs: frozenset[str]
    financial_modifiers: frozenset[str]
    monetary_modifiers: frozenset[str]
    currency_words: frozenset[str]
    state_sponsor_participles: frozenset[str]
    arrival_verbs: frozenset[str]
    hosting_verbs: frozenset[str]
    one_way_contact_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    thanking_verbs: frozenset[str]
    thanking_nouns: frozenset[str]
    solidarity_nouns: frozenset[str]
    former_words: frozenset[str]
    call_on_nouns: frozenset[str]
    performing_participles: frozenset[str]
    leader_men_nouns: frozenset[str]
    generic_force_words: frozenset[str]
    governing_heads: frozenset[str]
    state_descriptions: frozenset[str]
    home_state_descriptions: frozenset[str]
    government_force_modifiers: frozenset[str]
    divided_state_halves: dict[str, str]
    named_unit_heads: frozenset[str]
    controlled_place_nouns: frozenset[str]
    control_participles: frozenset[str]
    first_word_name_states: frozenset[str]
    not_party_name_starts: frozenset[str]
    refuge_nouns: frozenset[str]
    hosted_member_nouns: frozenset[str]
    fire_support_nouns: frozenset[str]
    deal_name_nouns: frozenset[str]
    military_site_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    force_name_words: frozenset[str]
    state_body_words: frozenset[str]
    not_only_adverbs: frozenset[str]
    ongoing_participles: frozenset[str]
    continuation_verbs: frozenset[str]
    standing_verbs: frozenset[str]
    recurrence_adjectives: frozenset[str]
    recruited_nouns: frozenset[str]
    help_nouns: frozenset[str]
    shelter_nouns: frozenset[str]
    membership_nouns: frozenset[str]


def _typed(name: str, kind: str, value: Any) -> Any:
    if kind == "str":
        return str(value)
    if kind == "frozenset[str]":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{WORDSETS_FILE}: {name} must be a list of strings")
        return frozenset(value)
    if not isinstance(value, dict):
        raise ValueError(f"{WORDSETS_FILE}: {name} must be a mapping")
    if kind == "dict[str, str]":
        return {str(k): str(v) for k, v in value.items()}
    return {str(k): _typed(f"{name}.{k}", "frozenset[str]", v) for k, v in value.items()}


def load_wordsets(text: str | None = None) -> WordSets:
    """Read the word sets (the packaged file unless `text` is given); every field must be
    present and no key unknown, so a misspelt set fails loudly instead of matching
    nothing."""
    if text is None:
        text = resources.files(__package__).joinpath(WORDSETS_FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    wanted = {f.name: str(f.type) for f in fields(WordSets)}
    missing, unknown = sorted(set(wanted) - set(raw)), sorted(set(raw) - set(wanted))
    if missing or unknown:
        raise ValueError(f"{WORDSETS_FILE}: missing {missing}, unknown {unknown}")
    return WordSets(**{name: _typed(name, kind, raw[name]) for name, kind in wanted.items()})


WORDS = load_wordsets()
