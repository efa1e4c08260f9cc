"""Salient names and how an article's names are compared with a story's, on sentences written for these
tests."""

from dataclasses import replace

from storyscope.stories.names import compare_names, salient_names, skeleton
from storyscope.stories.params import EVENT


def test_salient_names_skip_sentence_openers_and_titles() -> None:
    names = salient_names(
        "Flood hits Orvik",
        "The river burst its banks in Orvik on Monday. Officials said Orvik and Tessel were cut off. "
        "Mayor Lina Kraus visited Tessel.",
    )
    assert names[0] == "orvik"
    assert {"tessel", "lina", "kraus"} <= set(names)
    assert not {"the", "officials", "monday", "mayor", "flood"} & set(names)


def test_a_title_case_headline_gives_only_the_names_its_body_capitalises() -> None:
    names = salient_names(
        "Harbour Strike Ends After Three Weeks In Orvik",
        "Dock workers in Orvik went back to work on Friday. The union said the deal with Tessel Ports "
        "was fair.",
    )
    assert names[0] == "orvik"
    assert "tessel" in names
    assert not {"harbour", "strike", "ends", "weeks"} & set(names)


def test_skeleton_matches_spellings_across_languages() -> None:
    assert skeleton("tehran") == skeleton("teheran")
    assert skeleton("putin") == skeleton("poutine")
    assert skeleton("kesh") != skeleton("brelin")


def test_names_veto_a_join_when_neither_side_leads_with_the_others_names() -> None:
    story = ["valdoria", "kesh", "brelin", "amara"]
    shared, vetoed = compare_names(["norvania", "tolvik", "serra"], story, True, EVENT)
    assert shared == [] and vetoed
    # One leading name in common is enough to let the similarity decide.
    shared, vetoed = compare_names(["norvania", "valdoria", "serra"], story, True, EVENT)
    assert shared == ["valdoria"] and not vetoed
    # Too few names on one side to judge: no veto.
    assert not compare_names(["norvania", "tolvik"], story, True, EVENT)[1]
    assert not compare_names(["norvania", "tolvik", "serra"], story, True, replace(EVENT, veto_names=0))[1]


def test_names_compare_by_skeleton_across_languages_only() -> None:
    story = ["teheran", "poutine", "erdogan"]
    shared, vetoed = compare_names(["tehran", "putin", "raisi"], story, False, EVENT)
    assert shared == ["tehran", "putin"] and not vetoed
    shared, vetoed = compare_names(["tehran", "putin", "raisi"], story, True, EVENT)
    assert shared == [] and vetoed


def test_capitalised_tokens_keep_their_boundaries_in_every_script() -> None:
    from storyscope.stories.names import salient_names

    text = (
        "Reports from L'Élysée say ’Vessin arrives in Téhéran. The pro-Kestria camp met in Österreich. "
        "Officials in Αθήνα and Москва agreed with Vessin on the well-Known plan."
    )
    names = salient_names("Talks", text)
    assert {"vessin", "teheran", "osterreich", "αθηνα", "москва"} <= set(names)
    assert not {"kestria", "known", "elysee"} & set(names)
