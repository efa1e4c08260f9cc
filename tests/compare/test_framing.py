"""Per-source framing: coverage matrix, whom it quotes, reporting verbs, distinctive terms."""

from __future__ import annotations

from typing import Any

from builders import make_article
from storyscope.compare.framing import build_framing, distinctive_terms


def claim(text: str, sources: list[str], status: str = "corroborated") -> dict[str, Any]:
    return {
        "text": text,
        "sources": sources,
        "status": status,
        "variants": [{"source": s, "text": text, "start": 0, "end": 5} for s in sources],
    }


ARTS = [
    make_article(
        "a", "The mayor opened the bridge. Protesters blocked the bridge. Protesters blocked traffic."
    ),
    make_article("b", "The mayor opened the bridge on time. The budget doubled."),
    make_article("c", "The mayor opened the bridge. The budget doubled and the budget was criticised."),
    make_article("copy", "The mayor opened the bridge. Protesters blocked the bridge.", duplicate_of="a"),
]
CLAIMS = [
    claim("The mayor opened the bridge", ["a", "b", "c", "copy"]),
    claim("The budget doubled", ["b", "c"]),
    claim("Protesters blocked the bridge", ["a", "copy"], "single_source"),
]
QUOTES = [
    {
        "speaker": "Ada Merl",
        "variants": [
            {"source": "a", "text": "we built it for everyone", "speaker": "Ada Merl", "verb": "say"},
            {"source": "b", "text": "built for everyone", "speaker": "Ada Merl", "verb": "claim"},
        ],
    },
    {
        "speaker": None,
        "variants": [{"source": "a", "text": "it cost too much", "speaker": None, "verb": "say"}],
    },
]


def test_coverage_only_here_and_left_out() -> None:
    f = build_framing(ARTS, CLAIMS, QUOTES)
    assert set(f) == {"a", "b", "c", "copy"}
    a = f["a"]["coverage"]
    assert a["claims"] == 2 and a["of"] == 3
    # The copy repeats the original: the claim is still only the original's voice.
    assert [x["text"] for x in a["only_here"]] == ["Protesters blocked the bridge"]
    assert a["only_here"][0]["source"] == "a"
    assert [x["text"] for x in a["left_out"]] == ["The budget doubled"]
    assert f["b"]["coverage"]["left_out"] == []  # two other voices would be needed
    assert f["copy"]["copy_of"] == "a" and f["a"]["copy_of"] is None


def test_whom_it_quotes_and_its_verbs() -> None:
    f = build_framing(ARTS, CLAIMS, QUOTES)
    quoted = f["a"]["quoted"]
    assert quoted[0] == {"speaker": "Ada Merl", "quotes": 1, "words": 5}
    assert {"speaker": "(unnamed)", "quotes": 1, "words": 4} in quoted
    assert f["a"]["reporting_verbs"] == [{"verb": "say", "count": 2}]
    assert f["b"]["reporting_verbs"] == [{"verb": "claim", "count": 1}]
    assert f["c"]["quoted"] == []


def test_distinctive_terms_by_log_odds() -> None:
    # Ten paragraphs each, so that the counts carry evidence.
    texts = {
        "x": " ".join(["regime regime regime crackdown crackdown talks talks talks"] * 10),
        "y": " ".join(["government government government talks talks talks talks"] * 10),
        "z": " ".join(["government government talks talks talks"] * 10) + " summit",
    }
    terms = distinctive_terms(texts)
    assert [t["term"] for t in terms["x"]][:2] == ["regime", "crackdown"]
    assert all(t["z"] >= 1.96 for ts in terms.values() for t in ts)
    assert "talks" not in [t["term"] for t in terms["x"]]
    assert terms["z"] == []  # "summit" once is not a habit


def test_a_point_made_in_other_words_is_not_left_out() -> None:
    claims = [*CLAIMS[:2], dict(claim("The budget doubled", ["b", "c"]), near_sources=["a"])]
    claims[1] = dict(claims[1], text="The budget was criticised", near_sources=[])
    f = build_framing(ARTS, claims, QUOTES)
    left = [x["text"] for x in f["a"]["coverage"]["left_out"]]
    assert "The budget doubled" not in left and "The budget was criticised" in left
    # Nor is a point only one source makes "only here" when another makes it in other words.
    only = [dict(claim("Protesters blocked traffic", ["a"], "single_source"), near_sources=["b"])]
    assert build_framing(ARTS, only, QUOTES)["a"]["coverage"]["only_here"] == []
