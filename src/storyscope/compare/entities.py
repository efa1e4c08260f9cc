"""One entity per real-world person, organisation or place across the articles of a story.

People are merged on their names only, never on a shared role, country or surname alone:

* full names merge when their surnames and first names agree after normalisation: accents dropped,
  hyphens and particles ignored ("Amir-Abdollahian" / "Amirabdollahian", "al-Assad" / "Assad"),
  and a light transliteration key ("w" = "v", "kh" = "h", "y" = "i", doubled letters single) with one
  edit allowed on long names ("Peskov" / "Peskow", "Raisi" / "Raeisi"); initials match their names;
  a cluster only grows when every pair of its full names agrees, so "J. Roe" cannot chain "Jane Roe"
  to "John Roe";
* a bare surname ("Sullivan") joins the only full name in the story with that surname, or, when the
  story has several, the only one its own article mentions; otherwise it stays its own entity;
* pronouns and descriptions join the entity of the name they were resolved to in their article.

Organisations, places and groups merge on their normalised text ("the Kremlin" / "Kremlin") and on
acronyms of a multi-word name ("United Nations" / "UN"), when only one name has that acronym. Places
also merge across the Russian and Ukrainian romanisations of one name ("Lugansk" / "Luhansk", "Kiev" /
"Kyiv", "Kharkov" / "Kharkiv"): the transliteration key with "g" = "h" and the vowels before a final
"v" dropped, word for word; an exact match of those keys, not a distance, so "Iran" / "Iraq" or
"Gambia" / "Zambia" never meet.

The canonical ``name`` is the longest well-formed name among the aliases; ``role`` is the role most
often stated. Copies (``duplicate_of`` set) still contribute mentions and are listed in
``duplicate_sources``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from storyscope.compare.spellings import (
    PARTICLES,
    PersonName,
    fold,
    place_key,
    same_person,
    similar_key,
    translit_key,
)
from storyscope.models import Article, Json
from storyscope.stages.roles import ROLE_NOUNS, TITLES

_STOP = frozenset("of the and for on in at to de".split())
_TYPE_PRIORITY = {"person": 0, "organization": 1, "place": 2, "group": 3}
_PLURAL_ACRONYM = re.compile(r"^(?:the )?[A-Z]{2,}s$")
# Words that complete an organisation's name without making it another organisation: "IRNA" and "IRNA
# news agency" are one agency.
# Words after which a name's head has been said: "Coordinator for Strategic Communications".
_MAX_ROLE_WORDS = 15
_HEAD_STOPS = frozenset("for of to on at in".split())
_EXTRA_ROLES = frozenset("coordinator marshal brigadier commodore".split())
_ORG_TAILS = frozenset("agency news newspaper daily group company corporation corp inc ltd co party".split())


@dataclass
class _Cluster:
    type: str
    names: list[PersonName] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    items: list[tuple[Article, Json]] = field(default_factory=list)


def _well_formed(name: str) -> bool:
    words = name.split()
    return not any(ch.isdigit() for ch in name) and all(
        w[:1].isupper() or fold(w.split("-")[0]) in PARTICLES for w in words
    )


# British and American spellings, and the short forms of company words, name one organisation in
# outlets of either side of the Atlantic: "Pacific Tsunami Warning Centre" / "... Center", "Tokyo
# Electric Power Co" / "... Company". Whole words only.
_SPELLINGS = {
    "centre": "center",
    "centres": "centers",
    "organisation": "organization",
    "defence": "defense",
    "programme": "program",
    "co": "company",
    "corp": "corporation",
}


# Streets and squares are places whatever the tagger says ("Rue de la Cokerie", "Boulevard Carnot",
# "Harbour Street"); the French, Spanish, Italian and German forms come with translated news.
_STREET = re.compile(
    r"^(?:the\s+)?(?:(?:Rue|Boulevard|Avenue|Place|Plaza|Piazza|Calle|Via|Strasse|Straße)\s+\S"
    r"|(?:\S+\s+)+(?:Street|Road|Avenue|Boulevard|Square|Lane|Strasse|Straße)$)"
)


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    """Countries and world regions by their English names (CLDR, through babel), as name keys: the
    tagger calls some of them groups or organisations ("the states of Tajikistan and ..."). People
    keep their type ("Chad", "Jordan" as given names); only group and organisation tags change."""
    from babel import Locale

    # Not places: unions and pseudo-regions CLDR lists among its territories.
    bodies = {"EU", "EZ", "UN", "XA", "XB", "ZZ"}
    return frozenset(_org_key(name) for code, name in Locale("en").territories.items() if code not in bodies)


def _street(name: str) -> bool:
    return _STREET.match(name.strip()) is not None


# Names of one country that neither spelling nor acronyms relate: "USA" (the acronym of a name
# news rarely writes out) is "US"; "Britain" and "Great Britain" are the United Kingdom.
_COUNTRY_ALIASES = {
    "usa": "us",
    "u s a": "us",
    "britain": "united kingdom",
    "great britain": "united kingdom",
}


def _org_key(text: str) -> str:
    key = _join_initials(fold(text))
    key = key[4:] if key.startswith("the ") else key
    key = " ".join(_SPELLINGS.get(w, w) for w in key.split())
    return _COUNTRY_ALIASES.get(key, key)


def _sentence_initial_common(articles: list[Article], names: list[tuple[Article, Json]]) -> set[str]:
    """One-word names that only ever open a sentence and that the story also writes in lower case
    ("Tsunamis can cross oceans" beside "the tsunami"): a capitalised common noun, not a name."""
    opening: dict[str, bool] = {}
    for a, m in names:
        word = str(m["text"])
        if " " in word or m["type"] == "person":
            continue
        before = a.text[: int(m["start"])].rstrip(" \t")
        opening[word] = opening.get(word, True) and (not before or before[-1] in '.!?:"”\n')
    body = " ".join(a.text for a in articles)
    out = set()
    for word, always in opening.items():
        if not always or not word[:1].isupper() or word.isupper():
            continue
        low = word.lower()
        stem = low[:-1] if low.endswith("s") else low
        if re.search(r"(?<![\w-])(?:" + re.escape(low) + "|" + re.escape(stem) + r"s?)(?![\w-])", body):
            out.add(word)
    return out


def _org_key_unjoined(text: str) -> str:
    # Not _org_key's order: here initials stay apart ("u s geological survey" gives "usgs"); there
    # they are joined before "the" goes, so that "the U.S." is "us".
    key = fold(text)
    return key[4:] if key.startswith("the ") else key


def _join_initials(key: str) -> str:
    """ "u s geological survey" (from "U.S. Geological Survey") -> "us geological survey", as "US
    Geological Survey" folds; a lone dotted acronym ("u s") stays as it is (see :func:`_dotted`)."""
    words = key.split()
    if all(len(w) == 1 for w in words):
        return key
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1:
            run.append(w)
            continue
        if run:
            out.extend(["".join(run)] if len(run) > 1 else run)
            run = []
        if w:
            out.append(w)
    return " ".join(out)


