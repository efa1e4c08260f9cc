"""spaCy's parser and entity recognizer decoded by a Python loop that keeps the GIL.

spaCy decodes its transition-based components (``parser``, ``ner``) in a C loop that releases the
GIL, but the small functions it calls once per state, move and step (``StateC.B``, the moves'
``is_valid``, thinc's ``Vec.arg_max``) are compiled, under Cython 3, to take the GIL back and
release it again on every call. perf on this box: about 930 such round trips per token for the
entity recognizer (its 74 moves are checked one by one), two thirds of its time in mutex calls.

The loop here makes the same computation step by step from Python with the GIL held, where those
round trips cost a counter increment: the same precomputed features
(``precompute_hiddens.predict``), the same BLIS product with the output layer and bias added after,
unseen classes set to the minimum score, the component's own ``transition_states`` (the moves'
validity and argmax in C), and the component's own ``set_annotations``. Same parses and entities,
bit for bit (checked on the throughput bench's 200 articles against spaCy's own pipeline); per
~700-word article the entity recognizer takes ~28 ms instead of ~62, the parser ~9 instead of ~21.

Each Python step costs a few numpy calls whatever the number of states it advances, so the docs of
a batch are decoded together (``Parser.pipe`` splits a batch into quarters): a batch of 16 in one
sub-batch instead of four takes the parser from ~16 to ~9 ms per article. Sub-batches of at least
a quarter, as spaCy's, bound the memory of the precomputed features on large batches (16 docs: ~25 MB
more at peak than 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_FACTORY = "storyscope_greedy_decoder"
# spaCy's Parser.pipe default.
_PIPE_BATCH = 256
# Docs decoded together at least (when the batch has as many): fewer Python steps per doc.
_SUB_BATCH = 16


def _decodable(component: Any) -> bool:
    """A greedy CPU component whose step model has the layout this loop reproduces."""
    try:
        from thinc.api import NumpyOps

        ref = component.model
        return (
            component.cfg.get("beam_width", 1) == 1
            and isinstance(ref.ops, NumpyOps)
            and bool(ref.attrs.get("has_upper"))
            and ref.get_ref("lower").get_dim("nP") >= 2
        )
    except (AttributeError, KeyError, ValueError):
        return False


class GreedyDecoder:
    """Wraps a spaCy ``Parser`` (dependency parser or entity recognizer) and decodes it as spaCy's
    greedy C loop does, without the GIL round trips; every other attribute is the wrapped one's."""

    def __init__(self, component: Any) -> None:
        self.component = component

    def __getattr__(self, name: str) -> Any:
        if name == "component":  # not set yet (a copy being built): no recursion
            raise AttributeError(name)
        return getattr(self.component, name)

    def __call__(self, doc: Doc) -> Doc:
        self.component.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = _PIPE_BATCH) -> Iterator[Doc]:
        """Docs in order; each batch decoded in sub-batches of its docs ordered by length, as
        ``Parser.pipe``, but of up to :data:`_SUB_BATCH` docs rather than a quarter of the batch."""
        size = max(batch_size // 4, min(batch_size, _SUB_BATCH))
        stream = iter(docs)
        while in_order := list(islice(stream, batch_size)):
            by_length = sorted(in_order, key=len)
            for start in range(0, len(by_length), size):
                sub = by_length[start : start + size]
                self.component.set_annotations(sub, self.predict(sub))
            yield from in_order

    def predict(self, docs: list[Doc]) -> list[Any]:
        """The final parser states of ``docs`` (``StateClass`` objects, as ``Parser.predict``)."""
        from blis.py import gemm  # type: ignore[import-untyped]

        component = self.component
        states = component.moves.init_batch(docs)
        if not any(len(doc) for doc in docs):
            return list(states)
        step = component.model.predict(docs)  # token vectors and their precomputed features
        weights = step.vec2scores.get_param("W")
        bias = step.vec2scores.get_param("b")
        unseen = step._class_mask == 0
        any_unseen = bool(unseen.any())
        todo = [s for s in states if not s.is_final()]
        while todo:
            hidden = step.state2vec.predict(step.get_token_ids(todo))
            # spaCy's C loop: BLIS sgemm into zeros, then the bias.
            scores = gemm(hidden, weights, trans2=True, beta=0.0)
            scores += bias
            if any_unseen:
                scores[:, unseen] = scores.min()
            todo = component.transition_states(todo, scores)
        step.clear_memory()
        return list(states)


def _make_decoder(nlp: Language, name: str, wrapped: str) -> GreedyDecoder:
    return GreedyDecoder(nlp.get_pipe(wrapped))


def use_greedy_decoder(nlp: Language, names: Iterable[str] = ("parser", "ner")) -> list[str]:
    """Replace the named components of ``nlp`` by a :class:`GreedyDecoder` of themselves, under the
    same names and at the same places; components it cannot reproduce are left alone. Returns the
    names replaced."""
    from spacy.language import Language

    if not Language.has_factory(_FACTORY):
        Language.factory(_FACTORY, func=_make_decoder)
    done = []
    for name in names:
        if name not in nlp.pipe_names or not _decodable(nlp.get_pipe(name)):
            continue
        tmp = f"{name}__greedy"
        nlp.add_pipe(_FACTORY, name=tmp, after=name, config={"wrapped": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(tmp, name)
        done.append(name)
    return done
