"""Turns scraped article text into the article body, keeping a map back to the raw text.

Input is text already extracted from a web page, with the page's junk still in it: navigation,
related-article links, captions and photo credits, share buttons, cookie notices, comment forms,
ads, contributor credits, the headline repeated. The cleaner works on *units* (a non-blank line, or
a line and its lower-case continuation lines) and decides for each whether it belongs to the story.

Signals, language-independent first:

1. shape: words, characters, sentence-final punctuation, stopword density (small multilingual
   lists), list bullets, a line that is only a date or only a name;
2. position: the body is found as the densest run of prose units (a maximum-sum segment over
   per-unit weights), so menus before it and footers after it fall away without keywords;
3. context: runs of short non-sentence lines (link lists), lines repeated in the page, short lines
   between prose kept as subheads, a marker line ("Read more") taking the link titles after it,
   comment threads ("name says:" lines), prose nested deeper than the body at its end (teasers);
   lines of program code, ingredient lists and lists announced by a sentence ending in a colon
   are never taken for link lists;
4. small multilingual keyword lists (English, German, French, Spanish, Italian, Dutch, Polish,
   Portuguese) for the junk that has no shape of its own: captions, credits, prompts, ads.

Every kept unit is copied verbatim from the raw text (one :class:`Segment` each), paragraphs are
joined with a blank line, and every dropped unit is recorded as a :class:`Removed` span with a reason.

Idempotence: the unit decisions are iterated to a fixed point (a pass over the surviving units
removes nothing more), and cleaned text splits back into exactly the units it was made of, so
``clean_text(clean_text(raw, t).text, t)`` keeps everything. Deterministic; pure Python and regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyscope.models import OffsetMap, Removed, Segment


@dataclass
class Cleaned:
    """The cleaned body, its map back to raw offsets, and what was dropped (with why)."""

    text: str
    offset_map: OffsetMap
    removed: list[Removed]


# --- vocabulary -------------------------------------------------------------------------------

# Function words of the languages we meet most. Prose is dense in them; menus, tags, bylines and
# headlines much less so. Short lists on purpose: only frequent, unambiguous forms.
_STOPWORDS = frozenset(
    """
    a an the and or but of to in on at for with from by as is are was were be been has have had it
    its this that these those he she they we you i his her their our not no will would can could
    which who whom what when where there than then so if into over after before about also said
    der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war waren
    wird werden wurde wurden hat haben hatte mit von zu im in am an auf aus bei für nach über unter
    vor auch sich sie er es wir ich ihr sein seine dass daß als wie noch nur schon so um
    le la les un une des du de et ou mais est sont était été a ont avec pour par sur dans au aux ce
    cette ces il elle ils nous vous qui que ne pas plus se sa son ses leur
    el los las una unos del al y o pero es son fue ha han con por para en lo como más su sus que no
    il lo gli i uno della delle dei degli nel nella e è sono era ha hanno con per che non si anche
    het een en of maar is zijn was werd heeft hebben met van voor op aan bij uit dat die niet ook
    się w z na do nie że to jest są był była od po przez dla oraz jak ale jego jej ich
    o os um uma do da dos das em no na nos nas com por para não mais foi são
    och att det som är på för av till om och den inte har og er til af ikke
    и в не на что с по это он как а к из у за от о для его она был были но же то
    v se je že z do ve ze jsou byl jako pro by k
    ve bir bu da için ile çok olarak gibi daha
    az és hogy nem is egy
    """.split()
)

_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# Sentence-final punctuation, allowing closing quotes and brackets after it.
_SENT_END = re.compile(r"""[.!?…。！？]["'”’»«“)\]」』]*$|[.!?…]\s+\S{1,3}$""")
# Scripts written without spaces between words: their characters count as half a word each.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_COLON_END = re.compile(r"[:;]$")
_BULLET = re.compile(r"^(?:[*+•·▪►–—-]|o(?=\s)|\d{1,2}[.)](?=\s))\s*")
# Program code in a tutorial or a blog post: assignments, calls, braces, imports, shell prompts.
_CODE = re.compile(
    r"\w\s*[-+*/!=<>]?=\s*\S|[\w)\]]\([^()]*\)|[{};]\s*$|^\s*[{}]|\w(?:\.\w+)+\(|::|->|"
    r"^\s*(?:import \w|from [\w.]+ import |def \w|class \w+[(:]|return\b|#include|\$ \w|>>> |//)",
    re.M,
)
_CODE_CHARS = frozenset("=(){};:>$/#")  # one of these, or a keyword first, before _CODE is tried
_CODE_WORDS = ("import ", "from ", "def ", "class ", "return")
_QUANTITY = re.compile(
    r"^(?:[*+•·▪►–—-]\s*)?(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*(?:-|–|bis|to)\s*\d+)?\s*"
    r"(?:g|gr|kg|mg|ml|cl|dl|l|oz|lbs?|pounds?|cups?|tbsp|tsp|tablespoons?|teaspoons?|el|tl|"
    r"prisen?|pinch|cans?|jars?|box(?:es)?|cloves?|stück|stk|pck|päckchen|packungen?|pkg|"
    r"scheiben?|slices?|bund|zehen?|dashes?|spritzer|becher|tassen?|msp)\b",
    re.I,
)
_URL = re.compile(r"https?://|www\.\w|\w@\w+\.\w|\[email\s*protected\]", re.I)

