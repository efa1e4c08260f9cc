"""Word lists for the rule-based annotation of Spanish, French, Italian and Portuguese articles.

Read by :mod:`storyscope.stages.romance`. Kept apart so a language's words are found in one place.
Reporting verbs are listed as written (past, present and compound forms, inverted French forms);
matching is case-insensitive on whole words.
"""

from __future__ import annotations

LANGUAGES = ("es", "fr", "it", "pt")

# Verbs that introduce what someone said. Multi-word forms ("ha dicho", "a déclaré") are matched
# before their last word alone, so the cue shows the whole verb group.
_VERBS_ES = (
    "dijo dice declaró declara afirmó afirma aseguró asegura señaló señala explicó explica añadió añade "
    "agregó agrega indicó indica advirtió advierte subrayó subraya manifestó sostuvo sostiene insistió "
    "precisó reconoció denunció"
).split()
_VERBS_FR = (
    "déclare affirme dit explique ajoute indique souligne estime précise assure confirme estimait "
    "déclarait affirmait expliquait"
).split()
_VERBS_IT = (
    "dice afferma dichiara spiega aggiunge sottolinea precisa ribadisce disse affermò dichiarò spiegò "
    "aggiunse sottolineò"
).split()
_VERBS_PT = "disse afirmou declarou explicou acrescentou diz afirma declara explica acrescenta".split()

# Participles that follow an auxiliary ("ha dicho", "a déclaré", "ha detto", "tem dito").
_PARTICIPLES_ES = (
    "dicho declarado afirmado asegurado señalado explicado añadido agregado indicado advertido".split()
)
_PARTICIPLES_FR = (
    "déclaré affirmé dit expliqué ajouté indiqué souligné estimé précisé assuré confirmé".split()
)
_PARTICIPLES_IT = "detto dichiarato affermato spiegato aggiunto sottolineato precisato ribadito".split()
# Perfect and pluperfect auxiliaries ("ha dicho", "avait affirmé", "aveva detto", "tinha dito").
_AUX: dict[str, tuple[str, ...]] = {
    "es": ("ha", "han", "había", "habían"),
    "fr": ("a", "ont", "avait", "avaient"),
    "it": ("ha", "hanno", "aveva", "avevano"),
    "pt": ("tem", "têm", "tinha", "tinham"),
}

VERBS: dict[str, frozenset[str]] = {
    "es": frozenset(_VERBS_ES),
    "fr": frozenset(_VERBS_FR),
    "it": frozenset(_VERBS_IT),
    "pt": frozenset(_VERBS_PT),
}
PARTICIPLES: dict[str, frozenset[str]] = {
    "es": frozenset(_PARTICIPLES_ES),
    "fr": frozenset(_PARTICIPLES_FR),
    "it": frozenset(_PARTICIPLES_IT),
    "pt": frozenset(),
}
AUXILIARIES: dict[str, tuple[str, ...]] = _AUX

# "according to": the source follows the word.
ACCORDING = {"es": "según", "fr": "selon", "it": "secondo", "pt": "segundo"}

# Words before a name that make it a person's name, kept as the mention's role.
TITLES: dict[str, frozenset[str]] = {
    "es": frozenset(
        "presidente presidenta ministro ministra portavoz primer secretario secretaria general rey reina "
        "príncipe jeque coronel general embajador embajadora líder dirigente alcalde alcaldesa jefe jefa "
        "mariscal canciller diputado diputada senador senadora activista periodista "
        "experto experta analista escritor escritora profesor profesora abogado abogada director "
        "directora".split()
    ),
    "fr": frozenset(
        "président présidente ministre porte-parole premier secrétaire roi reine prince cheikh colonel "
        "général ambassadeur ambassadrice dirigeant dirigeante chef maire maréchal député députée "
        "sénateur journaliste expert experte "
        "analyste écrivain écrivaine professeur avocat avocate directeur directrice préfet".split()
    ),
    "it": frozenset(
        "presidente ministro ministra portavoce premier segretario segretaria re regina principe sceicco "
        "colonnello generale ambasciatore leader capo sindaco maresciallo deputato senatore attivista "
        "giornalista esperto esperta analista scrittore scrittrice professore professoressa avvocato "
        "direttore direttrice prefetto".split()
    ),
    "pt": frozenset(
        "presidente presidenta ministro ministra porta-voz primeiro secretário secretária rei rainha "
        "príncipe xeque coronel general embaixador líder chefe prefeito deputado senador ativista "
        "jornalista especialista analista escritor professor advogado diretor diretora".split()
    ),
}

# Lower-case words inside a name ("Juan de la Cruz", "Leonardo da Vinci", "Abu Bakr al-Baghdadi").
PARTICLES = frozenset("de del della di da dos das do du des van von la le al el bin ibn ben".split())

