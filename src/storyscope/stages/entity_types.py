"""Entity types: spaCy's labels mapped to person, organization, place and group, and corrected where
the small model is wrong in known ways (outlets, platforms and products, time zones, code names,
ships, sites, fragments of a post's name, names described as people), for one name from its words and
neighbours, then across the article (a name it gives to a person elsewhere, a name it uses as a place)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.stages.roles import _BODY_NOUNS, ROLE_NOUNS, TITLES, _role_like

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from storyscope.stages.entities import _Mention


ENTITY_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
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
            # A family word used as a name ("Mom and Dad", "Toot and Gramps"): someone in one family,
            # never named the same way by another outlet; the tagger calls them places as often.
            "Mom",
            "Dad",
            "Mum",
            "Mommy",
            "Daddy",
            "Gramps",
            "Grandma",
            "Grandpa",
            "Granny",
            "Grandad",
            "Granddad",
        ]
    },
}
# Time-zone abbreviations the model tags as organisations ("14:00 GMT").
TIME_ZONES = frozenset(
    "GMT UTC BST IST CET CEST EET EEST WET WEST MSK EST EDT CST CDT MST MDT PST PDT AKST AKDT HST JST KST "
    "AEST AEDT AWST NZST NZDT".split()
)
# First words of code names that the model takes for people ("Plan White", "Operation Sea Lion").
CODE_NAME_WORDS = frozenset("plan operation project exercise codename".split())


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
# A name followed by one of these is a medium ("the state-run IRNA news agency").
_MEDIA_NOUNS = frozenset(
    "agency newspaper daily broadcaster channel network outlet tv television radio service".split()
)


# Nouns that make a name an event's ("the Great Eastern Japan Earthquake", "the Sumatran quake"):
# an event is neither a person, a body nor a place.
_EVENT_NOUNS = frozenset(
    "earthquake earthquakes quake quakes tsunami tsunamis hurricane typhoon cyclone storm blizzard flood "
    "floods eruption war wars massacre bombing bombings uprising revolution disaster".split()
)
# Nouns a disease's or a strain's name comes before.
_DISEASE_NOUNS = frozenset("variant variants strain strains pandemic epidemic".split())
# Last words of the names of days kept and of texts agreed, written capitalised.
_DAYS_AND_TEXTS = frozenset("Day Treaty Accord Accords Protocol Convention Charter".split())
# Words that link a body's name to its field ("Institute for the Study of War", "Museum of the Flood").
_INSTITUTION_LINKS = frozenset("of for on against".split())
# Natural features named after the name before them ("the Shinmoedake volcano").
_LANDFORMS = frozenset(
    "volcano mountain mountains river lake glacier island islands peninsula bay strait canal desert "
    "valley gorge reef plain plains plateau highlands basin delta forest".split()
)
# Administrative areas named by the name before them.
_AREA_NOUNS = frozenset(
    "region regions province provinces republic republics district districts oblast prefecture "
    "governorate canton".split()
)
# Last words that make a name a body's, never a person's ("Japan Railways", "Tarsk Holdings").
# Words that are also surnames ("Church", "Park", "Hall", "Bank") are left out.
_COMPANY_HEADS = frozenset(
    "railways railway airlines airways motors industries corporation corp inc ltd plc holdings "
    "electronics company group telecom telecommunications pharmaceuticals petroleum university college "
    "institute agency ministry council committee party "
    # Sports clubs ("Manchester United", "Blackburn Rovers", "Wigan Athletic", "Manchester City").
    "united rovers athletic wanderers albion hotspur fc afc city".split()
)
# Last words of the names of a product's features and versions, which the tagger takes for people.
_FEATURE_HEADS = frozenset("mode app apps edition update feature settings".split())
# Descriptions in apposition that make a name a company's ("Nissin, an instant noodle manufacturer").
_COMPANY_NOUNS = frozenset(
    "company firm manufacturer maker producer retailer supplier operator conglomerate brand startup "
    "chain carrier airline broadcaster publisher insurer lender developer provider distributor "
    "contractor".split()
)


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
    nxt = doc[end].lower_ if end < len(doc) else ""
    named_event = (
        words[-1].lower() in _EVENT_NOUNS
        and label != "PERSON"
        and not any(w.lower() in _INSTITUTION_LINKS for w in words[1:-1])
        and not _person_by_apposition(doc[start:end])
    )
    if named_event or (
        label in ("PERSON", "ORG") and nxt in _EVENT_NOUNS and _only_before(doc, start, end, _EVENT_NOUNS)
    ):
        # "the Great Eastern Japan Earthquake", "the Sumatran quake": the name of an event. A person's
        # surname may be one of those nouns ("Curt Flood"), and a body may be named after one ("the
        # Institute for the Study of War").
        return None
    if (
        label in ("PERSON", "ORG", "LOC")
        and nxt in _DISEASE_NOUNS
        and _only_before(doc, start, end, _DISEASE_NOUNS)
    ):
        # "the Delta variant", "the COVID pandemic": a strain or a disease (a country the variant is
        # named after, "the UK variant", is still a place).
        return None
    if label != "PERSON" and len(words) > 1 and words[-1] in _DAYS_AND_TEXTS:
        # "the Armenian Genocide Remembrance Day", "the Maastricht Treaty": a day kept or a text
        # signed, neither a body nor a place ("Doris Day" is a person).
        return None
    if label in ("PERSON", "ORG") and (nxt in _LANDFORMS or nxt in _AREA_NOUNS):
        return "place"  # "the Shinmoedake volcano", "the Donbass republics", "the Tigray region"
    if etype == "person" and len(words) > 1 and words[-1].lower() in _FEATURE_HEADS:
        return None  # "Kids Mode", "Health App": a product's feature, not a person
    if etype == "person" and len(words) > 1 and words[-1].lower() in _COMPANY_HEADS:
        return "organization"  # "says Japan Railways"
    if etype != "organization" and _company_by_apposition(doc[start:end]):
        return "organization"
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
    if etype != "place" and _place_by_apposition(doc[start:end]):
        return "place"
    # Lower-case or numeric "people" are parser debris ("the 2022 talks").
    if etype == "person" and (not any(w[:1].isupper() for w in words) or any(ch.isdigit() for ch in text)):
        return None
    return etype


def _only_before(doc: Doc, start: int, end: int, nouns: frozenset[str]) -> bool:
    """Whether every mention of the name ``doc[start:end]`` stands right before one of ``nouns``.

    "the Delta variant" names a strain; "the Trump pandemic response" names a man who is named alone
    elsewhere in the article ("Trump said ..."), and stays one.
    """
    name = [t.text for t in doc[start:end]]
    k = len(name)
    for i in range(len(doc) - k + 1):
        if i != start and [t.text for t in doc[i : i + k]] == name:
            after = doc[i + k].lower_ if i + k < len(doc) else ""
            if after not in nouns:
                return False
    return True


def _company_by_apposition(span: Span) -> bool:
    """Whether a name is described as a company right after it ("Nissin, an instant noodle maker")."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            return child.lemma_.lower() in _COMPANY_NOUNS
    return False


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


# Descriptions in apposition that make a name a place's ("Vlodrop, a Dutch village").
_APPOSITION_PLACES = frozenset(
    "village town city hamlet suburb municipality province region country island capital county "
    "district neighborhood neighbourhood enclave archipelago".split()
)


def _place_by_apposition(span: Span) -> bool:
    """Whether a name the model took for a person or a body is described as a place beside it:
    "Kestrel, a small town on the coast", "from a Dutch village, Vlodrop, where …"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            return child.lemma_.lower() in _APPOSITION_PLACES and child.tag_ == "NN"
    head = root.head
    return (
        root.dep_ == "appos"
        and head.i < span.start
        and head.tag_ == "NN"
        and head.lemma_.lower() in _APPOSITION_PLACES
    )


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