_MONTHS = (
    r"jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vrier|m[äa]r(?:ch|z)|mars|apr(?:il)?|avril|may|mai|"
    r"june?|juni|juin|july?|juli|juillet|aug(?:ust)?|ao[uû]t|sep(?:t|tember|tembre)?|oct(?:ober)?|"
    r"okt(?:ober)?|octobre|nov(?:ember|embre)?|dec(?:ember)?|dez(?:ember)?|d[ée]cembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_DAYS = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
)
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS}|\d{{1,4}}(?:[./:-]\d{{1,4}}){{0,2}}\.?|am|pm|a\.m\.|p\.m\.|uhr|h|"
    r"utc|gmt|cet|cest|mez|est|edt|pst|pdt|bst|ist|ago|vor|il y a|hace|"
    r"(?:min(?:ute)?|hour|hr|day|week|month|year|minute|stunde|tag|woche|monat|jahr)[sn]?e?n?)\b",
    re.I,
)

# Junk that has no shape of its own, by reason. ``_LINE_*`` must match the whole (short) unit;
# ``_PREFIX_*`` its start; ``_ANY_*`` anywhere in it.
_LINE_NAV = re.compile(
    r"^(?:back to top(?: button)?|to top|top|home|menu|search|close|skip to (?:main )?content|"
    r"next|previous|prev|next article|previous article|next story|more|show more|load more|"
    r"view all|see all|all news|sections?|main menu|navigation|log ?in|sign ?in|log ?out|register|"
    r"nach oben|zurück|weiter|startseite|suche|men[üu]|schließen|zum inhalt(?: springen)?|"
    r"mehr anzeigen|alle artikel|zur startseite|zurück zur übersicht|seite drucken|"
    r"retour en haut|accueil|rechercher|fermer|suivant|précédent|haut de page|"
    r"inicio|buscar|cerrar|volver arriba|siguiente|anterior|torna su|cerca|chiudi|successivo|"
    r"precedente|terug naar boven|zoeken|volgende|vorige|strona główna|szukaj|dalej|wstecz|"
    r"\W*|\d+|page \d+(?: of \d+)?|seite \d+(?: von \d+)?)\W*$",
    re.I,
)
_LINE_SHARE = re.compile(
    r"^(?:(?:diese[nrs]? )?(?:artikel|beitrag|seite|story) (?:teilen|empfehlen)|"
    r"teile (?:diesen|den) (?:beitrag|artikel)(?: auf)?|"
    r"(?:share|teilen|partager|compartir|condividi|delen|udostępnij|compartilhar)"
    r"(?: (?:this|on|via|auf|sur|en|su|this article|this story|artikel|article))?\W*\w*|"
    r"facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|reddit|xing|flipboard|e-?mail|mail|"
    r"print|drucken|imprimer|imprimir|stampa|tweet|twittern|pin it|copy link|link kopieren|"
    r"copy|kopieren|versenden|send|envoyer|enviar|invia|follow us|folgen sie uns|suivez-nous|"
    r"síguenos|seguici|rss|feedback|like|gefällt mir|j'aime|me gusta|mi piace)"
    r"(?:\W+(?:facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|reddit|xing|e-?mail|mail|"
    r"print|drucken|copy link|rss|messenger|flipboard))*\W*$",
    re.I,
)
_PREFIX_RELATED = re.compile(
    r"^\W{0,3}(?:see also|read more|read also|also read|related(?: articles?| stories| content| news|"
    r" posts?| coverage| topics)?|more on this(?: story| topic)?|more from|more stories|more news|"
    r"recommended(?: for you| stories| articles)?|latest (?:articles|posts|stories)|recent posts|"
    r"popular posts|neu(?:e)?ste (?:artikel|beiträge|nachrichten)|beliebte (?:artikel|beiträge)|"
    r"aktuelle (?:artikel|beiträge)|you (?:may|might) (?:also )?(?:like|enjoy|want to (?:read|check|see))|"
    r"most read|most popular|"
    r"trending(?: now)?|editor'?s picks|further reading|more:|top stories|latest news|"
    r"lesen sie (?:auch|mehr|hier)|mehr zum thema|mehr dazu|auch interessant|weiterlesen|"
    r"weitere (?:artikel|nachrichten|beiträge|themen|meldungen)|mehr themen|verwandte (?:artikel|themen)|"
    r"ähnliche (?:artikel|beiträge|themen)|das könnte (?:sie|dich|euch) auch interessieren|meistgelesen|"
    r"(?:à )?lire (?:aussi|également|la suite)|voir aussi|sur le même sujet|"
    r"(?:lee|leer|ver) (?:también|más)|noticias relacionadas|"
    r"leggi (?:anche|tutto)|potrebbe interessarti|articoli correlati|lees ook|lees meer|gerelateerd|"
    r"zobacz (?:też|także|również)|czytaj (?:też|także|również|więcej)|leia (?:também|mais)|"
    r"veja também|läs (?:mer|också)|læs (?:også|mere)|les (?:også|mer))(?:\b|(?<=:))",
    re.I,
)
_PREFIX_TAGS = re.compile(
    r"^\W{0,3}(?:(?:related )?tags?|topics?|keywords?|filed under|categories|category|"
    r"schlagw(?:ö|oe)rter|schlagworte|themen|stichw(?:ö|oe)rter|mots[- ]cl[ée]s|sujets?|"
    r"etiquetas|temas|argomenti|tag|trefwoorden|onderwerpen|tagi)\s*:",
    re.I,
)
# The same, written without a colon: "Filed under Politics", "Posted in News, Sport".
_PREFIX_FILED = re.compile(
    r"^\W{0,3}(?:filed under|posted in|tagged(?: with| in| as)?|abgelegt unter|veröffentlicht in|"
    r"kategorien?|classé dans|publicado en|archiviato in)\s+\w",
    re.I,
)
# "12 responses to <headline>", "3 thoughts on ...", "142 Antworten zu ...": a comment thread starts.
_THREAD_HEADER = (
    r"^\W*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eine?|zwei|drei|vier|fünf|un|une|"
    r"deux|trois|uno|una|dos|tres|due|tre|één|twee|drie)\s+(?:responses?|repl(?:y|ies)|comments?|thoughts?|antworten|kommentare?|reaktionen|"
    r"commentaires?|réponses?|comentarios?|respuestas?|commenti|risposte|reacties|komentarz[ey]?)\s+"
    r"(?:to|on|zu|auf|sur|à|a|en|para|su|a|op|do)\b"
)
_ANY_COMMENT = re.compile(
    r"leave a (?:reply|comment)|post (?:a )?comment|add (?:a )?comment|comments? (?:are|is) closed|"
    r"your email address will not be published|required fields are marked|join the (?:discussion|"
    r"conversation)|^\W*(?:\d+\s+)?comments?\W*(?:\(\d+\))?\W*$|^\W*\d+\s+repl(?:y|ies)\W*$|"
    r"to (?:post|write) a comment|log in to comment|be the first to comment|"
    r"^\W*(?:\d+\s+)?kommentare?\W*(?:\(\d+\))?\W*$|kommentar (?:schreiben|verfassen|abgeben)|"
    r"schreiben sie (?:einen|den ersten) kommentar|ihre e-mail-adresse wird nicht veröffentlicht|"
    r"erforderliche felder sind|pflichtfelder sind|kommentare? (?:sind )?geschlossen|"
    r"^\W*(?:\d+\s+)?commentaires?\W*$|laisser un commentaire|votre adresse e-mail ne sera pas publiée|"
    r"^\W*(?:\d+\s+)?comentarios?\W*$|deja (?:un|tu) comentario|^\W*(?:\d+\s+)?commenti\W*$|"
    r"lascia un commento|^\W*(?:\d+\s+)?reacties?\W*$|^\W*(?:\d+\s+)?komentarze?\W*$|" + _THREAD_HEADER,
    re.I,
)
_ANY_AD = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?: content)?|promoted|anzeige|werbung|publicit[ée]|"
    r"publicidad|pubblicit[àa]|reklama|advertentie|ad|ads)\W*$|"
    r"\bnewsletter\b|\bsubscribe\b|\bsign up\b|\bunsubscribe\b|abonnieren|jetzt abonnieren|"
    r"abonnez-vous|suscr[ií]bete|iscriviti|abonneer|zapisz się|stellenangebote|"
    r"\bcookies?\b|privacy policy|datenschutzerklärung|terms of (?:use|service)|nutzungsbedingungen|"
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"tutti i diritti riservati|download (?:the|our) app|get the app|app herunterladen|"
    r"^\W*(?:impressum|datenschutz|kontakt|contact(?: us)?|about us|über uns|imprint|agb|faq|"
    r"mentions légales|aviso legal|privacy)\W*$|jetzt registrieren|\bspenden?\b|"
    r"beiträge per e-mail|posts by email|warenkorb|add to cart",
    re.I,
)
# Words that make a short line junk but are everyday words in a story's sentences ("500 jobs").
_AD_WORDS = re.compile(r"\bjobs?\b|\bdonat(?:e|ions?)\b", re.I)
_ANY_CAPTION = re.compile(
    r"\((?:photo|picture|image|foto|bild|fotó|zdjęcie)\b[^)]*\)|"
    r"^\W*(?:file )?(?:photo|picture|image|foto|bild|bildquelle|fotos?|credit|photograph|"
    r"illustration|grafik|quelle|source|crédit|crédits|fuente|fonte|zdjęcie|afbeelding)\s*(?:credit)?\s*:|"
    r"©|\(c\)\s|\bcopyright\b|getty ?images|\bimago\b|shutterstock|\bistock\b|picture[- ]alliance|"
    r"\bfile photo\b|/\s*(?:afp|ap|reuters|dpa|epa|anp|ansa|efe)\b|"
    r"\b(?:afp|ap|reuters|dpa|epa)\s*(?:photo|/)|\((?:afp|ap|reuters|dpa|epa|efe|ansa)\)\s*$|"
    r"\b(?:photo|foto|bild|image|credit|fuente|fonte|abbildung)s?\s*:\s*[^.:]{1,40}$|^\W*abbildung\s*:|"
    r"photo\s*credit|bildrechte|fotocredit|^\W*(?:enlarge|vergrößern|zoom)\W*(?:this )?(?:image|bild)?\W*$",
    re.I,
)
_ANY_CREDIT = re.compile(
    r"contributed (?:to )?(?:this |the )?(?:report|story|reporting|article)|contributed\.\s*$|"
    r"(?:additional )?reporting by\b|editing by\b|writing by\b|compiled by\b|"
    r"\bmit material (?:von|der|des)\b|^\W*mitarbeit\s*:|^\W*\(?(?:mit )?(?:dpa|afp|ap|reuters|kna|epd)"
    r"(?:\s*[,/]\s*(?:dpa|afp|ap|reuters|kna|epd))*\)?\W*$|avec (?:afp|reuters|ap)\s*$",
    re.I,
)
_PREFIX_BYLINE = re.compile(
    r"^\W{0,3}(?:by|von|par|por|di|door|autor|author|written by|text|texto|testo|"
    r"updated|published|posted|last updated|first published|aktualisiert(?: am)?|veröffentlicht(?: am)?|"
    r"stand|erstellt|publié le|mis à jour|publicado|actualizado|pubblicato|aggiornato|"
    r"gepubliceerd|bijgewerkt|opublikowano)\b[\s:]",
    re.I,
)
# Comment threads, related-link blocks and the footer begin with one of these: past the body, the
# body does not resume after them.
_HARD_STOP = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties?|"
    r"komentarze?|leave a (?:reply|comment)|post (?:a )?comment|add (?:a )?comment|"
    r"you (?:may|might) also like|das könnte (?:sie|dich|euch) auch interessieren|"
    r"about the author|über den autor|über die autorin|most read|most popular|meistgelesen)"
    r"\W*(?:\(\d+\))?\W*$|" + _THREAD_HEADER,
    re.I,
)
# The last word of a comment's author line ("jsmith says:", "Anna on 3 May 2019 at 9:12 said:").
_AUTHOR_VERBS = frozenset(
    """says said wrote writes sagt sagte schreibt schrieb meint meinte dit écrit dice dijo escribió
    scrive ha scritto zegt schreef napisał pisze disse escreveu""".split()
)
# Cookie banners come as long prose too, so they are matched at any length.
_COOKIE_PROSE = re.compile(
    r"(?:web)?site (?:uses|use|is using) cookies|we use cookies|uses cookies to|"
    r"(?:web)?seite (?:verwendet|nutzt|benutzt) cookies|wir (?:verwenden|nutzen|setzen) cookies|"
    r"utilise des cookies|utilizza (?:i )?cookie|utiliza cookies|usamos cookies|gebruikt cookies",
    re.I,
)
# Consent panels: cookies, the reader or the site addressed, and consent or settings wording.
_COOKIE_WORDS = frozenset("cookie cookies ciasteczka".split())
_PERSON_WORDS = frozenset(
    """we our us you your wir uns unser unsere unserer unseren ihr ihre ihren ihrer ihnen sie du dein
    deine nous notre nos vous votre vos nosotros nuestro nuestra usted su sus noi nostro vostro wij
    onze u uw jij""".split()
)
_CONSENT = re.compile(
    r"consent|accept|agree|reject|decline|opt[- ]?(?:in|out)|settings|preferences|browser|"
    r"(?:web)?site|personal (?:data|information)|track|"
    r"einwillig|zustimm|akzeptier|ablehn|einstellung|webseite|personenbezogen|"
    r"consentement|accepter|refuser|paramètres|navigat|données|"
    r"consentimiento|aceptar|rechazar|configuración|navegador|consenso|accett|rifiut|"
    r"toestemming|accepteren|instellingen|zgod|akceptuj|ustawienia",
    re.I,
)

