"""Story clustering quality and time: storyscope's incremental clusterer against batch baselines.

Datasets (from ../shared/data, read at run time, never copied):

* ECB+ topics 23-45 (test; topics 1-22 are the dev half used for tuning), scored at the topic level
  (gold = topic) and the sub-event level (gold = topic + ECB / ECB+ half: two similar events per topic);
* WikiRef220, all 220 articles, gold = the file's topic;
* ML-Crisis, Syria and Yemen articles in Spanish, French and Italian, interleaved by date, gold = topic;
* AllSides roundups (``--sets allsides``, a check on real US news, not tuned on): each issue's three
  articles from a left, a centre and a right outlet, gold = issue (one event), in date order.

Every text goes through storyscope's own ingest steps (headline, cleaning, language detection), and is
embedded once as title + first 200 words, with the fast static model (English sets) or multilingual e5
(ML-Crisis). Baselines cluster the same embeddings: agglomerative (average linkage, cosine, distance
threshold tuned on ECB+ dev), HDBSCAN, and BERTopic when installed. Scores: B-cubed P/R/F1 and ARI.

    .venv/bin/python bench/cluster_bench.py [--sets ecb,wikiref,mlcrisis] [--tune] [--no-bertopic]

``--sets ecb-dev`` scores ECB+ topics 1-22 (the tuning half) the way ``ecb`` scores the test half;
``--errors`` prints what the event params get wrong there (stories mixing gold sub-events, and why).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from storyscope.ingest.textfile import article_from_text
from storyscope.models import Article
from storyscope.pipeline import prepare
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories import vectors
from storyscope.stories.cluster import assign_stories
from storyscope.stories.names import salient_names
from storyscope.stories.params import CROSSLINGUAL_TOPIC, EVENT, TOPIC, ClusterParams

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@dataclass
class Item:
    article: Article
    labels: dict[str, str]


# -- datasets --------------------------------------------------------------------------------------


def load_ecb(topics: range) -> list[Item]:
    root = SHARED / "ecbplus" / "ECB+_LREC2014" / "ECB+"
    items: list[Item] = []
    for t in topics:
        d = root / str(t)
        if not d.is_dir():
            continue
        for f in sorted(
            d.glob("*.xml"), key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)]
        ):
            sents: dict[int, list[str]] = defaultdict(list)
            for tok in ET.parse(f).getroot().iter("token"):
                sents[int(tok.get("sentence", "0"))].append(tok.text or "")
            lines = [" ".join(sents[k]) for k in sorted(sents)]
            text = "\n".join(lines)
            half = "ecbplus" if f.stem.endswith("ecbplus") else "ecb"
            a = prepare(article_from_text(text, f.stem, f.name))
            items.append(Item(a, {"topic": str(t), "subevent": f"{t}-{half}"}))
    return items


def load_wikiref() -> list[Item]:
    root = SHARED / "wikiref220" / "app" / "data_processing" / "test_data" / "wikiref" / "WikiRef220"
    items = []
    for f in sorted(root.glob("*.txt")):
        label = re.sub(r"[ .(]*\d+\)?$", "", f.stem).strip().lower()
        text = f.read_text(encoding="utf-8", errors="replace")
        items.append(Item(prepare(article_from_text(text, f.stem, f.name)), {"topic": label}))
    return items


def load_allsides(half: str = "all") -> list[Item]:
    """AllSides roundups (NeuS raw crawl): each issue's left, centre and right articles, from three
    outlets, on one event; every issue with all three bodies, streamed in the issue's date order."""
    import json

    path = SHARED / "neus-allsides" / "data" / "raw_crawled" / "headline_11_2021-10-19_crawled_all.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (str(r.get("date", "")), str(r.get("id", ""))))
    items = []
    for r in rows:
        if half != "all" and int(r["id"]) % 2 != (0 if half == "even" else 1):
            continue
        news = r.get("news") or {}
        sides = [news.get(k) for k in ("left", "center", "right")]
        if not all(
            isinstance(n, dict) and isinstance(n.get("newBody"), list) and n["newBody"] for n in sides
        ):
            continue
        for side, n in zip(("left", "center", "right"), sides, strict=True):
            text = f"{n.get('newsTitle') or ''}\n\n" + "\n\n".join(str(p) for p in n["newBody"])
            a = prepare(article_from_text(text, f"allsides-{r['id']}-{side}", str(n.get("newsLink") or "")))
            a.published = str(r.get("date", ""))[:10] or None
            a.outlet = str(n.get("newsSource") or "") or None
            items.append(Item(a, {"event": str(r["id"])}))
    return items


