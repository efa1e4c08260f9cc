"""Attribution on the parse: reporting verbs, their subjects and the mention a speaker resolves to.

Shared by direct and indirect quotes (:mod:`storyscope.stages.quotes`) and by the claims stage, which
keeps a reported statement attributed to its speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.models import Json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from storyscope.stages.quotemarks import _OPENERS, QuoteSpan

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
# How far (in tokens) a reporting verb is looked for around a quote.
_WINDOW_TOKENS = 14
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


# Offices one person holds: "the mayor of Paris" is a person, not the place (a spokesman or the
# officials of a country or a body do speak for it).
_OFFICE_HOLDERS = frozenset(
    "mayor president premier chancellor minister governor king queen prince princess emir sultan "
    "leader senator judge monarch".split()
)


# Nouns that speak for the place or body named before them ("a Kremlin spokesman", "U.S. officials",
# "US intelligence", "according to US findings").
_SPEAKS_FOR = frozenset(
    "spokesman spokeswoman spokesperson official officer ministry government embassy office "
    "administration diplomat envoy source intelligence finding report data military force authority "
    "police agency".split()
)


def _mention_at(tok: Token, mentions: list[Json]) -> Json | None:
    for m in mentions:
        if m["start"] <= tok.idx < m["end"]:
            return m
    return None


def _speaker(tok: Token | None, mentions: list[Json]) -> Json | None:
    """The speaker dict for a subject token: the name it denotes, through pronouns and descriptions."""
    if tok is None:
        return None
    by_id = {m["id"]: m for m in mentions}
    m = _mention_at(tok, mentions)
    if m is None and tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        # "Roe, who said …": the pronoun as written, the name of the noun it relates to.
        ante = tok.head.head
        am = _mention_at(ante, mentions)
        if am is not None and am["kind"] != "name" and am["resolved_to"] is not None:
            am = by_id.get(am["resolved_to"])
        return {
            "text": tok.text,
            "start": tok.idx,
            "end": tok.idx + len(tok),
            "mention": am["id"] if am is not None and am["kind"] == "name" else None,
        }
    if m is None:
        # "the spokeswoman of the ministry, Jane Roe": the name in apposition to the subject.
        # A possessive or compound name inside the subject phrase: "Iran's foreign ministry spokesman".
        for c in tok.children:
            if (
                c.dep_ in ("appos", "compound")
                and (cm := _mention_at(c, mentions))
                and cm["type"] == "person"
            ):
                m = cm
                break
    if m is not None and m["kind"] == "name" and m["type"] == "place":
        # "CLEVELAND (UPI) — Former Attorney General Jo Roe told …": the parser makes the dateline the
        # subject and the person after the dash its apposition; the person speaks.
        for c in tok.children:
            if c.dep_ == "appos" and (pm := _mention_at(c, mentions)) and pm["type"] == "person":
                m = pm
                break
    if m is not None:
        target = (
            m
            if m["kind"] == "name"
            else by_id.get(m["resolved_to"])
            if m["resolved_to"] is not None
            else None
        )
        return {
            "text": m["text"],
            "start": m["start"],
            "end": m["end"],
            "mention": target["id"] if target else None,
        }
    # "the Kremlin's spokesman", "a spokesman for the ministry": speaks for the organisation.
    if tok.pos_ == "NOUN":
        for c in tok.children:
            holder = c if c.dep_ in ("poss", "compound") else None
            if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                holder = next((g for g in c.children if g.dep_ == "pobj"), None)
            if holder is None:
                continue
            hm = _mention_at(holder, mentions)
            if (
                hm is not None
                and hm["kind"] == "name"
                and hm["type"] == "place"
                and c.dep_ == "compound"
                and tok.lemma_.lower() not in _SPEAKS_FOR
            ):
                # "the New York businessman", "a Texas rancher": where the person is from, not whom
                # they speak for (as "a White House spokesman" or "U.S. officials" do).
                break
            if hm is not None and hm["kind"] == "name" and hm["type"] in ("organization", "place"):
                if tok.lemma_.lower() in _OFFICE_HOLDERS:
                    # "the mayor of Paris", "France's president": one person holds the office; the
                    # place (or body) is not the speaker, the unnamed description below is.
                    break
                return {"text": hm["text"], "start": hm["start"], "end": hm["end"], "mention": hm["id"]}
    # "a statement saying …": the noun phrase without the verb it governs.
    cut = min((c.left_edge.i for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VBG"), default=None)
    toks = [t for t in tok.subtree if not t.is_punct and (cut is None or t.i < cut)]
    if not toks:
        return None
    # An unnamed source ("officials", "a spokesman"): text kept, no one named.
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if end - start > 80:
        start, end = tok.idx, tok.idx + len(tok)
    return {"text": doc_text(tok.doc)[start:end], "start": start, "end": end, "mention": None}


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _governing_cue(
    doc: Doc, q: QuoteSpan, content_verbs: frozenset[str] = frozenset(), quoted: frozenset[int] = frozenset()
) -> Token | None:
    """The reporting verb the quote's clause hangs off, or one hanging off the quote's own root; else a
    verb of ``content_verbs`` that has the quotation for its object. ``quoted``: the tokens of every
    quotation of the document; a verb inside another quotation is that quotation's words, not a cue."""
    inside = {t.i for s, e in q.parts for t in _tokens_in(doc, s, e)}
    if not inside:
        return None
    roots = [doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
    for r in roots:
        t = r
        for _ in range(8):
            if t.head.i == t.i:
                break
            t = t.head
            if t.i in inside:
                continue
            if t.i in quoted:
                # "“If he thinks that …,” the narrator says, “what does he think of you?”": the parser
                # hangs this part on a verb of the next; that one's attribution may hang off it too.
                said = next(
                    (c for c in t.children if c.i not in quoted and c.dep_ == "parataxis" and _is_cue(c)),
                    None,
                )
                if said is not None:
                    return said
                continue
            if _is_cue(t) or _reads(t):
                return t
            put = next((c for c in t.children if c.dep_ == "advcl" and _as_put_it(c)), None)
            if put is not None:
                # "As Roe put it, the pier is “a danger …”": the idiom attributes its sentence.
                return put
            if t.lower_ == "according":
                return t
    for r in roots:
        for c in r.children:
            if (
                c.i not in inside
                and c.i not in quoted
                and c.dep_ in ("parataxis", "advcl", "conj", "ccomp")
                and (_is_cue(c) or _reads(c))
            ):
                return c
            if c.i not in inside and c.dep_ == "advcl" and _as_put_it(c):
                return c
    if content_verbs:
        # "Roe attacked “the hateful rhetoric of …”": a quotation that is the object of a stance verb.
        for r in roots:
            t = r
            if t.head.i == t.i or t.head.i in inside:
                continue
            if t.dep_ in _QUOTED_OBJECT_DEPS and t.head.pos_ == "VERB" and _lemma(t.head) in content_verbs:
                return t.head
    return None


# How a quotation hangs off a stance verb that has it for its object ("attacked “…”", "called for “…”").
_QUOTED_OBJECT_DEPS = ("dobj", "xcomp", "oprd", "ccomp", "attr")


def _reads(verb: Token) -> bool:
    """ "“…,” the letter reads": a text reads what it says. Only for quotations; "he read that …" is not
    somebody saying something."""
    return _lemma(verb) == "read" and verb.pos_ == "VERB"


def _as_put_it(verb: Token) -> bool:
    """Whether ``verb`` is "put" in "as X put it" (a subject, "it" for its object, "as" for its mark)."""
    kids = list(verb.children)
    return (
        _lemma(verb) == "put"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids)
        and any(c.dep_ in _SUBJ for c in kids)
    )