# Newsletter, paywall and ad-blocker prompts written as sentences (up to a paragraph long).
_PROMPT_PROSE = re.compile(
    r"enter your e-?mail|your e-?mail (?:address )?(?:below|here)|already (?:a )?(?:subscriber|member)|"
    r"\bad[- ]?blockers?\b|disable your ad|whitelist (?:us|our site)|"
    r"support (?:our|independent|local|quality) (?:journalism|reporting|newsroom)|"
    r"become a (?:member|subscriber|patron|supporter)\b|delivered (?:straight |directly )?to your inbox|"
    r"(?:werbe|ad)blocker|bereits abonnent|e-mail-adresse eingeben|unterstützen sie (?:unseren|unabhängigen) "
    r"journalismus|direkt in ihr postfach|déjà abonné|bloqueur de publicité",
    re.I,
)
# The site's licence notice: "All content is licensed under a Creative Commons ... License".
_SITE_LICENSE = re.compile(
    r"\blicen[sc]ed under\b|"
    r"(?:published|available|covered) (?:under|by) (?:a |the )?[\w .-]{0,40}licen[sc]e\b|"
    r"creative commons (?:attribution|namensnennung)|some rights reserved|einige rechte vorbehalten|"
    r"lizenziert unter|(?:steht|stehen) (?:\w+ ){0,3}unter (?:einer|der) (?:\w+ )?(?:creative|cc|lizenz)|"
    r"unter der lizenz cc|sous licence creative|bajo (?:una )?licencia creative",
    re.I,
)
# Prompts around the story asking the reader to rate, share or comment, and affiliate disclosures.
_ENGAGE = re.compile(
    r"(?:did you )?(?:like|enjoy)(?:ed)? (?:this|the) (?:article|post|story)\?|"
    r"was this (?:article|post|page|story|information) (?:helpful|useful)|"
    r"share (?:this|it) with (?:your )?friends|"
    r"be sociable|you must be logged in to|this site uses akismet|affiliate links?|"
    r"(?:contains|includes) (?:affiliate|sponsored|paid)|earn (?:a|an affiliate) commission|"
    r"(?:hat|haben) (?:dir|ihnen|euch) (?:der|dieser|unser) (?:artikel|beitrag) gefallen|"
    r"(?:artikel|beitrag) gefällt (?:dir|ihnen|euch)|gefällt (?:dir|ihnen|euch) (?:dieser|der|unser) "
    r"(?:artikel|beitrag)|(?:artikel|beitrag) gefallen\?|war (?:der|dieser) (?:artikel|beitrag) "
    r"(?:hilfreich|nützlich)|(?:mit freunden|jetzt|artikel|beitrag) teilen\b|vergiss nicht zu teilen|"
    r"(?:musst|müssen) (?:\w+ )?(?:angemeldet|eingeloggt) sein|(?:einloggen|anmelden), um|"
    r"hinterlasse(?:n sie)? (?:eine|einen) (?:antwort|kommentar)|^\W*kommentieren(?: sie hier)?\W*$|"
    r"verraten sie (?:uns )?(?:gerne )?in den kommentaren|ihre meinung (?:zu diesem thema|ist gefragt)|"
    r"verwendet akismet|provisions?-?links?|(?:enthält|enthalten) (?:werbung|affiliate|provisions)|"
    r"erhält (?:\w+ )?(?:ggf\.|gegebenenfalls|eine) (?:\w+ )?(?:provision|vergütung)|podziel się",
    re.I,
)

