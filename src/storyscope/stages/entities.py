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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyscope.models import Json
from storyscope.stages.attribution import doc_text
from storyscope.stages.quotemarks import quote_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ENTITY_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

# Forms of address that are not roles: stripped from names and dropped.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady ayatollah grand sheikh shaikh imam rev reverend rabbi "
    "father hon herr frau monsieur madame mme mlle signor don".split()
)
# Titles: stripped from names and kept as the role when no fuller role is stated.
TITLES = frozenset(
    "president vice-president premier chancellor minister senator sen rep representative congressman "
    "congresswoman governor gov mayor king queen prince princess emir sultan pope cardinal bishop general "
    "gen colonel col lieutenant lt captain capt admiral adm sergeant sgt commander major maj judge justice "
    "secretary ambassador spokesman spokeswoman spokesperson chairman chairwoman chair director ceo chief "
    "leader envoy adviser advisor professor prof detective inspector officer coach crown deputy foreign "
    "prime supreme marshal brigadier commodore corporal".split()
)
# Head nouns of descriptions that can stand for a named person ("the spokesman", "Iran's top leader").
ROLE_NOUNS = frozenset(
    "president premier chancellor minister senator congressman congresswoman governor mayor king queen "
    "prince princess emir sultan pope general colonel admiral commander judge secretary ambassador "
    "spokesman spokeswoman spokesperson chairman chairwoman director executive ceo chief leader envoy "
    "adviser advisor official diplomat lawmaker prosecutor attorney lawyer founder author analyst "
    "professor researcher candidate nominee coach negotiator commissioner".split()
)
_FEMALE_WORDS = frozenset("spokeswoman chairwoman congresswoman queen princess mrs ms miss lady dame".split())
_MALE_WORDS = frozenset("spokesman chairman congressman king prince mr sir lord".split())
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

# News outlets and agencies: organisations wherever they appear, whatever the model says.
OUTLETS = frozenset(
    [
        "Reuters",
        "AP",
        "Associated Press",
        "AFP",
        "Agence France-Presse",
        "Interfax",
        "TASS",
        "RIA Novosti",
        "IRNA",
        "ISNA",
        "Tasnim",
        "Fars",
        "Mehr",
        "Xinhua",
        "Anadolu",
        "Yonhap",
        "Kyodo",
        "dpa",
        "EFE",
        "ANSA",
        "Bloomberg",
        "CNN",
        "BBC",
        "Al Jazeera",
        "NPR",
        "Fox News",
        "CBS",
        "NBC",
        "ABC",
        "RT",
        "Sputnik",
        "la Repubblica",
        "Le Monde",
        "Der Spiegel",
        "The New York Times",
        "New York Times",
        "The Washington Post",
        "Washington Post",
        "The Guardian",
        "Financial Times",
        "Wall Street Journal",
        "Politico",
        "Axios",
        "USA Today",
        "Breitbart",
        "HuffPost",
        "Huffington Post",
        "Shana",
        "Ukrinform",
    ]
)
# Platforms (organisations) and products (not entities) that the small model often calls people.
MISFIRES: dict[str, str | None] = {
    **{
        p: "organization"
        for p in [
            "Twitter",
            "Facebook",
            "Instagram",
            "TikTok",
            "YouTube",
            "Telegram",
            "WhatsApp",
            "WeChat",
            "Weibo",
            "LinkedIn",
            "Snapchat",
            "Reddit",
            "Truth Social",
            "Google",
            "Netflix",
            "Spotify",
            "Zoom",
            "Skype",
            "Signal",
            "Threads",
            "Bluesky",
            "Mastodon",
            "Wikipedia",
            "Amazon",
            "OpenAI",
        ]
    },
    **{
        p: None
        for p in [
            "iPhone",
            "iPad",
            "Android",
            "ChatGPT",
            "Windows",
            "PlayStation",
            "Xbox",
            "Bitcoin",
            "Covid",
            "COVID-19",
            "Switchblade",
            "Bayraktar",
        ]
    },
}
# A name followed by one of these is a medium ("the state-run IRNA news agency").
# Time-zone abbreviations the model tags as organisations ("14:00 GMT").
TIME_ZONES = frozenset(
    "GMT UTC BST IST CET CEST EET EEST WET WEST MSK EST EDT CST CDT MST MDT PST PDT AKST AKDT HST JST KST "
    "AEST AEDT AWST NZST NZDT".split()
)
# First words of code names that the model takes for people ("Plan White", "Operation Sea Lion").
CODE_NAME_WORDS = frozenset("plan operation project exercise codename".split())
# Nouns that make a title word before them part of a body's name ("Foreign Ministry").
_BODY_NOUNS = frozenset(
    "ministry office department council committee court service services bank party cabinet command "
    "staff guard corps assembly league".split()
)
# Words that make a multi-word name a place or a body whatever follows it ("Athens College").
_PLACE_HEADS = frozenset(
    "college university school institute bank company group city county province state island river "
    "street square park airport station hospital church holdings inc corp ltd co plc airlines partners "
    "fund club united".split()
)
# People described by what they do or who they are to someone, beyond the posts of ROLE_NOUNS.
_PERSON_NOUNS = frozenset(
    "writer poet novelist journalist reporter editor columnist actor actress singer musician artist "
    "painter filmmaker director economist historian scientist researcher engineer doctor physician "
    "surgeon nurse teacher student banker businessman businesswoman entrepreneur activist politician "
    "lawmaker legislator soldier veteran striker midfielder goalkeeper father mother son daughter wife "
    "husband brother sister widow grandson granddaughter resident victim survivor witness scholar "
    "lecturer philosopher priest cleric bishop monk nun farmer pilot athlete".split()
)
# Descriptions in apposition that make a name a person's. Words a company or a team is also called
# ("the market leader", "the chief supplier"; "producer", "investor", "player" are not even in
# _PERSON_NOUNS) are left out.
_APPOSITION_PEOPLE = (ROLE_NOUNS | TITLES | _PERSON_NOUNS) - frozenset(
    "leader chief executive director chair crown deputy foreign prime supreme official founder".split()
)
# Fields of policy that open a post's name ("National Security Adviser", "Interior Minister").
_POLICY_FIELDS = frozenset("security defense defence interior foreign home homeland affairs policy".split())
# What a ministry is in charge of, when a post is named after it ("Secretary of State").
_MINISTRIES = frozenset(
    "state health justice energy commerce labor labour education transport transportation agriculture "
    "treasury finance culture trade".split()
)
# Sites named after a place or a person ("the Tarsk Hills refinery"); not "camp" or "base", which are
# also a politician's followers.
_FACILITY_NOUNS = frozenset(
    "plant reactor station airport dam mine stadium port bridge hospital refinery factory prison "
    "mosque cathedral".split()
)
# Nouns that name a ship right before its name ("carrier" is left out: "the carrier Lufthansa"), and
# the prefixes of navies' and merchant ships' names.
_VESSEL_NOUNS = frozenset(
    "ship vessel frigate destroyer tanker submarine cruiser corvette freighter trawler yacht "
    "warship icebreaker".split()
)
_SHIP_PREFIXES = frozenset("HMS USS HMAS HMCS HMNZS INS MV RV".split())
_MEDIA_NOUNS = frozenset(
    "agency newspaper daily broadcaster channel network outlet tv television radio service".split()
)

