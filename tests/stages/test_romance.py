from __future__ import annotations

from typing import Any

from builders import make_article
from storyscope.stages.entities import extract_mentions
from storyscope.stages.nlp import NlpStage, load_nlp
from storyscope.stages.quotes import extract_quotes
from storyscope.stages.romance import annotate_romance, supported


def _quotes(text: str, lang: str) -> list[dict[str, Any]]:
    ann = annotate_romance(text, lang)
    by_id = {m["id"]: m for m in ann["mentions"]}
    for q in ann["quotes"]:
        sp = q["speaker"]
        q["who"] = by_id[sp["mention"]]["text"] if sp and sp["mention"] is not None else None
        assert text[q["start"] : q["end"]] == q["text"] or len(q["spans"]) > 1
        if sp is not None:
            assert text[sp["start"] : sp["end"]] == sp["text"]
    return ann["quotes"]


def _names(text: str, lang: str) -> dict[str, dict[str, Any]]:
    ms = annotate_romance(text, lang)["mentions"]
    for i, m in enumerate(ms):
        assert m["id"] == i and text[m["start"] : m["end"]] == m["text"]
        assert m["kind"] == "name" and m["resolved_to"] is None
    return {m["text"]: m for m in ms}


def test_languages_read_by_rules() -> None:
    assert all(supported(lang) for lang in ("es", "fr", "it", "pt"))
    assert not supported("de") and not supported("en") and not supported(None)


def test_spanish_speaker_after_the_verb_past_article_and_title() -> None:
    text = "«No vamos a aceptar ningún chantaje del norte», dijo el ministro de Hacienda, Tomás Orrego Vidal."
    (q,) = _quotes(text, "es")
    assert q["text"] == "No vamos a aceptar ningún chantaje del norte"
    assert q["kind"] == "direct" and q["verb"] == "dijo" and q["cue"]["text"] == "dijo"
    assert q["who"] == "Tomás Orrego Vidal"
    names = _names(text, "es")
    assert names["Tomás Orrego Vidal"]["type"] == "person"
    assert names["Tomás Orrego Vidal"]["role"] == "ministro de Hacienda"


def test_spanish_speaker_before_the_verb_and_compound_verb() -> None:
    text = (
        "Lucía Ferrán afirmó: “El puerto de Valdora abrirá de nuevo en primavera”. "
        "Ferrán ha añadido más tarde que “nadie perderá su puesto de trabajo”."
    )
    qs = _quotes(text, "es")
    assert [q["who"] for q in qs] == ["Lucía Ferrán", "Ferrán"]
    assert [q["verb"] for q in qs] == ["afirmó", "ha añadido"]


def test_according_to_names_the_source_and_a_quotation_nobody_says_is_no_quote() -> None:
    text = (
        "Según el portavoz Andrés Quiroga, «las obras terminarán antes del verano». "
        "Los vecinos colgaron una pancarta: «queremos agua limpia para todos». "
        "El diario tituló «El agua vuelve a los barrios del sur» en portada."
    )
    qs = _quotes(text, "es")
    # The banner's words and the headline: no reporting verb, no speaker's label.
    assert [(q["who"], q["verb"]) for q in qs] == [("Andrés Quiroga", "según")]
    lone = "«Il faut agir vite maintenant», a-t-il précisé."
    assert [q["who"] for q in _quotes(lone, "fr")] == [None]


def test_a_quotation_of_two_words_is_no_quote() -> None:
    text = "La alcaldesa Rosa Medel calificó el plan de «muy arriesgado», dijo Medel."
    assert _quotes(text, "es") == []


def test_sentence_opening_words_are_not_names_and_territories_are_places() -> None:
    text = (
        "Ayer llegaron los observadores a Marruecos. Los barcos zarparon de Francia. "
        "Tras la reunión, Irene Salvat dijo que el acuerdo era bueno. Mercados y bancos cerraron."
    )
    names = _names(text, "es")
    assert names["Marruecos"]["type"] == "place" and names["Francia"]["type"] == "place"
    assert names["Irene Salvat"]["type"] == "person"
    assert not {"Ayer", "Los", "Tras", "Mercados"} & set(names)


def test_capitalised_words_that_cannot_be_typed_are_left_out() -> None:
    text = "La Comisión de Aguas del Sur se reunió con Pedro Lanza en la Plaza Mayor."
    assert _names(text, "es") == {}


def test_acronyms_are_organizations_but_not_roman_numerals_or_capital_headlines() -> None:
    names = _names("La OTAN y el FMI celebraron la XIV cumbre.\nCRISIS EN EL PUERTO\nFin.", "es")
    assert names["OTAN"]["type"] == "organization" and names["FMI"]["type"] == "organization"
    assert "XIV" not in names and "CRISIS" not in names and "EN" not in names