# --- units ------------------------------------------------------------------------------------

# Tokens at least one of which a unit must contain before the costlier "anywhere" patterns run:
# most units are prose that contains none, and a set lookup is far cheaper than a regex search.
_TRIGGERS = {
    "comment": frozenset(
        """leave post add comment comments closed email required join reply replies write log first
        kommentar kommentare kommentieren erforderliche pflichtfelder geschlossen commentaire
        commentaires laisser adresse comentario comentarios deja commenti commento lascia reactie
        reacties komentarz komentarze responses response thoughts thought antworten reaktionen réponses
        respuestas risposte komentarzy""".split()
    ),
    "credit": frozenset(
        """contributed reporting editing writing compiled material mitarbeit dpa afp ap reuters kna epd
        avec""".split()
    ),
    "caption": frozenset(
        """photo picture image foto bild bildquelle fotos credit photograph illustration grafik quelle
        source crédit crédits fuente fonte zdjęcie afbeelding c copyright getty images gettyimages imago
        shutterstock istock alliance file afp ap reuters dpa epa anp ansa efe photocredit bildrechte
        fotocredit enlarge vergrößern zoom fotó abbildung""".split()
    ),
    "prompt": frozenset(
        """email mail already adblocker adblockers blocker blockers disable whitelist support become
        inbox werbeblocker bereits unterstützen postfach déjà bloqueur""".split()
    ),
    "license": frozenset(
        """licensed licenced license licence attribution namensnennung rights rechte lizenziert
        steht stehen lizenz licencia""".split()
    ),
    "engage": frozenset(
        """like liked enjoy enjoyed helpful useful share sociable logged akismet affiliate contains
        includes commission gefallen gefällt hilfreich nützlich teilen angemeldet eingeloggt einloggen
        anmelden hinterlasse hinterlassen kommentieren kommentaren meinung provision provisionslink
        provisionslinks enthält enthalten erhält podziel""".split()
    ),
    "ad": frozenset(
        """advertisement advertising sponsored promoted anzeige werbung publicité publicite publicidad
        pubblicità pubblicita reklama advertentie ad ads newsletter subscribe sign unsubscribe
        abonnieren abonnez suscríbete suscribete iscriviti abonneer zapisz job jobs stellenangebote
        cookie cookies privacy datenschutzerklärung terms nutzungsbedingungen rights rechte droits
        derechos diritti download app impressum datenschutz kontakt contact about über imprint agb faq
        mentions aviso jetzt spende spenden donate donation beiträge posts warenkorb cart""".split()
    ),
}


