"""Merging mentions into story entities: every merge and no-merge rule."""

from __future__ import annotations

from typing import Any

from builders import make_article
from storyscope.compare.entities import build_entities
from storyscope.compare.spellings import PersonName, same_person, translit_key
from storyscope.models import Article


def _m(i: int, text: str, start: int, type: str = "person", **kw: Any) -> dict[str, Any]:
    return {
        "id": i,
        "text": text,
        "start": start,
        "end": start + len(text),
        "type": type,
        "kind": "name",
        "role": None,
        "resolved_to": None,
        "sent": 0,
        **kw,
    }


def _story(*per_article: list[dict[str, Any]]) -> tuple[list[Article], dict[str, dict[str, Any]]]:
    articles = [make_article(f"s{i}", text="x " * 200) for i in range(len(per_article))]
    return articles, {
        a.id: {"mentions": ms, "quotes": []} for a, ms in zip(articles, per_article, strict=True)
    }


def _people(entities: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {e["name"]: e["aliases"] for e in entities if e["type"] == "person"}


def test_full_name_and_surname_merge() -> None:
    arts, ann = _story([_m(0, "Marta Kovac", 0), _m(1, "Kovac", 40)], [_m(0, "Kovac", 10)])
    ents = build_entities(arts, ann)
    (e,) = [e for e in ents if e["type"] == "person"]
    assert e["name"] == "Marta Kovac" and e["aliases"] == ["Kovac", "Marta Kovac"]
    assert e["sources"] == ["s0", "s1"] and e["count"] == 3
    assert [(m["source"], m["start"]) for m in e["mentions"]] == [("s0", 0), ("s0", 40), ("s1", 10)]


def test_transliteration_variants_merge() -> None:
    arts, ann = _story(
        [_m(0, "Dmitri Volkow", 0), _m(1, "Hassan Abdol-Rahimi", 30)],
        [_m(0, "Dmitri Volkov", 0), _m(1, "Hassan Abdolrahimi", 30), _m(2, "Abdolrahimi", 60)],
    )
    people = _people(build_entities(arts, ann))
    assert len(people) == 2
    assert sorted(people["Dmitri Volkov"] if "Dmitri Volkov" in people else people["Dmitri Volkow"]) == [
        "Dmitri Volkov",
        "Dmitri Volkow",
    ]


def test_bare_surnames_one_letter_apart_are_one_person_across_outlets_not_within_one() -> None:
    # (A single name is a person here because a role introduces it.)
    arts, ann = _story([_m(0, "Volkow", 0, role="spokesman")], [_m(0, "Volkov", 0, role="spokesman")])
    assert list(_people(build_entities(arts, ann))) in (["Volkov"], ["Volkow"])
    arts, ann = _story([_m(0, "Barnes", 0, role="minister"), _m(1, "Baines", 30, role="mayor")])
    assert sorted(_people(build_entities(arts, ann))) == ["Baines", "Barnes"]


def test_accents_and_particles_are_ignored() -> None:
    assert same_person(PersonName.parse("Kemal Öztürk"), PersonName.parse("Kemal Ozturk"))
    assert same_person(PersonName.parse("Samir al-Haddad"), PersonName.parse("Samir Haddad"))
    assert translit_key("Peskow") == translit_key("Peskov")


def test_same_surname_different_first_names_stay_apart() -> None:
    arts, ann = _story([_m(0, "Anna Berg", 0), _m(1, "Johan Berg", 20)], [_m(0, "Anna Berg", 0)])
    people = _people(build_entities(arts, ann))
    assert set(people) == {"Anna Berg", "Johan Berg"}


def test_bare_surname_shared_by_two_people_joins_only_the_one_in_its_article() -> None:
    arts, ann = _story(
        [_m(0, "Anna Berg", 0), _m(1, "Berg", 30)],
        [_m(0, "Johan Berg", 0), _m(1, "Berg", 30)],
    )
    ents = build_entities(arts, ann)
    anna = next(e for e in ents if e["name"] == "Anna Berg")
    johan = next(e for e in ents if e["name"] == "Johan Berg")
    assert ("s0", 30) in [(m["source"], m["start"]) for m in anna["mentions"]]
    assert ("s1", 30) in [(m["source"], m["start"]) for m in johan["mentions"]]


def test_bare_surname_ambiguous_in_its_article_is_not_guessed() -> None:
    arts, ann = _story([_m(0, "Anna Berg", 0), _m(1, "Johan Berg", 20), _m(2, "Berg", 50)])
    ents = build_entities(arts, ann)
    assert {e["name"] for e in ents if e["type"] == "person"} == {"Anna Berg", "Johan Berg", "Berg"}


def test_same_role_different_people_stay_apart() -> None:
    arts, ann = _story(
        [_m(0, "Lars Emmerich", 0, role="Finance Minister")],
        [_m(0, "Petra Salonen", 0, role="Finance Minister")],
    )
    people = _people(build_entities(arts, ann))
    assert set(people) == {"Lars Emmerich", "Petra Salonen"}


def test_initial_cannot_chain_two_people() -> None:
    arts, ann = _story([_m(0, "J. Roe", 0), _m(1, "Jane Roe", 10), _m(2, "John Roe", 30)])
    people = _people(build_entities(arts, ann))
    assert "Jane Roe" in people and "John Roe" in people


def test_short_surnames_need_exact_match() -> None:
    assert not same_person(PersonName.parse("Eva Lind"), PersonName.parse("Eva Land"))


def test_pronoun_counts_for_its_antecedent_entity() -> None:
    ms = [_m(0, "Ida Brandt", 0), {**_m(1, "she", 30), "kind": "pronoun", "resolved_to": 0}]
    arts, ann = _story(ms)
    (e,) = build_entities(arts, ann)
    assert e["count"] == 2 and e["aliases"] == ["Ida Brandt"]


def test_organisations_merge_on_text_and_acronym() -> None:
    arts, ann = _story(
        [_m(0, "the Nordic Fishing Council", 0, type="organization")],
        [_m(0, "NFC", 0, type="organization"), _m(1, "Nordic Fishing Council", 20, type="organization")],
    )
    ents = build_entities(arts, ann)
    (e,) = ents
    assert e["name"] == "the Nordic Fishing Council" or e["name"] == "Nordic Fishing Council"
    assert e["count"] == 3 and e["type"] == "organization"


def test_a_dotted_acronym_joins_its_long_form() -> None:
    arts, ann = _story(
        [_m(0, "The Northern Federation", 0, type="place"), _m(1, "N.F.", 40, type="place")],
        [_m(0, "N.F.", 0, type="place")],
    )
    (e,) = build_entities(arts, ann)
    assert e["count"] == 3 and set(e["aliases"]) >= {"N.F."}


def test_mistyped_full_name_joins_the_person() -> None:
    arts, ann = _story([_m(0, "Ida Brandt", 0)], [_m(0, "Ida Brandt", 0, type="organization")])
    (e,) = build_entities(arts, ann)
    assert e["type"] == "person" and e["sources"] == ["s0", "s1"]


def test_roles_titles_and_duplicates_are_reported() -> None:
    arts, ann = _story([_m(0, "Ida Brandt", 0, role="Port director")], [_m(0, "Brandt", 0)])
    arts[1].duplicate_of = "s0"
    (e,) = build_entities(arts, ann)
    assert e["role"] == "Port director" and e["duplicate_sources"] == ["s1"]


def test_a_role_running_on_into_a_list_of_people_is_not_a_role() -> None:
    listed = "guards at the Tarsk port, and Ben Li and Ana Roe, guards at the airport"
    long_ok = "member of the council's standing Committee on Harbours, Rivers and Fisheries and Coastal Trade"
    arts, ann = _story(
        [_m(0, "Ida Brandt", 0, role=listed), _m(1, "Ola Berg", 30, role=long_ok)],
        [_m(0, "Ida Brandt", 0, role="port guard")],
    )
    roles = {e["name"]: e["role"] for e in build_entities(arts, ann)}
    assert roles == {"Ida Brandt": "port guard", "Ola Berg": long_ok}


def test_order_is_by_count_then_name() -> None:
    arts, ann = _story([_m(0, "Bo Ek", 0), _m(1, "Al Fry", 10), _m(2, "Fry", 20)])
    assert [e["name"] for e in build_entities(arts, ann)] == ["Al Fry", "Bo Ek"]


def test_german_transliteration_merges() -> None:
    assert translit_key("Woronez") == translit_key("Voronets")
    arts, ann = _story([_m(0, "Oksana Voronets", 0)], [_m(0, "Oksana Woronez", 0), _m(1, "Woronez", 30)])
    assert _people(build_entities(arts, ann)) == {
        "Oksana Voronets": ["Oksana Voronets", "Oksana Woronez", "Woronez"]
    }


def test_hyphen_and_space_variants_of_a_surname_merge() -> None:
    a, b = PersonName.parse("Lea Brandt Osei"), PersonName.parse("Lea Brandt-Osei")
    assert same_person(a, b)
    # Same run-together words, different first names: two people.
    assert not same_person(a, PersonName.parse("Tomas Brandt-Osei"))
    arts, ann = _story([_m(0, "Lea Brandt Osei", 0)], [_m(0, "Lea Brandt-Osei", 0), _m(1, "Brandt-Osei", 30)])
    assert _people(build_entities(arts, ann)) == {
        "Lea Brandt Osei": ["Brandt-Osei", "Lea Brandt Osei", "Lea Brandt-Osei"]
    }


def test_types_voted_across_the_story() -> None:
    # A surname of a person named in full is that person even where one article calls it a place.
    arts, ann = _story(
        [_m(0, "Pavel Orlik", 0), _m(1, "Orlik", 40)],
        [_m(0, "Orlik", 0, type="place"), _m(1, "Orlik", 30)],
    )
    ents = build_entities(arts, ann)
    assert _people(ents) == {"Pavel Orlik": ["Orlik", "Pavel Orlik"]}
    assert not [e for e in ents if e["type"] == "place"]


def test_unintroduced_single_name_is_not_a_person() -> None:
    # "Dravna insists …": never named in full, no role, nobody refers to it as he or she.
    arts, ann = _story([_m(0, "Dravna", 0), _m(1, "Dravna", 40)], [_m(0, "Dravna", 0, type="place")])
    ents = build_entities(arts, ann)
    assert _people(ents) == {}
    assert [(e["name"], e["type"], e["count"]) for e in ents] == [("Dravna", "place", 3)]
    # With a role it is a person ("Prosecutor Dravna").
    arts, ann = _story([_m(0, "Dravna", 0, role="prosecutor")])
    assert _people(build_entities(arts, ann)) == {"Dravna": ["Dravna"]}


def test_group_plural_and_completed_organisation_names_merge() -> None:
    arts, ann = _story(
        [
            _m(0, "Valmorans", 0, "group"),
            _m(1, "KNA", 20, "organization"),
            _m(2, "the ministry", 40, "organization"),
            _m(3, "NGOs", 60, "organization"),
        ],
        [
            _m(0, "Valmoran", 0, "group"),
            _m(1, "KNA news agency", 20, "organization"),
            _m(2, "KNA news", 60, "organization"),
        ],
    )
    ents = build_entities(arts, ann)
    assert len(ents) == 2  # "the ministry" and "NGOs" are no names
    group, agency = sorted(ents, key=lambda e: e["type"])
    assert sorted(group["aliases"]) == ["Valmoran", "Valmorans"] and group["type"] == "group"
    assert sorted(agency["aliases"]) == ["KNA", "KNA news", "KNA news agency"]
    assert agency["sources"] == ["s0", "s1"]


def test_two_different_completions_of_a_name_stay_apart() -> None:
    arts, ann = _story(
        [_m(0, "Orvel", 0, "organization"), _m(1, "Orvel Group", 20, "organization")],
        [_m(0, "Orvel News", 0, "organization")],
    )
    names = sorted(e["name"] for e in build_entities(arts, ann))
    assert names == ["Orvel", "Orvel Group", "Orvel News"]


def _places(entities: list[dict[str, Any]]) -> list[list[str]]:
    return sorted(sorted({e["name"], *e["aliases"]}) for e in entities if e["type"] == "place")


def test_romanisations_of_a_place_merge() -> None:
    arts, ann = _story(
        [_m(0, "Lugansk", 0, "place"), _m(1, "Kiev", 20, "place"), _m(2, "Kharkov", 40, "place")],
        [_m(0, "Luhansk", 0, "place"), _m(1, "Kyiv", 20, "place"), _m(2, "Kharkiv", 40, "place")],
        [_m(0, "Luhansk", 0, "place")],
    )
    places = _places(build_entities(arts, ann))
    assert places == [["Kharkiv", "Kharkov"], ["Kiev", "Kyiv"], ["Lugansk", "Luhansk"]]
    (luhansk,) = [e for e in build_entities(arts, ann) if "Luhansk" in [e["name"], *e["aliases"]]]
    assert luhansk["count"] == 3 and luhansk["sources"] == ["s0", "s1", "s2"]


def test_two_romanisations_in_one_article_are_two_places() -> None:
    arts, ann = _story([_m(0, "Lugansk", 0, "place"), _m(1, "Luhansk", 20, "place")])
    assert _places(build_entities(arts, ann)) == [["Lugansk"], ["Luhansk"]]


def test_places_one_letter_apart_stay_apart() -> None:
    arts, ann = _story(
        [_m(0, "Iran", 0, "place"), _m(1, "Gambia", 20, "place"), _m(2, "Austria", 40, "place")],
        [_m(0, "Iraq", 0, "place"), _m(1, "Zambia", 20, "place"), _m(2, "Australia", 40, "place")],
        [_m(0, "Slovenia", 0, "place"), _m(1, "Slovakia", 20, "place"), _m(2, "Niger", 40, "place")],
        [_m(0, "Nigeria", 0, "place"), _m(1, "Rostov", 20, "place"), _m(2, "Lviv", 40, "place")],
    )
    assert len(_places(build_entities(arts, ann))) == 12


def test_posts_are_not_organisations() -> None:
    arts, ann = _story(
        [
            _m(0, "National Security Adviser", 0, "organization"),
            _m(1, "Coordinator for Regional Affairs", 30, "organization"),
            _m(2, "Supreme", 70, "organization"),
            _m(3, "Foreign Ministry", 80, "organization"),
            _m(4, "Office of the President", 100, "organization"),
            _m(5, "Council of Europe", 130, "organization"),
        ]
    )
    names = sorted(e["name"] for e in build_entities(arts, ann))
    assert names == ["Council of Europe", "Foreign Ministry", "Office of the President"]


def test_dotted_initials_inside_a_name_merge_with_the_undotted_spelling() -> None:
    arts, ann = _story(
        [_m(0, "The U.K. Harbour Survey", 0, "organization")],
        [_m(0, "the UK Harbour Survey", 0, "organization"), _m(1, "U.K.", 40, "place")],
    )
    orgs = [e for e in build_entities(arts, ann) if e["type"] == "organization"]
    assert len(orgs) == 1 and orgs[0]["sources"] == ["s0", "s1"]


def test_a_nationality_in_front_of_a_name_is_not_part_of_it() -> None:
    arts, ann = _story(
        [_m(0, "Kestrian", 0, "group"), _m(1, "Kestrian Ilan Morrow", 20)],
        [_m(0, "Ilan Morrow", 0), _m(1, "Morrow", 30)],
    )
    people = [e for e in build_entities(arts, ann) if e["type"] == "person"]
    assert len(people) == 1
    (e,) = people
    assert e["name"] == "Ilan Morrow" and e["sources"] == ["s0", "s1"]
    # The mention starts at the name itself.
    assert ("s0", 29) in [(m["source"], m["start"]) for m in e["mentions"]]
    # A first word that the story never uses as a group name stays: "Valmoran" alone is not known (the
    # two names are still one person: "Ilan Morrow" ends the longer name).
    arts, ann = _story([_m(0, "Valmoran Ilan Morrow", 0)], [_m(0, "Ilan Morrow", 0)])
    people = [e for e in build_entities(arts, ann) if e["type"] == "person"]
    assert [e["name"] for e in people] == ["Valmoran Ilan Morrow"]


def test_a_name_heading_an_organisation_noun_is_an_organisation() -> None:
    text = "The Tide leader spoke first. Later the leader of Harbour Front met the Tide members. " + "x " * 50
    arts = [make_article("s0", text=text)]
    tide = text.index("Tide")
    front = text.index("Harbour Front")
    tide2 = text.index("Tide", tide + 1)
    ann = {
        "s0": {
            "mentions": [
                _m(0, "Tide", tide, "person"),
                _m(1, "Harbour Front", front, "place"),
                _m(2, "Tide", tide2, "person"),
            ],
            "quotes": [],
        }
    }
    types = {e["name"]: e["type"] for e in build_entities(arts, ann)}
    assert types == {"Tide": "organization", "Harbour Front": "organization"}


def test_a_country_that_leads_keeps_its_type() -> None:
    text = "The Valmora leader arrived. Valmora's government said the leader of Valmora would talk. "
    text += "x " * 50
    arts = [make_article("s0", text=text)]
    starts = [i for i in range(len(text)) if text.startswith("Valmora", i)]
    ann = {"s0": {"mentions": [_m(k, "Valmora", s, "place") for k, s in enumerate(starts)], "quotes": []}}
    assert [e["type"] for e in build_entities(arts, ann)] == ["place"]


def test_a_party_name_completed_by_party_is_the_party() -> None:
    arts, ann = _story([_m(0, "the Tide party", 0, "organization")], [_m(0, "TIDE", 0, "organization")])
    orgs = [e for e in build_entities(arts, ann) if e["type"] == "organization"]
    assert len(orgs) == 1 and orgs[0]["sources"] == ["s0", "s1"]


def test_british_and_american_spellings_and_company_short_forms_merge() -> None:
    arts, ann = _story(
        [
            _m(0, "the Northern Flood Warning Centre", 0, type="organization"),
            _m(1, "Vessa Water Co", 60, type="organization"),
        ],
        [
            _m(0, "Northern Flood Warning Center", 0, type="organization"),
            _m(1, "the Vessa Water Company", 60, type="organization"),
            _m(2, "NFWC", 120, type="organization"),
        ],
    )
    ents = {e["name"]: e for e in build_entities(arts, ann)}
    assert len(ents) == 2
    warning = next(e for e in ents.values() if "NFWC" in e["aliases"])
    assert warning["count"] == 3
    water = next(e for e in ents.values() if "Vessa Water Co" in e["aliases"])
    assert water["count"] == 2


def test_the_acronym_of_dotted_initials_counts_each_letter() -> None:
    arts, ann = _story(
        [_m(0, "the U.K. Marine Survey", 0, type="organization")],
        [_m(0, "UKMS", 0, type="organization"), _m(1, "Marine Survey", 40, type="organization")],
    )
    ents = build_entities(arts, ann)
    ukms = next(e for e in ents if "UKMS" in e["aliases"])
    assert "U.K. Marine Survey" in ukms["aliases"]


def test_two_long_forms_with_one_acronym_stay_apart_from_it() -> None:
    arts, ann = _story(
        [_m(0, "Pellmark Rail Company", 0, type="organization")],
        [_m(0, "Port Road Commission", 0, type="organization"), _m(1, "PRC", 40, type="organization")],
    )
    ents = build_entities(arts, ann)
    assert len(ents) == 3


def test_a_capitalised_common_noun_opening_sentences_is_not_a_name() -> None:
    text = (
        "Floods reached the old town at dawn. The floods cut the bridge to Orvesa. "
        "Pellmark sent boats. Orvesa asked for help."
    )
    art = make_article("s0", text=text)
    ms = [
        _m(0, "Floods", 0, type="organization"),
        _m(1, "Orvesa", text.index("Orvesa."), type="place"),
        _m(2, "Pellmark", text.index("Pellmark"), type="place"),
        _m(3, "Orvesa", text.index("Orvesa asked"), type="place"),
    ]
    ents = build_entities([art], {"s0": {"mentions": ms, "quotes": []}})
    assert sorted(e["name"] for e in ents) == ["Orvesa", "Pellmark"]


def test_an_organisation_in_a_place_context_is_a_place() -> None:
    text = (
        "Boats sank in Orvesa port on Monday. The Vessa Water Company said the dam held. "
        "Aid reached the city of Dravo, and Marel, Lunesia, asked for help from Lunesia. "
        "Riots broke out in the neighbourhood of Exelo."
    )
    art = make_article("s0", text=text)
    ms = [
        _m(0, "Orvesa", text.index("Orvesa"), type="organization"),
        _m(1, "Vessa Water Company", text.index("Vessa"), type="organization"),
        _m(2, "Dravo", text.index("Dravo"), type="organization"),
        _m(3, "Marel", text.index("Marel"), type="organization"),
        _m(4, "Lunesia", text.index("Lunesia"), type="place"),
        _m(5, "Lunesia", text.rindex("Lunesia"), type="place"),
        _m(6, "Exelo", text.index("Exelo"), type="organization"),
    ]
    types = {e["name"]: e["type"] for e in build_entities([art], {"s0": {"mentions": ms, "quotes": []}})}
    assert types == {
        "Orvesa": "place",
        "Vessa Water Company": "organization",
        "Dravo": "place",
        "Marel": "place",
        "Lunesia": "place",
        "Exelo": "place",
    }


def test_an_organisation_named_for_a_port_stays_an_organisation() -> None:
    text = "The Orvesa Port Authority said the Harbour Board of Dravo would meet."
    art = make_article("s0", text=text)
    ms = [
        _m(0, "Orvesa Port Authority", text.index("Orvesa"), type="organization"),
        _m(1, "Harbour Board", text.index("Harbour"), type="organization"),
    ]
    types = {e["name"]: e["type"] for e in build_entities([art], {"s0": {"mentions": ms, "quotes": []}})}
    assert types == {"Orvesa Port Authority": "organization", "Harbour Board": "organization"}


def test_a_list_or_a_possessive_after_a_comma_is_no_place_context() -> None:
    text = (
        "Talks with Dravex, Lunesia and Kestria failed. Marlo, Lunesia's utility, said so. "
        "A geologist at Vessa Mining College, Lunesia, agreed."
    )
    art = make_article("s0", text=text)
    ms = [
        _m(0, "Dravex", text.index("Dravex"), type="organization"),
        _m(1, "Lunesia", text.index("Lunesia"), type="place"),
        _m(2, "Kestria", text.index("Kestria"), type="place"),
        _m(3, "Marlo", text.index("Marlo"), type="organization"),
        _m(4, "Vessa Mining College", text.index("Vessa"), type="organization"),
        _m(5, "Lunesia", text.rindex("Lunesia"), type="place"),
    ]
    types = {e["name"]: e["type"] for e in build_entities([art], {"s0": {"mentions": ms, "quotes": []}})}
    assert types["Dravex"] == "organization" and types["Marlo"] == "organization"
    assert types["Vessa Mining College"] == "organization"


def test_given_names_in_another_order_are_one_person() -> None:
    arts, ann = _story([_m(0, "Omar Idris Valcourt", 0)], [_m(0, "Idriss Omar Valcourt", 0)])
    (aliases,) = _people(build_entities(arts, ann)).values()
    assert aliases == ["Idriss Omar Valcourt", "Omar Idris Valcourt"]
    # Other given names in another order are other people.
    arts, ann = _story([_m(0, "Omar Idris Valcourt", 0)], [_m(0, "Tarik Omar Valcourt", 0)])
    assert len(_people(build_entities(arts, ann))) == 2


def test_a_bare_name_that_is_also_a_given_name_of_the_story_is_not_guessed() -> None:
    arts, ann = _story(
        [_m(0, "Tarik al-Mahmoud", 0), _m(1, "Mahmud Serrano", 40)],
        [_m(0, "Mahmoud", 0)],
    )
    people = _people(build_entities(arts, ann))
    assert people["Tarik al-Mahmoud"] == ["Tarik al-Mahmoud"]
    assert "Mahmoud" in people and people["Mahmud Serrano"] == ["Mahmud Serrano"]
    # Without another person of that given name, the surname rule applies.
    arts, ann = _story([_m(0, "Tarik al-Mahmoud", 0)], [_m(0, "Mahmoud", 0)])
    assert _people(build_entities(arts, ann)) == {"Tarik al-Mahmoud": ["Mahmoud", "Tarik al-Mahmoud"]}


def test_streets_and_squares_are_places() -> None:
    arts, ann = _story(
        [
            _m(0, "Rue des Tanneurs", 0, type="organization"),
            _m(1, "Harbour Street", 40, type="person"),
            _m(2, "Place Jean Moulard", 80, type="organization"),
            _m(3, "Street Council", 120, type="organization"),
        ]
    )
    types = {e["name"]: e["type"] for e in build_entities(arts, ann)}
    assert types == {
        "Rue des Tanneurs": "place",
        "Harbour Street": "place",
        "Place Jean Moulard": "place",
        "Street Council": "organization",
    }


def test_other_names_of_one_country_merge() -> None:
    arts, ann = _story(
        [_m(0, "USA", 0, type="place"), _m(1, "Britain", 40, type="place")],
        [_m(0, "the United States", 0, type="place"), _m(1, "US", 40, type="place")],
        [_m(0, "the United Kingdom", 0, type="place"), _m(1, "Great Britain", 40, type="place")],
    )
    ents = {e["name"]: sorted(e["aliases"]) for e in build_entities(arts, ann)}
    assert len(ents) == 2
    assert ["US", "USA", "United States"] in ents.values()
    assert ["Britain", "Great Britain", "United Kingdom"] in ents.values()


def test_a_country_the_tagger_calls_a_group_or_body_is_a_place() -> None:
    arts, ann = _story(
        [
            _m(0, "Tajikistan", 0, type="group"),
            _m(1, "Tuvalu", 40, type="organization"),
            _m(3, "the European Union", 120, type="organization"),
        ]
    )
    types = {e["name"]: e["type"] for e in build_entities(arts, ann)}
    assert types["Tajikistan"] == "place" and types["Tuvalu"] == "place"
    assert types["European Union"] == "organization"


def test_a_dotted_acronym_is_the_same_as_its_plain_letters() -> None:
    arts, ann = _story(
        [_m(0, "U.S.", 0, type="place"), _m(1, "2600mAh", 40, type="organization")],
        [_m(0, "US", 0, type="place")],
    )
    ents = build_entities(arts, ann)
    assert [(e["count"], sorted(e["aliases"])) for e in ents] == [(2, ["U.S.", "US"])]


def test_a_dateline_run_into_a_title_is_not_part_of_the_role() -> None:
    arts, ann = _story([_m(0, "Ines Varga", 0, role="VESSA - First deputy mayor")])
    (e,) = build_entities(arts, ann)
    assert e["role"] == "First deputy mayor"


def test_a_peoples_plural_tagged_as_a_place_is_the_people() -> None:
    arts, ann = _story(
        [_m(0, "Lunesian", 0, type="group"), _m(1, "Lunesians", 40, type="place")],
        [_m(0, "Lunesian", 0, type="group")],
    )
    (e,) = build_entities(arts, ann)
    assert e["type"] == "group" and sorted(e["aliases"]) == ["Lunesian", "Lunesians"]


def test_a_shouted_dateline_city_is_named_as_in_prose() -> None:
    arts, ann = _story(
        [_m(0, "PORT ELLIS", 0, "place"), _m(1, "UK", 30, "place")],
        [_m(0, "NORTHBRIDGE", 0, "place"), _m(1, "Northbridge", 40, "place")],
    )
    names = {e["name"]: e["aliases"] for e in build_entities(arts, ann)}
    assert "Port Ellis" in names and names["Port Ellis"] == ["PORT ELLIS"]
    assert names["Northbridge"] == ["NORTHBRIDGE", "Northbridge"]
    assert "UK" in names


def test_two_names_run_together_are_not_a_third_entity() -> None:
    arts, ann = _story(
        [_m(0, "New Harbour", 0, "organization"), _m(1, "Tessel Front", 30, "organization")],
        [
            _m(0, "New Harbour and Tessel Front", 0, "organization"),
            _m(1, "Arts and Crafts Guild", 40, "organization"),
        ],
    )
    names = {e["name"] for e in build_entities(arts, ann)}
    assert names == {"New Harbour", "Tessel Front", "Arts and Crafts Guild"}


def test_a_single_name_addressed_as_mr_is_a_person() -> None:
    text = "Prime minister Najib Razan spoke. A somber Mr. Najib said the flight ended. Kestria insists."
    art = make_article("s0", text=text)
    ms = [
        _m(0, "Najib Razan", text.index("Najib")),
        _m(1, "Najib", text.rindex("Najib")),
        _m(2, "Kestria", text.index("Kestria")),
    ]
    ents = build_entities([art], {"s0": {"mentions": ms, "quotes": []}})
    najib = [e for e in ents if "Najib" in e["aliases"]]
    assert [e["type"] for e in najib] == ["person"]
    assert [e["type"] for e in ents if e["name"] == "Kestria"] == ["place"]


def test_a_bare_given_name_is_the_person_its_own_article_names() -> None:
    arts, ann = _story(
        [_m(0, "Mirela Voss", 0), _m(1, "Mirela", 40, role="minister")],
        [_m(0, "Mirela Kant", 0), _m(1, "Mirela Voss", 40)],
    )
    people = _people(build_entities(arts, ann))
    assert people["Mirela Voss"] == ["Mirela", "Mirela Voss"] and people["Mirela Kant"] == ["Mirela Kant"]
    # An article naming both keeps the bare name apart.
    arts, ann = _story(
        [_m(0, "Mirela Voss", 0), _m(1, "Mirela Kant", 20), _m(2, "Mirela", 40, role="minister")]
    )
    assert "Mirela" in _people(build_entities(arts, ann))


def test_every_bare_given_name_of_an_article_joins_the_person_it_names() -> None:
    # The second "Mirela" must not meet the first one (already joined to Mirela Voss) as a surname.
    arts, ann = _story(
        [_m(0, "Mirela Voss", 0), _m(1, "Mirela", 40), _m(2, "Mirela", 80)],
        [_m(0, "Mirela Kant", 0)],
    )
    people = _people(build_entities(arts, ann))
    assert people["Mirela Voss"] == ["Mirela", "Mirela Voss"]
    assert "Mirela" not in people


def test_a_first_name_a_kinship_word_introduces_is_a_person() -> None:
    # "his wife, Lena", "daughters Ilse and Mara" (the tagger took the girls for places): family
    # members' first names, though no article names them in full.
    text = "Halvard Moen lives with his wife, Lena, and daughters Ilse and Mara. Mother Vessa is a town."
    art = make_article("s0", text=text)
    ms = [
        _m(0, "Halvard Moen", 0),
        _m(1, "Lena", text.index("Lena")),
        _m(2, "Ilse", text.index("Ilse"), type="place"),
        _m(3, "Mara", text.index("Mara"), type="place"),
        _m(4, "Vessa", text.index("Vessa"), type="place"),
    ]
    ents = build_entities([art], {"s0": {"mentions": ms, "quotes": []}})
    types = {e["name"]: e["type"] for e in ents}
    assert types == {
        "Halvard Moen": "person",
        "Lena": "person",
        "Ilse": "person",
        "Mara": "person",
        "Vessa": "place",
    }


def test_a_bare_first_name_of_a_person_named_in_full_is_that_person() -> None:
    # "Susan" in a story that names Susan Bell is her, not an unintroduced word taken for a place.
    arts, ann = _story([_m(0, "Susan Bell", 0)], [_m(0, "Susan", 10), _m(1, "Vessa", 40)])
    ents = build_entities(arts, ann)
    assert _people(ents) == {"Susan Bell": ["Susan", "Susan Bell"]}
    assert [e["type"] for e in ents if e["name"] == "Vessa"] == ["place"]


def test_a_name_that_ends_a_longer_name_is_the_same_person() -> None:
    # "Mayor Daniela Costa Vidal" then "Costa Vidal" (a two-word surname), "Stellan Ove Lind" known as
    # "Ove Lind": the shorter name is the end of the longer one.
    assert same_person(PersonName.parse("Costa Vidal"), PersonName.parse("Daniela Costa Vidal"))
    assert same_person(PersonName.parse("Stellan Ove Lind"), PersonName.parse("Ove Lind"))
    assert not same_person(PersonName.parse("Maja Lind"), PersonName.parse("Stellan Ove Lind"))
    arts, ann = _story([_m(0, "Daniela Costa Vidal", 0)], [_m(0, "Costa Vidal", 0), _m(1, "Vidal", 30)])
    assert _people(build_entities(arts, ann)) == {
        "Daniela Costa Vidal": ["Costa Vidal", "Daniela Costa Vidal", "Vidal"]
    }


def test_the_people_word_of_a_place_in_the_story_is_a_group() -> None:
    arts, ann = _story(
        [_m(0, "Lunesia", 0, type="place"), _m(1, "Lunesian", 20, type="organization")],
        [_m(0, "Valmora", 0, type="place"), _m(1, "Valmoran", 20, type="place")],
        [_m(0, "Iran", 0, type="place"), _m(1, "Sudan", 20, type="place"), _m(2, "Suda", 40, type="place")],
    )
    types = {e["name"]: e["type"] for e in build_entities(arts, ann)}
    assert types["Lunesian"] == "group" and types["Valmoran"] == "group"
    # A place is not its own people ("Iran" is "Ira" + "n"), nor is a country another place's people.
    assert types["Iran"] == "place" and types["Sudan"] == "place" and types["Lunesia"] == "place"


def _article_with(text: str, names: list[str], type: str = "organization") -> tuple[Article, list[Any]]:
    mentions, at = [], 0
    for i, name in enumerate(names):
        at = text.index(name, at)
        mentions.append(_m(i, name, at, type=type))
        at += len(name)
    return make_article("s0", text=text), mentions


def test_a_name_is_listed_without_its_article() -> None:
    text = (
        "VESSA — The Harlow River Authority closed the weir. "
        "Fishermen blamed the Harlow River Authority and the Élan Trust, "
        "The Ostrel Courier reported."
    )
    names = [
        "The Harlow River Authority",
        "the Harlow River Authority",
        "the Élan Trust",
        "The Ostrel Courier",
    ]
    article, mentions = _article_with(text, names)
    ents = build_entities([article], {"s0": {"mentions": mentions, "quotes": []}})
    # Sentence-initial "The" and a lowercase "the" are not part of the name; a capital one mid-sentence is.
    assert sorted((e["name"], tuple(e["aliases"])) for e in ents) == [
        ("Harlow River Authority", ("Harlow River Authority",)),
        ("The Ostrel Courier", ("The Ostrel Courier",)),
        ("Élan Trust", ("Élan Trust",)),
    ]
    # The mentions keep the text as written, for citations.
    assert [m["text"] for m in ents[0]["mentions"]] == names[:2]


def test_a_name_used_only_before_the_noun_of_a_longer_name_is_that_name() -> None:
    text = (
        "Engineers inspected the Three Gorges Dam on Monday. "
        "The Three Gorges dam holds back a vast reservoir, and Three Gorges officials declined to comment."
    )
    article, mentions = _article_with(text, ["Three Gorges Dam", "Three Gorges", "Three Gorges"])
    ents = build_entities([article], {"s0": {"mentions": mentions, "quotes": []}})
    assert [(e["name"], e["count"]) for e in ents] == [("Three Gorges Dam", 3)]


def test_a_peoples_word_before_the_noun_of_a_place_is_not_that_place() -> None:
    text = (
        "Ships searched the Lunesian Sea on Monday. The southern Lunesian sea is rough, Lunesian divers said."
    )
    article, mentions = _article_with(text, ["Lunesian Sea", "Lunesian", "Lunesian"])
    mentions[0]["type"] = "place"
    for m in mentions[1:]:
        m["type"] = "group"
    ents = build_entities([article], {"s0": {"mentions": mentions, "quotes": []}})
    assert sorted(e["name"] for e in ents) == ["Lunesian", "Lunesian Sea"]


def test_a_name_that_stands_alone_is_not_merged_into_a_longer_one() -> None:
    text = "Harrow Aero said on Monday that Harrow Aero jets had landed at Harrow Aero Field."
    article, mentions = _article_with(text, ["Harrow Aero", "Harrow Aero", "Harrow Aero Field"])
    ents = build_entities([article], {"s0": {"mentions": mentions, "quotes": []}})
    assert sorted(e["name"] for e in ents) == ["Harrow Aero", "Harrow Aero Field"]


def test_two_places_run_together_by_a_lost_comma_are_not_a_place() -> None:
    arts, ann = _story(
        [_m(0, "Vessa", 0, type="place"), _m(1, "Lunesia", 20, type="place")],
        [
            _m(0, "Vessa", 0, type="place"),
            _m(1, "Lunesia", 20, type="place"),
            _m(2, "Vessa Lunesia", 60, type="place"),
        ],
    )
    assert sorted(e["name"] for e in build_entities(arts, ann)) == ["Lunesia", "Vessa"]
    # Written so by two outlets, it is a name of its own.
    arts, ann = _story(
        [
            _m(0, "Vessa", 0, type="place"),
            _m(1, "Lunesia", 20, type="place"),
            _m(2, "Vessa Lunesia", 60, type="place"),
        ],
        [
            _m(0, "Vessa", 0, type="place"),
            _m(1, "Lunesia", 20, type="place"),
            _m(2, "Vessa Lunesia", 60, type="place"),
        ],
    )
    assert sorted(e["name"] for e in build_entities(arts, ann)) == ["Lunesia", "Vessa", "Vessa Lunesia"]


def test_the_name_shown_is_the_spelling_most_outlets_use() -> None:
    arts, ann = _story(
        [_m(0, "Teodora Marin-Halse", 0)],
        [_m(0, "Teodora Marin-Halse", 0)],
        [_m(0, "Teodora Marin Halse", 0)],
    )
    (person,) = build_entities(arts, ann)
    assert person["name"] == "Teodora Marin-Halse"
    assert person["aliases"] == ["Teodora Marin Halse", "Teodora Marin-Halse"]


def test_entities_named_by_more_outlets_come_first_and_a_copy_is_no_second_voice() -> None:
    # s0 lists a squad: "Norland" twelve times. Mayor Ida Brandt is named once or twice by three
    # outlets; Velmar by s0 and by s3, a copy of s0, so one voice.
    squad = [_m(i, "Norland", 20 * i, "place") for i in range(12)]
    arts, ann = _story(
        [*squad, _m(20, "Ida Brandt", 400), _m(21, "Velmar", 450, "place")],
        [_m(0, "Ida Brandt", 0), _m(1, "Brandt", 40)],
        [_m(0, "Ida Brandt", 0), _m(1, "Oskar Lind", 30)],
        [_m(0, "Velmar", 0, "place"), _m(1, "Velmar", 30, "place"), _m(2, "Velmar", 60, "place")],
    )
    arts[3].duplicate_of = "s0"
    names = [e["name"] for e in build_entities(arts, ann)]
    assert names.index("Ida Brandt") < names.index("Norland")
    assert names.index("Norland") < names.index("Velmar")  # one voice, 12 mentions against 4
    assert names.index("Velmar") < names.index("Oskar Lind")  # one voice each, 4 mentions against 1


def test_a_name_only_other_language_articles_give_keeps_the_type_their_reading_gave() -> None:
    # A lone surname no article introduces: in English news writing that is no person ("Kiev insists"),
    # a rule that reads English; the Spanish reading typed "Ruvalca" a person from its own evidence.
    def story(language: str) -> list[dict[str, Any]]:
        arts = [make_article(f"{language}0", text="x " * 200, language=language)]
        ann = {arts[0].id: {"mentions": [_m(0, "Ruvalca", 10)], "quotes": []}}
        return build_entities(arts, ann)

    assert [(e["name"], e["type"]) for e in story("es")] == [("Ruvalca", "person")]
    assert [(e["name"], e["type"]) for e in story("en")] == [("Ruvalca", "place")]
