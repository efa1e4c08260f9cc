"""Attribution on the parse: the verbs that report speech or a belief, and who does the reporting.

The subject of a reporting verb is found by climbing from the verb through participles, conjuncts,
relative clauses and the nouns of documents ("a statement saying …") to the one who speaks. Shared by
direct and indirect quotes (:mod:`storyscope.stages.quotes`) and by the claims stage, which keeps a
reported statement attributed to its speaker; the cue of a quotation is found in
:mod:`storyscope.stages.cues`, the mention a speaker resolves to in :mod:`storyscope.stages.speakers`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Verbs that report speech or writing.
SPEECH_VERBS = frozenset(
    "say tell claim deny warn insist add state announce argue explain note report stress suggest confirm "
    "acknowledge admit allege assert caution contend declare emphasize emphasise predict promise reveal "
    "write tweet post vow threaten maintain reply respond answer recall comment remark observe complain "
    "concede testify repeat reiterate ask accuse charge disclose indicate estimate quip joke boast counter "
    "retort hint signal mention inform assure proclaim protest lament affirm conclude agree urge describe "
    "propose recommend predict demand announce show hail praise call welcome condemn criticise criticize "
    "dismiss reject continue shout yell scream whisper grouse exclaim gush scoff muse recount chide plead "
    "marvel confess bark boom gloat thunder bellow snap sneer snarl crack rant gripe grumble fume intone "
    "opine blurt brand dub".split()
)
# Verbs that report speech only with their particle: "Roe shot back", "Roe went on", "Roe chimed in",
# "Roe pointed out".
_PHRASAL_SPEECH = {"shoot": "back", "fire": "back", "hit": "back", "go": "on", "chime": "in", "point": "out"}
# Verbs that report a belief or intention: attributions too, kept with their verb.
COGNITION_VERBS = frozenset("believe think expect hope fear know doubt suspect worry feel".split())
REPORTING_VERBS = SPEECH_VERBS | COGNITION_VERBS


_SUBJ = ("nsubj", "nsubjpass")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy re-joins every token on each access)."""
    cached = doc.user_data.get("storyscope_text")
    if cached is None:
        cached = doc.user_data["storyscope_text"] = doc.text
    return str(cached)