# How a people's word is made from its country's name: Lunesia -> Lunesian, Iran -> Iranian, Japan ->
# Japanese, Israel -> Israeli; Italy -> Italian and Turkey -> Turkish drop the last letter first.
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")


def _demonyms_as_groups(names: list[tuple[Article, Json]]) -> list[tuple[Article, Json]]:
    """A one-word name typed a body or a place that is the people's word of a place the story names
    ("Lunesian" beside "Lunesia", "Valmoran" beside "Valmora") is a group: the tagger knows the real
    countries' demonyms, not those of a country it has never seen spelled."""
    places = {fold(str(m["text"])) for _, m in names if m["type"] == "place" and " " not in str(m["text"])}
    words: set[str] = set()
    for p in places:
        if len(p) < 4:
            continue
        for stem in (p, p[:-1]):
            for ending in _DEMONYM_ENDINGS:
                # "Iran" is "Ira" + "n": a place's own name is never its people's word.
                words.update(w for w in (stem + ending, stem + ending + "s") if w != p)
    # A country's name is never taken for another's people ("Sudan" beside a "Suda").
    words -= {fold(t) for t in _territories()}
    return [
        (a, {**m, "type": "group"})
        if m["type"] in ("organization", "place")
        and " " not in str(m["text"])
        and fold(str(m["text"])) in words
        else (a, m)
        for a, m in names
    ]