def load_mlcrisis(topics: tuple[str, ...] = ("syria", "yemen"), every: int = 1) -> list[Item]:
    """ML-Crisis articles of ``topics`` in es/fr/it, in date order (``every``: keep every n-th).

    Syria + Yemen is the reported set; Egypt + Libya (every second article, to keep e5 affordable) is
    the dev set that the topic-level parameters are tuned on. The files carry no URL or outlet (only
    ``gv_`` for Global Voices and ``ext_`` for the pages it linked to, of many sites), so every article
    is of unknown site: the clusterer's site-boilerplate table puts them all in its one pool."""
    root = SHARED / "ml-crisis-cltls"
    rows = []
    for lang in ("es", "fr", "it"):
        for topic in topics:
            for f in sorted((root / lang / topic).glob("*/*.txt")):
                rows.append((f.parent.name, lang, topic, f))
    rows.sort(key=lambda r: (r[0], r[1], r[3].name))  # the stream order: by date
    items = []
    for day, lang, topic, f in rows[::every]:
        text = f.read_text(encoding="utf-8", errors="replace")
        a = prepare(article_from_text(text, f"{lang}-{topic}-{day}-{f.stem}", str(f)))
        a.published = day
        items.append(Item(a, {"topic": topic, "language": lang}))
    return items


# -- metrics ---------------------------------------------------------------------------------------


def bcubed(pred: Sequence[Any], gold: Sequence[Any]) -> tuple[float, float, float]:
    n = len(pred)
    by_pred: dict[Any, list[int]] = defaultdict(list)
    by_gold: dict[Any, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred[p].append(i)
        by_gold[g].append(i)
    prec = rec = 0.0
    for i in range(n):
        same_pred = by_pred[pred[i]]
        same_gold = by_gold[gold[i]]
        inter = sum(1 for j in same_pred if gold[j] == gold[i])
        prec += inter / len(same_pred)
        rec += inter / len(same_gold)
    p, r = prec / n, rec / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ari(pred: Sequence[Any], gold: Sequence[Any]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(gold, pred))


# -- embeddings (cached so that every method sees the same vectors and embedding is timed once) -------


class CachedEmbedder:
    """Each text embedded once per run; with ``disk``, once across runs (e5 on ML-Crisis takes minutes,
    and tuning re-runs the same texts). The disk cache is keyed by the text's hash."""

    def __init__(self, inner: Any, disk: Path | None = None) -> None:
        self.inner = inner
        self.space = inner.space
        self.dims = inner.dims
        self.cache: dict[str, np.ndarray] = {}
        self.seconds = 0.0
        self.computed = 0
        self.disk = disk / f"{self.space}.npz" if disk else None
        self._stored: dict[str, np.ndarray] = {}
        if self.disk and self.disk.exists():
            with np.load(self.disk) as z:
                self._stored = {k: z[k] for k in z.files}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        for t in dict.fromkeys(texts):
            v = self._stored.get(_key(t))
            if t not in self.cache and v is not None:
                self.cache[t] = v
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            t0 = time.perf_counter()
            for t, v in zip(todo, self.inner.encode(todo), strict=True):
                self.cache[t] = v
                self._stored[_key(t)] = v
            self.seconds += time.perf_counter() - t0
            self.computed += len(todo)
            if self.disk:
                self.disk.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.disk.with_suffix(".tmp.npz")
                np.savez(tmp, **self._stored)
                tmp.replace(self.disk)
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dims), np.float32)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def install_cache(disk: Path | None = None) -> dict[str, CachedEmbedder]:
    out = {}
    for space in (vectors.FAST, vectors.MULTI):
        out[space] = CachedEmbedder(vectors.get_embedder(space), disk)
        vectors._EMBEDDERS[space] = out[space]  # type: ignore[assignment]
    return out


def embed(items: list[Item], space: str) -> np.ndarray:
    return vectors.get_embedder(space).encode([vectors.embed_text(it.article) for it in items])


# -- methods ---------------------------------------------------------------------------------------


