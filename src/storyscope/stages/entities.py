"""Who is mentioned in one article: named-entity mentions, roles, and rule-resolved pronouns.

spaCy's entity labels map to four types::

    PERSON                 -> "person"
    ORG                    -> "organization"
    GPE, LOC, FAC          -> "place"
    NORP                   -> "group"       (nationalities, religious and political groups)

spaCy's small model is weak in known ways, which rules correct:

* titles and honorifics inside a name ("President Raisi", "Ayatollah Ali Khamenei") are stripped from
  the name; titles become the mention's ``role``, honorifics are dropped;
* the role stated before a name ("Kremlin spokesman Dmitry Peskov" -> "Kremlin spokesman") or in an
  apposition ("Robert Roe, the city's mayor, ...") is kept;
* news outlets and agencies are organisations wherever they occur (a gazetteer, plus "X news agency");
* platforms and products that the model often tags as people ("Twitter", "iPhone") are corrected.

Pronouns (he/she and their forms) and descriptions ("the spokesman", "Iran's top leader") become
mentions only when a rule resolves them: a pronoun to the single person mentioned before it in its
own sentence, or else in the sentence before; a description to the single person whose stated role
has the same head noun (and the same country or organisation, when the description names one). Two
candidates, or a competing unnamed person ("a spokesman said ... He said ..."), mean no resolution.
No coreference model is used; saying nothing beats guessing.

Each mention is a JSON dict: ``id`` (index in the list, in text order), ``text``, ``start``, ``end``
(character offsets into the parsed text), ``type``, ``kind`` ("name", "pronoun" or "description"),
``role`` (str or None), ``resolved_to`` (id of the name mention a pronoun or description refers to, or
None) and ``sent`` (sentence index).

Types are corrected in :mod:`storyscope.stages.entity_types`; titles, roles and the descriptions that
stand for a person by their role are in :mod:`storyscope.stages.roles`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import _is_cue, doc_text
from storyscope.stages.entity_types import (
    ENTITY_TYPES,
    MISFIRES,
    OUTLETS,
    _fix_type,
    _retype_people,
    _retype_places,
)
from storyscope.stages.quotemarks import quote_spans
from storyscope.stages.roles import (
    _BODY_NOUNS,
    HONORIFICS,
    TITLES,
    _appos_role,
    _description_np,
    _gender_of,
    _left_role,
    _role_matches,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


_OUTLET_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True)) + r")(?![\w-])"
)
_PRONOUN_DEPS_SKIP = frozenset({"expl"})


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    type: str
    kind: str
    sent: int
    role: str | None = None
    gender: str | None = None
    resolved_to: _Mention | None = None
    key: str = ""
    in_quote: bool = False
    blocker: bool = False  # an unnamed person ("a spokesman"): competes as antecedent, never output
    extra: dict[str, object] = field(default_factory=dict)


def name_key(name: str) -> str:
    """The last word of a name, lower-cased, for matching "Jake Sullivan" with "Sullivan"."""
    words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", name)
    return words[-1].lower() if words else name.lower()


def _in_spans(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# Reporting verbs that open an inverted attribution ("Said Ellis: …", "Added Roe, …").
_INVERTED_VERBS = frozenset("said says added adds asked wrote writes".split())


def _strip_name(ent: Span) -> tuple[int, int, list[Token]]:
    """Token range of the bare name inside ``ent`` and the title tokens stripped from its front."""
    start, end = ent.start, ent.end
    doc = ent.doc
    stripped: list[Token] = []
    if start < end - 1 and doc[start].lower_ in _INVERTED_VERBS:
        # "Said Ellis: “…”": the tagger takes the inverted reporting verb for part of the name.
        start += 1
    while start < end - 1:
        word = doc[start].lower_.rstrip(".")
        if word in TITLES and doc[start + 1].lower_ in _BODY_NOUNS:
            break  # "Foreign Ministry", "Supreme Court": the title word names the body
        if word in HONORIFICS or word in TITLES:
            stripped.append(doc[start])
            start += 1
        else:
            break
    # "Putin’s" sometimes comes back with its possessive inside the entity, tagged as a possessive or,
    # after a hyphenated name ("Tsai Ing-wen’s speech"), as a proper noun of its own.
    while end > start + 1 and (
        doc[end - 1].is_space or doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1  # a paragraph break is a token of its own, sometimes taken into the name before it
    # "Blue Oyster Cult and": a list the tagger ran on into its conjunction.
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "CC"):
        end -= 1
    brackets = [i for i in range(start, end) if doc[i].text in _BRACKETS]
    if brackets:
        # "Mr (Jose) Mourinho", "(London", "Holmes (Stoke": a name does not run across a bracket. An
        # opening one starts an aside after the name; after a closing one comes the name's head.
        if doc[brackets[-1]].text in "([{" and brackets[0] > start:
            end = brackets[0]
        elif brackets[-1] < end - 1:
            start = brackets[-1] + 1
        else:
            end = brackets[0]
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end, stripped


_BRACKETS = frozenset("()[]{}")


def _split_possessives(ents: Iterable[Span]) -> list[Span]:
    """Entities with a possessive inside split in two: "Acme’s Zephyr Phone" is Acme and what Acme
    owns, each a name of the entity's type, when the article also names the owner alone (the model
    keeps "Norway’s Central Bank" apart itself)."""
    from spacy.tokens import Span

    ents = list(ents)
    alone = {e.text for e in ents}
    out: list[Span] = []
    for ent in ents:
        cut = next((t.i for t in ent[1:-1] if t.tag_ == "POS"), None)
        # "People’s Liberation Army", "Airline Pilots’ Association": only an owner the article names
        # on its own elsewhere is split off.
        if cut is not None and ent.label_ == "PERSON":
            # "Harry Redknapp’s Portsmouth", "Ilse Varga’s government": the owner is the person; what
            # the person owns or leads is not one, and the tagger gave it no type of its own.
            out.append(Span(ent.doc, ent.start, cut, label=ent.label_))
            continue
        if cut is None or ent.doc[ent.start : cut].text not in alone:
            out.append(ent)
            continue
        out.append(Span(ent.doc, ent.start, cut, label=ent.label_))
        out.append(Span(ent.doc, cut + 1, ent.end, label=ent.label_))
    return out


def _join_hyphenated(ents: Iterable[Span]) -> list[Span]:
    """A person's double-barrelled name cut at its hyphen is one name again: "Marin-Halse" at the start
    of a sentence is tagged a place "Marin" and an untagged "-Halse", while the article names
    "Teodora Marin-Halse". Only a compound that ends a person's name elsewhere in the article is joined:
    "Russia-Ukraine talks" and "Paris-Orly" name two things or a place."""
    from spacy.tokens import Span

    ents = list(ents)
    if not ents:
        return ents
    doc = ents[0].doc
    tagged = {t.i for e in ents for t in e}
    people = {e[-3:].text for e in ents if e.label_ == "PERSON" and len(e) >= 3}
    out: list[Span] = []
    for ent in ents:
        end = ent.end
        if (
            end + 1 < len(doc)
            and doc[end].text in "-‐"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_title
            and doc[end + 1].is_alpha
            and end not in tagged
            and end + 1 not in tagged
            and doc[end - 1 : end + 2].text in people
        ):
            out.append(Span(doc, ent.start, end + 2, label="PERSON"))
        else:
            out.append(ent)
    return out


def _join_nationality_bodies(ents: Iterable[Span]) -> list[Span]:
    """A nationality or creed right before a one-word body is that body's name: the model cuts
    "Islamic State" into a group and "State", and "Muslim Brotherhood" into a group and "Brotherhood"."""
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "NORP"
            and ent.label_ == "ORG"
            and prev.end == ent.start
            and len(ent) == 1
            and ent[0].is_title
        ):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


# A person's description in apposition ("Oh Ei Sun, a senior fellow at ..."): a role, or a noun
# naming someone by what they do.
# A firm described by its trade ("Tarsk Power, a power provider") is not one.
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|man|woman|fellow)$")


def _untagged_speakers(doc: Doc) -> list[Span]:
    """Names the model left untagged that speak as a person: a chain of two to four capitalised words,
    the subject of a reporting verb, described as a person in apposition ("said Oh Ei Sun, a senior
    fellow at ..."; the model takes "Oh" for an interjection)."""
    from spacy.tokens import Span

    from storyscope.stages.attribution import REPORTING_VERBS
    from storyscope.stages.entity_types import _COMPANY_NOUNS
    from storyscope.stages.roles import ROLE_NOUNS

    out: list[Span] = []
    for tok in doc:
        if (
            tok.dep_ != "nsubj"
            or tok.pos_ != "PROPN"
            or tok.ent_type_
            or tok.head.lemma_ not in REPORTING_VERBS
        ):
            continue
        first = tok.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == tok.i:
            first -= 1
        words = doc[first : tok.i + 1]
        if not 2 <= len(words) <= 4 or any(t.ent_type_ or not t.is_title for t in words):
            continue
        described = any(
            c.dep_ == "appos"
            and c.pos_ == "NOUN"
            and (
                c.lemma_.lower() in ROLE_NOUNS
                or c.lemma_.lower() in TITLES
                or (_AGENT_NOUN.search(c.lemma_.lower()) and c.lemma_.lower() not in _COMPANY_NOUNS)
            )
            for c in tok.children
        )
        if described:
            out.append(Span(doc, first, tok.i + 1, label="PERSON"))
    return out


def _names(doc: Doc, sent_of: list[int], quoted: list[tuple[int, int]]) -> list[_Mention]:
    person_tokens = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    ents = sorted([*doc.ents, *_untagged_speakers(doc)], key=lambda e: e.start)
    for ent in _split_possessives(_join_nationality_bodies(_join_hyphenated(ents))):
        if ent.label_ not in ENTITY_TYPES:
            continue
        start, end, stripped = _strip_name(ent)
        etype = _fix_type(ent, start, end, ent.label_)
        if etype is None:
            continue
        span = doc[start:end]
        role: str | None = None
        gender = _gender_of(t.text for t in stripped)
        if etype == "person":
            root = span.root
            first = _left_role(doc, ent.start, root, person_tokens - {t.i for t in ent})
            role_end = start
            # Honorifics next to the name are forms of address, not part of the role.
            while role_end > ent.start and doc[role_end - 1].lower_.rstrip(".") in HONORIFICS:
                role_end -= 1
            role_start = first if first is not None else ent.start
            if role_end > role_start:
                role = doc[role_start:role_end].text.strip() or None
            head = root.head
            if role is None and root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < start:
                # "Norland's chief negotiator, Sven Aaberg, ...": the name stands in apposition to its role.
                left = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det" and not t.is_punct]
                if left:
                    role = doc[left[0].i : head.i + 1].text
            appos = _appos_role(root, end)
            if appos and (role is None or len(role.split()) <= 1):
                role = appos
            if role:
                gender = gender or _gender_of(role.split())
        s_char, e_char = span.start_char, span.end_char
        out.append(
            _Mention(
                s_char,
                e_char,
                span.text,
                etype,
                "name",
                sent_of[start],
                role=role,
                gender=gender,
                key=name_key(span.text),
                in_quote=_in_spans(s_char, e_char, quoted),
            )
        )
        taken.append((ent.start_char, ent.end_char))
    _retype_people(doc, out)
    _retype_places(doc, out)
    # The model tags a name in one sentence and misses it in the next: every other occurrence of a
    # person's name (or surname) in the article is that person too.
    known = {m.text for m in out if m.type == "person"}
    known |= {m.text.split()[-1] for m in out if m.type == "person" and len(m.text.split()) > 1}
    known = {k for k in known if len(k) > 2 and k[:1].isupper() and k not in OUTLETS and k not in MISFIRES}
    if known:
        pattern = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
            + r")(?![\w-])"
        )
        for m in pattern.finditer(doc_text(doc)):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            span2 = doc.char_span(m.start(), m.end())
            if span2 is None or span2[0].ent_type_:
                continue
            out.append(
                _Mention(
                    m.start(),
                    m.end(),
                    m.group(),
                    "person",
                    "name",
                    sent_of[span2.start],
                    key=name_key(m.group()),
                    in_quote=_in_spans(m.start(), m.end(), quoted),
                )
            )
            taken.append((m.start(), m.end()))
    # Outlets the model missed entirely.
    for m in _OUTLET_RE.finditer(doc_text(doc)):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        span2 = doc.char_span(m.start(), m.end())
        if span2 is None:
            continue
        out.append(
            _Mention(
                m.start(),
                m.end(),
                m.group(),
                "organization",
                "name",
                sent_of[span2.start],
                key=name_key(m.group()),
                in_quote=_in_spans(m.start(), m.end(), quoted),
            )
        )
    return out


