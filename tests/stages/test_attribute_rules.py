"""The attribute rules applied by lookup give what spaCy's AttributeRuler gives."""

from __future__ import annotations

import pytest

from storyscope.stages.attribute_rules import UnsupportedPattern, compile_rules
from storyscope.stages.nlp import MODEL, load_nlp

pytestmark = pytest.mark.slow

TEXT = (
    "Lunesian Foreign Minister Ilinca Voronets said on Friday she wasn't going to wait. "
    "“We gotta measure the river together,” she told reporters in Vessa. There's no deal yet, "
    "and y'all know it: nothin' has been signed.\n\nKestria's spokeswoman, who'd ignored the "
    "questions, said the dam hadn't been finished and couldn't be before June."
)


def _annotations(doc: object) -> list[tuple[str, str, str, str]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]  # type: ignore[attr-defined]


def test_the_lookup_gives_the_attribute_rulers_annotations() -> None:
    import spacy

    fast = load_nlp()
    assert "attribute_ruler" not in fast.pipe_names
    assert "storyscope_attribute_rules" in fast.pipe_names
    std = spacy.load(MODEL)
    std.add_pipe("storyscope_paragraphs", before="parser")
    assert _annotations(fast(TEXT)) == _annotations(std(TEXT))


def test_a_pattern_it_does_not_implement_is_refused() -> None:
    vocab = load_nlp().vocab
    with pytest.raises(UnsupportedPattern):
        compile_rules([{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}}], vocab)
    with pytest.raises(UnsupportedPattern):
        compile_rules([{"patterns": [[{"LOWER": {"FUZZY": "dam"}}]], "attrs": {"POS": "NOUN"}}], vocab)


def test_a_later_pattern_overrides_an_earlier_one_on_the_same_token() -> None:
    nlp = load_nlp()
    rules = compile_rules(
        [
            {"patterns": [[{"LOWER": "dam"}]], "attrs": {"LEMMA": "first"}},
            {"patterns": [[{"LOWER": {"IN": ["dam", "river"]}}]], "attrs": {"LEMMA": "second"}},
            {"patterns": [[{"LOWER": "the"}, {"LOWER": "dam"}]], "attrs": {"LEMMA": "pair"}, "index": -1},
        ],
        nlp.vocab,
    )
    doc = rules(nlp.make_doc("the dam on the river"))
    assert [t.lemma_ for t in doc][1] == "pair"
    assert [t.lemma_ for t in doc][4] == "second"


def test_dependency_and_space_rules_are_tried_only_where_they_can_match() -> None:
    nlp = load_nlp()
    rules = compile_rules(
        [
            {
                "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
                "attrs": {"LEMMA": "exist"},
                "index": 1,
            },
            {"patterns": [[{"DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"LEMMA": "helper"}},
            {"patterns": [[{"IS_SPACE": True}]], "attrs": {"LEMMA": "gap"}},
        ],
        nlp.vocab,
    )
    assert set(rules.by_dep) == {"expl", "aux", "auxpass"}
    assert len(rules.on_space) == 1
    assert not rules.anywhere
    with nlp.select_pipes(disable=["storyscope_attribute_rules", "lemmatizer", "ner"]):
        doc = nlp("There is a ferry to Vessa.\n\nIt has been delayed.")
    lemmas = {t.text: t.lemma_ for t in rules(doc)}
    assert lemmas["is"] == "exist"
    assert lemmas["has"] == "helper" and lemmas["been"] == "helper"
    assert lemmas["\n\n"] == "gap"
    assert lemmas["ferry"] != "gap"