def run_storyscope(items: list[Item], params: ClusterParams) -> list[str]:
    with SQLiteStore(":memory:") as store:
        ids = []
        for it in items:
            a = replace(it.article)
            # A file whose content is already stored (the datasets hold a few) is that article again.
            stored = store.put_article(a) or store.find_by_hash(a.content_hash)
            assert stored is not None, a.id
            ids.append(stored)
        mapping = assign_stories(store, ids, params=params)
    return [mapping[i] for i in ids]


def print_errors(items: list[Item], params: ClusterParams, level: str) -> None:
    """What the incremental clusterer got wrong: each story holding more than one gold cluster, with the
    join that first brought in another cluster (its reason, and both sides' leading names), and each gold
    cluster split over several stories. Names are read from the articles as stored (the clusterer reads
    them without their site's template lines, which ECB+ barely has)."""
    with SQLiteStore(":memory:") as store:
        ids: list[str] = []
        for it in items:
            a = replace(it.article)
            stored = store.put_article(a) or store.find_by_hash(a.content_hash)
            assert stored is not None, a.id
            ids.append(stored)
        gold = {i: it.labels[level] for i, it in zip(ids, items, strict=True)}
        mapping = assign_stories(store, ids, params=params)
        pred = [mapping[i] for i in ids]
        p, r, f = bcubed(pred, [gold[i] for i in ids])
        print(f"# errors, level {level}: B3 P {p:.3f} R {r:.3f} F1 {f:.3f}, {len(set(pred))} stories")
        names = {
            i: salient_names(it.article.title, it.article.text) for i, it in zip(ids, items, strict=True)
        }
        for sid in dict.fromkeys(pred):
            story = store.get_story(sid)
            members = list(dict.fromkeys(story.article_ids))
            counts = Counter(gold[m] for m in members)
            if len(counts) < 2:
                continue
            print(f"\nstory {sid}, {dict(counts)}: {story.title[:80]!r}")
            # One history row per created/joined member unless stories merged: then reasons are not aligned.
            joins = [
                h["reason"]
                for h in store.story_history(sid)
                if str(h["reason"]).startswith(("created", "joined"))
            ]
            seen: Counter[str] = Counter()
            held: Counter[str] = Counter()
            for k, m in enumerate(members):
                if seen and gold[m] not in seen:
                    lead = [n for n, _ in sorted(held.items(), key=lambda kv: -kv[1])[:6]]
                    why = joins[k] if len(joins) == len(members) else "(stories merged)"
                    print(f"  member {k + 1} brings {gold[m]} into {dict(seen)}: {why}")
                    print(f"    article names {names[m][:6]}; story names so far {lead}")
                seen[gold[m]] += 1
                held.update(names[m])
        by_gold: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for i in ids:
            by_gold[gold[i]][mapping[i]] += 1
        split = {g: sorted(c.values(), reverse=True) for g, c in sorted(by_gold.items()) if len(c) > 1}
        print(f"\ngold clusters split over several stories (sizes): {split}")


def run_agglomerative(emb: np.ndarray, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    m = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    return [int(x) for x in m.fit_predict(emb)]


def run_hdbscan(emb: np.ndarray, min_size: int = 2) -> list[Any]:
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=min_size, metric="cosine").fit_predict(emb)
    # Noise points are singletons, not one big cluster.
    return [int(x) if x >= 0 else f"noise-{i}" for i, x in enumerate(labels)]


def run_bertopic(docs: list[str], emb: np.ndarray) -> list[Any]:
    import warnings

    from bertopic import BERTopic
    from hdbscan import HDBSCAN as HH
    from umap import UMAP

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42)
        model = BERTopic(umap_model=umap, hdbscan_model=HH(min_cluster_size=3, prediction_data=True))
        topics, _ = model.fit_transform(docs, embeddings=emb)
    return [int(x) if x >= 0 else f"noise-{i}" for i, x in enumerate(topics)]


def score_row(name: str, pred: list[Any], gold: list[str], seconds: float) -> dict[str, Any]:
    p, r, f = bcubed(pred, gold)
    return {
        "method": name, "P": p, "R": r, "F1": f, "ARI": ari(pred, gold), "clusters": len(set(pred)),
        "seconds": seconds,
    }  # fmt: skip


