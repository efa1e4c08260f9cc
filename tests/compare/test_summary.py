from builders import make_article
from storyscope.compare.summary import summarize

A = (
    "Farmers in the Lenor valley blocked the main road on Monday to protest against the planned Osk dam. "
    "The regional council approved the dam in March despite objections from three villages. "
    "Police said about 400 people took part in the blockade, which ended peacefully in the evening. "
    "The protest organiser, Mira Tadeva, said the reservoir would flood grazing land used for generations. "
    "The council will vote again on the project next month."
)
B = (
    "About 400 protesters blocked the main road in the Lenor valley on Monday against the Osk dam plan. "
    "Mira Tadeva, who organised the protest, said the reservoir would flood grazing land "
    "used for generations. "
    "The energy ministry said the dam would supply power to 90,000 homes. "
    "The council approved the dam in March."
)
C = (
    "The energy ministry defended the Osk dam on Tuesday, saying it would power 90,000 homes in the region. "
    "Engineers expect construction to take four years once the final permits are issued by the council. "
    "Farmers in the Lenor valley blocked the main road on Monday to protest against the planned Osk dam."
)


def _verbatim(text: str, passage: str) -> bool:
    # A sentence whose opening connective was left out takes the capital on its next word.
    return text[1:] == passage[1:] and text[:1].lower() == passage[:1].lower()


def test_every_sentence_is_verbatim_and_cited_with_exact_spans() -> None:
    arts = [make_article("a", A), make_article("b", B), make_article("c", C)]
    texts = {a.id: a.text for a in arts}
    out = summarize(arts, words=60)
    assert out
    for s in out:
        assert s.sources and any(
            _verbatim(s.text, texts[src][sp.start : sp.end]) for src in s.sources for sp in s.spans
        )
        assert [sp.source for sp in s.spans] == s.sources
        for sp in s.spans:
            assert sp.end > sp.start


def test_corroborated_sentence_cites_all_sources_that_state_it() -> None:
    arts = [make_article("a", A), make_article("b", B), make_article("c", C)]
    out = summarize(arts, words=60)
    blockade = [s for s in out if "blocked the main road" in s.text]
    assert blockade, "the fact all three sources report must be in the summary"
    assert set(blockade[0].sources) >= {"a", "c"}


def test_length_is_near_target_and_not_redundant() -> None:
    arts = [make_article("a", A), make_article("b", B), make_article("c", C)]
    out = summarize(arts, words=60)
    words = sum(len(s.text.split()) for s in out)
    assert 30 <= words <= 80
    texts = [s.text for s in out]
    assert len(texts) == len(set(texts))
    assert sum("blocked the main road" in t for t in texts) == 1


def test_copies_count_as_one_voice() -> None:
    orig = make_article("orig", A)
    copy = make_article("copy", A.replace("Monday", "Monday morning"), duplicate_of="orig")
    other = make_article("c", C)
    with_copy = summarize([orig, copy, other], words=60)
    without = summarize([orig, other], words=60)
    # A syndicated copy adds a citation where it repeats a sentence, never weight in the selection.
    assert [s.text for s in with_copy] == [s.text for s in without]
    assert any("copy" in s.sources for s in with_copy)
    assert summarize([], words=60) == []


def test_deterministic() -> None:
    arts = [make_article("a", A), make_article("b", B), make_article("c", C)]
    assert summarize(arts, 80) == summarize(arts, 80)


# Two outlets word one fact with few rare words in common; the claim alignment knows it is one claim.
P = (
    "Harbour workers in Tarsk ended their strike on Friday after the port agreed to a new wage deal. "
    "The port authority said ships would be unloaded again from Saturday morning."
)
Q = (
    "The three-week walkout at Tarsk's docks is over, union leaders announced, following a pay "
    "settlement with the port. "
    "Union leader Dana Orlov will meet the port board next week to discuss the pensions."
)


def _claim(status: str, *parts: tuple[str, str, str]) -> dict[str, object]:
    """A claim stated by each (source id, source text, passage) part."""
    spans = [{"source": sid, "start": text.index(p), "end": text.index(p) + len(p)} for sid, text, p in parts]
    return {"text": parts[0][2], "status": status, "voices": len(parts), "spans": spans,
            "sources": [sid for sid, _, _ in parts]}  # fmt: skip


