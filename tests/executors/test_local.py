"""The local executor: same annotations, in the same order, in process or on a pool."""

from __future__ import annotations

import os

from builders import make_article
from storyscope.executors.local import POOL_MIN_ARTICLES, LocalExecutor, fork_is_safe
from storyscope.models import Article, Json


class WordCount:
    """A stage cheap enough to run many times: words per article, and which process counted them."""

    name = "words"
    version = "1"

    def __init__(self) -> None:
        self.setups = 0

    def setup(self) -> None:
        self.setups += 1

    def run(self, articles: list[Article]) -> list[Json]:
        return [{"id": a.id, "words": len(a.text.split()), "pid": os.getpid()} for a in articles]


def _articles(n: int) -> list[Article]:
    return [make_article(f"a{i}", " ".join(["word"] * (i + 1))) for i in range(n)]


def test_a_pool_gives_the_in_process_annotations_in_input_order() -> None:
    arts = _articles(40)
    alone = LocalExecutor(workers=1, batch_size=3).run(WordCount(), arts)
    pooled = LocalExecutor(workers=2, batch_size=3).run(WordCount(), arts)
    strip = [{k: v for k, v in ann.items() if k != "pid"} for ann in alone]
    assert [{k: v for k, v in ann.items() if k != "pid"} for ann in pooled] == strip
    assert [ann["id"] for ann in pooled] == [a.id for a in arts]
    assert {ann["pid"] for ann in alone} == {os.getpid()}
    assert os.getpid() not in {ann["pid"] for ann in pooled}


def test_by_default_a_small_run_stays_in_process_and_sets_up_once() -> None:
    stage = WordCount()
    ex = LocalExecutor()
    for _ in range(3):
        out = ex.run(stage, _articles(POOL_MIN_ARTICLES - 1))
        assert {ann["pid"] for ann in out} == {os.getpid()}
    assert stage.setups == 1


def test_by_default_a_large_run_uses_the_cores_when_there_are_several() -> None:
    arts = _articles(POOL_MIN_ARTICLES * 2)
    out = LocalExecutor().run(WordCount(), arts)
    assert [ann["id"] for ann in out] == [a.id for a in arts]
    pids = {ann["pid"] for ann in out}
    # Forking is safe only while this process runs one thread (earlier tests may have left others).
    if len(os.sched_getaffinity(0)) > 1 and fork_is_safe():
        assert os.getpid() not in pids
    else:
        assert pids == {os.getpid()}


def test_nothing_to_run_gives_nothing() -> None:
    assert LocalExecutor(workers=2).run(WordCount(), []) == []