@dataclass(slots=True)
class _Unit:
    start: int  # raw offsets of the unit's first and one-past-last non-blank character
    end: int
    text: str
    words: int = 0
    stop: float = 0.0
    sent: bool = False  # ends a sentence
    colon: bool = False  # ends with a colon or semicolon (introduces what follows)
    bullet: bool = False
    key: str = ""  # normalised tokens, for comparing units with each other and with the title
    kind: str = ""  # "good" (prose), "near" (a short sentence), "headlike", "short", "bad" (junk)
    reason: str = ""  # why a "bad" unit is junk
    hard_stop: bool = False  # a comment-section or related-links header: the body does not cross it
    base: float = 0.0  # region weight from the unit alone
    indent: int = 0  # leading blanks on its line: in rendered HTML, a proxy for the DOM depth
    author: bool = False  # shaped like a comment's author line ("name says:"); junk only in a thread
    code: bool = False  # shaped like a line of program code: part of the story, never a link list


def _split_units(raw: str, lo: int = 0, hi: int | None = None) -> list[_Unit]:
    """Non-blank lines of ``raw[lo:hi]``, a line joined with the lower-case lines continuing it."""
    hi = len(raw) if hi is None else hi
    units: list[_Unit] = []
    prev_line_open = False  # the previous line is non-blank and does not end a sentence
    pos = lo
    while pos < hi:
        nl = raw.find("\n", pos, hi)
        stop = hi if nl < 0 else nl
        s, e, line_start = pos, stop, pos
        pos = stop + 1
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        if s == e:
            prev_line_open = False
            continue
        if prev_line_open and raw[s].islower() and not _BULLET.match(raw[s : s + 4]):
            # A line broken inside a sentence (a <br> in the page, a hard-wrapped text): one unit.
            units[-1].end = e
        else:
            units.append(_Unit(s, e, "", indent=s - line_start))
        line = raw[s:e]
        prev_line_open = not _SENT_END.search(line) and not _COLON_END.search(line)
    for u in units:
        u.text = raw[u.start : u.end]
    return units


def _norm_tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(text)]


