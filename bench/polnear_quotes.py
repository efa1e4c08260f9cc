"""Attribution extraction scored on PolNeAR, side by side with textacy's direct_quotations.

    .venv/bin/python bench/polnear_quotes.py --split dev [--limit 40] [--cache /tmp/quotes-parses]
        [--errors 10]

--cache DIR keeps the spaCy parses of a split on disk (DocBin), so reruns after a change to the
extraction rules skip parsing. --errors N prints up to N examples of each error kind of our
extractor (missed gold, false positive, matched without speaker, wrong speaker) to look at.

PolNeAR (../shared/data/polnear/data/<split>/{text,attributions}) annotates every attribution in 1008
US political news articles as brat standoff: Source, Cue and Content spans linked by an event line.
Articles annotated by several people are scored against the first annotation (sorted by name).

Content detection: predicted quote contents against gold contents, matched one-to-one (greedy, best
overlap first) on word tokens, at overlap-over-union >= 0.5 and, as a second figure, at any overlap.
"Direct" restricts both sides to quotations: gold contents mostly (>= half their words) inside
quotation marks, predictions of kind "direct". Speaker accuracy is over matched pairs (IoU >= 0.5):
right when the predicted speaker span overlaps the gold source span, or both are absent.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import load_nlp
from storyscope.stages.quotemarks import quote_spans
from storyscope.stages.quotes import extract_quotes

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "data"
_WORD = re.compile(r"\w+")


@dataclass
class Item:
    """One content span (possibly in pieces) with its source span, if any."""

    spans: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False


def read_gold(ann: Path) -> list[Item]:
    """The attributions of one .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            label, _, offsets = info.partition(" ")
            parts = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            spans[tid] = (label, [(a, b) for a, b in parts])
        elif line.startswith("E"):
            _, info = line.split("\t")[:2]
            events.append(dict(p.split(":", 1) for p in info.split()))
    out = []
    for ev in events:
        content = ev.get("Content")
        if content not in spans:
            continue
        src = spans[ev["Source"]][1] if ev.get("Source") in spans else []
        out.append(Item(spans[content][1], src))
    return out


def tokens(spans: list[tuple[int, int]], starts: list[int]) -> set[int]:
    """Indices of the word tokens (by start offset) inside ``spans``."""
    import bisect

    out: set[int] = set()
    for a, b in spans:
        i = bisect.bisect_left(starts, a)
        while i < len(starts) and starts[i] < b:
            out.add(i)
            i += 1
    return out


@dataclass
class Score:
    pred: int = 0
    gold: int = 0
    hit50: int = 0
    hit_any: int = 0
    speaker_ok: int = 0

    def add(self, pred: list[Item], gold: list[Item], starts: list[int]) -> None:
        self.pred += len(pred)
        self.gold += len(gold)
        pt = [tokens(p.spans, starts) for p in pred]
        gt = [tokens(g.spans, starts) for g in gold]
        for threshold, attr in ((0.5, "hit50"), (1e-9, "hit_any")):
            pairs = []
            for i, a in enumerate(pt):
                for j, b in enumerate(gt):
                    inter = len(a & b)
                    if inter:
                        iou = inter / len(a | b)
                        if iou >= threshold:
                            pairs.append((iou, i, j))
            pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
            used_p: set[int] = set()
            used_g: set[int] = set()
            for _, i, j in pairs:
                if i in used_p or j in used_g:
                    continue
                used_p.add(i)
                used_g.add(j)
                setattr(self, attr, getattr(self, attr) + 1)
                if attr == "hit50":
                    ps, gs = tokens(pred[i].source, starts), tokens(gold[j].source, starts)
                    if (not ps and not gs) or (ps & gs):
                        self.speaker_ok += 1

    def line(self, name: str) -> str:
        def prf(hit: int) -> str:
            p = hit / self.pred if self.pred else 0.0
            r = hit / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"

        acc = self.speaker_ok / self.hit50 if self.hit50 else 0.0
        return (
            f"{name:28s} IoU>=0.5: {prf(self.hit50)} | any overlap: {prf(self.hit_any)} | "
            f"speaker acc {acc:.3f} (pred {self.pred}, gold {self.gold})"
        )


def ours(doc: object, text: str) -> list[Item]:
    mentions = extract_mentions(doc)  # type: ignore[arg-type]
    out = []
    for q in extract_quotes(doc, mentions):  # type: ignore[arg-type]
        sp = q["speaker"]
        src = [(sp["start"], sp["end"])] if sp else []
        out.append(Item([(a, b) for a, b in q["spans"]], src, q["kind"] == "direct"))
    return out