def test_french_attributions_and_honorific_makes_a_person() -> None:
    text = (
        "« Nous ne céderons pas à la pression », a déclaré le ministre des Affaires étrangères, "
        "Alain Corvel. M. Corvel a ajouté : « La Belgique restera ferme sur ce point. » "
        "« Il faut agir vite maintenant », a-t-il précisé. "
        "Selon Marie Lesage, « les négociations avancent lentement »."
    )
    qs = _quotes(text, "fr")
    # "a-t-il précisé" names nobody: the speaker of the quote before goes on.
    assert [q["who"] for q in qs] == ["Alain Corvel", "Corvel", "Corvel", "Marie Lesage"]
    assert qs[0]["text"] == "Nous ne céderons pas à la pression"
    assert qs[2]["verb"] == "a-t-il précisé"
    names = _names(text, "fr")
    assert names["Alain Corvel"]["role"] == "ministre des Affaires étrangères"
    assert names["Belgique"]["type"] == "place"


def test_italian_and_portuguese_attributions() -> None:
    it = (
        "«Il governo non cadrà per questa vicenda», ha detto Paolo Venturi. "
        "Secondo Carla Bini «serve una legge nuova subito»."
    )
    assert [q["who"] for q in _quotes(it, "it")] == ["Paolo Venturi", "Carla Bini"]
    pt = "“Vamos reconstruir a ponte até dezembro”, disse o prefeito João Teixeira da Costa."
    (q,) = _quotes(pt, "pt")
    assert q["who"] == "João Teixeira da Costa" and q["verb"] == "disse"


def test_a_person_repeated_by_surname_is_that_person() -> None:
    names = _names("Ana Gil dijo que todo iba bien. Horas después, Gil viajó a Portugal.", "es")
    assert names["Gil"]["type"] == "person" and names["Portugal"]["type"] == "place"


def test_stage_reads_romance_languages_skips_german_and_keeps_english() -> None:
    stage = NlpStage()
    stage.setup()
    en_text = "“We will open the bridge in May,” Mayor Ida Brandt said on Monday."
    en = make_article("e1", en_text, language="en")
    de = make_article(
        "d1", "„Wir öffnen die Brücke im Mai“, sagte Bürgermeisterin Ida Brandt.", language="de"
    )
    es = make_article("s1", "«Abriremos el puente en mayo», dijo la alcaldesa Ida Brandt.", language="es")
    out = stage.run([en, de, es])
    assert out[1] == {"skipped": "language de not supported"}
    doc = load_nlp()(en_text)
    mentions = extract_mentions(doc)
    assert out[0] == {"mentions": mentions, "quotes": extract_quotes(doc, mentions)}
    assert out[2]["quotes"][0]["speaker"]["text"] == "Ida Brandt"


def test_a_verb_without_subject_goes_on_quoting_the_speaker_before() -> None:
    text = (
        "« Le pont sera rouvert avant l'hiver », a déclaré la maire Odile Vasseur.\n"
        "« Les travaux coûteront moins que prévu », a-t-elle ajouté.\n"
        "«Tenemos agua para seis meses más», dijo Marta Ibarra. Luego habló Jorge Salas. "
        "«Nadie saldrá de la ciudad esta semana», añadió."
    )
    qs = _quotes(text, "fr")
    assert [q["who"] for q in qs[:2]] == ["Odile Vasseur", "Odile Vasseur"]
    assert qs[1].get("inherited") is True
    es = _quotes(text[text.index("«Tenemos") :], "es")
    assert es[1]["verb"] == "añadió"
    # Another person is named between them: the verb's subject is unclear.
    assert [q["who"] for q in es] == ["Marta Ibarra", None]


def test_a_body_that_speaks_is_an_organization_and_a_title_keeps_its_first_word() -> None:
    text = (
        "«No aceptaremos ninguna tregua con el régimen», ha afirmado el Consejo Nacional de Transición. "
        "El secretario general de Naciones Unidas, Kemal Oruç, pidió calma."
    )
    names = _names(text, "es")
    assert names["Consejo Nacional de Transición"]["type"] == "organization"
    assert names["Kemal Oruç"]["role"] == "secretario general de Naciones Unidas"


def test_shouted_words_and_capital_headlines_are_no_names() -> None:
    text = "ES LA ÚNICA salida, dijo. Es una única salida.\nPRESIDENTE DE VALDORIA\nLa ONU calla."
    names = _names(text, "es")
    assert "ÚNICA" not in names and "DE VALDORIA" not in names
    assert names["ONU"]["type"] == "organization"