def _window_cue(doc: Doc, q: QuoteSpan, after: bool) -> Token | None:
    """A reporting verb right after the closing mark (or right before the opening mark)."""
    text = doc_text(doc)
    if after:
        span = doc.char_span(q.end, min(len(text), q.end + 160), alignment_mode="contract")
        toks = list(span) if span is not None else []
        picked: list[Token] = []
        for t in toks[:_WINDOW_TOKENS]:
            if "\n" in t.text or (t.text in _OPENERS and picked):
                break
            picked.append(t)
            if t.text in (".", "!", "?") and any(_is_cue(p) for p in picked):
                break
        for t in picked:
            if (
                _is_cue(t)
                or _reads(t)
                or (t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to")
            ):
                if _reports_ahead(t, picked[0]):
                    return None
                return t
        return None
    start = max(0, q.start - 200)
    para = text.rfind("\n", start, q.start)
    start = para + 1 if para >= 0 else start
    span = doc.char_span(start, max(start, q.start - 1), alignment_mode="contract")
    toks = list(span) if span is not None else []
    # Only the clause leading into the quote: stop at the last sentence end before it.
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in (".", "!", "?") or toks[k].text in ("”", '"', "»"):
            toks = toks[k + 1 :]
            break
    for t in reversed(toks[-_WINDOW_TOKENS:]):
        if _is_cue(t) or _reads(t):
            return t
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            # "According to Roe, “…”": the phrase the parser hung inside the quotation.
            return t
    return None


def _reports_ahead(cue: Token, first: Token) -> bool:
    """Whether a verb found after a quotation starts a sentence of its own that reports what follows
    it ("… “outlaw nation.” Russia insisted that Pyongyang “stop …”"): that verb attributes the next
    quotation, not the one before."""
    starts = any(t.is_sent_start for t in cue.doc[first.i : cue.i + 1]) or first.i == 0
    doc = cue.doc
    return starts and any(
        c.dep_ == "ccomp"
        and c.i > cue.i
        and not any(doc[j].is_punct for j in range(cue.i + 1, c.left_edge.i))  # not "asked, repeating …"
        for c in cue.children
    )


_TRAIL_TOKENS = 8


def _trailing_cue(doc: Doc, q: QuoteSpan) -> Token | None:
    """The attribution closing the sentence right before a quote that opens a sentence of its own
    ("…, Roe said. “…”", and across a paragraph break when the quote opens the next paragraph).

    Only a sentence whose last words are the attribution counts: the reporting verb, its subject and
    adverbs ("Roe said on Monday."), or the speaker's phrase however long ("said Jo Roe, an economist
    at the bank."), with what it reports before it.
    """
    text = doc_text(doc)
    i = q.start - 2
    if i >= 0 and text[i] == "'" and text[i + 1] == "'":
        i -= 1  # the first of doubled single marks (''…'')
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i >= 0 and text[i] == "\n":
        # Across a paragraph break: only one, and only if the quote opens its paragraph.
        while i >= 0 and text[i].isspace():
            i -= 1
        if text[i + 1 : q.start - 1].count("\n") > 2:
            return None
    if i < 0 or text[i] != ".":
        return None
    period = doc.char_span(i, i + 1, alignment_mode="expand")
    if period is None:
        return None
    end = period[0].i
    sent = period[0].sent
    for k in range(end - 1, sent.start - 1, -1):
        t = doc[k]
        if not _is_cue(t) or t.pos_ != "VERB":
            continue
        subj = _subject(t)
        if subj is None or subj.i < sent.start:
            return None
        if k < end - _TRAIL_TOKENS and not all(
            doc[j].is_punct or subj.is_ancestor(doc[j]) or j == subj.i for j in range(t.i + 1, end)
        ):
            # Further back, only the speaker's own phrase may follow the verb ("…, said Jo Roe, an
            # economist at the bank.").
            return None
        # What it reports comes before the verb: a clause ("…, Roe said.") or a quotation.
        reported = any(c.dep_ in ("ccomp", "parataxis") and c.i < t.i for c in t.children) or (
            t.dep_ == "parataxis" and t.head.i < t.i
        )
        after = [doc[j] for j in range(t.i + 1, end)]
        if reported and not any(a.pos_ in ("VERB", "AUX") for a in after):
            return t
        return None
    return None


def _cue_json(tok: Token) -> tuple[str, Json]:
    if tok.lower_ == "according":
        end = doc_end = tok.idx + len(tok)
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            doc_end = nxt.idx + len(nxt)
        end = doc_end
        return "according to", {"text": doc_text(tok.doc)[tok.idx : end], "start": tok.idx, "end": end}
    prt = _PHRASAL_SPEECH.get(_lemma(tok))
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if prt is not None and nxt is not None and nxt.lower_ == prt and nxt.head.i == tok.i:
        # "shot back": the particle makes the verb a reporting one; show it with the verb.
        end = nxt.idx + len(nxt)
        return f"{_lemma(tok)} {prt}", {
            "text": doc_text(tok.doc)[tok.idx : end],
            "start": tok.idx,
            "end": end,
        }
    return _lemma(tok), {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok)}


