"""The greedy decoder gives spaCy's own parses and entities."""

from __future__ import annotations

from typing import Any

import pytest

from storyscope.stages.greedy import GreedyDecoder, use_greedy_decoder
from storyscope.stages.nlp import MODEL, load_nlp

pytestmark = pytest.mark.slow

TEXTS = [
    "Lunesian Foreign Minister Ilinca Voronets said on Friday she would not wait for the Kestrian "
    "delegation. “We measured the river together in 2019,” she told reporters in Vessa.\n\n"
    "The Orbis Water Authority, which manages the Tamsel dam, said 4,000 people had been moved.",
    "",
    "Rain.",
    "Kestria's spokeswoman, Maren Dolt, said the dam had not been finished and could not be before "
    "June, according to a statement from the Ministry of Rivers. The project cost $2.3 billion.",
    "Talks resume in Vessa on Monday.\n\nNobody from the Orbis Water Authority was there.",
]


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.head.i, t.dep_, t.is_sent_start, t.ent_iob_, t.ent_type_, t.tag_, t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def std() -> Any:
    import spacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL)
    nlp.add_pipe("storyscope_paragraphs", before="parser")
    return nlp


def test_the_pipeline_decodes_parser_and_ner_with_it() -> None:
    nlp = load_nlp()
    assert isinstance(nlp.get_pipe("parser"), GreedyDecoder)
    assert isinstance(nlp.get_pipe("ner"), GreedyDecoder)
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index("ner")
    assert nlp.get_pipe("ner").labels == nlp.get_pipe("ner").component.labels


@pytest.mark.parametrize("batch_size", [1, 2, 3, 16, 256])
def test_same_parses_and_entities_as_spacy(std: Any, batch_size: int) -> None:
    fast = load_nlp()
    expected = [_annotations(d) for d in std.pipe(TEXTS, batch_size=batch_size)]
    assert [_annotations(d) for d in fast.pipe(TEXTS, batch_size=batch_size)] == expected
    assert [_annotations(fast(t)) for t in TEXTS] == [_annotations(std(t)) for t in TEXTS]


def test_entities_found_and_components_can_be_disabled() -> None:
    nlp = load_nlp()
    doc = nlp(TEXTS[0])
    assert ("Ilinca Voronets", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    with nlp.select_pipes(disable=["ner"]):
        assert not nlp(TEXTS[0]).ents


def test_a_component_that_is_no_greedy_spacy_parser_is_left_alone() -> None:
    import spacy
    from spacy.language import Language

    @Language.component("storyscope_test_beam_parser")
    def beam(doc: Any) -> Any:
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("storyscope_test_beam_parser", name="parser")
    assert use_greedy_decoder(nlp) == []
    assert not isinstance(nlp.get_pipe("parser"), GreedyDecoder)
    assert use_greedy_decoder(nlp, names=("ner",)) == []


def test_it_survives_a_copy_and_pickling() -> None:
    import copy
    import pickle

    ner = load_nlp().get_pipe("ner")
    assert copy.copy(ner).component is ner.component
    assert pickle.loads(pickle.dumps(ner)).labels == ner.labels