def _drop_leading_demonyms(names: list[tuple[Article, Json]]) -> list[tuple[Article, Json]]:
    """ "Belgian Abdelhamid Abaaoud" is Abdelhamid Abaaoud: a person's name that starts with a word the
    story uses as a group name (a nationality) loses it, and the mention starts at the name."""
    groups = {fold(m["text"]) for _, m in names if m["type"] == "group"}
    out: list[tuple[Article, Json]] = []
    for a, m in names:
        words = str(m["text"]).split(" ")
        if m["type"] == "person" and len(words) >= 3 and fold(words[0]) in groups:
            cut = len(words[0]) + 1
            m = {**m, "text": m["text"][cut:], "start": m["start"] + cut}
        out.append((a, m))
    return out


def _dotted(key: str) -> bool:
    """Whether a folded name is a dotted acronym ("U.N." folds to "u n")."""
    return all(len(w) == 1 for w in key.split())


def _acronym(key: str) -> str:
    words = [w for w in key.split() if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _is_title(key: str) -> bool:
    """Whether a folded name is a post: a title word alone, or a phrase headed by a role noun
    ("national security adviser", "coordinator for strategic communications"); "Foreign Ministry" and
    "Office of the President" are organisations."""
    words = key.split()
    if len(words) == 1:
        return words[0] in TITLES
    head_part = words
    for i, w in enumerate(words):
        if w in _HEAD_STOPS and i > 0:
            head_part = words[:i]
            break
    return head_part[-1] in ROLE_NOUNS or head_part[-1] in _EXTRA_ROLES


_ROLE_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}[A-Z.]\s*(?:\([^()]{2,40}\)\s*)?(?:--?|[–—])\s*(?=\S)")


def _clean_role(role: object) -> str | None:
    """A title as stated, without the dateline it was run into ("WASHINGTON - First lady")."""
    return _ROLE_DATELINE.sub("", role) if isinstance(role, str) else None


def _usable_role(role: object) -> bool:
    """Whether a stated role reads as one person's post: not an apposition that runs on into a list of
    other people ("officers with the police, and Ana Roe and Ben Li, officers with …")."""
    if not isinstance(role, str) or not role.strip():
        return False
    return len(role.split()) <= _MAX_ROLE_WORDS and not re.search(r",\s+and\s", role)