# "according to plan", "according to schedule": the way something goes, nobody's account of it.
_NOT_SOURCES = frozenset("plan schedule script design expectation custom tradition".split())


def _according_source(tok: Token) -> Token | None:
    """The source "according to" names, or None when it names none ("going according to plan")."""
    src: Token | None = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            src = next((g for g in c.children if g.dep_ == "pobj"), None)
            break
    else:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            src = next((g for g in nxt.children if g.dep_ == "pobj"), None)
    if src is not None and src.lemma_.lower() in _NOT_SOURCES:
        return None
    return src


def _speaker_for_cue(cue: Token, mentions: list[Json]) -> Json | None:
    if cue.lower_ == "according":
        return _speaker(_according_source(cue), mentions)
    if cue.pos_ == "NOUN":
        # "Roe claims that …" tagged as a noun: a noun with a subject of its own is the verb, and so is
        # a bare noun heading its sentence with a name before it ("Roe/compound claims/ROOT that …").
        bare_root = cue.dep_ == "ROOT" and not any(c.dep_ in ("det", "poss") for c in cue.children)
        subj = next(
            (
                c
                for c in cue.lefts
                if c.dep_ == "nsubj" or (bare_root and c.dep_ == "compound" and c.pos_ in ("PROPN", "PRON"))
            ),
            None,
        )
        src = subj if subj is not None else _noun_source(cue)
        if src is None:
            # "Democrats persisted in arguments that …", "she made the claim that …".
            src = _author(cue)
        if src is None:
            # "a New York Times report that …": the outlet or person named before the noun.
            src = next(
                (
                    c
                    for c in cue.lefts
                    if c.dep_ == "compound"
                    and (m := _mention_at(c, mentions)) is not None
                    and m["kind"] == "name"
                    and m["type"] in ("person", "organization")
                ),
                None,
            )
        return _named_outside(src, _speaker(src, mentions), mentions)
    subj = _subject(cue)
    if subj is None and _misparsed_finite(cue):
        return _speaker(cue.head, mentions)
    if (
        (subj is None and cue.tag_ == "VBN")
        or (subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == cue.i)
        # "Roe started at Hull and is believed to have …": a passive shares its conjunct's subject
        # as what it reports on, not as its speaker.
        or is_passive(cue)
        or reduced_passive(cue)
        or _passive_participle_clause(cue)
        or _absolute_participle(cue)
    ):
        # "Roe is expected to resign", "the plan was criticised by the union": the passive subject is
        # what is reported on; the speaker is the agent, if one is named.
        subj = _agent(cue)
    elif subj is None and cue.tag_ in ("VBD", "VBZ", "VBP"):
        # "… at the convention Sen. Jo Roe (D-MA) said …", "… and Democrats accused …": a finite verb the
        # parser left without a subject has the name right before it for one.
        return _name_before(cue, mentions)
    return _named_outside(subj, _speaker(subj, mentions), mentions)