def textacy_direct(doc: object) -> tuple[list[Item], bool]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        for dq in direct_quotations(doc):  # type: ignore[arg-type]
            content = dq.content
            spans = [(content[0].idx, content[-1].idx + len(content[-1]))]
            src = [(t.idx, t.idx + len(t)) for t in dq.speaker]
            out.append(Item(spans, src, True))
    except Exception:  # textacy raises on some parses; count the article as failed and go on
        return [], False
    return out, True


def parse(nlp: object, names: list[str], texts: list[str], cache: str, split: str) -> list:
    """The spaCy parses of ``texts``, read from / written to ``cache`` when given."""
    from spacy.tokens import DocBin

    if cache:
        path = Path(cache) / f"{split}-{len(names)}-{nlp.meta['name']}.spacy"  # type: ignore[attr-defined]
        if path.exists():
            return list(DocBin().from_disk(path).get_docs(nlp.vocab))  # type: ignore[attr-defined]
    docs = list(nlp.pipe(texts, batch_size=16))  # type: ignore[attr-defined]
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    return docs


def errors(name: str, text: str, pred: list[Item], gold: list[Item], starts: list[int]) -> dict:
    """Our error cases in one article, by kind, as printable lines."""
    out: dict[str, list[str]] = {"missed": [], "false positive": [], "no speaker": [], "wrong speaker": []}

    def show(spans: list[tuple[int, int]]) -> str:
        return " ... ".join(text[a:b] for a, b in spans).replace("\n", " ")[:200]

    pt = [tokens(p.spans, starts) for p in pred]
    gt = [tokens(g.spans, starts) for g in gold]
    pairs = sorted(
        ((len(a & b) / len(a | b), i, j) for i, a in enumerate(pt) for j, b in enumerate(gt) if a & b),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p: dict[int, int] = {}
    used_g: set[int] = set()
    for iou, i, j in pairs:
        if iou >= 0.5 and i not in used_p and j not in used_g:
            used_p[i] = j
            used_g.add(j)
    for i, j in used_p.items():
        ps, gs = tokens(pred[i].source, starts), tokens(gold[j].source, starts)
        if (not ps and not gs) or (ps & gs):
            continue
        kind = "no speaker" if not ps else "wrong speaker"
        out[kind].append(
            f"{name}: [{show(gold[j].source)}] got [{show(pred[i].source)}]: {show(pred[i].spans)}"
        )
    for i, p in enumerate(pred):
        if i not in used_p:
            out["false positive"].append(f"{name}: [{show(p.source)}] {show(p.spans)}")
    for j, g in enumerate(gold):
        if j not in used_g:
            out["missed"].append(f"{name}: [{show(g.source)}] {show(g.spans)}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cache", default="", help="folder to keep the spaCy parses in")
    ap.add_argument("--errors", type=int, default=0, help="print N examples of each error kind")
    args = ap.parse_args()
    folder = DATA / args.split
    anns: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        anns.setdefault(stem, ann)
    names = sorted(anns)[: args.limit or None]
    texts = [(folder / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    nlp = load_nlp()
    scores = {k: Score() for k in ("ours all", "ours direct", "textacy all", "textacy direct")}
    failures = 0
    found: dict[str, list[str]] = {}
    docs = parse(nlp, names, texts, args.cache, args.split)
    for name, text, doc in zip(names, texts, docs, strict=True):
        starts = [m.start() for m in _WORD.finditer(text)]
        gold = read_gold(anns[name])
        quoted = [(q.start, q.end) for q in quote_spans(text)]
        for g in gold:
            toks = tokens(g.spans, starts)
            inside = tokens(quoted, starts)
            g.direct = bool(toks) and len(toks & inside) >= 0.5 * len(toks)
        gold_direct = [g for g in gold if g.direct]
        mine = ours(doc, text)
        scores["ours all"].add(mine, gold, starts)
        for kind, lines in errors(name, text, mine, gold, starts).items():
            found.setdefault(kind, []).extend(lines)
        scores["ours direct"].add([p for p in mine if p.direct], gold_direct, starts)
        tx, ok = textacy_direct(doc)
        failures += not ok
        scores["textacy all"].add(tx, gold, starts)
        scores["textacy direct"].add(tx, gold_direct, starts)
    print(f"PolNeAR {args.split}: {len(names)} articles; textacy failed on {failures}")
    for k, s in scores.items():
        print(s.line(k))
    if args.errors:
        import random

        rng = random.Random(0)
        for kind, lines in found.items():
            print(f"\n== {kind}: {len(lines)}")
            for line in rng.sample(lines, min(args.errors, len(lines))):
                print("  " + line)


if __name__ == "__main__":
    main()