def _role_like(role: object) -> bool:
    """Whether a stated role names a position ("foreign minister"), not a description of a place."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", str(role or ""))}
    return bool(words & (TITLES | ROLE_NOUNS))


# Nouns that a name modifies only when it names an organisation: "the New Democracy leader", "Syriza
# lawmakers"; and the nouns of "leader of X", "member of X". People have supporters and campaigns
# ("Trump supporters"), a country has a government ("the US government"), and with a possessive any
# of them may ("Iran's supreme leader"), so those are left out.
_ORG_AFTER = re.compile(
    r"^\s+(?:party|leader|leadership|lawmakers|legislators|deputies|mps|members|headquarters|"
    r"chairman|chairwoman|bloc|faction)\b",
    re.IGNORECASE,
)
_ORG_BEFORE = re.compile(r"\b(?:leader|members?|chairman|founder)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


# Nouns a name modifies, and phrases it completes, only when it names a place: "Sendai port", "Kyushu
# island", "the city of Vessa". (A name followed by a comma and a place the story knows, "Christchurch,
# New Zealand", is the other sign; see _vote_types.)
_PLACE_AFTER = re.compile(
    r"^\s+(?:city|town|village|port|harbou?r|airport|island|islands|prefecture|province|county|"
    r"district|region|coast|bay|river|valley|neighbou?rhood|suburb)\b(?!\s+(?:of|for)\b)",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:city|town|village|port|island|islands|province|region|district|county|neighbou?rhood|suburb)"
    r"\s+of\s+$"
    r"|\bislands?\s+(?:like|such\s+as)\s+$",
    re.IGNORECASE,
)


def _place_context(article: Article, m: Json, places: set[str]) -> bool:
    """Whether the text around a mention shows a place ("Sendai port", "the city of Vessa",
    "Orvesa, Lunesia" with Lunesia a place of the story)."""
    text = article.text or ""
    start, end = int(m["start"]), int(m["end"])
    after = text[end : end + 60]
    if _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    # "Christchurch, New Zealand, last month": the place ends the phrase; in a list ("Hamas, Iran and
    # Syria", "the EU, China, and Russia") or a possessive ("Gazprom, Russia's giant") it does not. One
    # word only: an institution is located the same way ("Central Queensland University, Australia").
    if " " in str(m["text"]).strip():
        return False
    comma = re.match(
        r",\s+((?:[A-Z][\w-]+)(?:\s[A-Z][\w-]+){0,2})(?=\s*(?:[.;)\n]|$|,?\s+(?!(?:and|or|nor)\b)[a-z]))",
        after,
    )
    return bool(comma and fold(comma.group(1)) in places)


def _org_context(article: Article, m: Json) -> bool:
    """Whether the text around a mention shows an organisation ("Syriza leader", "leader of Syriza")."""
    text = article.text or ""
    start, end = int(m["start"]), int(m["end"])
    return bool(
        _ORG_AFTER.match(text[end : end + 40]) or _ORG_BEFORE.search(text[max(0, start - 40) : start])
    )


# "Mr. Najib", "Dr Lind": only a person is addressed so (the tagger strips the form of address).
_ADDRESSED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+$")
# "his sister, Maya", "his wife Lena", "daughters Ilse and Mara": a name a kinship word introduces is a
# family member's first name, however the tagger typed it (lower-case only: "Mother Russia" is none).
_KIN_BEFORE = re.compile(
    r"\b(?:(?:grand|step|half-)?(?:mother|father|son|daughter|sister|brother|parent|child)|"
    r"children|grandparents|wife|wives|husband|twin|cousin|aunt|uncle|niece|nephew|widow|widower|"
    r"fianc[ée]e?)s?,?\s+(?:[A-Z][\w'’-]*,?\s+(?:and\s+)?)?$"
)


def _vote_types(
    names: list[tuple[Article, Json]], derived: list[tuple[Article, Json]]
) -> list[tuple[Article, Json]]:
    """One type per name across the story.

    * a single word that is the surname of a person named in full in the story is that person, and so
      is a first name a kinship word introduces ("his sister, Maya");
    * a single-word "person" that no article introduces (no first name, no role, no pronoun or
      description resolved to it, not the given name of a person named in full) is not a person: news
      writing names a person in full before using the surname alone, so "Kiev insists …" is the
      capital; it takes the other type the story gives it, else "place";
    * a name that heads an organisation's noun somewhere in the story ("the Syriza leader", "leader of
      New Democracy") is an organisation, unless it is a person's surname or a one-word place;
    * a name the tagger calls an organisation that heads a place's noun ("Sendai port", "the city of
      Vessa", "Orvesa, Lunesia") is a place;
    * otherwise the type most of the name's mentions have ("Erdogan" tagged once as a place).
    """
    votes: dict[str, Counter[str]] = {}
    org_context: set[str] = set()
    for a, m in names:
        votes.setdefault(fold(m["text"]), Counter())[m["type"]] += 1
        if _org_context(a, m):
            org_context.add(fold(m["text"]))
    known_places = {k for k, c in votes.items() if c["place"] > sum(c.values()) - c["place"]}
    place_context = {fold(m["text"]) for a, m in names if _place_context(a, m, known_places)}
    referred = {(a.id, m["resolved_to"]) for a, m in derived if m.get("resolved_to") is not None}
    kin = {
        fold(m["text"])
        for a, m in names
        if " " not in m["text"].strip()
        and _KIN_BEFORE.search((a.text or "")[max(0, int(m["start"]) - 40) : int(m["start"])])
    }
    introduced: set[str] = set()
    surnames: set[str] = set()
    for a, m in names:
        if m["type"] != "person":
            continue
        pn = PersonName.parse(m["text"])
        several_words = len(m["text"].split()) > 1
        if several_words:
            surnames.update({pn.surname, pn.tail})
            # "Susan" beside "Susan Bell": the given name of a person the story names in full.
            introduced.update(pn.given)
        addressed = _ADDRESSED.search((a.text or "")[max(0, int(m["start"]) - 6) : int(m["start"])])
        if several_words or addressed or _role_like(m.get("role")) or (a.id, m["id"]) in referred:
            introduced.update({pn.surname, pn.tail})
    winner: dict[str, str] = {}
    for key, counts in votes.items():
        single = " " not in key
        if single and (translit_key(key) in surnames or key in kin):
            winner[key] = "person"
        elif key in org_context and (counts["person"] or counts["organization"] or not single):
            # A one-word place ("the Iran leader" in a headline) keeps its type: countries lead.
            winner[key] = "organization"
        elif key in place_context and counts["organization"] and not counts["person"]:
            winner[key] = "place"
        elif single and counts["person"] and translit_key(key) not in introduced:
            others = [t for t in counts if t != "person"]
            winner[key] = max(others, key=lambda t: counts[t]) if others else "place"
        else:
            best = min(counts, key=lambda t: (-counts[t], _TYPE_PRIORITY.get(t, 9)))
            if counts[best] > sum(counts.values()) - counts[best]:
                winner[key] = best
    # The plural of a people's name is that people ("Cypriots" beside "Cypriot"), whatever the tagger
    # called the plural; it then merges with the singular (_merge_variants).
    for key in votes:
        if " " not in key and key.endswith("s") and winner.get(key[:-1], "") == "group":
            winner[key] = "group"
    # The rules above read English context ("the city of", "the Syriza leader", a first name before a
    # surname); a name only other-language articles give keeps the type their reading gave it
    # (stages.romance types a name only from such evidence of its own language).
    english = {fold(m["text"]) for a, m in names if a.language in (None, "en")}
    out = []
    for a, m in names:
        key = fold(m["text"])
        t = winner.get(key, m["type"]) if key in english else m["type"]
        out.append((a, {**m, "type": t}) if t != m["type"] else (a, m))
    return out


def build_entities(articles: list[Article], annotations: dict[str, Json]) -> list[Json]:
    """Merge the ``nlp`` mentions of a story's articles into entities (see the module docstring)."""
    order = {a.id: i for i, a in enumerate(articles)}
    names: list[tuple[Article, Json]] = []
    derived: list[tuple[Article, Json]] = []
    for article in articles:
        ann = annotations.get(article.id) or {}
        for m in ann.get("mentions", []):
            (names if m["kind"] == "name" else derived).append((article, m))

    clusters: list[_Cluster] = []
    of_mention: dict[tuple[str, int], _Cluster] = {}

    # A full name that some article types as a person is a person in every article ("Jane Roe" as ORG).
    person_full = {fold(m["text"]) for _, m in names if m["type"] == "person" and len(m["text"].split()) > 1}
    names = [
        (a, {**m, "type": "person"}) if m["type"] != "person" and fold(m["text"]) in person_full else (a, m)
        for a, m in names
    ]
    names = _vote_types(names, derived)
    territories = _territories()
    names = [
        (a, {**m, "type": "place"})
        if m["type"] in ("organization", "group") and _org_key(str(m["text"])) in territories
        else (a, m)
        for a, m in names
    ]
    names = [(a, {**m, "type": "place"}) if _street(str(m["text"])) else (a, m) for a, m in names]
    names = _demonyms_as_groups(names)
    names = _drop_leading_demonyms(names)
    # People: full names first (longest first, for a stable result), then bare names.
    people = [(a, m, PersonName.parse(m["text"])) for a, m in names if m["type"] == "person"]
    people.sort(key=lambda x: (-len(x[2].given), x[1]["text"], order[x[0].id], x[1]["start"]))
    person_clusters: list[_Cluster] = []
    for article, m, pn in people:
        if not pn.full:
            continue
        match = [c for c in person_clusters if all(same_person(pn, other) for other in c.names if other.full)]
        if len(match) == 1:
            match[0].names.append(pn)
            match[0].items.append((article, m))
        else:
            # No match, or several clusters it could join: its own entity (never a guess).
            person_clusters.append(_Cluster("person", [pn], items=[(article, m)]))
    fulls = list(person_clusters)
    for article, m, pn in people:
        if pn.full:
            continue
        # Against the full names only: a bare name that joined a cluster earlier ("Michelle" into
        # Michelle Obama) is no surname of it, or the next "Michelle" would meet a Michelle Cottle.
        by_surname = [
            c
            for c in fulls
            if any(n.full and (similar_key(pn.surname, n.surname) or pn.surname == n.tail) for n in c.names)
        ]
        if len(by_surname) > 1:
            local = [c for c in by_surname if any(a.id == article.id for a, _ in c.items)]
            by_surname = local
        if by_surname and any(
            c not in by_surname and any(n.given and similar_key(pn.surname, n.given[0]) for n in c.names)
            for c in fulls
        ):
            # "Mohamed" beside "Ahmad al-Mohammad" and "Mohamed Amri": a given name of the story as
            # much as a surname, so nothing says whose.
            by_surname = []
            ambiguous = True
        else:
            ambiguous = False
        if not by_surname and not ambiguous:
            by_given = [
                c for c in fulls if any(n.given and similar_key(pn.surname, n.given[0]) for n in c.names)
            ]
            if len(by_given) > 1:
                # "Michelle" in an article that names only Michelle Obama in full is her, though another
                # article of the story quotes a Michelle Cottle.
                by_given = [c for c in by_given if any(a.id == article.id for a, _ in c.items)]
            by_surname = by_given
        if len(by_surname) == 1:
            target = by_surname[0]
        else:
            # Two bare surnames one letter apart are one person across outlets ("Peskov" / "Peskow"),
            # but two people within one article, which spells each of its names one way ("Barnes" and
            # "Baines" in a list of players).
            bare = [
                c
                for c in person_clusters
                if c not in fulls
                and similar_key(c.names[0].surname, pn.surname)
                and (c.names[0].surname == pn.surname or all(a.id != article.id for a, _ in c.items))
            ]
            if bare:
                target = bare[0]
            else:
                target = _Cluster("person", [])
                person_clusters.append(target)
        target.names.append(pn)
        target.items.append((article, m))
    clusters.extend(person_clusters)

    # Organisations, places, groups: by normalised text, then acronyms.
    by_key: dict[str, _Cluster] = {}
    common = _sentence_initial_common(articles, names)
    for article, m in names:
        if m["type"] == "person" or m["text"] in common:
            continue
        key = _org_key(m["text"])
        # A name with no capital letter ("the ministry") is a description the tagger took for a name; a
        # plural acronym ("UAVs", "NGOs") names a kind of thing, not one of them; a title ("National
        # Security Adviser", "Supreme") names a post, whose holder is a person.
        if (
            not key
            or not any(ch.isupper() for ch in m["text"])
            or str(m["text"])[:1].isdigit()  # "2600mAh", "4G": a quantity or a spec, not a name
            or _PLURAL_ACRONYM.match(m["text"])
            or _is_title(key)
        ):
            continue
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = _Cluster(m["type"], keys={key})
            clusters.append(c)
        c.items.append((article, m))
    # "New Democracy and Pasok": the tagger ran two names of the story into one.
    for key in [k for k in by_key if " and " in k]:
        parts = key.split(" and ")
        if all(p.strip() in by_key for p in parts):
            c = by_key.pop(key)
            clusters.remove(c)
    # "Ostrel, Vessa Lunesia's minister": a translation lost the comma between a city and its country,
    # two places the story names on their own, in one article only ("Bosnia Herzegovina" is written so
    # by many outlets).
    for key in [k for k in by_key if " " in k]:
        c = by_key[key]
        words = key.split()
        halves = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
        if (
            c.type == "place"
            and len({a.id for a, _ in c.items}) == 1
            and any(
                all(
                    (o := by_key.get(h)) is not None
                    and o.type == "place"
                    and len({a.id for a, _ in o.items}) > 1
                    for h in pair
                )
                for pair in halves
            )
        ):
            by_key.pop(key)
            clusters.remove(c)
    # The acronym of a name is taken from its key and from each written form before initials are
    # joined: "U.S. Geological Survey" is "USGS" as well as "UGS".
    acronyms: dict[str, list[_Cluster]] = {}
    for key, c in by_key.items():
        if _dotted(key):
            continue
        forms = {key} | {_org_key_unjoined(str(m["text"])) for _, m in c.items}
        for acr in {_acronym(f) for f in forms} - {""}:
            if all(o is not c for o in acronyms.setdefault(acr, [])):
                acronyms[acr].append(c)
    for key, c in list(by_key.items()):
        compact = key.replace(" ", "")
        if _dotted(key) and " " in key and c in clusters:
            # "U.S." and "US", "U.N." and "UN": one acronym, dotted or not.
            plain = by_key.get(compact)
            if plain is not None and plain is not c and plain.type == c.type:
                _absorb(plain, c, by_key, clusters)
                continue
        long_forms = acronyms.get(compact, [])
        if (
            (" " not in key or _dotted(key))
            and len(long_forms) == 1
            and long_forms[0] is not c
            and c in clusters
        ):
            target = long_forms[0]
            target.items.extend(c.items)
            clusters.remove(c)
            by_key[key] = target
    _merge_variants(by_key, clusters)
    _merge_places(by_key, clusters)
    _merge_modifiers(by_key, clusters)

    for c in clusters:
        for article, m in c.items:
            of_mention[(article.id, m["id"])] = c
    for article, m in derived:
        if m.get("resolved_to") is None:
            continue
        c2 = of_mention.get((article.id, m["resolved_to"]))
        if c2 is not None:
            c2.items.append((article, m))

    return _to_json(clusters, order)