# Forms the model's lemmatizer gets wrong ("hoped" -> "hop").
_LEMMA_FIXES = {"hope": "hope", "hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _lemma(tok: Token) -> str:
    """The token's lemma, lower-cased, with the lemmatizer's known slips corrected."""
    return _LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def _is_cue(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = _lemma(tok)
    if lemma in REPORTING_VERBS:
        return True
    prt = _PHRASAL_SPEECH.get(lemma)
    return prt is not None and any(c.dep_ in ("prt", "advmod") and c.lower_ == prt for c in tok.children)


def _subject(verb: Token) -> Token | None:
    """The speaker token of a reporting verb, climbing through "adding", "and said", "while saying"."""
    v: Token | None = verb
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "ccomp"
        and _is_cue(verb.head.head)
        and any(c.text == "," for c in verb.head.children if c.i == verb.i - 1)
    ):
        # "Roe said the port had lost money, arguing that …": the participle set off after the reported
        # clause is the reporter's, not the clause's subject's.
        v = verb.head.head
    elif (
        verb.dep_ == "conj"
        and _lemma(verb) in SPEECH_VERBS
        and verb.head.dep_ == "ccomp"
        and _is_cue(verb.head.head)
        and not any(c.dep_ in _SUBJ for c in verb.children)
    ):
        # "China said it was opposed and warned Seoul …": the parser hangs the second reporting verb
        # on the reported clause; it is the reporter's, as the content split already takes it.
        v = verb.head.head
    elif verb.dep_ == "xcomp" and not any(c.dep_ in _SUBJ for c in verb.children):
        # "led the journalist to fear …", "forced Roe to admit that …", "left many voters feeling …":
        # the object of the verb the infinitive or participle completes is the one who fears or admits.
        obj = next(
            (
                c
                for c in verb.head.children
                if c.dep_ == "dobj" and c.i < verb.i and c.pos_ in ("NOUN", "PROPN", "PRON")
            ),
            None,
        )
        if (
            obj is not None
            and _lemma(verb.head) in _OBJECT_CONTROL
            and obj.lower_ not in ("it", "this", "that")
        ):
            return obj
    for _ in range(4):
        if v is None:
            return None
        # Nearest first: a misparse can give a verb two subjects ("“My reaction, that was outrageous,”
        # the strategist said", "… ― Roe boasted"), and the one beside the verb is the speaker. A dash
        # or other mark taken for a subject is nobody.
        at = v.i
        for c in sorted(v.children, key=lambda c: abs(c.i - at)):
            if c.dep_ in _SUBJ and not any(ch.isalnum() for ch in c.text):
                continue
            if c.dep_ in _SUBJ and c.tag_ not in ("WDT", "EX") and c.lower_ not in ("it", "this", "that"):
                return c
            # "the letter, which says …", "a report that warns …": the relative pronoun speaks for the noun.
            if (
                c.dep_ == "nsubj"
                and c.lower_ in ("which", "that")
                and v.dep_ == "relcl"
                and _lemma(v) in SPEECH_VERBS
            ):
                # "made a comment that described …": whoever made it.
                return _author(v.head) or c
            # "It says …" of a letter or a report: "it" speaks when it is the active subject of a speech
            # verb (not "it is said", not "it seems"), or of the verb a reporting participle hangs off
            # ("it attacked Roe, saying …", "It also points out that …").
            if (
                c.dep_ == "nsubj"
                and c.lower_ == "it"
                and (_lemma(v) in SPEECH_VERBS or (_is_cue(verb) and _active_verb(v)))
            ):
                return c
        for c in v.children:
            # "said Jane Roe": the name after an inverted verb. Not the object of a verb that takes
            # one ("attacked Roe, saying …", "telling Roe that …"): an inverted verb has its report
            # before it, nothing after the name.
            if (
                c.dep_ in ("dobj", "attr", "npadvmod")
                and c.i > v.i
                and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                and c.ent_type_ not in ("DATE", "TIME")
                and _inverts(v, c)
            ):
                return c
        # "About 4 in 10 say …", "Less than a third agreed …": a share of people the parser hung on the
        # verb as a number or a measure, before it, with no subject: those people speak.
        share = next(
            (
                c
                for c in v.children
                if c.dep_ in ("nummod", "npadvmod")
                and c.i < v.i
                and c.ent_type_ == "CARDINAL"
                and not any(k.dep_ in _SUBJ for k in v.children)
            ),
            None,
        )
        if share is not None and v.pos_ == "VERB":
            return share
        if v is not verb and _passive_participle_clause(v):
            # "Asked to explain what he meant, Roe said …": the cue hangs in a passive participle
            # clause; the sentence's subject was asked, and said nothing by it (the participle as the
            # cue itself is _passive_participle_clause's case).
            return None
        if v.dep_ in ("advcl", "conj", "xcomp") and v.head is not v:
            v = v.head
        elif v.dep_ == "acomp" and v.pos_ == "ADJ" and v.head.pos_ in ("AUX", "VERB"):
            # "Voters were more likely to say …", "she was quick to point out …": the subject of "were".
            v = v.head
        elif (
            v.dep_ == "acl"
            and v.tag_ == "VBG"
            and v.head.lemma_.lower() in _EVENT_NOUNS
            and v.head.dep_ == "pobj"
            and v.head.head.head.pos_ == "VERB"
        ):
            # "she said at a news conference announcing that …": an occasion says nothing; the one who
            # spoke at it does.
            v = v.head.head.head
        elif v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") and v.tag_ == "VBG":
            # "a statement saying …", "video showing …": the noun says it, or whoever issued it; "emailed
            # supporters saying …": whoever wrote to them.
            return _author(v.head) or _writer_to(v.head) or v.head
        elif v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
            # "responded by saying …", "before asking her": the verb the preposition hangs off.
            v = v.head.head
        else:
            return None
    return None


# Things written or recorded that say something ("a statement saying …").
_DOCUMENT_NOUNS = frozenset(
    "statement letter tweet post message email memo paper filing brief motion complaint release note "
    "video ad advertisement commercial op-ed column essay report comment remark claim argument allegation "
    "accusation charge warning assertion view fear concern belief suggestion promise pledge threat sign "
    "banner placard poster".split()
)
# Verbs by which the subject puts a document out as its own ("the council issued a statement
# calling …", "lawyers filed papers opposing …", "Roe unleashed a series of tweets attacking …",
# "protesters held signs calling …").
_AUTHOR_VERBS = frozenset(
    "issue release file send post publish unleash write draft sign submit pen air run launch fire tweet "
    "make deliver circulate repeat reiterate renew persist voice express raise level advance hold carry "
    "wave display".split()
)
_BATCH_NOUNS = frozenset("series string flurry barrage stream volley pair couple number".split())


def _author(noun: Token) -> Token | None:
    """Who issued the document ``noun`` names, when it is the object of a verb of issuing ("the council
    issued a statement saying …": the council says it). Not a document said to come from someone else
    ("released a letter from his doctor saying …": the doctor's), nor one merely cited or received."""
    if noun.lemma_.lower() not in _DOCUMENT_NOUNS:
        return None
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in noun.children):
        return None
    obj = noun
    if obj.dep_ == "pobj" and obj.head.lower_ == "of" and obj.head.head.lemma_.lower() in _BATCH_NOUNS:
        obj = obj.head.head  # "a series of tweets"
    verb = obj.head
    if obj.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "persisted in arguments that …"
    elif obj.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB" or _lemma(verb) not in _AUTHOR_VERBS:
        return None
    subj = _subject(verb)
    return subj if subj is not None and subj.dep_ != "nsubjpass" else None


