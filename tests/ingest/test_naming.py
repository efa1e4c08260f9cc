from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyscope.ingest.naming import UniqueIds, host_of, id_from_title, id_from_url, short_hash, slugify


def test_slugify() -> None:
    assert slugify("Harbour Bridge Opens — “At Last”!") == "harbour-bridge-opens-at-last"
    assert slugify("Zoë’s café in Malmö") == "zoes-cafe-in-malmo"
    assert slugify("Новый мост") == ""
    long = slugify("word " * 40, max_len=30)
    assert len(long) <= 30 and not long.endswith("-") and long.split("-") == ["word"] * len(long.split("-"))


def test_ids_from_titles_and_urls_are_stable() -> None:
    assert (
        id_from_title("Bridge opens", "https://x.example/a")
        == f"bridge-opens-{short_hash('https://x.example/a')}"
    )
    assert id_from_title("Новый мост", "k").startswith("article-")
    assert id_from_url("https://www.norrvik.example/news/2023/05/bridge-opens.html").startswith(
        "bridge-opens-"
    )
    assert id_from_url("https://www.norrvik.example/").startswith("norrvik-example-")
    assert id_from_url("https://a.example/story/12345").startswith("a-example-")
    assert id_from_url("https://a.example/x?id=1") != id_from_url("https://a.example/x?id=2")


def test_host_of() -> None:
    assert host_of("https://www.Norrvik.example:8443/a") == "norrvik.example"
    assert host_of("not a url") is None


def test_unique_ids() -> None:
    ids = UniqueIds()
    assert [ids.claim(i) for i in ["a", "a", "b", "a", "a-2"]] == ["a", "a-2", "b", "a-3", "a-2-2"]


@given(st.lists(st.sampled_from(["a", "a-2", "b", "a-3", "b-2"]), max_size=30))
def test_unique_ids_never_repeat(wanted: list[str]) -> None:
    ids = UniqueIds()
    got = [ids.claim(w) for w in wanted]
    assert len(set(got)) == len(got)
    assert all(g == w or g.startswith(w + "-") for g, w in zip(got, wanted, strict=True))