def test_one_aligned_claim_is_said_once_and_cites_both_sources() -> None:
    arts = [make_article("p", P), make_article("q", Q)]
    end_p = "Harbour workers in Tarsk ended their strike on Friday after the port agreed to a new wage deal"
    end_q = "The three-week walkout at Tarsk's docks is over, union leaders announced"
    claims = [_claim("corroborated", ("p", P, end_p), ("q", Q, end_q))]
    plain = summarize(arts, words=60)
    assert sum("strike" in s.text or "walkout" in s.text for s in plain) == 2
    out = summarize(arts, words=60, claims=claims)
    strike = [s for s in out if "strike" in s.text or "walkout" in s.text]
    assert len(strike) == 1 and strike[0].sources == ["p", "q"]
    # Cited passages are the sentences that state it, each in its own source.
    for sp in strike[0].spans:
        assert sp.end > sp.start and sp.source in ("p", "q")


def test_an_announced_event_is_not_the_event_itself() -> None:
    will = "Dana Orlov will meet the port board next week to discuss the pensions"
    r = "Orlov met the port board on Monday and discussed the pensions, the union said."
    arts = [make_article("q", Q), make_article("r", r)]
    claims = [_claim("corroborated", ("q", Q, will), ("r", r, r[:-1]))]
    out = summarize(arts, words=60, claims=claims)
    met = [s for s in out if "met the port board" in s.text]
    assert met and met[0].sources == ["r"]


def test_a_source_written_before_the_event_does_not_state_it() -> None:
    # "travels on Thursday" (present for a plan) and "met on Thursday" align as one claim.
    before = "Dana Orlov travels to Tarsk on Thursday for pension talks with the harbour board."
    after = "Orlov sat down with the port's directors in the old customs house late on Thursday."
    arts = [make_article("b", before), make_article("a", after)]
    claims = [_claim("corroborated", ("b", before, before[:-1]), ("a", after, after[:-1]))]
    met = [s for s in summarize(arts, words=60, claims=claims) if "sat down" in s.text]
    assert met and met[0].sources == ["a"]


def test_a_present_perfect_and_a_past_tense_state_the_same_done_thing() -> None:
    perfect = "Power has been cut to four thousand homes in the Tarsk valley after the storm."
    past = "About 4,000 homes in the Tarsk valley suffered power cuts when the storm hit the coast."
    arts = [make_article("p", perfect), make_article("q", past)]
    claims = [_claim("corroborated", ("p", perfect, perfect[:-1]), ("q", past, past[:-1]))]
    out = summarize(arts, words=60, claims=claims)
    power = [s for s in out if "homes" in s.text]
    assert len(power) == 1 and power[0].sources == ["p", "q"]


def test_summary_opens_with_the_fact_every_source_states() -> None:
    # The fact sits second in every article; one article opens with background only it gives.
    a = (
        "Night of dust in Doro. "
        "The old grain silo in Doro collapsed on Sunday night and injured two night guards."
    )
    b = (
        "Doro is a market town of about nine thousand people on the eastern plain. "
        "Two night guards were injured when the old grain silo in Doro collapsed on Sunday night."
    )
    c = (
        "Farmers had stored most of the autumn harvest in the building for decades. "
        "The old grain silo in Doro collapsed late on Sunday night, injuring two night guards."
    )
    out = summarize([make_article("a", a), make_article("b", b), make_article("c", c)], words=30)
    assert "silo" in out[0].text and out[0].sources == ["a", "b", "c"]
    assert any(s.text.startswith("Doro is a market town") for s in out[1:])


def test_a_plain_wording_is_preferred_to_one_quoting_a_side() -> None:
    quoted = (
        "Varn's council approved the harbour tram line on Tuesday, a plan the mayor called “long overdue”."
    )
    plain = "On Tuesday the council in Varn voted for the harbour tram line after a long debate."
    for first, second in ((quoted, plain), (plain, quoted)):
        out = summarize([make_article("x", first), make_article("y", second)], words=15)
        assert [s.text for s in out] == [plain]
        # The fact is still cited to both outlets, the one that quoted the mayor too.
        assert sorted(out[0].sources) == ["x", "y"]