def _merge_variants(by_key: dict[str, _Cluster], clusters: list[_Cluster]) -> None:
    """Merge two spellings of one group or organisation: a plural of a group ("Russians" into
    "Russian"), and an organisation's name completed by generic words ("IRNA news agency" takes "IRNA
    news" and "IRNA"), when exactly one longer form fits."""
    for key, c in sorted(by_key.items()):
        if c not in clusters:
            continue
        target: _Cluster | None = None
        if c.type == "group" and key.endswith("s"):
            singular = by_key.get(key[:-1])
            target = singular if singular is not None and singular.type == "group" else None
        elif c.type == "organization":
            longer = {
                id(o): o
                for k, o in by_key.items()
                if o is not c
                and o.type == "organization"
                and k.startswith(key + " ")
                and set(k[len(key) + 1 :].split()) <= _ORG_TAILS
            }
            # Only the longest form takes the others; two unrelated completions stay apart.
            longest = [o for o in longer.values() if not any(_extends(o, x, by_key) for x in longer.values())]
            target = longest[0] if len(longest) == 1 else None
        if target is None or target is c:
            continue
        _absorb(target, c, by_key, clusters)


def _merge_modifiers(by_key: dict[str, _Cluster], clusters: list[_Cluster]) -> None:
    """A name only ever written before a common noun ("the Korvel dam", "the Korvel
    project") is the named thing's short form when the story also names "Korvel Dam": it merges into
    it when one of its uses is that very noun, lowercased. A name that stands alone anywhere
    ("Boeing said", beside "Boeing Field") is a thing of its own."""
    for key, c in sorted(by_key.items()):
        # A people's word is an adjective before any noun ("Indian navy", "the southern Indian ocean"):
        # "Indians" are not the Indian Ocean.
        if c not in clusters or c.type in ("person", "group"):
            continue
        n = len(key.split())
        longer = {
            id(o): o for k, o in by_key.items() if o is not c and o.type != "person"
            and len(k.split()) == n + 1 and k.startswith(key + " ") and o in clusters
        }  # fmt: skip
        if len(longer) != 1:
            continue
        (target,) = longer.values()
        tails = {k.split()[n] for k, o in by_key.items() if o is target and k.startswith(key + " ")}
        nouns = [_noun_after(a, m) for a, m in c.items if m["kind"] == "name"]
        if nouns and all(nouns) and any(noun in tails for noun in nouns):
            _absorb(target, c, by_key, clusters)