def _sentence_index(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    sent_of = [0] * len(doc)
    bounds: list[tuple[int, int]] = []
    for si, sent in enumerate(doc.sents):
        bounds.append((sent.start_char, sent.end_char))
        for t in sent:
            sent_of[t.i] = si
    return sent_of, bounds


def _resolve_key(m: _Mention) -> str:
    target = m.resolved_to
    if m.kind != "name" and target is not None:
        return target.key
    if m.blocker:
        return f"unnamed@{m.start}"
    return m.key


def extract_mentions(doc: Doc) -> list[Json]:
    """Entity mentions of one parsed article: names, plus pronouns and descriptions resolved by rule."""
    sent_of, bounds = _sentence_index(doc)
    quoted = [(q.start, q.end) for q in quote_spans(doc_text(doc))]
    # Sentences wholly inside a quote are the quotation itself: a pronoun after one looks past it.
    all_quoted = {i for i, (a, b) in enumerate(bounds) if _sentence_quoted(doc_text(doc), a, b, quoted)}
    names = _names(doc, sent_of, quoted)
    by_start = {m.start: m for m in names}
    person_names = [m for m in names if m.type == "person"]
    # Gender known per name key: from honorifics and role words, then from resolved pronouns.
    gender: dict[str, str] = {}
    for m in person_names:
        if m.gender:
            gender.setdefault(m.key, m.gender)
    roles: dict[str, list[str]] = {}
    for m in person_names:
        if m.role:
            roles.setdefault(m.key, []).append(m.role)

    # People named as the subject of a reporting verb ("…, Prime Minister Jo Roe said."): the one a
    # following "He said …" continues, when the sentence names others too.
    speakers: set[int] = set()
    for m in person_names:
        span = doc.char_span(m.start, m.end)
        if span is None:
            continue
        if span.root.dep_ == "nsubj" and _is_cue(span.root.head):
            speakers.add(m.start)
        elif (cue := _cue_after_apposition(span)) is not None and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in cue.children
        ):
            # "In Tehran, Jo Roe, head of the committee, told …": the small model hangs the name on the
            # place ("Tehran … and Roe") and leaves the verb without a subject; the name is its subject.
            speakers.add(m.start)
    others: list[_Mention] = []
    # Candidates visible so far, in text order: names, resolved pronouns/descriptions, unnamed people.
    visible: list[_Mention] = []
    name_iter = iter(sorted(person_names, key=lambda m: m.start))
    pending = next(name_iter, None)
    for tok in doc:
        while pending is not None and pending.start <= tok.idx:
            visible.append(pending)
            pending = next(name_iter, None)
        if tok.idx in by_start or tok.ent_type_:
            continue
        if tok.pos_ == "PROPN" and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.ent_iob_ == "O":
            # A proper name the model did not recognise may be a person: it competes as an antecedent.
            visible.append(
                _Mention(
                    tok.idx,
                    tok.idx + len(tok),
                    tok.text,
                    "person",
                    "name",
                    sent_of[tok.i],
                    blocker=True,
                    key=f"unknown@{tok.idx}",
                    in_quote=_in_spans(tok.idx, tok.idx + len(tok), quoted),
                )
            )
            continue
        low = tok.lower_
        if low in _PRONOUN_GENDER and tok.dep_ not in _PRONOUN_DEPS_SKIP:
            g = _PRONOUN_GENDER[low]
            m = _Mention(tok.idx, tok.idx + len(tok), tok.text, "person", "pronoun", sent_of[tok.i], gender=g)
            m.in_quote = _in_spans(tok.idx, tok.idx + len(tok), quoted)
            # "Roe greeted him": an object pronoun never means its own clause's subject.
            banned: set[int] = set()
            if low in ("him", "her") and tok.dep_ in ("dobj", "dative", "pobj"):
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                banned = {t.idx for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
            reports = tok.dep_ == "nsubj" and _is_cue(tok.head)
            target = _antecedent(
                m,
                [v for v in visible if v.start not in banned],
                gender,
                all_quoted,
                speakers if reports else None,
            )
            if target is not None:
                m.resolved_to = target
                m.key = target.key
                gender.setdefault(target.key, g)
                others.append(m)
                visible.append(m)
            continue
        desc = _description_np(tok)
        if desc is None:
            continue
        first, mods = desc
        # Looked up here, not for every token: most tokens are neither pronoun nor description.
        tok_in_quote = _in_spans(tok.idx, tok.idx + len(tok), quoted)
        if first < 0:
            # "a spokesman for the ministry": an unnamed person who competes as an antecedent.
            start = doc[-1 - first].idx
            visible.append(
                _Mention(
                    start,
                    tok.idx + len(tok),
                    doc_text(doc)[start : tok.idx + len(tok)],
                    "person",
                    "description",
                    sent_of[tok.i],
                    blocker=True,
                    in_quote=tok_in_quote,
                )
            )
            continue
        start = doc[first].idx
        m = _Mention(
            start,
            tok.idx + len(tok),
            doc_text(doc)[start : tok.idx + len(tok)],
            "person",
            "description",
            sent_of[tok.i],
        )
        m.in_quote = tok_in_quote
        m.gender = _gender_of([tok.text])
        head = tok.lemma_.lower()
        keys = sorted({k for k, rs in roles.items() if any(_role_matches(head, mods, r) for r in rs)})
        seen_keys = {v.key for v in visible if v.kind == "name"}
        keys = [k for k in keys if k in seen_keys]
        if len(keys) == 1:
            target = next(v for v in reversed(visible) if v.kind == "name" and v.key == keys[0])
            m.resolved_to = target
            m.key = target.key
            others.append(m)
            visible.append(m)
        else:
            m.blocker = True
            visible.append(m)

    every = sorted(names + others, key=lambda m: (m.start, m.end))
    ids = {id(m): i for i, m in enumerate(every)}
    result: list[Json] = []
    for i, m in enumerate(every):
        target = m.resolved_to
        result.append(
            {
                "id": i,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "type": m.type,
                "kind": m.kind,
                "role": m.role,
                "resolved_to": ids[id(target)] if target is not None else None,
                "sent": m.sent,
            }
        )
    return result


def _sentence_quoted(text: str, a: int, b: int, quoted: list[tuple[int, int]]) -> bool:
    marks = "\"“”„«»‘’' \n\t.,;:!?—–-"
    for s, e in quoted:
        if s > b:
            break
        if e >= a:
            outside = text[a:s] + text[e:b] if s > a or e < b else ""
            if not outside.strip(marks):
                return True
    return False


def _cue_after_apposition(name: Span) -> Token | None:
    """The reporting verb that follows ``name`` with nothing between them but commas and a noun phrase
    (an apposition: "Jo Roe, head of the committee, told"), in the same sentence; None otherwise."""
    doc = name.doc
    i = name.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
        while i < len(doc) and doc[i].text != "," and doc[i].pos_ in _APPOSITION_POS:
            i += 1
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
    if i < len(doc) and doc[i].sent.start == name.sent.start and doc[i].pos_ == "VERB" and _is_cue(doc[i]):
        return doc[i]
    return None


# What an apposition between a name and its verb is made of: "head of the parliament's committee".
_APPOSITION_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "PART", "NUM", "CCONJ", "PUNCT"})