def _name_before(verb: Token, mentions: list[Json]) -> Json | None:
    """The person or organisation named right before ``verb`` (a parenthetical "(D-MA)" between)."""
    i = verb.i - 1
    doc = verb.doc
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < 0 or doc[i].is_punct or doc[i].sent.start != verb.sent.start:
        return None
    m = _mention_at(doc[i], mentions)
    if m is None or m["kind"] != "name" or m["type"] not in ("person", "organization"):
        return None
    if m["end"] != doc[i].idx + len(doc[i]):
        return None
    return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}


_PERSONAL = frozenset("he she they".split())


def _named_outside(tok: Token | None, speaker: Json | None, mentions: list[Json]) -> Json | None:
    """The name a pronoun speaker stands for when the pronoun's clause is reported by that name in the
    same sentence ("Roe said she expects …", "Roe told reporters that he believes …"): the person who
    states it is named there, and the name is shown rather than the pronoun. Only for a complement
    clause: in "after he said …", "though she added …" the pronoun's clause is a report of its own."""
    if tok is None or speaker is None or speaker["mention"] is None or tok.lower_ not in _PERSONAL:
        return speaker
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp" or not _is_cue(clause.head):
        return speaker
    subj = _subject(clause.head)
    if subj is None or subj.lower_ in _PERSONAL or subj.tag_ in ("WDT", "WP"):
        return speaker
    outer = _speaker(subj, mentions)
    return outer if outer is not None and outer["mention"] == speaker["mention"] else speaker


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is a passive ("is believed", "has been called"); a contracted "’s" before the
    verb and its preposition is "has" ("who’s called for new talks"), whatever the parser says."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return True
    aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    if aux is None:
        return False
    return not (
        aux.lower_ in ("'s", "’s")
        and any(x.dep_ == "nsubj" for x in verb.children)
        and any(x.dep_ == "prep" and x.i == verb.i + 1 for x in verb.children)
    )


