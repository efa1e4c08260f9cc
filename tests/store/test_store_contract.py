"""The store contract, run against every implementation (only SQLite so far)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import make_article
from storyscope.errors import NotFoundError
from storyscope.models import Removed, Story
from storyscope.store.base import Store
from storyscope.store.sqlite import SQLiteStore


@pytest.fixture(params=["sqlite-memory", "sqlite-file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = SQLiteStore(":memory:" if request.param == "sqlite-memory" else tmp_path / "t.db")
    yield s
    s.close()


def test_put_get_roundtrip(store: Store) -> None:
    a = make_article("a1", published="2024-03-05", outlet="Harbour Times", language="en")
    a.removed = [Removed(0, 4, "caption")]
    a.meta = {"sitename": "HT"}
    assert store.put_article(a) == "a1"
    b = store.get_article("a1")
    assert (b.text, b.title, b.published, b.outlet, b.language) == (
        a.text,
        a.title,
        "2024-03-05",
        "Harbour Times",
        "en",
    )
    assert b.removed == [Removed(0, 4, "caption")]
    assert b.meta == {"sitename": "HT"}


def test_same_content_is_a_noop(store: Store) -> None:
    assert store.put_article(make_article("a1")) == "a1"
    assert store.put_article(make_article("other-name")) is None
    assert store.count_articles() == 1
    assert store.find_by_hash(make_article().content_hash) == "a1"


def test_id_collision_gets_suffix(store: Store) -> None:
    store.put_article(make_article("x", text="First text about the harbour."))
    second = make_article("x", text="Second, different text about the dam.")
    assert store.put_article(second) == "x-2"
    assert second.id == "x-2"
    assert store.put_article(make_article("x", text="Third text on the bridge.")) == "x-3"


def test_missing_ids_raise(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_article("nope")
    with pytest.raises(NotFoundError):
        store.get_story("nope")


def test_annotations(store: Store) -> None:
    store.put_article(make_article("a1"))
    store.put_article(make_article("a2", text="Another article on the ferry strike."))
    store.put_annotation("a2", "nlp", "1", {"n": 2})
    store.put_annotation("a1", "nlp", "1", {"n": 1})
    store.put_annotation("a1", "nlp", "1", {"n": 10})
    assert store.get_annotation("a1", "nlp", "1") == {"n": 10}
    assert store.get_annotation("a1", "nlp", "2") is None
    assert list(store.iter_annotations("nlp", "1")) == [("a1", {"n": 10}), ("a2", {"n": 2})]


def test_stories_and_history(store: Store) -> None:
    for i in range(3):
        store.put_article(make_article(f"a{i}", text=f"Article number {i} about the flood."))
    store.put_story(Story("s1", "Flood", ["a0", "a1"]), "created")
    store.put_story(Story("s1", "Flood", ["a0", "a1", "a2"]), "a2 joined")
    s = store.get_story("s1")
    assert s.article_ids == ["a0", "a1", "a2"]
    assert [s.id for s in store.list_stories()] == ["s1"]
    assert [h["reason"] for h in store.story_history("s1")] == ["created", "a2 joined"]


def test_full_text_search(store: Store) -> None:
    store.put_article(make_article("a1", text="The ferry strike closed the harbour on Monday."))
    store.put_article(make_article("a2", text="Farmers protested against the new dam."))
    assert store.search("harbour") == ["a1"]
    assert store.search("dam farmers") == ["a2"]
    # User text is never parsed as FTS syntax.
    assert store.search('dam" OR "x') == []
    assert store.search("***") == []


def test_iter_in_ingest_order(store: Store) -> None:
    for name in ["c", "a", "b"]:
        store.put_article(make_article(name, text=f"Text {name} on the election."))
    assert [a.id for a in store.iter_articles()] == ["c", "a", "b"]
    assert [a.id for a in store.iter_articles(["b", "c"])] == ["b", "c"]


def test_story_of_and_story_index(store: Store) -> None:
    for i in (1, 2, 3):
        store.put_article(make_article(f"a{i}", text=f"Text number {i} about the harbour."))
    assert store.story_of("a1") is None
    store.put_story(Story(id="s1", title="Harbour", article_ids=["a1", "a2"]), "created")
    store.put_story(Story(id="s2", title="Dam", article_ids=["a3"]), "created")
    assert (store.story_of("a2"), store.story_of("a3")) == ("s1", "s2")
    store.put_story_index("s2", {"n": 1}, {"fast": b"\x00\x00\x80?"})
    store.put_story_index("s1", {"n": 2, "names": ["harbour"]}, {"fast": b"1234", "multi": b"5678"})
    assert list(store.iter_story_index()) == [
        ("s1", {"n": 2, "names": ["harbour"]}, {"fast": b"1234", "multi": b"5678"}),
        ("s2", {"n": 1}, {"fast": b"\x00\x00\x80?"}),
    ]
    # A later write replaces the whole entry, vectors included.
    store.put_story_index("s1", {"n": 3}, {"multi": b"abcd"})
    assert next(iter(store.iter_story_index())) == ("s1", {"n": 3}, {"multi": b"abcd"})


def test_story_membership_shrinks_and_reorders(store: Store) -> None:
    for i in range(4):
        store.put_article(make_article(f"m{i}", text=f"Member {i} of the harbour story."))
    store.put_story(Story("s", "Harbour", ["m0", "m1", "m2"]))
    store.put_story(Story("s", "Harbour", ["m0", "m1", "m2", "m3"]))
    assert store.get_story("s").article_ids == ["m0", "m1", "m2", "m3"]
    store.put_story(Story("s", "Harbour", ["m3", "m1"]))
    assert store.get_story("s").article_ids == ["m3", "m1"]


def test_story_membership_appends_one_at_a_time(store: Store) -> None:
    ids = [f"j{i}" for i in range(30)]
    for i, aid in enumerate(ids):
        store.put_article(make_article(aid, text=f"Joining article {i} on the harbour."))
    members: list[str] = []
    for aid in ids:
        members.append(aid)
        # The same list object each time, grown in place, as the clusterer passes it.
        store.put_story(Story("s", "Harbour", members), f"{aid} joined")
    assert store.get_story("s").article_ids == ids
    assert store.story_of("j29") == "s"
    assert len(store.story_history("s")) == 30


def test_story_membership_rewritten_after_appends(store: Store) -> None:
    for i in range(6):
        store.put_article(make_article(f"r{i}", text=f"Member {i} of the dam story."))
    store.put_story(Story("s", "Dam", ["r0", "r1", "r2"]))
    store.put_story(Story("s", "Dam", ["r0", "r1", "r2", "r3"]))
    # Same length, one member swapped for another: not an extension.
    store.put_story(Story("s", "Dam", ["r0", "r1", "r2", "r4"]))
    assert store.get_story("s").article_ids == ["r0", "r1", "r2", "r4"]
    # Longer, but the old members reordered in front of the new one.
    store.put_story(Story("s", "Dam", ["r1", "r0", "r2", "r4", "r5"]))
    assert store.get_story("s").article_ids == ["r1", "r0", "r2", "r4", "r5"]
    assert store.story_of("r3") is None
    store.put_story(Story("s", "Dam", ["r1", "r0", "r2", "r4", "r5", "r3"]))
    assert store.get_story("s").article_ids == ["r1", "r0", "r2", "r4", "r5", "r3"]
    store.put_story(Story("s", "Dam", []), "merged away")
    assert store.get_story("s").article_ids == []
    assert store.story_of("r0") is None
    store.put_story(Story("s", "Dam", ["r5"]))
    assert store.get_story("s").article_ids == ["r5"]


def test_caller_list_changed_in_place_is_rewritten(store: Store) -> None:
    for i in range(4):
        store.put_article(make_article(f"c{i}", text=f"Member {i} of the bridge story."))
    members = ["c0", "c1", "c2"]
    store.put_story(Story("s", "Bridge", members))
    # The store must not have kept the caller's list: reordering it in place is still a change.
    members.reverse()
    members.append("c3")
    store.put_story(Story("s", "Bridge", members))
    assert store.get_story("s").article_ids == ["c2", "c1", "c0", "c3"]


def test_a_batch_commits_its_writes_together(store: Store) -> None:
    with store.batch():
        assert store.put_article(make_article("b1", text="The ferry left the harbour at dawn.")) == "b1"
        store.put_annotation("b1", "stage", "1", {"k": 1})
        with store.batch():  # an inner group joins the outer one
            store.put_story(Story(id="s1", title="Ferry", article_ids=["b1"]), "created")
        # Inside the group, its own writes read back.
        assert store.story_of("b1") == "s1"
        # A write that finds its content stored already is a no-op, and the group goes on.
        assert store.put_article(make_article("again", text="The ferry left the harbour at dawn.")) is None
        assert store.put_article(make_article("b2", text="The dam opened its gates at noon.")) == "b2"
    assert [a.id for a in store.iter_articles()] == ["b1", "b2"]
    assert store.get_annotation("b1", "stage", "1") == {"k": 1}
    assert store.get_story("s1").article_ids == ["b1"]


def test_a_batch_ended_by_an_exception_keeps_its_whole_writes(store: Store) -> None:
    story = Story(id="s1", title="Ferry", article_ids=["b1"])
    with pytest.raises(KeyError), store.batch():
        store.put_article(make_article("b1", text="The ferry left the harbour at dawn."))
        store.put_story(story, "created")
        # A write that fails midway (metadata that cannot be stored) leaves nothing of itself...
        bad = make_article("b2", text="The dam opened its gates at noon.")
        bad.meta = {"photo": object()}
        with pytest.raises(TypeError):
            store.put_article(bad)
        raise KeyError("the ingest stops here")
    # ... and the writes before it stay, whole.
    assert store.get_article("b1").text == "The ferry left the harbour at dawn."
    assert store.get_story("s1").article_ids == ["b1"]
    with pytest.raises(NotFoundError):
        store.get_article("b2")
    # The store takes writes again, in and out of groups.
    assert store.put_article(make_article("b2", text="The dam opened its gates at noon.")) == "b2"
    with store.batch():
        assert store.put_article(make_article("b3", text="The bridge closed for repairs.")) == "b3"
    assert store.count_articles() == 3