_OUTLET_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True)) + r")(?![\w-])"
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
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
    # "Putin’s" sometimes comes back with its possessive inside the entity.
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    while end > start + 1 and doc[end - 1].is_punct:
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


def _left_role(doc: Doc, name_start: int, root: Token, person_tokens: set[int]) -> int | None:
    """First token of the role phrase right before a name ("Kremlin spokesman"), or None."""
    i = name_start - 1
    first = None
    while i >= 0:
        tok = doc[i]
        if tok.i in person_tokens or (tok.is_punct and tok.text not in "-") or tok.dep_ == "det":
            break
        if tok.tag_ == "POS" and i - 1 >= 0 and doc[i - 1].i in person_tokens:
            break  # stop at "Biden's": the role is what follows the other person
        if not (root.is_ancestor(tok) or (tok.head.i >= name_start and tok.head.i < root.i + 1)):
            break
        first = i
        i -= 1
    if first is None:
        return None
    # The word next to the name must be a title or a common noun: "CNN's Jane Roe" states no role.
    nxt = doc[name_start - 1]
    if not (nxt.pos_ == "NOUN" or nxt.lower_.rstrip(".") in TITLES):
        return None
    return first


def _appos_role(root: Token, name_end: int) -> str | None:
    """The role stated in an apposition after the name ("Jane Roe, the city's mayor, said")."""
    for child in root.children:
        if child.dep_ != "appos" or child.i < name_end or child.ent_type_ in ("PERSON",):
            continue
        if child.pos_ not in ("NOUN", "PROPN") or (
            child.ent_type_ and child.ent_iob_ == "B" and child.pos_ == "PROPN"
        ):
            continue
        toks = [t for t in child.subtree if not (t.is_punct and t.text != "-")]
        toks = [t for t in toks if t.i >= name_end]
        if not toks or len(toks) > 16:
            continue
        while toks and toks[0].dep_ == "det":
            toks = toks[1:]
        if not toks:
            continue
        doc = root.doc
        return str(doc[toks[0].i : toks[-1].i + 1].text)
    return None