def test_outlets_and_bodies_that_speak_are_organizations() -> None:
    text = (
        "Secondo Al Jazeera «sono morte almeno venti persone nel porto». "
        "«La missione non cambierà nei prossimi giorni», ha detto l'ONG Human Rights Watch."
    )
    names = _names(text, "it")
    assert names["Al Jazeera"]["type"] == "organization"
    assert names["ONG Human Rights Watch"]["type"] == "organization"
    es = "«Todo el mundo sabe lo que va a pasar», dijo a ELDIARIO Jaled Omar."
    assert [q["who"] for q in _quotes(es, "es")] == [None]


def test_a_capitalised_title_is_the_role_and_alone_names_nobody() -> None:
    text = (
        "Ayer habló el Presidente Arturo Beltrán en la radio. El Ministro de Exteriores viajó. "
        "Lo confirmó el Lt. General de la base."
    )
    names = _names(text, "es")
    assert names["Arturo Beltrán"]["type"] == "person" and names["Arturo Beltrán"]["role"] == "Presidente"
    assert not {"Exteriores", "General", "Ministro de Exteriores"} & set(names)
    it = _names("Parla il Presidente Usa. PRESIDENTE NOC: CALMA. Il Presidente Noc tace.", "it")
    assert it == {"Usa": it["Usa"]} and it["Usa"]["type"] == "place"


def test_a_name_and_a_colon_before_a_quotation_name_its_speaker() -> None:
    text = (
        "Marco Pellegrini: «Non lasceremo la città senza acqua».\n"
        "Libia: «Nuovi scontri vicino al porto questa notte».\n"
        "La ministra Bice Ferri aveva poi dichiarato: «Il ponte riaprirà a maggio»."
    )
    qs = _quotes(text, "it")
    # "Libia:" is a place, no speaker: its line is a headline, not a quote.
    assert [q["who"] for q in qs] == ["Marco Pellegrini", "Bice Ferri"]
    assert qs[0]["verb"] is None and qs[1]["verb"] == "aveva dichiarato"


def test_one_word_after_according_to_is_no_person_by_itself() -> None:
    text = "Selon l'Otan, « les frappes continueront toute la semaine ». Dr. R. Evan Paltry est venu."
    (q,) = _quotes(text, "fr")
    assert q["verb"] == "selon" and q["speaker"] is None
    names = _names(text, "fr")
    assert "Otan" not in names and "R" not in names


def test_a_title_whose_body_is_in_lower_case_still_leads_to_the_name() -> None:
    it = "«Il porto riaprirà a maggio», ha detto il portavoce del governo Ivo Sarti, citando il decreto."
    assert [q["who"] for q in _quotes(it, "it")] == ["Ivo Sarti"]
    fr = "«Les ferries reprendront lundi», a assuré le chef de la diplomatie, Lucie Vernet."
    assert [q["who"] for q in _quotes(fr, "fr")] == ["Lucie Vernet"]
    es = "«Reabriremos el puerto en mayo», dijo el secretario de asuntos exteriores, Ana Gil."
    assert [q["who"] for q in _quotes(es, "es")] == ["Ana Gil"]
    # A body of more than one word that does not end at a comma holds a verb: the name is no speaker.
    verb = "«Reabriremos el puerto en mayo», dijo el ministro de defensa visitó Bengasi."
    assert [q["who"] for q in _quotes(verb, "es")] == [None]
    assert "Bengasi" not in _names(verb, "es")


def test_a_name_a_locative_preposition_introduces_twice_is_a_place() -> None:
    es = (
        "Los rebeldes entraron en Velmira el domingo. Hubo combates en Velmira toda la noche. "
        "Velmira reconoció ayer que «las tropas no podrán resistir mucho tiempo más». "
        "Muchos dicen confiar en Dorval, que llegó ayer."
    )
    names = _names(es, "es")
    assert names["Velmira"]["type"] == "place"  # and so no person speaking
    assert "Dorval" not in names  # once after "en": no evidence either way
    it = (
        "Il ferito è stato portato in Ospedale. In serata, in Ospedale, i medici hanno parlato "
        "con l'ospedale di Marsala."
    )
    assert "Ospedale" not in _names(it, "it")  # a noun the article also writes in lower case
    titled = (
        "Il colonnello Aldo Ferri ha parlato ai giornalisti. Tutti credono in Aldo Ferri; "
        "molti sperano in Aldo Ferri."
    )
    assert _names(titled, "it")["Aldo Ferri"]["type"] == "person"