def _describe(u: _Unit) -> bool:
    """Fill the shape features of ``u``; True if it is written in a script without spaces."""
    text = u.text
    m = _BULLET.match(text)
    body = text[m.end() :] if m and m.end() < len(text) else text
    u.bullet = body is not text
    tokens = body.split()
    u.words = len(tokens)
    cjk = 0
    if not body.isascii():
        cjk = len(_CJK.findall(body))
        u.words += cjk // 2
    if tokens:
        u.stop = sum(1 for t in tokens if t.strip(".,;:!?\"'()«»„“”’").casefold() in _STOPWORDS) / len(tokens)
    stripped = body.rstrip()
    u.sent = bool(_SENT_END.search(stripped))
    u.colon = bool(_COLON_END.search(stripped))
    u.key = " ".join(_norm_tokens(text))
    if u.words <= 14 and stripped.endswith(":"):
        head, _, last = stripped[:-1].rstrip().rpartition(" ")
        u.author = bool(head) and last.casefold() in _AUTHOR_VERBS
    if u.stop < 0.3 and (not _CODE_CHARS.isdisjoint(text) or text.startswith(_CODE_WORDS)):
        u.code = bool(_CODE.search(text))
    return cjk > 10


def _junk_reason(u: _Unit) -> str:
    """A keyword- or shape-based reason this unit is junk wherever it stands, or ""."""
    text = u.text
    body = _BULLET.sub("", text, count=1) if u.bullet else text
    if not _LETTER.search(text):
        return "navigation"
    if _PREFIX_TAGS.match(body + ":"):
        return "tags"
    if u.words <= 8:
        if _LINE_SHARE.match(body):
            return "share"
        if _LINE_NAV.match(body):
            return "navigation"
    if _PREFIX_RELATED.match(body) and (u.words <= 25 or not u.sent):
        return "related-links"
    if _PREFIX_TAGS.match(body) or (u.words <= 12 and not u.sent and _PREFIX_FILED.match(body)):
        return "tags"
    tokens = set(u.key.split())
    if u.words <= 40 and tokens & _TRIGGERS["comment"] and _ANY_COMMENT.search(body):
        return "comment-prompt"
    if u.words <= 60 and tokens & _TRIGGERS["credit"] and _ANY_CREDIT.search(body):
        return "credit"
    if u.words <= 60 and ("©" in body or tokens & _TRIGGERS["caption"]) and _ANY_CAPTION.search(body):
        return "caption"
    story_sentence = u.sent and u.words >= 8
    if (
        (u.words <= 30 or u.stop < 0.1)
        and tokens & _TRIGGERS["ad"]
        and (_ANY_AD.search(body) or (not story_sentence and _AD_WORDS.search(body)))
    ):
        return "ad"
    if tokens & _COOKIE_WORDS and (
        _COOKIE_PROSE.search(body) or (tokens & _PERSON_WORDS and _CONSENT.search(body))
    ):
        return "ad"
    if u.words <= 60 and tokens & _TRIGGERS["prompt"] and _PROMPT_PROSE.search(body):
        return "ad"
    if u.words <= 60 and tokens & _TRIGGERS["license"] and _SITE_LICENSE.search(body):
        return "credit"
    if u.words <= 25 and tokens & _TRIGGERS["engage"] and _ENGAGE.search(body):
        return "share"
    if u.words <= 12:
        if _URL.search(body) and not u.code:
            return "navigation"
        if _PREFIX_BYLINE.match(body) and not u.sent:
            return "byline"
        if any(c.isdigit() for c in body) and len(_LETTER.findall(_DATE_TOKEN.sub(" ", body))) <= 3:
            return "dateline"
    if u.words <= 25 and not u.sent and body.count(" | ") >= 2:
        return "navigation"  # "date | categories: a, b | 3 comments": a meta line, or a menu on one line
    return ""


def _classify(u: _Unit) -> None:
    """Shape class and base region weight of one unit (junk keywords first)."""
    cjk = _describe(u)
    reason = _junk_reason(u)
    if reason:
        u.kind, u.reason = "bad", reason
        u.hard_stop = bool(_HARD_STOP.match(u.text))
        u.base = -4.0
    elif (
        (u.words >= 10 and u.sent)
        or (u.words >= 18 and u.stop >= 0.15)
        or (u.words >= 35 and (u.stop >= 0.08 or cjk))
        or (len(u.text) >= 70 and u.sent)
    ):
        u.kind = "good"
        # Prose is dense in function words; a long run of names and links is not.
        u.base = min(float(u.words), 80.0) * (0.5 + min(u.stop, 0.3) / 0.6)
        if not u.sent:
            u.base *= UNSENT_FACTOR
    elif u.sent and u.words >= 2 and (u.stop > 0 or u.words >= 4):
        u.kind, u.base = "near", 1.0
    elif u.colon and u.words >= 2:
        u.kind, u.base = "near", 0.5
    elif not u.sent and u.words <= 12 and (u.text[:1].isupper() or u.text[:1].isdigit() or u.bullet):
        u.kind = "headlike"
    else:
        u.kind = "short"
        u.base = 0.5 if u.words >= 10 else 0.0


# --- decisions --------------------------------------------------------------------------------

_HARD_STOP_WEIGHT = -200.0
FLOOR_ABS = 12.0
FLOOR_REL = 0.15
INDENT_SLACK = 4
UNSENT_FACTOR = 0.5
TRIM_MIN_UNITS = 1
_TITLE_BONUS = 30.0  # the headline sits right above the body: an anchor for the region


def _is_title(tokens: list[str], title: list[str], title_set: frozenset[str]) -> bool:
    if not tokens or not title:
        return False
    if tokens == title:
        return True
    if len(tokens) < 3 or len(tokens) > 1.5 * len(title) + 2:
        return False
    line_set = set(tokens)
    overlap = len(line_set & title_set)
    # Near-copies: a headline with the site name appended (on either side), a shortened or
    # re-punctuated headline.
    small, big = sorted((len(line_set), len(title_set)))
    return overlap >= 0.85 * small and overlap >= 0.6 * big


