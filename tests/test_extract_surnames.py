"""A person named in full once and by surname afterwards (extract/surnames.py)."""

from __future__ import annotations

from proxygraph.extract import extract_text
from proxygraph.extract.surnames import Surnames, surname_forms
from proxygraph.model import Entity


def _person(name: str, *aliases: str, ident: str | None = None) -> Entity:
    return Entity(id=ident or name.lower().replace(" ", "-"), name=name, kind="person",
                  aliases=aliases, resolved=False)


def test_surname_forms_drop_given_names_and_particles() -> None:
    assert surname_forms(_person("Gustavo Petro")) == {"Petro"}
    assert surname_forms(_person("Ibn al-Khattab")) == {"Khattab"}
    assert surname_forms(_person("Kim Jong Un")) == set()  # no two-letter "surname"
    assert surname_forms(_person("Hemedti")) == set()  # one word: the registry's alias


def test_a_surname_two_people_share_stays_unresolved() -> None:
    names = Surnames()
    names.learn(_person("Laurent-Desire Kabila", "Laurent Kabila"))
    names.learn(_person("Joseph Kabila"))
    assert names.person("Kabila") is None
    names.learn(_person("Richard Holbrooke"))
    names.learn(_person("Richard Holbrooke"))  # the same person again: still his
    found = names.person("Holbrooke")
    assert found is not None and found.name == "Richard Holbrooke"


def test_a_later_surname_is_the_person_named_in_full() -> None:
    # invented envoy: only the report says who "Varkonyi" is
    text = ("The UN envoy Tamas Varkonyi met Hezbollah officials in Beirut on Monday.\n\n"
            "On Thursday Varkonyi met Hamas leaders in Doha.")
    contacts = {(c.subject.name, c.object.name if c.object else None)
                for c in extract_text(text) if c.type == "CONTACT"}
    assert ("Tamas Varkonyi", "Hamas") in contacts


def test_a_bare_surname_before_any_full_name_is_no_one() -> None:
    text = "Varkonyi met Hamas leaders in Doha on Thursday."
    assert not [c for c in extract_text(text) if c.subject.name.endswith("Varkonyi")]


def test_arabic_particle_forms_are_the_same_person() -> None:
    text = ("The Saudi-born commander Ibn al-Khattab ran camps in Chechnya.\n\n"
            "Khattab fought Russian forces in Dagestan in 1999.")
    clashes = {c.subject.name for c in extract_text(text) if c.type == "CLASH"}
    assert "Ibn al-Khattab" in clashes


def test_a_surname_in_capitals_is_the_person_named_in_full() -> None:
    # invented defendant: filings name a party in full once, then in capitals
    text = ("The indictment charges Tamas Varkonyi, a dual national, with arms "
            "trafficking.\n\nIn March 2023 VARKONYI met Hamas officials in Doha.")
    contacts = {(c.subject.name, c.object.name if c.object else None)
                for c in extract_text(text) if c.type == "CONTACT"}
    assert ("Tamas Varkonyi", "Hamas") in contacts


def test_a_word_in_capitals_that_is_no_known_surname_stays_a_word() -> None:
    text = ("The UN envoy Tamas Varkonyi met Hezbollah officials in Beirut.\n\n"
            "BREAKING: Hamas leaders met in Doha.")
    assert all(c.subject.name != "Tamas Varkonyi" or c.object is None
               or c.object.name != "Hamas" for c in extract_text(text))