_LOWER_WORD = re.compile(r"\s+([a-z][a-z-]+)\b")


def _noun_after(article: Article, m: Json) -> str | None:
    after = _LOWER_WORD.match(article.text or "", int(m["end"]))
    return after.group(1) if after else None


def _absorb(target: _Cluster, c: _Cluster, by_key: dict[str, _Cluster], clusters: list[_Cluster]) -> None:
    """Move ``c``'s mentions and keys into ``target``."""
    target.items.extend(c.items)
    clusters.remove(c)
    for k, o in list(by_key.items()):
        if o is c:
            by_key[k] = target


def _merge_places(by_key: dict[str, _Cluster], clusters: list[_Cluster]) -> None:
    """Merge the places whose names differ only by romanisation into the most mentioned spelling."""
    groups: dict[str, list[_Cluster]] = {}
    for key, c in sorted(by_key.items()):
        if c.type != "place" or c not in clusters or not (pk := place_key(key)):
            continue
        if all(o is not c for o in groups.setdefault(pk, [])):
            groups[pk].append(c)
    for same in groups.values():
        if len(same) < 2:
            continue
        target = max(same, key=lambda c: len(c.items))
        for c in same:
            # One article writes one place one way: two spellings in it are two names ("Houghton" and
            # a "Hughton" of the same sports page).
            shared = {a.id for a, _ in c.items} & {a.id for a, _ in target.items}
            if c is not target and c in clusters and not shared:
                _absorb(target, c, by_key, clusters)