def _fix_type(ent: Span, start: int, end: int, label: str | None) -> str | None:
    """The corrected entity type of a mention, or None to drop it."""
    doc = ent.doc
    text = doc[start:end].text
    if text in MISFIRES:
        return MISFIRES[text]
    if text in OUTLETS:
        return "organization"
    if end < len(doc) and doc[end].lower_ in _MEDIA_NOUNS and label != "NORP":
        # "IRNA news agency" is a medium; in "Italian newspaper la Repubblica" the nationality is not.
        return "organization"
    if start > 0 and doc[start - 1].lower_ in _MEDIA_NOUNS and label in ("PERSON", "GPE", "NORP"):
        return "organization"
    if label is None:
        return None
    if label == "ORG" and (_post_fragment(doc, end) or _post_object(doc, start, end)):
        return None
    words = text.split()
    if (start > 0 and doc[start - 1].lower_ in _VESSEL_NOUNS) or (
        len(words) > 1 and words[0] in _SHIP_PREFIXES
    ):
        # "defence vessel Ocean Shield", "the tanker Stena Impero", "HMS Echo": a ship is neither a
        # person nor a body, and one named after a person must not merge with that person.
        return None
    if label == "PERSON" and end < len(doc) and doc[end].lower_ in _FACILITY_NOUNS:
        # "the Fukushima Daini plant", "the Tarsk Hills refinery": the name of a site.
        return "place"
    if text.upper() in TIME_ZONES and text.isupper():
        # "at 14:00 GMT": a time zone, not an organisation.
        return None
    etype = ENTITY_TYPES[label]
    if etype == "person" and text.split()[0].lower() in CODE_NAME_WORDS and len(text.split()) > 1:
        # "Plan White", "Operation Sea Lion": the code name of a plan or an operation, nobody.
        return None
    # "President Jan Roe" tagged as a place: a title before a multi-word proper name marks a person.
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    if (
        etype != "person"
        and (before in TITLES or start > ent.start)
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
    ):
        return "person"
    if etype != "person" and _person_by_apposition(doc[start:end]):
        return "person"
    # Lower-case or numeric "people" are parser debris ("the 2022 talks").
    if etype == "person" and (not any(w[:1].isupper() for w in words) or any(ch.isdigit() for ch in text)):
        return None
    return etype


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
        if cut is None or ent.label_ == "PERSON" or ent.doc[ent.start : cut].text not in alone:
            out.append(ent)
            continue
        out.append(Span(ent.doc, ent.start, cut, label=ent.label_))
        out.append(Span(ent.doc, cut + 1, ent.end, label=ent.label_))
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


def _person_by_apposition(span: Span) -> bool:
    """Whether a name the model took for a place or a body is described as a person right after it:
    "Lucas Ferro, the technocratic prime minister", "Anna Delt, a beloved Greek writer"."""
    words = span.text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if any(w.lower() in _BODY_NOUNS or w.lower() in _PLACE_HEADS for w in words):
        return False
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            return child.lemma_.lower() in _APPOSITION_PEOPLE
    return False


def _post_object(doc: Doc, start: int, end: int) -> bool:
    """Whether a one-word organisation is the field in a post's name: "State" in "Secretary of State",
    "Defence" in "Minister of Defence"."""
    if end - start != 1 or start < 2 or doc[start - 1].lower_ != "of":
        return False
    return doc[start - 2].lower_ in TITLES and doc[start].lower_ in _POLICY_FIELDS | _MINISTRIES


def _post_fragment(doc: Doc, end: int) -> bool:
    """Whether an organisation the model cut out of a post's name ends at ``end``: "US National
    Security" out of "US National Security Adviser Jane Roe", "Defense" out of "Defense Secretary",
    "Finance" out of "Finance Minister".
    A real body before a title keeps its name ("Foreign Ministry Spokesman", "Security Council
    Secretary"): only a field of policy just before the title word marks the cut."""
    if end >= len(doc) or end < 1:
        return False
    title = doc[end]
    if not title.text[:1].isupper() or title.lower_.rstrip(".") not in TITLES | ROLE_NOUNS:
        return False
    return doc[end - 1].lower_ in _POLICY_FIELDS | _MINISTRIES


def _gender_of(words: Iterable[str]) -> str | None:
    for w in words:
        lw = w.lower().rstrip(".")
        if lw in _FEMALE_WORDS:
            return "f"
        if lw in _MALE_WORDS:
            return "m"
    return None


def _names(doc: Doc, sent_of: list[int], quoted: list[tuple[int, int]]) -> list[_Mention]:
    person_tokens = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in _split_possessives(_join_nationality_bodies(doc.ents)):
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


# Syntactic slots a person's surname fills; a place name there is rarer than in "in X" / "to X".
_PERSON_SLOTS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "appos", "conj", "compound"})