def _absolute_participle(verb: Token) -> bool:
    """ "…, with Roe and her husband expected to visit …": a participle after "with" that takes an
    infinitive is passive (they are expected to visit); the noun before it is what is reported on, not
    who expects it. Not "with many worried that …", where the many do worry."""
    after_with = (verb.dep_ == "pcomp" and verb.head.lower_ == "with") or any(
        c.dep_ == "mark" and c.lower_ == "with" for c in verb.children
    )
    infinitive = any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )
    return verb.tag_ in ("VBN", "VBD") and after_with and infinitive


# Reporting verbs that never take an infinitive of their own subject's: before "to", passive.
_RAISING = frozenset(
    "believe think say report know understand consider confirm reveal rumour rumor allege suspect "
    "estimate presume assume".split()
)


def reduced_passive(verb: Token) -> bool:
    """ "the passengers confirmed to be travelling on stolen passports", "the man believed to have
    been the mastermind": a participle right after a noun and before an infinitive, with no subject
    or auxiliary of its own, is a passive relative clause (who confirmed it is not said), however the
    parser hung it."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if any(c.dep_ in ("nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return False
    if any(c.dep_ == "nsubj" for c in verb.children) and _lemma(verb) not in _RAISING:
        # "Officials expected to win": a subject of its own that does the expecting. Not so with
        # "believe", "say" and the like, which take no infinitive of their subject's ("the man
        # believed to have been the mastermind" is the man someone believes ...).
        return False
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return (
        before is not None and before.pos_ in ("NOUN", "PROPN") and after is not None and after.lower_ == "to"
    )


def _misparsed_finite(verb: Token) -> bool:
    """ "as the prime minister, Najib Razak, announced on Monday that …": a participle the parser hung
    on a noun, with a reported clause of its own, is that noun's finite verb."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and any(
            c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in verb.children
        )
    )


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


def _agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb ("was criticised by the union")."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    by = passive_by(verb)
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def passive_by(verb: Token) -> Token | None:
    """The "by" the parser hung on a passive's predicate ("was called a liar by his rivals"): the
    agent, misplaced."""
    for c in verb.children:
        if c.dep_ == "oprd":
            by = next((g for g in c.rights if g.dep_ == "prep" and g.lower_ == "by"), None)
            if by is not None:
                return by
    return None


def _noun_source(noun: Token) -> Token | None:
    """Whose statement a cue noun names: "Roe's claim", "a warning by the agency"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _in_parts(pos: int, q: QuoteSpan) -> bool:
    return any(a <= pos < b for a, b in q.parts)


def _name_near(doc: Doc, cue: Token, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The name mention closest to ``cue`` in its sentence, outside the quotation."""
    sent = cue.sent
    best: tuple[int, Json] | None = None
    for m in mentions:
        if m["kind"] != "name" or m["type"] == "place" or _in_parts(m["start"], q):
            continue
        if not (sent.start_char <= m["start"] < sent.end_char):
            continue
        if m["start"] > cue.idx and _lemma(cue) in _OBJECT_VERBS:
            # "Roe, 58, told AFP": the name after "told" is who was told.
            continue
        dist = abs(m["start"] - cue.idx)
        if best is None or dist < best[0]:
            best = (dist, m)
    if best is None:
        return None
    m = best[1]
    return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}


# What may stand between a closing quotation mark and the attribution right after it.
_AFTER_MARK = " ,\u00a0”\"'’"


