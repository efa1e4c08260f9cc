"""Senses of cue words that report nothing: "the district has seen a rise", "the flood claimed lives".

Several verbs that attribute a view in one sense describe an event in another. The quote extractor
(:mod:`storyscope.stages.quotes`) asks these rules before it takes a verb's object or clause for
something said:

* "see" holds a view only as "see X as Y" or with a finite clause ("analysts see that prices will
  fall"); "the town has seen a crackdown" and "voters saw their taxes rise" are experiences;
* "find" and "see" with a reflexive object ("found itself isolated") describe a situation;
* "claim" with lives for its object is a death toll ("the storm claimed 40 lives");
* "suspect" in the present with a person for its object and no "of" is the noun of a title before
  a name ("Paris attacks suspect Jo Roe") that the tagger took for a verb;
* "cite" with a source for its object ("citing police sources", "citing Reuters") names where a
  report comes from; the report is the sentence's, not a statement of its own;
* "is considered", "is seen as", "is regarded as", "is expected to" without a "by" agent is the
  writer's characterisation or forecast, nobody's statement;
* "admit", "acknowledge" and "question" with people for their object let them in, greet them or
  interrogate them ("the hospital admitted 40 patients", "the team acknowledged the fans", "police
  questioned two sailors"); one admits a mistake and questions a decision, not a crowd;
* "attack" with a place or a building for its object is an assault ("to attack France",
  "attacked three locations"), not criticism; "plan" with an object is a plan made ("planning the
  attacks"), not an announcement;
* "see" with a modal is what is expected to happen ("Hawaii could see the first waves"), not a view;
* "show" said of a picture, a map or footage depicts ("a map showing the path of the wave",
  "television showed water reaching far inland"); a study or a poll that shows something still reports;
* "call" with "itself" for its object uses a name ("a group calling itself …"), it states nothing;
* "offer", "support", "promise" and "boast" said of a thing provide or have ("the new camera offers
  faster focus", "the modem supports 21 bands"); only people, bodies and documents offer or promise
  in words ("the ministry offered talks", "the report promises reforms");
* a reporting verb under a forecast ("is likely to report", "is expected to announce", "is due to
  say") is what someone may say later, not what was said; a comparison of how likely groups are to
  say something ("voters were more likely to say …") is a poll's finding and stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.stages.roles import _BODY_NOUNS, ROLE_NOUNS, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Token

# Perception verbs: a view only with "as" or a finite clause.
_PERCEPTION = ("see",)
# Verbs whose reflexive object describes a situation ("found itself", "sees himself").
_REFLEXIVE_SITUATION = ("find", "see")
_REFLEXIVES = frozenset("itself himself herself themselves myself ourselves yourself yourselves".split())
# Objects of "claim" that make it a death toll.
_TOLL_NOUNS = frozenset(("life", "lives", "victim", "victims"))
# Objects of "cite" that are a source, not what was said.
_SOURCE_NOUNS = frozenset(
    "source official police witness spokesman spokeswoman spokesperson resident aide diplomat authority "
    "outlet media agency newspaper broadcaster investigator officer person people".split()
)
# Objects that make "attack" an assault, not criticism.
_PLACE_ENTS = ("GPE", "LOC", "FAC")
_SITE_NOUNS = frozenset(
    "location site hall restaurant cafe bar stadium building base city town village embassy station "
    "school church mosque synagogue market convoy checkpoint camp position venue office headquarters "
    "hotel airport port border".split()
)
# Verbs that let in, greet or interrogate people: with people for object, no statement.
_RECEIVING = ("admit", "acknowledge", "question")
# What a firm or a club "reports" as its results: a figure booked, not a statement ("32 clubs reported
# operating profits", "the chain reported a loss").
_RESULT_NOUNS = frozenset(
    "profit profits loss losses revenue revenues sales earnings income deficit surplus turnover".split()
)
_PEOPLE_NOUNS = frozenset(
    "patient student pupil child people person man woman member refugee migrant applicant guest visitor "
    "fan crowd supporter spectator player passenger worker recruit newcomer country state suspect witness "
    "sailor driver officer soldier".split()
)
# Verbs whose agentless passive is the writer's characterisation ("is considered a moderate").
_CHARACTERISING = ("consider", "see", "regard", "expect")
# Modals that make "see" an expected experience ("could see heavy rain").
_MODALS = frozenset("could may might will would can should must".split())
# Things that depict rather than state: what they "show" is seen, not said.
_DEPICTIONS = frozenset(
    "map image picture photo photograph footage video clip chart graphic graph diagram illustration "
    "screenshot imagery scan drawing animation film television tv camera cctv webcam".split()
)
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _object_heads(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "dative")]


def _names_itself(verb: Token) -> bool:
    """Whether "call" is followed by "itself": a body or a place using a name ("a group calling itself
    …"). People calling themselves or each other something ("called himself a genius", "called each
    other liars") may still be saying it."""
    return verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "itself"


def _modal_see(verb: Token, lemma: str) -> bool:
    return lemma in _PERCEPTION and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def _depicting(verb: Token, lemma: str) -> bool:
    """Whether ``verb`` is "show" with a picture, a map or footage for its subject ("a map showing")."""
    if lemma != "show":
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "acl":
        subjects = [verb.head]  # "a map showing the path": the noun it hangs on
    return any(s.lemma_.lower() in _DEPICTIONS for s in subjects)


# Verbs that state something when people or bodies do them and describe a thing otherwise.
_PROVIDING = frozenset("offer support promise boast".split())
# Entity types of subjects that can speak: people, bodies, peoples, countries and cities.
_VOICE_ENTS = frozenset("PERSON ORG NORP GPE".split())
# Common nouns for those who speak or write, beyond the roles and titles: people, bodies, and what
# bodies publish.
_VOICE_NOUNS = (
    ROLE_NOUNS
    | TITLES
    | _BODY_NOUNS
    | _PEOPLE_NOUNS
    | frozenset(
        "company firm group government administration agency organisation organization union association "
        "campaign team side board authority authorities police army military network newspaper paper "
        "outlet broadcaster study survey poll report statement letter document critic expert analyst "
        "observer voter resident people public community nation city bill plan proposal measure law "
        "legislation budget deal agreement platform policy manifesto leadership management family parent "
        "source insider investor owner maker manufacturer retailer seller carrier operator provider "
        "developer producer player club".split()
    )
)


# People are named by open classes of nouns ("fishermen", "teachers", "activists", "residents"): a noun
# with an agent's ending is taken for someone who may speak (a "processor" too: the rule stays silent).
_AGENT_ENDINGS = ("man", "men", "woman", "er", "or", "ist", "ian", "ant", "ent", "eer", "ee", "ive")


def _thing_provides(verb: Token, lemma: str) -> bool:
    if lemma not in _PROVIDING:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # A common noun in lower case is no name even when the tagger files it under a body ("the modem").
    return bool(subjects) and all(
        s.pos_ == "NOUN"
        and s.lemma_.lower() not in _VOICE_NOUNS
        and not s.lemma_.lower().endswith(_AGENT_ENDINGS)
        and not (s.ent_type_ in _VOICE_ENTS and s.text[:1].isupper())
        for s in subjects
    )


def non_speech_object(verb: Token, lemma: str) -> bool:
    """Whether ``verb`` (lemma ``lemma``) with the object it has is an event, not an attribution."""
    if _depicting(verb, lemma) or _thing_provides(verb, lemma):
        return True
    objects = _object_heads(verb)
    if lemma in _REFLEXIVE_SITUATION and any(o.lower_ in _REFLEXIVES for o in objects):
        return True
    if lemma in _PERCEPTION:
        # "see the reform as a way to …" holds a view; "has seen a rise in …" does not.
        return not any(c.dep_ == "prep" and c.lower_ == "as" for o in [verb, *objects] for c in o.children)
    if lemma == "claim":
        return any(o.lower_ in _TOLL_NOUNS or o.lemma_.lower() in _TOLL_NOUNS for o in objects)
    if lemma == "call" and _names_itself(verb):
        # "a group calling itself the Northern Front", "allowed the province to call itself Vessa": a
        # name used, not a statement about anything.
        return True
    if lemma == "suspect" and verb.tag_ in ("VB", "VBP") and any(o.ent_type_ == "PERSON" for o in objects):
        # "Paris suspect Salah Abdeslam", "attack suspect Jo Roe": the noun in a title before a name,
        # which the tagger takes for a verb; one suspects a person of something, not a person.
        return not any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children)
    if lemma == "attack" and any(
        o.ent_type_ in _PLACE_ENTS or o.lemma_.lower() in _SITE_NOUNS for o in objects
    ):
        # "urged Muslims to attack France", "attacked three locations": one attacks a plan in
        # words, a country or a building with arms.
        return True
    if lemma == "plan" and any(o.dep_ == "dobj" for o in objects):
        # "suspected of planning the attacks": a plan made, not one announced ("plans to travel").
        return True
    if lemma == "report" and any(o.lemma_.lower() in _RESULT_NOUNS for o in objects):
        return True
    if lemma == "agree" and any(o.dep_ == "dobj" for o in objects):
        # "agreed personal terms", "agreed a ceasefire": a deal reached; one agrees "to" or "that".
        return True
    if lemma in _RECEIVING:
        return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in _PEOPLE_NOUNS for o in objects)
    if lemma == "cite" and not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        # "cited rising costs as the reason" reports a view; "citing police sources" names a source.
        return any(o.lemma_.lower() in _SOURCE_NOUNS or o.ent_type_ in ("PERSON", "ORG") for o in objects)
    return False


