"""The live stories' state: running means per (space, language) and the date rules."""

from collections import Counter
from datetime import date

import numpy as np

from storyscope.stories.state import LiveStory, Means, live, overlap


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
