"""Entity types: the model's labels mapped and corrected (outlets, platforms, products, time zones,
code names, ships, sites, fragments of a post's name, names used as places or described as people)."""

from __future__ import annotations

from typing import Any

from builders import names_of


def test_outlets_are_organisations_and_products_are_not_people(mentions_of: Any) -> None:
    ms = mentions_of(
        "Interfax reported the deal, and Marta Kline posted about it on Twitter from her iPhone."
    )
    names = names_of(ms)
    assert names["Interfax"]["type"] == "organization"
    if "Twitter" in names:
        assert names["Twitter"]["type"] == "organization"
    assert all(m["type"] != "person" for m in ms if m["text"] in ("Twitter", "iPhone"))


def test_news_agency_pattern_is_an_organisation(mentions_of: Any) -> None:
    ms = mentions_of("Olaf Brenner told the Nordlicht news agency that the talks had stalled.")
    assert any(m["type"] == "organization" and "Nordlicht" in m["text"] for m in ms)


def test_names_used_as_places_are_places(mentions_of: Any) -> None:
    ms = mentions_of(
        "Orvana protested on Monday. Farmers in Orvana say the Tessel river is low. "
        "The water of the Tessel comes from the hills near Orvana."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types.get("Orvana", "place") == "place"
    assert not [m for m in ms if m["type"] == "person"]


def test_time_zones_and_code_names_are_not_entities(mentions_of: Any) -> None:
    ms = mentions_of(
        "The harbour office said at 14:00 GMT that the ferry would sail. "
        "Plan White said all clinics in the valley must cancel leave."
    )
    names = names_of(ms)
    assert "GMT" not in names and "Plan White" not in names


def test_nationality_before_a_medium_stays_a_group(mentions_of: Any) -> None:
    ms = mentions_of("Ivo Berg told Norwegian newspaper Dagposten on Friday that the port would close.")
    names = names_of(ms)
    assert names["Norwegian"]["type"] == "group"


def test_post_name_fragment_is_not_an_organisation(mentions_of: Any) -> None:
    ms = mentions_of(
        "US National Security Adviser Jane Roe said the talks would resume. "
        "Foreign Ministry Spokesman Ivo Berg said the talks were over."
    )
    names = names_of(ms)
    assert "US National Security" not in names
    assert names["Jane Roe"]["role"] == "US National Security Adviser"
    assert names.get("Foreign Ministry", {}).get("type") == "organization"


def test_a_ministrys_field_before_its_ministers_title_is_no_organisation(mentions_of: Any) -> None:
    ms = mentions_of(
        "In parliament, Finance Minister Evangelos Marinou said the cuts were vital. "
        "Trade Secretary Ann Lee met him. The Finance Ministry said revenue fell."
    )
    names = names_of(ms)
    assert "Finance" not in names and "Trade" not in names, names
    assert names["Evangelos Marinou"]["role"] == "Finance Minister"
    assert any(n.endswith("Finance Ministry") for n in names), names


def test_name_described_as_a_person_is_a_person(mentions_of: Any) -> None:
    ms = mentions_of(
        "The cabinet was led by Lucas Ferrandes, the technocratic prime minister. "
        "Her mother was the granddaughter of Penelope Darvas, a beloved Norland writer. "
        "The loan came from Athens College, the school in the hills."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types["Lucas Ferrandes"] == "person"
    assert types["Penelope Darvas"] == "person"
    assert types.get("Athens College", "organization") != "person"


def test_company_described_by_its_trade_stays_a_body(mentions_of: Any) -> None:
    ms = mentions_of(
        "The contract went to Acme Holdings, the owner of the port. "
        "Prices were cut by Norgas, the market leader. "
        "Supply was cut by Vessel Bay, the gas producer."
    )
    assert not [m for m in ms if m["type"] == "person"]


def test_a_sports_club_is_not_a_person(mentions_of: Any) -> None:
    ms = mentions_of(
        "Dunmore United signed two players from Harlow City last week. "
        "Vessa Rovers and Ostrel Athletic drew 1-1 on Saturday."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert "person" not in types.values(), types
    assert types.get("Dunmore United") == "organization"


def test_a_name_before_an_area_noun_is_a_place(mentions_of: Any) -> None:
    ms = mentions_of("Fighting spread to the Tarsk region and the Velda province on Monday.")
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types == {"Tarsk": "place", "Velda": "place"}


def test_a_product_feature_is_not_a_person(mentions_of: Any) -> None:
    ms = mentions_of("The phone also has a Kids Mode, and Quiet Mode mutes every alert after ten.")
    assert not [m for m in ms if m["type"] == "person"], ms


def test_sites_and_posts_are_not_people_or_bodies(mentions_of: Any) -> None:
    ms = mentions_of(
        "An emergency was also declared at the neighbouring Tarsk Daini plant. "
        "US Secretary of State Mara Velden said the bases were helping. "
        "The operator told Japanese news service Jiji News that pressure was rising."
    )
    types = {m["text"]: m["type"] for m in ms if m["kind"] == "name"}
    assert types.get("Tarsk Daini", "place") == "place"
    assert "State" not in types
    assert types.get("Jiji News", "organization") == "organization"


def test_ships_are_not_people_or_bodies(mentions_of: Any) -> None:
    ms = mentions_of(
        "The signals could not be checked until naval ship HMS Wren and defence vessel Sea Warden arrived. "
        "The frigate Karel Doorman sailed on Monday. The tanker Stena Impero was seized."
    )
    names = names_of(ms)
    assert not {"HMS Wren", "Sea Warden", "Karel Doorman", "Stena Impero"} & set(names)


def test_events_named_like_places_or_people_are_not_entities(mentions_of: Any) -> None:
    ms = mentions_of(
        "The mayor named the disaster the Great Northern Vessa Earthquake on Friday. "
        "Scientists compared it with the Ostrelian quake of 1998."
    )
    assert not [m for m in ms if "Earthquake" in m["text"]]
    # The quake's adjective may stay a group ("Ostrelian"), never a person or a body.
    assert not [m for m in ms if m["text"] == "Ostrelian" and m["type"] in ("person", "organization")]


def test_a_volcano_is_a_place_and_railways_a_body(mentions_of: Any) -> None:
    ms = mentions_of(
        "The Korvel volcano erupted again on Monday. Two trains are missing near the coast, "
        "says Vessa Railways. Harlund, a frozen fish manufacturer, said it would send food. "
        "Farmers on the Dunel plain said their wells were dry."
    )
    names = names_of(ms)
    if "Dunel" in names:
        assert names["Dunel"]["type"] == "place"
    if "Korvel" in names:
        assert names["Korvel"]["type"] == "place"
    assert names["Vessa Railways"]["type"] == "organization"
    if "Harlund" in names:
        assert names["Harlund"]["type"] == "organization"


def test_name_described_as_a_place_is_a_place(mentions_of: Any) -> None:
    # "Kestrel, a small town …" and "a Dutch village, Vlodrop": the tagger took both for people.
    names = names_of(
        mentions_of(
            "The guru runs his webcasts from a Dutch village, Vlodrop, where he set up his school. "
            "Kestrel, a small town on the coast, flooded. The talks were led by Mira Holt, a lawyer "
            "from the capital, and the town mayor, Jo Roe."
        )
    )
    assert names["Vlodrop"]["type"] == "place" and names["Kestrel"]["type"] == "place"
    assert names["Mira Holt"]["type"] == "person" and names["Jo Roe"]["type"] == "person"


def test_days_kept_and_texts_signed_are_not_bodies(mentions_of: Any) -> None:
    # The tagger calls the days organisations and the accord a place; none speaks or acts. A person
    # named Day stays.
    names = names_of(
        mentions_of(
            "President Holt spoke on Saturday, in a statement coinciding with the Vessan Martyrs "
            "Remembrance Day observed in that country. The rally marked the Kestrian Workers Day in the "
            "capital. Ministers met before the Lunesia Accord was signed. Lena Day sang at the harbour."
        )
    )
    assert not any(n.endswith(("Remembrance Day", "Workers Day", "Lunesia Accord")) for n in names)
    assert names["Lena Day"]["type"] == "person"


def test_a_strain_or_a_pandemic_is_not_a_place_or_a_person(mentions_of: Any) -> None:
    # "the Kestra variant", "the COVID pandemic": the tagger takes the names for a body and a person.
    names = names_of(
        mentions_of(
            "The Kestra variant is driving a spike in cases. The region will not emerge from the COVID "
            "pandemic until spring. The UK variant spread too."
        )
    )
    assert "Kestra" not in names and "COVID" not in names
    assert names["UK"]["type"] == "place"


def test_a_body_or_a_person_named_after_an_event_noun_stays(mentions_of: Any) -> None:
    ms = mentions_of(
        "The Institute for the Study of War said the front had not moved. "
        "Marta Flood, the mayor, said the pier would reopen on Monday."
    )
    names = names_of(ms)
    assert any("Study of War" in n for n in names), names
    assert names["Marta Flood"]["type"] == "person"


def test_a_name_used_before_a_disease_noun_stays_when_named_elsewhere(mentions_of: Any) -> None:
    ms = mentions_of(
        "Severin Holt said on Friday that the clinics would stay open. "
        "Critics attacked the Holt pandemic plan on Monday."
    )
    assert any(m["text"] == "Holt" for m in ms), ms


def test_family_words_used_as_names_are_nobody_the_story_can_follow(mentions_of: Any) -> None:
    ms = mentions_of("Ana Lind thanked Mom, Dad and Gramps when the Ostrel ferry named a boat after her.")
    assert not {m["text"] for m in ms} & {"Mom", "Dad", "Gramps"}