def non_speech_clause(verb: Token, lemma: str, clause: Token) -> bool:
    """Whether the clause of a perception verb is something seen happen ("saw their taxes rise"),
    not a view ("see that prices will fall"): a bare or -ing verb with no tense of its own; or a
    reflexive situation ("found itself isolated")."""
    if lemma in _REFLEXIVE_SITUATION and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _REFLEXIVES for c in clause.children
    ):
        # "found itself pitted against …": the parser makes the reflexive the clause's subject.
        return True
    if _depicting(verb, lemma):
        return True
    if lemma not in _PERCEPTION:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return False
    if _modal_see(verb, lemma):
        return True
    # A plural present after a past "saw" is a bare infinitive the tagger could not tell apart
    # ("saw their bills rise"): a clause of its own would be in the past.
    bare = clause.tag_ == "VBP" and verb.tag_ in ("VBD", "VBN")
    finite = (clause.tag_ in _FINITE_TAGS and not bare) or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in clause.children
    )
    return not finite


def characterising_passive(verb: Token, lemma: str) -> bool:
    """Whether ``verb`` is an agentless passive of a characterising verb ("is considered a moderate",
    "is widely seen as the favourite")."""
    if lemma not in _CHARACTERISING:
        return False
    kids = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or (
        verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in kids)
    )
    return passive and not any(c.dep_ == "agent" for c in kids)


# Words that put the verb after them in the future as a forecast or a schedule: "likely to", "expected
# to", "due to", "set to", "poised to", "scheduled to", "going to".
_FORECAST = frozenset("likely unlikely expect due set poise schedule slate go".split())
_COMPARING = frozenset("more less most least as".split())


def forecast(verb: Token) -> bool:
    """Whether reporting ``verb`` is forecast rather than done ("Greece is likely to report the figures",
    "the minister is expected to announce that …"); "more likely to say" compares what people say."""
    head = verb.head
    if (
        verb.dep_ != "xcomp"
        or head is verb
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return False
    if head.lemma_.lower() not in _FORECAST and head.lower_ not in _FORECAST:
        return False
    return not any(c.dep_ == "advmod" and c.lower_ in _COMPARING for c in head.children)
