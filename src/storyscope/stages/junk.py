"""What scraped junk looks like: the function words of prose and the patterns of navigation, share bars,
related links, captions, credits, bylines, comment prompts, ads and consent panels, in the languages
the cleaner (:mod:`storyscope.stages.clean`) meets most."""

from __future__ import annotations

import re

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
    r"grams?|gramm|kilos?|kilogramm|ounces?|lit(?:er|re)s?|milliliter|esslöffel|teelöffel|"
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
    r"^\W{0,3}(?:see also|see related|see more|read more|read also|also read|"
    r"related(?: articles?| stories| content| news| posts?| coverage| topics)?|"
    r"more on this(?: story| topic)?|more from|more stories|more news|"
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
    r"^\W{0,3}(?:(?:tags|topics)(?=\s+(?-i:[A-Z]))|filed under|posted in|tagged(?: with| in| as)?|"
    r"abgelegt unter|veröffentlicht in|kategorien?|classé dans|publicado en|archiviato in)\s+\w",
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
    r"lascia un commento|^\W*(?:\d+\s+)?reacties?\W*$|^\W*(?:\d+\s+)?komentarze?\W*$|"
    r"^\W*(?:view|show|hide|load|read|see) (?:the |all )?(?:\d+ )?(?:comments?|discussion(?: thread)?)\W*$|"
    + _THREAD_HEADER,
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
    # "CLICK HERE TO GET THE FOX NEWS APP": a line opening with it (a story may say users can get one).
    r"^\W*(?:click|tap) here to (?:get|download|install) (?:the|our) (?:[\w-]+ ){0,3}app\b|"
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
    # "copyright" alone is a story word ("holds the copyright to ..."): only a notice's shapes count.
    r"©|\(c\)\s|^\W*copyright\b|\bcopyright\W*(?:\d{4}|\(c\))|(?:image|photo|picture|bild|foto) copyright|"
    r"subject to copyright|by copyright law|copyright polic(?:y|ies)|"
    r"getty ?images|\bimago\b|shutterstock|\bistock\b|picture[- ]alliance|"
    r"\bfile photo\b|/\s*(?:afp|ap|reuters|dpa|epa|anp|ansa|efe|associated press|getty)\b|"
    # A caption run into its credit: "... was sworn in. Credit Jane Roe/The Daily Post".
    r"\bcredit\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*[A-Z][\w.&'’ -]{1,40}$|"
    r"\b(?:afp|ap|reuters|dpa|epa)\s*(?:photo|/)|\((?:afp|ap|reuters|dpa|epa|efe|ansa)\)\s*$|"
    r"\b(?:photo|foto|bild|image|credit|fuente|fonte|abbildung)s?\s*:\s*[^.:]{1,40}$|^\W*abbildung\s*:|"
    r"^\W*(?:image|media|video) caption\b|photo\s*credit|bildrechte|fotocredit|"
    r"^\W*(?:enlarge|vergrößern|zoom)\W*(?:this )?(?:image|bild)?\W*$",
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
    r"journalismus|direkt in ihr postfach|déjà abonné|bloqueur de publicité|"
    # A sign-up box or an embed's consent placeholder: "Gib deine E-Mail-Adresse ein, um ...",
    # "Wir respektieren deine Privatsphäre und stellen ... keine Verbindung zu Twitter her".
    r"gib deine e-?mail-?adresse ein|wir respektieren (?:deine|ihre) privatsphäre|"
    # The page's script notice: "Please enable JavaScript to view the comments", "... requires JavaScript".
    r"enable javascript|requires? javascript|javascript (?:is )?(?:disabled|required)|"
    r"javascript (?:\w+ )?aktivieren|aktivieren sie (?:\w+ )?javascript",
    re.I,
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reader prompts written as prose, each with the tokens that must be in a unit before its pattern is
# tried (a narrow set per pattern: most prose units then try none of them). All are "ad" junk.
_READER_PROMPTS: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    # Newsletters and alerts that never say "newsletter": "Let our news meet your inbox", "Get breaking
    # news alerts", "Receive a daily list of must-read stories", "Never miss a post".
    (_words("inbox alerts"), _rx(r"\byour inbox\b|\bnews ?alerts\b")),
    (
        _words("daily weekly monthly"),
        _rx(r"(?:daily|weekly|monthly) (?:newsletter|digest|roundup|briefing|list of)"),
    ),
    (_words("miss"), _rx(r"never miss (?:a|an|another) (?:post|story|article|update|deal|recipe|episode)\b")),
    (
        _words("sign signing subscribe subscribing"),
        _rx(
            r"(?:sign(?:ing)? up|subscrib(?:e|ing)) (?:to|for) (?:our|the|a) (?:free )?(?:\w+ )?"
            r"(?:newsletter|e-?mails?|alerts)"
        ),
    ),
    # Paywalls: "You have 4 free articles left", "Subscribe to read", "To view the full story, please
    # subscribe".
    (_words("free"), _rx(r"free (?:articles?|stories|reads?) (?:left|remaining)")),
    (
        _words("subscribe log login sign signin register"),
        _rx(
            r"(?:subscribe|log ?in|sign ?in|register) (?:now )?to (?:read|view|continue|access|unlock)|"
            r"to (?:read|view|continue reading|access) (?:the|this) (?:full )?(?:story|article),? "
            r"(?:please )?(?:subscribe|log|sign)"
        ),
    ),
    (
        _words("rely relies depend depends"),
        _rx(r"(?:rely|relies|depend|depends) on (?:your|reader|readers'?) support"),
    ),
    # Affiliate notes written as prose: "If you buy through one of them we may receive a small commission".
    (
        _words("commission commissions percentage portion"),
        _rx(
            r"\bwe (?:may|might|will|could|can) (?:receive|earn|get|make) (?:a |an )?(?:small )?"
            r"(?:affiliate )?(?:share|commission|portion|percentage)"
        ),
    ),
    # The site promoting itself: "Learn more about our programs", "Interested in learning more about X?".
    (
        _words("learn learning"),
        _rx(r"^\W*(?:learn|find out|read) more about (?:us|our)\b|^\W*interested in learning more\b"),
    ),
    # "Click here to support it", "GET THE APP BY CLICKING HERE", "Every day we send an email with ...".
    (
        _words("click clicking"),
        _rx(r"click here to (?:support|subscribe|sign up|donate|join|register)|clicking here\W*$"),
    ),
    (
        _words("send"),
        _rx(r"\bwe(?:'ll| will)? send (?:you )?(?:an |a )?(?:daily |weekly )?(?:e-?mail|newsletter)"),
    ),
    # A sign-up form's privacy promise: "We will not sell or give away your e-mail address", "No spam".
    (
        _words("sell share rent give spam respect"),
        _rx(
            r"(?:never|not|won'?t) (?:ever )?(?:sell|share|rent|give away)(?: or (?:sell|share|rent|give))?"
            r"(?: away)? your (?:e-?mail|address|details|personal)|we respect your privacy|we hate spam|"
            r"^\W*no spam\b"
        ),
    ),
    # A sign-up form's consent and status messages: "Thanks for subscribing!", "This e-mail address is
    # already registered", "Ich willige darin ein, dass ...", "Double-Opt-In".
    (
        _words("opt willige anmeldung registriert registered subscribed subscribing signing"),
        _rx(
            r"double[- ]opt[- ]in|\bwillige (?:\w+ )?(?:darin )?ein, dass|ihre anmeldung war erfolgreich|"
            r"adresse ist bereits registriert|successfully subscribed|thanks? (?:you )?for (?:subscribing|"
            r"signing up)|(?:e-?mail|address) is already (?:registered|subscribed)|"
            r"you(?:'re| are) (?:now )?subscribed"
        ),
    ),
    # The browser's push-notification prompt: "Allow notifications", "Benachrichtigungen aktivieren".
    (
        _words("notifications notification benachrichtigung benachrichtigungen"),
        _rx(
            r"(?:allow|enable|turn on|receive|get) (?:desktop |push[- ]?|browser[- ]?)?notifications|"
            r"benachrichtigung(?:en)? aktivieren|push-?benachrichtigungen"
        ),
    ),
    # Affiliate programme disclosures: "We are a participant in the Amazon Services LLC Associates
    # Program, an affiliate advertising program ...", "As an Amazon Associate I earn from ...".
    (
        _words("associates associate affiliate"),
        _rx(r"\bassociates? program|\bas an amazon associate\b|affiliate advertising program"),
    ),
    # The page's browser notice ("please update to a modern browser") and sign-up confirmations.
    (
        _words("browser activation activate confirm"),
        _rx(
            r"(?:update|upgrade) (?:to )?(?:a |your )?(?:modern|newer|latest|supported) "
            r"(?:version of (?:your )?)?browser|"
            r"browser (?:is )?(?:not supported|out of date|outdated)|activation link|"
            r"activate your (?:subscription|account)|confirm your (?:subscription|e-?mail address)"
        ),
    ),
)
# Prompts to comment written as prose, with their trigger tokens as above: "comment-prompt" junk.
_COMMENT_PROMPTS: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    (_words("hear"), _rx(r"we want to hear from you")),
    (_words("think"), _rx(r"(?:tell us|let us know) what you think|let us know in the comments")),
    # A recipe card's prompt and rating: "Tried this recipe? Mention @site or tag #site!",
    # "4.67 from 21 votes".
    (
        _words("tried mention"),
        _rx(r"\btried (?:this|the|our|my) recipe\?|\bmention @[\w.]+ (?:or|and) tag #"),
    ),
    (_words("votes vote"), _rx(r"^\W*\d(?:[.,]\d+)? (?:from|out of) \d+ votes?\W*$")),
    (
        _words("thoughts opinion"),
        _rx(r"share your (?:thoughts|views|opinion) (?:in the comments|with us|below)"),
    ),
)
# Legal notes of the site (market data, trademarks, reprint terms): no story is written like them.
_LEGAL = re.compile(
    r"registered trademarks? of|for (?:your )?personal,? non-?commercial use|"
    r"not been evaluated by the food and drug|quotes? (?:are |is )?delayed|"
    r"market data (?:is )?(?:provided|powered)|"
    r"do not sell my|trust principles|^\W*our standards\W|"
    # The site disowning its writers' views: "Opinions expressed by Forbes Contributors are their own".
    r"(?:views|opinions) expressed (?:in this (?:article|post|column|piece|blog) )?"
    r"(?:by (?:[\w.'’-]+ ){1,4})?(?:are|is) (?:solely |entirely )?(?:those of the|their own|"
    r"the author|his own|her own)|gibt (?:ausschließlich |allein )?die meinung de[sr] (?:autors|autorin|"
    r"verfasser)|n'engagent que leurs auteurs|"
    # A recipe's nutrition box: "*Percent Daily Values are based on a 2,000 calorie diet."
    r"daily values? (?:are )?based on a 2,?000[- ]calorie",
    re.I,
)
# A comment section's rules: "please be respectful", "our submission guidelines", "we moderate all comments".
_COMMENT_POLICY = re.compile(
    r"(?:be|remain|stay|keep it) (?:respectful|civil|courteous)|"
    r"(?:submission|comment(?:ing)?|community|posting) (?:guidelines|polic(?:y|ies)|standards|rules)|"
    r"moderat\w* (?:all |the |your )?comments|"
    r"comments (?:are|will be|may be|is) (?:moderated|reviewed|approved|removed|deleted|subject)|"
    r"(?:avoid|no) (?:posting )?(?:profanity|personal attacks)|"
    r"reserve the right to (?:remove|delete|edit)",
    re.I,
)
# Photo captions written as sentences: who stands where ("Jane Roe, left, and ..."), or the agencies'
# full date with its weekday ("..., Tuesday, Nov. 19, 2019, in Columbia, S.C."), which a story leaves out.
# Each starts with a literal (", ", "(", "day") so that the search skips quickly through a long unit.
_CAPTION_PLACE = re.compile(
    r", (?:left|right|center|centre|second (?:from )?(?:left|right)|far (?:left|right)|"
    r"foreground|background),|"
    r"\((?:left|right|center|centre|background|foreground|from left|l-r|left to right)\)",
    re.I,
)
_CAPTION_DATE = re.compile(
    r"day,? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\b", re.I
)
# A date-stamped byline or update line: "By Jo Roe on Monday, November 18th, 2019 at 11:04 a.m.",
# "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: ...". "By" must open a name, not a date
# ("By May 2019, ..."; "By Mark Hill" is a name).
_MONTH_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATED_BYLINE = re.compile(
    rf"^\W{{0,3}}(?:by\s+(?!(?:{_MONTH_EN}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)(?-i:[A-Z])|"
    r"(?:published|updated|posted|last (?:modified|updated)|first published)\b)"
    rf".{{0,200}}(?:\b{_MONTH_EN}\.? \d{{1,2}}\b|\b\d{{1,2}} {_MONTH_EN}\.? \d{{4}}|\d{{1,2}}:\d{{2}}|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4})",
    re.I,
)
# The writer's bio or contact line under the story ("Jo Roe is a staff writer at The Post covering ...",
# "Have a tip? ..."), or the site's own blurb: junk only at the end of the body, since a story may well
# be about a reporter or a newspaper.
_BIO_LEAD = re.compile(
    r"\W*(?:(?-i:[A-Z])[\w.'’-]+(?: (?-i:[A-Z])[\w.'’-]+){0,3} (?:\([^)]{1,40}\) )?is|i am) (?:a|an|the) "
    r"(?:[\w-]+,? ){0,5}(?:writer|reporter|journalist|editor|correspondent|columnist|contributor|author|"
    r"producer|blogger|freelancer|curator|photographer|critic|intern|educator|"
    # The site describing itself under the story: "The Valley Courier is a nonprofit newsroom ...".
    r"newsroom|newspaper|magazine|publication|"
    r"(?:news|media) (?:organi[sz]ation|outlet|site|company|service))s?\b|"
    # The same in German: "Sara Roe ist Redakteurin im Team ...", "Jo Roe leitet das Ressort ...".
    r"\W*(?-i:[A-ZÄÖÜ])[\w.'’-]+(?: (?-i:[A-ZÄÖÜ])[\w.'’-]+){0,3},? (?:\([^)]{1,40}\) )?"
    r"(?:(?:ist|war|arbeitet(?: seit [\w ]{1,20})? als|schreibt als) (?:[\w-]+ ){0,5}?(?:redakteur|"
    r"journalist|autor|korrespondent|kolumnist|reporter|chefredakteur|herausgeber|volontär|blogger|"
    r"fotograf|moderator|head of)|leitet (?:das|die|den) (?:ressort|redaktion|abteilung|büro))|"
    # The blogger introducing themselves in the sidebar: "Hi there! I'm Regan.", "Hallo, ich bin ...".
    r"\W*(?:hi|hello|hey|hallo|hej)(?: there| everyone| ihr lieben)?[,!.]* (?:i'm|i am|ich bin|"
    r"my name is|mein name ist)\b",
    re.I,
)
_BIO_CONTACT = re.compile(
    r"(?:his|her|their) (?:work|writing) has appeared in|(?:have|got) a (?:news )?tip\b|"
    r"to reach the (?:reporter|editor|writer)|[.!?]\s+follow (?:him|her|them) (?:on|@)|"
    r"(?:can|may) be reached at|"
    r"^\W*(?:write to|e-?mail) (?-i:[A-Z])[\w.'’-]+(?: (?-i:[A-Z])[\w.'’-]+){0,3} at ",
    re.I,
)
# "About Jo Roe" over the writer's bio: like "About the author", the story is over.
_ABOUT_HEADER = re.compile(r"^\W*(?:about|über) (?-i:[A-Z])[\w.'’-]+(?: (?-i:[A-Z])[\w.'’-]+){0,3}\W*$", re.I)
# A "continue reading" link on a line of its own: under a teaser's excerpt on a list of other posts.
_CONTINUE_LINK = re.compile(
    r"^\W*(?:read the rest|continue reading|read more|read full (?:story|article|post)|keep reading|"
    r"weiterlesen|mehr lesen|lire la suite|leer más|seguir leyendo|leggi tutto|continua a leggere|"
    r"lees meer|lees verder|czytaj (?:dalej|więcej)|leia mais)\W*$",
    re.I,
)
# A unit cut off with an ellipsis: a teaser's title or excerpt shortened to fit its box.
_CUT_OFF = re.compile(r"(?:\.\.\.|…)[^\w\"'“”‘’«»„]{0,3}$")
# Every word of a share bar: "Share to LinkedIn LinkedIn Share to Facebook Facebook Share to Email Email".
_SHARE_WORDS = frozenset(
    """share sharing tweet email e mail print pin save copy link on to via this article story the
    facebook twitter linkedin whatsapp reddit pinterest flipboard messenger telegram more x sms teilen
    drucken""".split()
)
_SOCIAL_NETWORKS = frozenset("facebook twitter linkedin whatsapp reddit pinterest flipboard telegram".split())
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
    r"share (?:this|it|your \w+) with (?:your )?friends|"
    # "Share this article on social media", "Teile diesen Beitrag auf Social Media".
    r"(?:share|teile|teilen sie) (?:this|diesen|den|dieses) (?:article|post|story|page|beitrag|artikel|"
    r"rezept|recipe) (?:on|auf|via|with|mit)\b|^\W*like this\W*$|share or comment on this|"
    r"be sociable|you must be logged in to|this site uses akismet|"
    r"affiliate (?:(?:and/or|and|or) \w+ )?links?|"
    # "Follow us on Twitter", "Follow Jane Doe on Instagram": a prompt, not "they follow him on X".
    r"(?:^\W*|[.!?]\s+)follow (?:us|me|him|her|them) (?:@\w|on (?:twitter|facebook|instagram|linkedin|"
    r"youtube|tiktok|threads|bluesky|mastodon|x\b))|"
    r"^\W*follow (?:us|me|@[\w.]+|(?:the )?(?-i:[A-Z][\w.'’-]*)(?: (?-i:[A-Z][\w.'’-]*)){0,5}"
    r"(?: section| desk| team| page)?) on "
    r"(?:twitter|facebook|instagram|linkedin|youtube|x\b)|"
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