def _retype_people(doc: Doc, mentions: list[_Mention]) -> None:
    """Names the model calls places or organisations that the article elsewhere gives to a person.

    A mistyped full name ("Jane Roe" as ORG) becomes a person outright; a mistyped surname only where
    people stand in a sentence (a subject, an owner, next to a title), not after "in" or "to".
    """
    full = {m.text for m in mentions if m.type == "person" and len(m.text.split()) > 1}
    surnames = {t.split()[-1] for t in full}
    for m in mentions:
        if m.type == "person" or m.text in OUTLETS:
            continue
        if m.text in full:
            m.type = "person"
            continue
        if m.text not in surnames:
            continue
        span = doc.char_span(m.start, m.end)
        if span is None:
            continue
        root = span.root
        before = doc[span.start - 1] if span.start > 0 else None
        titled = before is not None and before.lower_.rstrip(".") in TITLES
        if root.dep_ in _PERSON_SLOTS or titled:
            m.type = "person"


# Prepositions of place ("in X", "from X") and nouns that make a name a place ("the X river").
_PLACE_PREPS = frozenset("in into to from through across near at inside outside toward towards".split())
_PLACE_NOUNS = frozenset("river valley plain basin lake sea mountains highlands region province".split())


def _place_context(doc: Doc, m: _Mention) -> bool:
    span = doc.char_span(m.start, m.end)
    if span is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in _PLACE_PREPS and before.dep_ == "prep":
        return True
    return after is not None and after.lower_ in _PLACE_NOUNS


def _retype_places(doc: Doc, mentions: list[_Mention]) -> None:
    """Names the model calls people that the article uses as places: after "in", "to", "from", before
    "river", or tagged as a place elsewhere in the article. A name that is a person's stated full
    name, or carries a role, stays a person (a surname can be a place name too)."""
    placed = {m.text for m in mentions if m.type == "place"}
    placed |= {m.text for m in mentions if m.type == "person" and _place_context(doc, m)}
    words_placed = {w for t in placed for w in t.split()}
    for m in mentions:
        words = m.text.split()
        # "Vessa Lunesia" run together from a dateline: every word of it is a place in this article.
        if m.type == "person" and len(words) > 1 and all(w in words_placed for w in words):
            m.type = "place"
    full = [m.text.split() for m in mentions if m.type == "person" and len(m.text.split()) > 1]
    surnames = {w[-1] for w in full} | {w for ws in full for w in ws[-1].split("-")}
    for m in mentions:
        if m.type != "person" or _role_like(m.role) or m.text in surnames or len(m.text.split()) > 1:
            continue
        if m.text in placed:
            m.type = "place"


def _role_like(role: str | None) -> bool:
    """Whether a stated role names a position ("foreign minister"), not a description ("the last
    country on the river")."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", role or "")}
    return bool(words & (TITLES | ROLE_NOUNS))


def _description_np(tok: Token) -> tuple[int, list[Token]] | None:
    """(first token index, modifiers) of a definite role description headed by ``tok``, or None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ROLE_NOUNS or tok.tag_ in ("NNS", "NNPS"):
        return None
    # "spokesman Dmitry Roe": part of a name's role, not a description.
    if (tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON") or (
        tok.head.ent_type_ == "PERSON"
        and tok.dep_
        in (
            "nmod",
            "amod",
        )
    ):
        return None
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        return None
    if tok.dep_ == "appos" and (tok.head.ent_type_ == "PERSON" or tok.head.pos_ == "PROPN"):
        # "Alexis Roe, the 37-year-old leader of the party, …": the name's own role, not another
        # person who might compete with it for a later "he".
        return None
    left = [c for c in tok.lefts]
    if not left:
        return None
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in left) or any(
        c.dep_ == "poss" for c in left
    )
    first = min(t.i for c in left for t in c.subtree)
    mods = [t for c in left if c.dep_ != "det" for t in c.subtree if not t.is_punct and t.tag_ != "POS"]
    if not definite:
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in left)
        return (-1 - first, mods) if indefinite else None
    return first, mods


def _stem(word: str) -> str:
    return word.lower()[:4]


def _role_matches(desc_head: str, mods: list[Token], role: str) -> bool:
    role_words = [w.lower() for w in re.findall(r"[^\W\d_]+", role)]
    if desc_head not in role_words:
        return False
    # A description that names a country or body ("Iran's leader", "the Kremlin chief") must match it.
    named = [m for m in mods if m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP", "ORG")]
    stems = {_stem(w) for w in role_words}
    return all(_stem(m.text) in stems for m in named)


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
            target = _antecedent(m, [v for v in visible if v.start not in banned], gender, all_quoted)
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


def _antecedent(
    pron: _Mention, visible: list[_Mention], gender: dict[str, str], all_quoted: set[int]
) -> _Mention | None:
    """The single person a pronoun refers to: in its own sentence before it, else the sentence before
    (sentences that are wholly quotation are skipped: "X arrived. “…” “…,” he said")."""
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
        return None
    return None