def timed(fn: Callable[[], list[Any]]) -> tuple[list[Any], float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


# -- tuning on ECB+ dev ----------------------------------------------------------------------------


def tune_multi(dev: list[Item]) -> None:
    """The e5 threshold, on the same dev half, with every article in the multilingual space."""
    for level in ("subevent", "topic"):
        gold = [it.labels[level] for it in dev]
        for tm in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
            for top in (2, 4):
                params = replace(EVENT, mode="multi", threshold_multi=tm, veto_top=top)
                p, r, f = bcubed(run_storyscope(dev, params), gold)
                print(f"{level} storyscope multi={tm} veto_top={top}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
                sys.stdout.flush()


def crisis_dev_variants(wide: bool = False, long: bool = False) -> dict[str, list[Item]]:
    """ML-Crisis dev (Egypt + Libya, every second article) as it is, and with only every sixth article
    of one country kept: the test set (796 Syria, 135 Yemen) is that imbalanced, and centring on the
    running mean, which separates two balanced topics, splits a dominant one. ``wide``: each of the six
    ways of keeping every sixth article (offsets 0-5) for both countries, 13 streams in all; the stream
    is path-dependent (one early join moves a topic), so a change is judged on all of them. ``long``:
    the same 13 streams built from every dev article (740, against 931 in the test stream): the
    every-second-article streams hold 210-370 articles, too short to show how a dominant topic of
    several years breaks into pieces."""
    dev = load_mlcrisis(("egypt", "libya"), every=1 if long else 2)

    def thin(small: str, offset: int = 0) -> list[Item]:
        kept = [i for i, it in enumerate(dev) if it.labels["topic"] == small][offset::6]
        keep = set(kept)
        return [it for i, it in enumerate(dev) if it.labels["topic"] != small or i in keep]

    if not wide:
        return {"balanced": dev, "egypt-heavy": thin("libya"), "libya-heavy": thin("egypt")}
    out = {"balanced": dev}
    for offset in range(6):
        out[f"egypt-heavy/{offset}"] = thin("libya", offset)
    for offset in range(6):
        out[f"libya-heavy/{offset}"] = thin("egypt", offset)
    return out


def crisis_dev(params: ClusterParams, wide: bool = False, long: bool = False) -> None:
    """Storyscope alone (the baselines would embed every raw text in e5 once more) on the three dev
    variants of ML-Crisis (``wide``: the 13 of crisis_dev_variants, with each family's mean and worst;
    ``long``: the 13 built from every dev article)."""
    title = "long (every dev article)" if long else "every second dev article"
    if params.window_days != CROSSLINGUAL_TOPIC.window_days:
        title += f", window {params.window_days:.0f} days"
    print(f"\n## ML-Crisis dev variants, {title} (cross-lingual topic params)")
    print("| dev variant | articles | B3 P | B3 R | B3 F1 | ARI | stories |")
    print("|---|---|---|---|---|---|---|")
    scores: dict[str, list[float]] = defaultdict(list)
    for name, items in crisis_dev_variants(wide or long, long).items():
        gold = [it.labels["topic"] for it in items]
        pred = run_storyscope(items, params)
        p, r, f = bcubed(pred, gold)
        a = ari(pred, gold)
        print(f"| {name} | {len(items)} | {p:.3f} | {r:.3f} | {f:.3f} | {a:.3f} | {len(set(pred))} |")
        sys.stdout.flush()
        scores[name.split("/")[0]].append(a)
    if wide or long:
        families = [f"{k} mean {sum(v) / len(v):.3f} (worst {min(v):.3f})" for k, v in scores.items()]
        overall = sum(sum(v) / len(v) for v in scores.values()) / len(scores)
        print(f"ARI by family: {'; '.join(families)}; mean of the three {overall:.3f}")


def tune_crisis(dev: list[Item]) -> None:
    """Topic-level parameters in the e5 space, on ML-Crisis Egypt + Libya (the dev topics)."""
    gold = [it.labels["topic"] for it in dev]
    print(f"# tuning on ML-Crisis egypt+libya ({len(dev)} docs), {dict(Counter(gold))}")
    grid = [
        (tm, nw, top, w, cons)
        for tm in (0.1, 0.2, 0.3)
        for nw in (0.03, 0.1)
        for top in (2, 4)
        for w in (60.0, 365.0)
        for cons in (None, 0.2, 0.3, 0.45)
    ]
    for tm, nw, top, w, cons in grid:
        params = replace(
            TOPIC, threshold_multi=tm, name_weight=nw, veto_top=top, window_days=w, consolidate=cons
        )
        pred = run_storyscope(dev, params)
        p, r, f = bcubed(pred, gold)
        print(
            f"crisis multi={tm} nw={nw} veto_top={top} window={w:.0f} consolidate={cons}: "
            f"P {p:.3f} R {r:.3f} F1 {f:.3f} "
            f"ARI {ari(pred, gold):.3f} clusters {len(set(pred))}"
        )
        sys.stdout.flush()


def tune_consolidate(dev: list[Item], level: str, base: ClusterParams) -> None:
    """The story-merging pass (``consolidate``) on top of ``base``, on ECB+ dev."""
    gold = [it.labels[level] for it in dev]
    for cons in (None, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65):
        for tf in (base.threshold_fast, base.threshold_fast + 0.05):
            params = replace(base, consolidate=cons, threshold_fast=tf)
            pred = run_storyscope(dev, params)
            p, r, f = bcubed(pred, gold)
            print(
                f"{level} consolidate={cons} fast={tf:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f} "
                f"ARI {ari(pred, gold):.3f} clusters {len(set(pred))}"
            )
            sys.stdout.flush()


def tune(dev: list[Item], level: str) -> None:
    gold = [it.labels[level] for it in dev]
    emb = embed(dev, vectors.FAST)
    print(f"# tuning on ECB+ dev ({len(dev)} docs), level {level}")
    for th in (0.1, 0.15, 0.2, 0.25, 0.3):
        pred = run_agglomerative(emb, th)
        print(f"agglomerative t={th}: F1 {bcubed(pred, gold)[2]:.3f}")
    grid = [(tf, nw, top) for tf in (0.4, 0.5, 0.55, 0.6, 0.65, 0.7) for nw in (0.0, 0.03) for top in (2, 4)]
    for tf, nw, top in grid:
        params = replace(EVENT, threshold_fast=tf, name_weight=nw, veto_top=top)
        pred = run_storyscope(dev, params)
        p, r, f = bcubed(pred, gold)
        print(f"storyscope fast={tf} nw={nw} veto_top={top}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        sys.stdout.flush()


# -- main ------------------------------------------------------------------------------------------

# Cosine distance thresholds tuned on ECB+ dev (topics 1-22) with the fast embeddings (--tune).
AGGLO_THRESHOLD = {"topic": 0.25, "subevent": 0.2}


def evaluate(
    name: str, items: list[Item], level: str, space: str, params: ClusterParams, bertopic: bool
) -> list[dict[str, Any]]:
    gold = [it.labels[level] for it in items]
    emb = embed(items, space)
    docs = [vectors.embed_text(it.article) for it in items]
    rows = []
    pred, sec = timed(lambda: run_storyscope(items, params))
    rows.append(score_row("storyscope (incremental)", pred, gold, sec))
    pred, sec = timed(lambda: run_agglomerative(emb, AGGLO_THRESHOLD.get(level, 0.6)))
    rows.append(score_row("agglomerative", pred, gold, sec))
    pred, sec = timed(lambda: run_hdbscan(emb))
    rows.append(score_row("HDBSCAN", pred, gold, sec))
    if bertopic:
        pred, sec = timed(lambda: run_bertopic(docs, emb))
        rows.append(score_row("BERTopic", pred, gold, sec))
    print(f"\n## {name} — {len(items)} articles, gold {len(set(gold))} clusters, {space} embeddings")
    print("| method | B3 P | B3 R | B3 F1 | ARI | clusters | cluster s |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['method']} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['ARI']:.3f} | "
            f"{r['clusters']} | {r['seconds']:.2f} |"
        )
    sys.stdout.flush()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--sets",
        default="ecb,wikiref,mlcrisis",
        help="ecb,ecb-dev,wikiref,allsides,mlcrisis,mlcrisis-dev,mlcrisis-dev-wide,mlcrisis-dev-long,"
        "mlcrisis-dev-span",
    )
    ap.add_argument("--tune", action="store_true", help="grid over parameters on ECB+ topics 1-22")
    ap.add_argument("--tune-multi", action="store_true", help="the e5 threshold on ECB+ topics 1-22")
    ap.add_argument("--tune-crisis", action="store_true", help="topic level on ML-Crisis egypt+libya")
    ap.add_argument("--tune-consolidate", action="store_true", help="the story-merging pass on ECB+ dev")
    ap.add_argument("--errors", action="store_true", help="ECB+ dev sub-event errors of the event params")
    ap.add_argument("--no-bertopic", action="store_true")
    ap.add_argument("--embedding-cache", type=Path, help="keep embeddings in this directory across runs")
    args = ap.parse_args()
    caches = install_cache(args.embedding_cache)
    bertopic = not args.no_bertopic
    sets = args.sets.split(",")
    t0 = time.perf_counter()
    if args.errors:
        print_errors(load_ecb(range(1, 23)), EVENT, "subevent")
        return
    if args.tune_consolidate:
        dev = load_ecb(range(1, 23))
        tune_consolidate(dev, "topic", EVENT)
        tune_consolidate(dev, "subevent", EVENT)
        return
    if args.tune_crisis:
        tune_crisis(load_mlcrisis(("egypt", "libya"), every=2))
        return
    if args.tune_multi:
        tune_multi(load_ecb(range(1, 23)))
        return
    if args.tune:
        dev = load_ecb(range(1, 23))
        tune(dev, "subevent")
        tune(dev, "topic")
        return
    if "ecb-dev" in sets:  # the tuning half, to compare code changes without touching the test half
        dev = load_ecb(range(1, 23))
        evaluate("ECB+ dev, sub-event level (event params)", dev, "subevent", vectors.FAST, EVENT, bertopic)
        evaluate("ECB+ dev, topic level (topic params)", dev, "topic", vectors.FAST, TOPIC, bertopic)
        evaluate("ECB+ dev, topic level (event params)", dev, "topic", vectors.FAST, EVENT, False)
    if "mlcrisis-dev" in sets:
        crisis_dev(CROSSLINGUAL_TOPIC)
    if "mlcrisis-dev-wide" in sets:
        crisis_dev(CROSSLINGUAL_TOPIC, wide=True)
    if "mlcrisis-dev-long" in sets:
        crisis_dev(CROSSLINGUAL_TOPIC, long=True)
    if "mlcrisis-dev-span" in sets:
        # The test stream spans eight years, eight of the params' 365-day windows; the dev streams span
        # under three (Egypt 2011-2013, Libya mostly 2011). A 120-day window makes the long dev streams
        # span as many windows as the test's: stories retire, and gaps end them, as often.
        crisis_dev(replace(CROSSLINGUAL_TOPIC, window_days=120.0), long=True)
    if "ecb" in sets:
        test = load_ecb(range(23, 46))
        print(f"loaded ECB+ test: {len(test)} docs ({time.perf_counter() - t0:.1f} s)")
        evaluate("ECB+ test, sub-event level (event params)", test, "subevent", vectors.FAST, EVENT, bertopic)
        evaluate("ECB+ test, topic level (topic params)", test, "topic", vectors.FAST, TOPIC, bertopic)
        evaluate("ECB+ test, topic level (event params)", test, "topic", vectors.FAST, EVENT, False)
    if "wikiref" in sets:
        wr = load_wikiref()
        evaluate("WikiRef220 (topic params)", wr, "topic", vectors.FAST, TOPIC, bertopic)
    if "allsides" in sets:
        al = load_allsides()
        evaluate(
            "AllSides roundups, one event per issue (event params)",
            al,
            "event",
            vectors.FAST,
            EVENT,
            bertopic,
        )
    if "mlcrisis" in sets:
        ml = load_mlcrisis()
        langs = Counter(it.article.language for it in ml)
        print(f"\nML-Crisis detected languages: {dict(langs)}")
        evaluate("ML-Crisis syria+yemen es/fr/it (topic params)", ml, "topic", vectors.MULTI, TOPIC, False)
        evaluate(
            "ML-Crisis syria+yemen es/fr/it (cross-lingual topic params)", ml, "topic", vectors.MULTI,
            CROSSLINGUAL_TOPIC, bertopic,
        )  # fmt: skip
    for space, c in caches.items():
        print(f"embedding time {space}: {c.seconds:.1f} s for {c.computed} texts ({len(c.cache)} used)")


if __name__ == "__main__":
    main()