def test_a_wire_dateline_is_not_part_of_the_summary_sentence() -> None:
    wired = "LENOR (Vessa Wire) - " + A
    arts = [
        make_article("a", wired),
        make_article("b", "LENOR—" + B),
        make_article("c", "VESSA, March 4 -- " + C),
    ]
    texts = {a.id: a.text for a in arts}
    out = summarize(arts, words=80)
    blocked = [s for s in out if "blocked the main road" in s.text]
    assert blocked
    for s in out:
        assert not s.text.startswith(("LENOR", "VESSA", "(")), s.text
        assert any(s.text == texts[src][sp.start : sp.end] for src in s.sources for sp in s.spans)


def test_a_sentence_that_is_only_a_quotation_is_not_summarised() -> None:
    lone = "“It is with deep regret that I must tell you the Osk dam will be built on the farmers' land.”"
    arts = [make_article("a", lone + " " + A), make_article("b", lone + " " + B), make_article("c", C)]
    out = summarize(arts, words=80)
    assert out and not any(s.text.startswith("“") for s in out)


def test_an_opening_connective_is_left_out_of_the_sentence_and_its_citation() -> None:
    arts = [
        make_article("a", A.replace("The regional council", "However, the regional council")),
        make_article("b", B.replace("The council approved", "Meanwhile the council approved")),
        make_article("c", C),
    ]
    texts = {a.id: a.text for a in arts}
    out = summarize(arts, words=90)
    approved = [s for s in out if "approved the dam in March" in s.text]
    assert approved
    for s in approved:
        assert s.text.startswith(("The regional council", "The council")), s.text
        for sp in s.spans:
            assert not texts[sp.source][sp.start : sp.end].startswith(("However", "Meanwhile"))
    # The same in the other languages of the stories.
    for opening, rest in (
        ("Sin embargo, ", "el consejo aprobó la presa de Osk en marzo pese a las objeciones de los pueblos."),
        ("Toutefois, ", "le conseil a approuvé le barrage d'Osk en mars malgré les objections des villages."),
    ):
        (shown,) = summarize([make_article("a", opening + rest)], words=20)
        assert shown.text == rest[0].upper() + rest[1:]
    # "So far" and "Still" without a comma are no connectives.
    for opening in ("So far the council", "Still photographs of the council"):
        text = opening + " show that it approved the Osk dam in March despite objections from villages."
        kept = summarize([make_article("a", text)], words=20)
        assert [s.text for s in kept] == [text]


def test_a_wording_that_names_the_speaker_is_shown_before_one_that_says_he_said() -> None:
    a = (
        "The port of Lenor will reopen to ferries on Friday after two weeks of repairs, he said. "
        "Fishermen welcomed the news."
    )
    b = (
        "Mayor Ivo Sandor said the port of Lenor will reopen to ferries on Friday "
        "after two weeks of repairs. "
        "Traders expect a busy weekend."
    )
    out = summarize([make_article("a", a), make_article("b", b)], words=30)
    reopen = [s for s in out if "reopen" in s.text]
    assert reopen and reopen[0].sources == ["a", "b"]
    assert reopen[0].text.startswith("Mayor Ivo Sandor said"), reopen[0].text


def test_a_sentence_that_leans_on_the_one_before_is_not_shown() -> None:
    a = (
        "The Lenor ferry company hired four new captains for the summer season this week. "
        "Their contracts run until the end of October and include a bonus for every crossing made on time."
    )
    b = (
        "Lenor's ferry company said on Monday that it had hired four new captains for the summer. "
        "These captains will share the night crossings with two older crews from the harbour."
    )
    out = summarize([make_article("a", a), make_article("b", b)], words=60)
    assert out and any("four new captains" in s.text for s in out)
    assert not any(s.text.startswith(("Their", "These")) for s in out), [s.text for s in out]
    # "This week, ..." points back to nothing.
    week = "This week the Lenor ferry company hired four new captains for the busy summer season."
    assert [s.text for s in summarize([make_article("a", week)], words=20)] == [week]