def _extends(shorter: _Cluster, longer: _Cluster, by_key: dict[str, _Cluster]) -> bool:
    """Whether ``longer``'s name is ``shorter``'s completed by generic words."""
    ks = [k for k, o in by_key.items() if o is shorter]
    kl = [k for k, o in by_key.items() if o is longer]
    return any(b.startswith(a + " ") and set(b[len(a) + 1 :].split()) <= _ORG_TAILS for a in ks for b in kl)


def _shouted(name: str) -> bool:
    """All capitals and too long for an acronym ("WASHINGTON", not "UK" or "UAE")."""
    return name.isupper() and sum(ch.isalpha() for ch in name) > 4


def _unshout(name: str) -> str:
    if not _shouted(name):
        return name
    return " ".join("-".join(part.capitalize() for part in w.split("-")) for w in name.split())


_LEADING_THE = re.compile(r"the\s+(?=\w)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n—–]|\s-)[\s\"“‘'(]*$")


def _without_article(article: Article, m: Json) -> str:
    """A name as a list shows it: "the European Central Bank" is "European Central Bank", and "The
    White House" opening a sentence is "White House"; a capital "The" inside a sentence is the name's
    own ("reported by The Times of India")."""
    text = str(m["text"])
    lead = _LEADING_THE.match(text)
    if lead and (text[lead.end()].isupper() or text[lead.end()].isdigit()):
        return text[lead.end() :]
    if text.startswith("The ") and len(text) > 4 and text[4].isupper():
        before = (article.text or "")[max(0, int(m["start"]) - 8) : int(m["start"])]
        if _SENTENCE_START.search(before):
            return text[4:]
    return text