# Verbs that send words to whom their object names ("emailed supporters saying …").
_WRITE_TO_VERBS = frozenset("email text message write tweet mail cable".split())


def _writer_to(noun: Token) -> Token | None:
    """Who wrote to ``noun`` when a participle hangs off it ("Roe emailed supporters saying …")."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "dative") or verb.pos_ != "VERB" or _lemma(verb) not in _WRITE_TO_VERBS:
        return None
    subj = _subject(verb)
    return subj if subj is not None and subj.dep_ != "nsubjpass" else None


# Occasions at which something is said ("at a news conference announcing …").
_EVENT_NOUNS = frozenset(
    "conference briefing meeting rally event speech hearing session summit ceremony".split()
)
# Verbs whose object does what their infinitive or participle says ("forced Roe to admit …", "left
# voters feeling …"); not "used the speech to call for …", where the subject does.
_OBJECT_CONTROL = frozenset(
    "lead force push press urge ask prompt cause encourage persuade convince leave drive compel inspire "
    "pressure spur move get".split()
)


def _active_verb(v: Token) -> bool:
    """A full verb that can have "it" for a speaking subject ("it attacked …"), not a copula or "it's
    hard to know …"."""
    return (
        v.pos_ == "VERB"
        and _lemma(v) not in ("be", "'s", "’s")
        and not any(c.dep_ in ("acomp", "attr", "expl") for c in v.children)
    )


# Speech verbs whose object is who is addressed or judged, never an inverted speaker ("told Roe",
# "praised Roe").
_OBJECT_VERBS = frozenset(
    "tell ask inform assure urge warn accuse charge praise hail welcome condemn criticise criticize "
    "dismiss reject call describe show answer remind thank blame chide threaten promise brand dub".split()
)


def _inverts(verb: Token, name: Token) -> bool:
    """Whether ``name`` after ``verb`` is an inverted speaker ("“…,” said Jane Roe"): a speech verb that
    takes no addressee, with no clause or quotation reported after the name."""
    lemma = _lemma(verb)
    if lemma not in SPEECH_VERBS and lemma not in _PHRASAL_SPEECH:
        return False
    if lemma in _OBJECT_VERBS:
        return False
    return not any(c.i > name.i and c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)


def _passive_participle_clause(verb: Token) -> bool:
    """ "Asked about the port, Roe said …", "Pressed on the delays, …": the participle clause is what
    was put to the main clause's subject, who is not the one asking."""
    return (
        # A finite past without a subject of its own is the participle mis-tagged ("Asked/VBD what …").
        verb.tag_ in ("VBN", "VBD")
        and verb.dep_ == "advcl"
        and verb.i < verb.head.i
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    )