def test_sentence_echoing_the_other_headlines_wins_over_an_earlier_side_angle() -> None:
    # Every outlet opens on the traders' worry and reports the vote second; their headlines are about
    # the vote, so the vote is what a one-sentence summary says.
    x = (
        "Shop owners on Quill Street said two years of roadworks would drive customers away and cut their "
        "sales. The Veltra city council approved a new tram line to the harbour district on Wednesday. "
        "The line is due to open in 2029."
    )
    y = (
        "Shop owners on Quill Street warned that two years of roadworks would drive their customers away. "
        "Veltra's council approved the new tram line to the harbour district on Wednesday after a long "
        "debate. Cyclists asked for a separate lane."
    )
    z = (
        "Traders on Quill Street fear that two years of roadworks will drive customers away and cut sales. "
        "On Wednesday the city council of Veltra approved a tram line running to the harbour district. "
        "The mayor called the vote historic."
    )
    arts = [
        make_article("x", x, title="Veltra approves harbour tram line"),
        make_article("y", y, title="Council backs new tram to the harbour"),
        make_article("z", z, title="Harbour district to get tram line"),
    ]
    out = summarize(arts, words=20)
    assert "approved" in out[0].text and "tram line" in out[0].text


def test_a_pronoun_subject_put_off_by_an_opening_clause_is_not_shown() -> None:
    a = (
        "Ana Lind took over the Lenor ferry company in May and hired four new captains this week. "
        "While other owners cut crews to save money, she hired more sailors for the night crossings."
    )
    b = (
        "The Lenor ferry company, now run by Ana Lind, hired four new captains for the summer this week. "
        "Before the season opens, she wants every crossing to leave on time."
    )
    out = [s.text for s in summarize([make_article("a", a), make_article("b", b)], words=80)]
    assert out and any("four new captains" in t for t in out)
    assert not any(t.startswith(("While other owners", "Before the season")) for t in out), out


def test_a_story_with_one_voice_is_summed_up_by_its_lead_in_order() -> None:
    text = (
        "Fire crews in Ostrel put out a blaze at the old ferry depot on Sunday night. "
        "Nobody was hurt, the harbour master said. "
        "The depot had stood empty since the new terminal opened in the spring. "
        "Ostrel's ferry depot, its fire, its crews, its terminal and its harbour master were "
        "in every local conversation, and the depot's fire crews and ferry crews met at the terminal. "
        "Police are looking into the cause of the fire."
    )
    copy = make_article("b", text, duplicate_of="a")
    out = [s.text for s in summarize([make_article("a", text), copy], words=30)]
    assert out == [
        "Fire crews in Ostrel put out a blaze at the old ferry depot on Sunday night.",
        "Nobody was hurt, the harbour master said.",
        "The depot had stood empty since the new terminal opened in the spring.",
    ]


def test_a_list_marker_is_not_part_of_the_summary_sentence() -> None:
    text = (
        "Twelve facts about the Ostrel ferry\n\n"
        "1 The Ostrel ferry carried 80,000 passengers across the bay last year.\n\n"
        "2. Its crew of twelve sailors works in two shifts on the night crossings.\n\n"
        "* The harbour board plans a second ferry for the summer season.\n\n"
        "20 Ostrel sailors signed the petition for a second ferry.\n\n"
        "07.40.The harbour master said the morning crossing would leave on time."
    )
    article = make_article("a", text)
    out = summarize([article], words=70)
    assert [s.text for s in out] == [
        "The Ostrel ferry carried 80,000 passengers across the bay last year.",
        "Its crew of twelve sailors works in two shifts on the night crossings.",
        "The harbour board plans a second ferry for the summer season.",
        "20 Ostrel sailors signed the petition for a second ferry.",
        "The harbour master said the morning crossing would leave on time.",
    ]
    for s in out:
        (span,) = s.spans
        assert text[span.start : span.end] == s.text


def test_a_sentence_the_source_cut_off_is_not_summarised() -> None:
    text = (
        "The Ostrel ferry carried 80,000 passengers across the bay last year. "
        "A strike on only one of its two boats can shut down the whole crossing for a week that..."
    )
    out = [s.text for s in summarize([make_article("a", text)], words=40)]
    assert out == ["The Ostrel ferry carried 80,000 passengers across the bay last year."]