# Capitalised words that open a sentence without being names: articles, pronouns, prepositions,
# conjunctions, adverbs. A name run starting on one of them starts after it.
FUNCTION_WORDS = frozenset(
    (
        # es
        "el la los las un una unos unas lo al del de en con por para sin sobre entre tras desde hasta "
        "a y o pero sino aunque si que como cuando donde mientras este esta estos estas ese esa esos esas "
        "su sus mi mis nuestro nuestra él ella ellos ellas nosotros yo tú usted se no sí ya también "
        "además sin embargo así hoy ayer mañana según durante ante bajo todo todos toda todas otro otra "
        "cada muchos muchas algunos algunas varios varias dos tres ahora aquí allí más menos muy tan "
        "porque pues entonces luego después antes finalmente hace "
        # fr
        "le les une des du au aux et ou mais donc car ni dans avec pour par sans sous chez vers "
        "ce cet cette ces son sa ses leur leurs mon ma mes notre nos il elle ils elles on nous vous je "
        "tu ne pas plus aussi ainsi selon après avant depuis pendant lors tout tous toute toutes "
        "autre autres chaque plusieurs deux trois quand où comme si alors puis enfin hier aujourd'hui "
        "demain mardi c'est d'après l'on qui quoi "
        # it
        "il lo gli i uno dei degli delle della dello nel nella nei negli nelle sul sulla al alla ai "
        "agli alle dal dalla e ed o ma però anche con per tra fra in su da questo questa questi "
        "queste quello quella suo sua suoi sue lui lei loro noi voi io non già così oggi ieri domani "
        "secondo dopo prima mentre quando dove come se ogni tutti tutte altri altre due tre "
        "poi infatti intanto inoltre "
        # pt
        "o os as um uma uns umas ao aos à às do dos da das no nos na nas em com por pelo pela pelos "
        "pelas sem sob entre até mas ou e seu sua seus suas ele ela eles elas nós eu não sim já também "
        "segundo hoje ontem amanhã depois antes enquanto quando onde como se cada todos todas outro "
        "outra isso isto esse essa este esta "
        # nobody, somebody: they open a sentence before a reporting verb like a name would
        "nadie alguien personne quelqu'un nessuno qualcuno ninguém alguém"
    ).split()
)

# Forms of address before a surname ("M. Roux", "Sra. Gil"); they make the name a person's.
HONORIFICS = frozenset("M Mme Mlle Mr Sr Sra Srta Dr Dra Sig Sigra Dott Don Doña".split())

# Words before a name that make it no subject: "los rebeldes de Bengasi han afirmado", "en Rome a dit".
PREPOSITIONS = frozenset(
    "a à al ante con contra de del des du da dal dalla dai di del della dello en entre in nel nella "
    "para por per pour sur su sul sulla sobre tra fra hacia hasta desde dans chez vers avec sans".split()
)

# Words that qualify a title ("secretario general", "ministre délégué", "presidente interino").
ROLE_MODIFIERS = frozenset(
    "general adjunto adjunta interino interina saliente actual nuevo nueva ex exministro primer primera "
    "adjoint adjointe délégué déléguée intérimaire sortant nouveau nouvel nouvelle ancien ancienne "
    "aggiunto uscente nuovo nuova ex vice primeiro primeira novo nova atual russo ruso russe turco turc "
    "tedesco alemán allemand britannico británico britannique greco griego grec "
    # after the body a minister heads: "Affaires étrangères", "Affari esteri"
    "étrangères étrangère esteri exteriores extérieures intérieur interno interior".split()
)

# First words of a body's name: such a name speaking ("el Consejo Nacional ha afirmado") is an
# organization, not a person.
ORG_HEADS = frozenset(
    "consejo gobierno ministerio partido frente comité comisión unión agencia banco ejército tribunal "
    "corte asamblea congreso senado fondo organización alianza hermandad liga movimiento "
    "conseil gouvernement ministère parti front commission union agence banque armée cour assemblée "
    "organisation alliance ligue mouvement "
    "consiglio governo ministero partito fronte comitato commissione unione agenzia banca esercito "
    "corte assemblea organizzazione alleanza lega movimento "
    "conselho governo ministério partido comissão agência exército tribunal assembleia".split()
)

# Last words of a body's name, often English in these articles ("Foreign Office", "Amnesty
# International", "Human Rights Watch").
ORG_TAILS = frozenset("office international watch agency council party ministry press news".split())

# Prepositions that introduce only places before a capitalised name: "en Trípoli", "in Bengasi".
LOCATIVES = {
    "es": frozenset("en desde hacia".split()),
    "it": frozenset("in verso".split()),
    "pt": frozenset(["em"]),
}

# Place names written as acronyms: an acronym is an organization unless it is one of these.
PLACE_ACRONYMS = frozenset("USA US EEUU UK URSS EAU RDC".split())

# Territory codes whose localized names are not places an article means ("World", "European Union",
# "Eurozone", "United Nations", "Unknown Region") or are ordinary words.
NOT_PLACES = frozenset({"001", "EU", "EZ", "UN", "ZZ", "QO"})