# Prose-shaped junk found by its phrasing: (most words, trigger tokens, pattern, reason), tried in this
# order on a unit holding one of the trigger tokens (an index from token to rules, since most units
# hold none or one of them).
_PROSE_TABLE: tuple[tuple[int, frozenset[str], re.Pattern[str], str], ...] = (
    *((60, t, rx, "ad") for t, rx in _READER_PROMPTS),
    *((60, t, rx, "comment-prompt") for t, rx in _COMMENT_PROMPTS),
    (
        80,
        _words(
            """trademark trademarks commercial noncommercial evaluated delayed sell principles standards
            calorie expressed gibt engagent"""
        ),
        _LEGAL,
        "credit",
    ),
    (
        80,
        _words(
            "respectful civil courteous guidelines moderate moderated moderating moderation profanity reserve"
        ),
        _COMMENT_POLICY,
        "comment-prompt",
    ),
    (60, _words("left right center centre background foreground"), _CAPTION_PLACE, "caption"),
    (60, _words("monday tuesday wednesday thursday friday saturday sunday"), _CAPTION_DATE, "caption"),
    (25, _words("by published updated posted modified"), _DATED_BYLINE, "byline"),
)
_PROSE_RULES = tuple((w, rx, why) for w, _, rx, why in _PROSE_TABLE)
_PROSE_INDEX: dict[str, tuple[int, ...]] = {}
for _i, _rule in enumerate(_PROSE_TABLE):
    for _t in _rule[1]:
        _PROSE_INDEX[_t] = (*_PROSE_INDEX.get(_t, ()), _i)
_PROSE_TRIGGERS = frozenset(_PROSE_INDEX)