def _to_json(clusters: Iterable[_Cluster], order: dict[str, int]) -> list[Json]:
    clusters = list(clusters)
    out: list[Json] = []
    for c in clusters:
        if not c.items:
            continue
        items = sorted(c.items, key=lambda x: (order[x[0].id], x[1]["start"]))
        name_items = [(a, m) for a, m in items if m["kind"] == "name"]
        alias_counts = Counter(_without_article(a, m) for a, m in name_items)
        aliases = sorted(alias_counts)
        formed = [a for a in aliases if _well_formed(a)] or aliases
        types = Counter(m["type"] for _, m in name_items)
        etype = min(types, key=lambda t: (-types[t], _TYPE_PRIORITY.get(t, 9)))
        if etype == "place":
            # A wire dateline shouts its city ("LOS ANGELES (AP) -"): the name is said as in prose.
            formed = [a for a in formed if not _shouted(a)] or [_unshout(a) for a in formed]
        # The fullest form, words counted across hyphens ("Teodora Marin-Halse" is as full as one
        # outlet's "Teodora Marin Halse"), then the most written one.
        name = max(
            formed,
            key=lambda a: (len(re.split(r"[\s-]+", a)), alias_counts[a], len(a), [-ord(ch) for ch in a]),
        )
        stated = (_clean_role(m.get("role")) for _, m in name_items)
        roles = Counter(r for r in stated if isinstance(r, str) and _usable_role(r))
        # Only people hold roles; an apposition after a place describes it ("…, the last country on …").
        role = max(roles, key=lambda r: (roles[r], len(r), r)) if roles and etype == "person" else None
        sources = sorted({a.id for a, _ in items}, key=lambda s: order[s])
        dup = sorted({a.id for a, _ in items if a.duplicate_of}, key=lambda s: order[s])
        out.append(
            {
                "name": name,
                "type": etype,
                "aliases": aliases,
                "sources": sources,
                "duplicate_sources": dup,
                "count": len(items),
                "role": role,
                "mentions": [
                    {
                        "source": a.id,
                        "start": m["start"],
                        "end": m["end"],
                        "text": m["text"],
                        "kind": m["kind"],
                    }
                    for a, m in items
                ],
            }
        )
    # A copy speaks with its original's voice when the original is in the story.
    voice = {a.id: a.duplicate_of if a.duplicate_of in order else a.id for c in clusters for a, _ in c.items}
    salience = {id(e): _salience(e, voice) for e in out}
    out.sort(key=lambda e: (-salience[id(e)][0], -salience[id(e)][1], -e["count"], e["name"], e["type"]))
    return out


def _salience(entity: Json, voice: Mapping[str, str]) -> tuple[int, float]:
    """How central an entity is to the story: how many voices name it (an original and its copies are
    one), then how much, each voice's mentions counted on a log scale. An outlet's table of forty
    players' nationalities names "England" forty times; it is still one outlet's word, and the names
    every outlet writes about come first."""
    per_voice = Counter(voice.get(m["source"], m["source"]) for m in entity["mentions"])
    return len(per_voice), sum(math.log2(1 + n) for n in per_voice.values())