def _antecedent(
    pron: _Mention,
    visible: list[_Mention],
    gender: dict[str, str],
    all_quoted: set[int],
    speakers: set[int] | None = None,
) -> _Mention | None:
    """The single person a pronoun refers to: in its own sentence before it, else the sentence before
    (sentences that are wholly quotation are skipped: "X arrived. “…” “…,” he said").

    ``speakers`` (given when the pronoun is the subject of a reporting verb): the starts of names that
    are a reporting verb's subject. "Roe was killed, Premier Jo Doe said. He said the army …": the
    speaker of the sentence before goes on speaking, when that sentence names one speaker only."""
    previous = pron.sent - 1
    while previous >= 0 and previous in all_quoted and pron.sent - previous < 6:
        previous -= 1
    for sent in (pron.sent, previous):
        cands = [
            v
            for v in visible
            if v.sent == sent and v.start < pron.start and (pron.in_quote or not v.in_quote)
        ]
        # Names inside a quote speak of others; a pronoun outside quotes never points into one.
        keys: dict[str, _Mention] = {}
        for v in cands:
            k = _resolve_key(v)
            g = gender.get(k) or v.gender
            if g is not None and g != pron.gender:
                continue
            # The last mention of each candidate is the one to point at.
            keys[k] = v.resolved_to if v.kind != "name" and v.resolved_to is not None else v
        if not keys:
            continue
        if len(keys) == 1:
            target = next(iter(keys.values()))
            return None if target.blocker or target.kind != "name" else target
        if speakers and sent != pron.sent:
            said = {k: v for k, v in keys.items() if v.kind == "name" and v.start in speakers}
            if len(said) == 1:
                return next(iter(said.values()))
        return None
    return None
