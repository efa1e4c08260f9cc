"""The live stories' state: running means per (space, language) and the date rules."""

from collections import Counter
from datetime import date

import numpy as np

from storyscope.stories.state import LiveStory, Means, beyond_background, live, overlap, profile_cosine


def test_a_new_languages_mean_starts_from_the_other_languages() -> None:
    # e5 vectors share a large common direction whatever the language. The first articles in a new
    # language cannot estimate their own mean: shrunk towards zero they would keep the common direction
    # and look close to every story; shrunk towards the other languages' mean, they lose it at once.
    rng = np.random.default_rng(0)
    common, topic_a, topic_b, spanish, italian = np.eye(5, dtype=np.float32)

    def vec(*parts: np.ndarray) -> np.ndarray:
        v = 4 * common + sum(parts) + rng.normal(0, 0.05, 5).astype(np.float32)
        return (v / np.linalg.norm(v)).astype(np.float32)

    means = Means()
    story_a = [vec(spanish, topic_a) for _ in range(15)]
    story_b = [vec(spanish, topic_b) for _ in range(15)]
    for v in story_a + story_b:
        means.add("multi:es", v)
    first_italian = vec(italian, topic_b)
    means.add("multi:it", first_italian)
    query = means.centre("multi:it", first_italian)
    sim_a = float(query @ means.centre("multi:es", np.mean(story_a, axis=0)))
    sim_b = float(query @ means.centre("multi:es", np.mean(story_b, axis=0)))
    assert sim_b > 0.4
    assert sim_a < 0.2  # 0.68 when shrunk towards zero
    # The unknown language borrows nothing, and one language alone is centred as before.
    alone = Means()
    alone.add("fast:en", story_a[0])
    assert np.allclose(alone.mean("fast:en"), story_a[0] / 11)


def _story(first: date | None, last: date | None) -> LiveStory:
    return LiveStory(id="s", seq=0, title="t", article_ids=[], first=first, last=last)


def test_a_story_is_live_within_its_window_and_its_span() -> None:
    s = _story(date(2026, 3, 1), date(2026, 3, 8))
    assert live(s, date(2026, 3, 20), window_days=14)
    assert not live(s, date(2026, 3, 23), window_days=14)
    # The span counts from the first article: a story fed daily stops taking articles after it.
    assert not live(s, date(2026, 3, 12), window_days=14, span_days=10)
    assert live(s, date(2026, 3, 11), window_days=14, span_days=10)
    # Undated articles or stories are always live.
    assert live(s, None, window_days=14) and live(_story(None, None), date(2026, 3, 1), window_days=14)


def test_stories_overlap_when_their_dates_come_within_the_window() -> None:
    a = _story(date(2026, 3, 1), date(2026, 3, 8))
    assert overlap(a, _story(date(2026, 3, 20), date(2026, 3, 25)), 14)
    assert not overlap(a, _story(date(2026, 3, 23), date(2026, 3, 25)), 14)
    assert overlap(a, _story(None, None), 1)


def test_a_storys_leading_names_are_counted_by_skeleton() -> None:
    # A story told in French and Spanish holds Valdoria and Valdorie, Kessel and Kesel: each spelling
    # alone trails Brunn, together they lead, and they take one place among the first names, not two.
    s = LiveStory(id="s", seq=0, title="t", article_ids=[])
    s.names = Counter({"brunn": 5, "valdoria": 4, "valdorie": 3, "kessel": 3, "kesel": 2})
    s.names.update({"tarn": 1, "ostra": 1})
    assert s.top_names(3) == ["brunn", "valdoria", "kessel"]
    top = s.top_skeletons(3)
    assert list(top) == ["vldr", "brn", "ksl"]
    assert top["vldr"] == "valdoria"  # the most frequent spelling names it
    assert list(s.top_skeletons(4).values()) == ["valdoria", "brunn", "kessel", "ostra"]


def test_the_background_similarity_falls_as_the_means_settle() -> None:
    # Unrelated articles around a strong common direction: while the mean is mostly prior, their
    # centred vectors keep that direction and look alike; the measured background says by how much,
    # and that is what two of them score. Once the mean is known it is near zero.
    rng = np.random.default_rng(1)
    dims = 64
    common = np.zeros(dims, dtype=np.float32)
    common[0] = 1.0

    def vec() -> np.ndarray:
        v = 3 * common + rng.normal(0, 1, dims).astype(np.float32) / np.sqrt(dims)
        return (v / np.linalg.norm(v)).astype(np.float32)

    means = Means()
    seen = [vec() for _ in range(4)]
    for v in seen:
        means.add("multi:es", v)
    early = means.background("multi")
    pair = float(means.centre("multi:es", seen[0]) @ means.centre("multi:es", seen[1]))
    assert early > 0.5
    assert abs(pair - early) < 0.15
    for _ in range(300):
        means.add("multi:es", vec())
    assert 0.0 <= means.background("multi") < 0.05
    assert means.background("fast") == 0.0  # nothing seen in that space


def test_a_similarity_is_read_beyond_the_background() -> None:
    # What unrelated articles score becomes 0, identity stays 1, and a settled stream changes nothing.
    b = 0.6
    one = b  # an article against one unrelated article
    assert abs(beyond_background(one, b, 1)) < 1e-9
    six = b * np.sqrt(6) / np.sqrt(1 + 5 * b)  # against the centroid of six unrelated articles
    assert abs(beyond_background(float(six), b, 6)) < 1e-9
    assert abs(beyond_background(1.0, b, 6) - 1.0) < 1e-9
    assert beyond_background(0.8, b, 6) < 0.3  # the early-stream figure of every pair
    assert beyond_background(0.3, 0.0, 6) == 0.3


def test_name_profiles_compare_names_by_skeleton() -> None:
    # Two stories told in two languages about one country, and one about another country.
    a = LiveStory(
        id="a", seq=0, title="", article_ids=["1"], names=Counter({"valdoria": 5, "tolan": 3, "amira": 2})
    )
    b = LiveStory(
        id="b", seq=1, title="", article_ids=["2"], names=Counter({"valdorie": 4, "tolan": 2, "orvik": 2})
    )
    c = LiveStory(
        id="c", seq=2, title="", article_ids=["3"], names=Counter({"norvania": 5, "brelin": 3, "leo": 9})
    )
    pa, pb, pc = a.skeleton_counts(), b.skeleton_counts(), c.skeleton_counts()
    assert profile_cosine(pa, pb) > 0.6
    assert profile_cosine(pa, pc) == 0.0
    assert "l" not in pc  # a skeleton of one or two letters says nothing
    assert pb["vldr"] == (4, "valdorie")