def _best_segment(weights: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum run of ``weights[lo:hi]`` (Kadane): (sum, start, end)."""
    best, best_lo, best_hi = float("-inf"), lo, lo
    run, run_lo = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, run_lo = 0.0, i
        run += weights[i]
        if run > best:
            best, best_lo, best_hi = run, run_lo, i + 1
    return best, best_lo, best_hi


def _main_indent(units: list[_Unit], weights: list[float], lo: int, hi: int) -> int:
    """The indentation carrying most of the prose weight in ``units[lo:hi]``."""
    by_indent: dict[int, float] = {}
    for i in range(lo, hi):
        if weights[i] > 0:
            by_indent[units[i].indent] = by_indent.get(units[i].indent, 0.0) + weights[i]
    return max(sorted(by_indent), key=lambda k: by_indent[k]) if by_indent else -1


def _trim_deeper_tail(units: list[_Unit], weights: list[float], lo: int, hi: int, body_indent: int) -> int:
    """Cut prose nested deeper than the body off the end of the body run.

    Teaser blocks, comment threads and sidebars read like prose and sit right after the story, so the
    density search swallows them; in a rendered page they hang deeper than the story's paragraphs.
    """
    last = hi - 1
    while last >= lo and not (weights[last] > 0 and units[last].indent <= body_indent + INDENT_SLACK):
        last -= 1
    if last < lo:
        return hi
    tail = [i for i in range(last + 1, hi) if weights[i] > 0]
    if len(tail) >= TRIM_MIN_UNITS:
        return last + 1
    return hi


def _body_mask(units: list[_Unit], weights: list[float], stops: list[bool]) -> list[bool]:
    """Which units lie in the body: the densest run of prose, plus prose runs beside it.

    Runs on the other side of a hard stop (a comments or related-links header) never join.
    """
    n = len(units)
    inside = [False] * n
    best, lo, hi = _best_segment(weights, 0, n)
    if best <= 0:
        return inside
    body_indent = _main_indent(units, weights, lo, hi)
    hi = _trim_deeper_tail(units, weights, lo, hi, body_indent)
    for i in range(lo, hi):
        inside[i] = True
    zone_lo, zone_hi = lo, hi
    while zone_lo > 0 and not stops[zone_lo - 1]:
        zone_lo -= 1
    while zone_hi < n and not stops[zone_hi]:
        zone_hi += 1
    # A body cut in two by a block of junk (a gallery, an ad, a link list): keep the other part
    # when it is substantial prose in its own right, laid out like the main part.
    floor = max(FLOOR_ABS, FLOOR_REL * best)
    for a, b in ((zone_lo, lo), (hi, zone_hi)):
        while a < b:
            s, x, y = _best_segment(weights, a, b)
            if s < floor:
                break
            if abs(_main_indent(units, weights, x, y) - body_indent) <= INDENT_SLACK:
                for i in range(x, y):
                    inside[i] = True
            # Look for more on the far side of what was just taken.
            if x - a > b - y:
                b = x
            else:
                a = y
    return inside


def _decide(units: list[_Unit], title_tokens: list[str], anchor: bool) -> list[str]:
    """One pass: a removal reason per unit ("" = keep)."""
    n = len(units)
    reasons = [""] * n
    title_set = frozenset(title_tokens)
    title_key = " ".join(title_tokens)
    near_ok = True
    counts: dict[str, int] = {}
    for u in units:
        counts[u.key] = counts.get(u.key, 0) + 1

    weights = [u.base for u in units]
    stops = [u.hard_stop for u in units]
    # Two or more "name says:" lines make a comment thread: each one ends the body there. One such
    # line alone may be the story introducing a quote.
    thread = sum(1 for u in units if u.author) >= 2
    for i, u in enumerate(units):
        if thread and u.author:
            reasons[i] = "comment-prompt"
            weights[i] = _HARD_STOP_WEIGHT
            stops[i] = True
        elif u.kind == "bad":
            reasons[i] = u.reason
            if u.hard_stop:
                weights[i] = _HARD_STOP_WEIGHT
        elif title_tokens and (
            u.key == title_key
            or (near_ok and not u.sent and _is_title(u.key.split(), title_tokens, title_set))
        ):
            reasons[i] = "repeated-headline"
            weights[i] = _TITLE_BONUS if anchor else -4.0
        elif counts[u.key] > 1 and u.key and u.kind != "good" and (u.words >= 4 or not u.sent):
            reasons[i] = "repeated-line"
            weights[i] = -4.0

    if thread:
        # The thread comes after the story: when there is prose before its first author line, the
        # comments (however long) and whatever follows them cannot be the body.
        first = next(i for i, u in enumerate(units) if u.author)
        if sum(w for w in weights[:first] if w > 0) >= FLOOR_ABS:
            for i in range(first, n):
                weights[i] = min(weights[i], 0.0) - 1.0

    # Runs of consecutive short non-sentence units: three or more are a link list or a menu (unless
    # they are bullets carrying some words, a list in the story); fewer are subheads and the like.
    # Junk lines inside such a run (menu items that matched a keyword) count towards its length.
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if units[i].kind not in ("headlike", "short", "bad") or units[i].code:
            i += 1
            continue
        j = i
        while (
            j < n
            and units[j].kind in ("headlike", "short", "bad")
            and not units[j].code
            and reasons[j] != "repeated-headline"
        ):
            j += 1
        prev = units[i - 1] if i > 0 else None
        if prev and prev.colon and prev.kind in ("good", "near") and prev.words >= 4 and not reasons[i - 1]:
            # A sentence of the story announces it ("... from these distributions:"): a list in the
            # story, as far as its items stay at the first one's depth.
            m = i + 1
            while m < j and units[m].indent == units[i].indent:
                m += 1
            i = m
            continue
        run = [u for k, u in enumerate(units[i:j], i) if not reasons[k]]
        listy = all(r.bullet for r in run) and sum(r.words for r in run) >= 3 * len(run)
        # Quantities first ("200 g flour", "1/2 cup sugar"): a recipe's ingredients, not links.
        listy = listy or 2 * sum(1 for r in run if _QUANTITY.match(r.text)) >= len(run)
        if j - i >= 3 and len(run) >= 2 and not listy:
            runs.append((i, j))
            for k in range(i, j):
                if not reasons[k]:
                    weights[k] = -2.0
        i = max(j, i + 1)

    inside = _body_mask(units, weights, stops)
    for i in range(n):
        if not inside[i] and not reasons[i]:
            reasons[i] = "outside-body"
    for i, j in runs:
        for k in range(i, j):
            reasons[k] = reasons[k] or "link-list"

    for k, u in enumerate(units):
        if reasons[k] or u.kind not in ("headlike", "short"):
            continue
        nxt = next((m for m in range(k + 1, n) if not reasons[m]), None)
        if u.kind == "headlike" and u.words >= 10 and not u.bullet:
            reasons[k] = "related-links"  # a headline-sized line between paragraphs
        elif nxt is None and not u.bullet and u.words < 10:
            reasons[k] = "outside-body"  # nothing follows: not a subhead

    # A marker ("Read more", "See also") takes the link titles right after it.
    for i in range(n):
        if units[i].reason == "related-links" and units[i].words <= 4:
            k = i + 1
            while k < n and units[k].kind in ("headlike", "short") and units[k].words <= 25:
                reasons[k] = reasons[k] or "related-links"
                k += 1
    # A photo credit line takes the caption line right before it when that is no sentence: a
    # sentence there may be the story's, and a lost story sentence costs more than a kept caption.
    for i in range(n):
        if units[i].reason == "caption" and units[i].words <= 12:
            k = i - 1
            while k >= 0 and k >= i - 2 and not reasons[k] and units[k].kind in ("headlike", "short"):
                reasons[k] = "caption"
                k -= 1
    return reasons


def clean_text(raw: str, title: str | None = None) -> Cleaned:
    """Return the body of ``raw`` without page junk; ``title`` is the known headline, if any.

    The cleaned text is the kept units of ``raw`` copied verbatim and joined by blank lines;
    ``offset_map`` maps every cleaned offset back into ``raw`` and ``removed`` lists every dropped
    unit with its reason ("navigation", "related-links", "caption", "credit", "repeated-headline",
    ...). Cleaning the cleaned text again with the same title removes nothing more.
    """
    units = _split_units(raw)
    removed: list[Removed] = []
    title_tokens = _norm_tokens(title or "")
    title_str = " ".join((title or "").split())

    if len(title_str) >= 20:
        # A headline glued to another line ("...the standfirstThe Headline"): cut it off.
        split: list[_Unit] = []
        for u in units:
            at = u.text.find(title_str)
            if at < 0 or len(u.text) == len(title_str):
                split.append(u)
                continue
            end = at + len(title_str)
            removed.append(Removed(u.start + at, u.start + end, "repeated-headline"))
            split.extend(_split_units(raw, u.start, u.start + at))
            split.extend(_split_units(raw, u.start + end, u.end))
        units = split

    for u in units:
        _classify(u)
    before, removed_before = list(units), list(removed)
    units, removed = _settle(units, title_tokens, removed, anchor=True)

    if not units and before:
        # The title anchored the body on nothing that reads like prose. Settle again without the
        # headline lines and without the anchor: that is what cleaning the output again would see,
        # so the result stays a fixed point.
        heads = {(r.start, r.end) for r in removed if r.reason == "repeated-headline"}
        rest = [u for u in before if (u.start, u.end) not in heads]
        head_removed = removed_before + [
            Removed(u.start, u.end, "repeated-headline") for u in before if (u.start, u.end) in heads
        ]
        units, removed = _settle(rest, title_tokens, list(head_removed), anchor=False)
        if not units:
            # Nothing looked like prose (a schedule, a list, a table): an empty article is never
            # the right answer for non-empty input, so keep every line but a repeated headline.
            units, removed = rest, head_removed

    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for u in units:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(u.text)
        segments.append(Segment(pos, u.start, u.end - u.start))
        pos += u.end - u.start
    removed.sort(key=lambda r: (r.start, r.end))
    return Cleaned("".join(parts), OffsetMap(segments), _merge_removed(raw, removed))


def _settle(
    units: list[_Unit], title_tokens: list[str], removed: list[Removed], anchor: bool
) -> tuple[list[_Unit], list[Removed]]:
    """Decide and drop until nothing more goes, so that the survivors, cleaned again, stay."""
    # The title anchors the body only in the first pass: later passes see no title line to anchor on.
    first = anchor
    while units:
        reasons = _decide(units, title_tokens, anchor=first)
        first = False
        if not any(reasons):
            break
        survivors = []
        for u, why in zip(units, reasons, strict=True):
            if why:
                removed.append(Removed(u.start, u.end, why))
            else:
                survivors.append(u)
        units = survivors
    return units, removed


def _merge_removed(raw: str, removed: list[Removed]) -> list[Removed]:
    """Adjacent removed spans with the same reason (only whitespace between) become one."""
    out: list[Removed] = []
    for r in removed:
        if out and out[-1].reason == r.reason and not raw[out[-1].end : r.start].strip():
            out[-1] = Removed(out[-1].start, r.end, r.reason)
        else:
            out.append(r)
    return out