def _name_beside(text: str, q: QuoteSpan, cue: Token, mentions: list[Json]) -> Json | None:
    """The person or organisation named right after a quotation and right beside its reporting verb:
    "“…,” Roe answers" (the name between the mark and the verb) or "“…,” said Jo Roe" (the verb right
    after the mark, the name right after the verb)."""
    if cue.idx < q.end:
        return None
    gap = text[q.end : cue.idx]
    cue_end = cue.idx + len(cue)
    for m in mentions:
        if m["kind"] != "name" or m["type"] not in ("person", "organization"):
            continue
        before = (
            m["end"] <= cue.idx
            and not text[m["end"] : cue.idx].strip()
            and not gap[: m["start"] - q.end].strip(_AFTER_MARK)
        )
        after = (
            m["start"] >= cue_end and not text[cue_end : m["start"]].strip() and not gap.strip(_AFTER_MARK)
        )
        if (before and m["start"] >= q.end) or after:
            return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
    return None


_DASHES = "―—–-"
_BYLINE_WORDS = 5


def _dash_speaker(text: str, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The name right after a dash that follows the closing mark ("“…” ― Jane Roe")."""
    i = q.end + 1
    while i < len(text) and text[i] in " ,.\u00a0":
        i += 1
    if i >= len(text) or text[i] not in _DASHES:
        return None
    i += 1
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    for m in mentions:
        if m["start"] == i and m["kind"] == "name" and m["type"] in ("person", "organization"):
            return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
    # A name the entity stage did not take ("“…” ― Jo N Roe-Smith" closing a reader's comment): the
    # capitalised words filling the rest of the paragraph, nobody named.
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[i:line_end].rstrip(" .\u00a0")
    words = rest.split()
    if 2 <= len(words) <= _BYLINE_WORDS and all(w[:1].isupper() for w in words):
        return {"text": rest, "start": i, "end": i + len(rest), "mention": None}
    return None


def _name_colon(text: str, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The name right before a colon that opens the quotation ("Rubio: ‘You don't win …’", "More from
    the pollster Jane Roe: “…”"), a headline's or a digest's attribution."""
    before = text[: q.start - 1].rstrip(" \t\u00a0")
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    for m in mentions:
        if m["end"] == colon and m["kind"] == "name" and m["type"] in ("person", "organization"):
            return {"text": m["text"], "start": m["start"], "end": m["end"], "mention": m["id"]}
    return None


def _colon_subject(doc: Doc, q: QuoteSpan, mentions: list[Json]) -> Json | None:
    """The person or organisation a sentence ending in a colon right before the quotation is about
    ("She then addressed the supporters again: “…”", "the board was conclusive in its findings: “…”"):
    the colon introduces their words. Only a named one (or a pronoun for a named one)."""
    text = doc_text(doc)
    before = text[: q.start - 1].rstrip(" \t\u00a0")
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    root = colon[0].head if colon[0].head.pos_ in ("VERB", "AUX") else colon[0].sent.root
    subj = _subject(root) if root.pos_ in ("VERB", "AUX") else None
    if subj is None or subj.dep_ != "nsubj":
        return None
    sp = _speaker(subj, mentions)
    if sp is None or sp["mention"] is None:
        return None
    named = next((m for m in mentions if m["id"] == sp["mention"]), None)
    return sp if named is not None and named["type"] in ("person", "organization") else None


def _colon_lead(doc: Doc, q: QuoteSpan, mentions: list[Json]) -> tuple[Token | None, Json | None]:
    """Cue and speaker of a lead-in paragraph ending in a colon right before the quote's paragraph."""
    text = doc_text(doc)
    para = text.rfind("\n", 0, q.start)
    if para < 0 or text[para + 1 : q.start - 1].strip():
        return None, None
    prev_end = para
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None, None
    colon = doc.char_span(prev_end - 1, prev_end, alignment_mode="expand")
    if colon is None:
        return None, None
    sent = colon[0].sent
    cue = next((t for t in sent if _is_cue(t)), None)
    subj = _subject(cue) if cue is not None else None
    if subj is None:
        # "Roe continued:" / "The Daily Ledger reports:" with a verb not taken for a cue.
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in _SUBJ), None)
        cue = root if subj is not None else None
    return cue, _speaker(subj, mentions)
