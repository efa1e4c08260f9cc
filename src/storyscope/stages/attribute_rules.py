"""The English pipeline's attribute rules (tag -> part of speech and morphology, lemma exceptions),
applied by lookup instead of spaCy's general ``Matcher``.

``en_core_web_sm``'s ``attribute_ruler`` holds some 180 token patterns; matching them with the
``Matcher`` costs about a sixth of the whole pipeline's time on news text, although nearly all of them
test one token's tag, lower-case form or dependency label. This component compiles the same patterns
into per-tag, per-word and per-dependency buckets and applies the matches in the order the
``AttributeRuler`` does (by pattern, then by position; a later pattern wins), so the annotations are
identical. Only the pattern features the model uses are supported (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE`` with a value, ``IN``, ``NOT_IN`` or ``REGEX``); :func:`compile_rules` refuses any other,
and the caller then keeps spaCy's own component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

_FEATURES: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


class UnsupportedPattern(ValueError):
    """A pattern uses a feature or predicate this component does not implement."""


def _check(feature: str, spec: Any) -> Callable[[Token], bool]:
    get = _FEATURES[feature]
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda t: get(t) in allowed
        if set(spec) == {"NOT_IN"}:
            banned = frozenset(spec["NOT_IN"])
            return lambda t: get(t) not in banned
        if set(spec) == {"REGEX"}:
            rx = re.compile(spec["REGEX"])
            return lambda t: rx.search(str(get(t))) is not None
        raise UnsupportedPattern(f"predicate {sorted(spec)}")
    return lambda t: get(t) == spec


@dataclass
class _Rule:
    """One alternative of one pattern: its checks per token, where it writes, and what."""

    pattern_id: int
    checks: list[list[Callable[[Token], bool]]]
    index: int
    attrs: dict[Any, Any]


@dataclass
class AttributeRules:
    """Compiled attribute rules; call on a parsed ``Doc``."""

    by_tag_lower: dict[tuple[str, str], list[_Rule]] = field(default_factory=dict)
    by_tag: dict[str, list[_Rule]] = field(default_factory=dict)
    by_lower: dict[str, list[_Rule]] = field(default_factory=dict)
    by_dep: dict[str, list[_Rule]] = field(default_factory=dict)
    on_space: list[_Rule] = field(default_factory=list)
    anywhere: list[_Rule] = field(default_factory=list)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        tokens = list(doc)
        matches: list[tuple[int, int, int, dict[Any, Any]]] = []
        empty: list[_Rule] = []
        for start, tok in enumerate(tokens):
            tag, lower = tok.tag_, tok.lower_
            buckets = (
                self.by_tag_lower.get((tag, lower), empty),
                self.by_tag.get(tag, empty),
                self.by_lower.get(lower, empty),
                self.by_dep.get(tok.dep_, empty),
                self.on_space if tok.is_space else empty,
                self.anywhere,
            )
            for bucket in buckets:
                for rule in bucket:
                    width = len(rule.checks)
                    if start + width > n or not _matches(rule, tokens, start):
                        continue
                    target = start + rule.index if rule.index >= 0 else start + width + rule.index
                    if not start <= target < start + width:
                        raise IndexError(f"attribute rule index {rule.index} outside its match")
                    matches.append((rule.pattern_id, start, target, rule.attrs))
        # The AttributeRuler applies matches sorted by pattern, then position, a later one overwriting
        # an attribute an earlier one set: merged per token, that is one write per token.
        matches.sort(key=lambda m: (m[0], m[1]))
        merged: dict[int, dict[Any, Any]] = {}
        for _, _, target, attrs in matches:
            merged.setdefault(target, {}).update(attrs)
        for target, attrs in merged.items():
            set_token_attrs(tokens[target], attrs)
        return doc


def _matches(rule: _Rule, tokens: list[Token], start: int) -> bool:
    for k, token_checks in enumerate(rule.checks):
        tok = tokens[start + k]
        for check in token_checks:
            if not check(tok):
                return False
    return True


def compile_rules(patterns: Sequence[dict[str, Any]], vocab: Vocab) -> AttributeRules:
    """Compile an ``AttributeRuler``'s ``patterns`` (in its order)."""
    from spacy.tokens._retokenize import normalize_token_attrs

    rules = AttributeRules()
    for pattern_id, entry in enumerate(patterns):
        attrs = normalize_token_attrs(vocab, dict(entry["attrs"]))
        for alternative in entry["patterns"]:
            checks: list[list[Callable[[Token], bool]]] = []
            for spec in alternative:
                unknown = set(spec) - set(_FEATURES)
                if unknown:
                    raise UnsupportedPattern(f"features {sorted(unknown)}")
                checks.append([_check(feature, value) for feature, value in spec.items()])
            rule = _Rule(pattern_id, checks, int(entry.get("index", 0)), attrs)
            first = alternative[0] if alternative else {}
            tags, lowers = _values(first.get("TAG")), _values(first.get("LOWER"))
            deps = _values(first.get("DEP"))
            # Each rule goes in one bucket, by the values its first token must have (a rule tried on
            # every token costs a check per token: the dependency and space rules were 4 of 6 such).
            if tags and lowers:
                for t in tags:
                    for w in lowers:
                        rules.by_tag_lower.setdefault((t, w), []).append(rule)
            elif tags:
                for t in tags:
                    rules.by_tag.setdefault(t, []).append(rule)
            elif lowers:
                for w in lowers:
                    rules.by_lower.setdefault(w, []).append(rule)
            elif deps:
                for d in deps:
                    rules.by_dep.setdefault(d, []).append(rule)
            elif first.get("IS_SPACE") is True:
                rules.on_space.append(rule)
            else:
                rules.anywhere.append(rule)
    return rules


def _values(spec: Any) -> list[str]:
    """The values a feature spec allows, when it lists them (a value or ``IN``); else []."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return [str(v) for v in spec["IN"]]
    return []
