"""Word lists for French and English: stop words, attribution cues, hedges, number qualifiers.

Entries are written folded (lower case, no accents, straight apostrophes) because every lookup
goes through `fold`; multi-word entries are matched on folded text.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


STOPWORDS_FR = _words(
    """
    a au aux avec ce ces cet cette c ca celle celles celui ceux chez comme dans de des du d
    elle elles en entre et etc eux il ils je j l la le les leur leurs lui m ma mais me meme
    mes moi mon n ne ni nos notre nous on ou par pas pour qu que quel quelle quelles quels
    qui s sa sans se ses si son sont sur ta te tes toi ton tu un une vos votre vous y ete
    etre est sont etait etaient avait avaient ont a ai as avons avez fait faire plus moins
    tres tout toute tous toutes aussi ainsi alors apres avant depuis donc dont encore deja
    ici la-bas lors meme non oui parmi pendant puis quand sous tandis tant vers voici voila
    cela ceci cet autre autres chaque certains certaines plusieurs aucun aucune selon contre
    durant jusqu jusque afin car or pourtant cependant toutefois neanmoins desormais
    notamment egalement seulement surtout bien ete va vont sera seront
    """
)

STOPWORDS_EN = _words(
    """
    a an the and or but if then else of to in on at by for with from as into onto over under
    about after before between through during without within against among this that these
    those it its he she they them his her their we us our you your i me my is are was were
    be been being am do does did done have has had having not no nor so than too very can
    will just also only own same such both each few more most other some any all what which
    who whom whose where when why how there here out up down off again further once said
    says say according told would could should may might must shall while because until
    since per via upon yet still even ever already
    """
)

STOPWORDS = STOPWORDS_FR | STOPWORDS_EN

# Attribution cues that come before the source: "selon X", "d'apres X", "according to X".
CUES_BEFORE = (
    "selon",
    "d'apres",
    "cite par",
    "citee par",
    "cites par",
    "citees par",
    "de source",
    "de sources",
    "according to",
    "cited by",
    "quoted by",
    "as reported by",
    "reported by",
)

# Cues that come after the source ("X a declare", "X said") or as an incise (", a dit X").
CUES_VERB = (
    "a declare",
    "ont declare",
    "declare",
    "a affirme",
    "ont affirme",
    "affirme",
    "affirment",
    "a indique",
    "ont indique",
    "indique",
    "a annonce",
    "ont annonce",
    "annonce",
    "rapporte",
    "rapportent",
    "a rapporte",
    "ont rapporte",
    "a precise",
    "precise",
    "a assure",
    "assure",
    "a estime",
    "estime",
    "a confirme",
    "confirme",
    "a revele",
    "revele",
    "a dit",
    "a ecrit",
    "ecrit",
    "said",
    "says",
    "told",
    "reported",
    "reports",
    "stated",
    "announced",
    "confirmed",
    "claimed",
    "claims",
    "wrote",
    "added",
    "noted",
    "warned",
    "estimated",
    "revealed",
)

# Descriptor nouns that tell the kind of source; checked against the folded cue phrase.
SOURCE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "anonymous",
        (
            "source anonyme",
            "sources anonymes",
            "de source",
            "de sources",
            "sous couvert d'anonymat",
            "requis l'anonymat",
            "anonymous",
            "who asked not to be named",
            "declined to be named",
            "familiar with",
            "sources proches",
            "une source",
            "des sources",
            "a source",
            "sources said",
            "source judiciaire",
            "source policiere",
            "source diplomatique",
            "source gouvernementale",
            "judicial source",
            "police source",
            "diplomatic source",
            "sources",
            "insider",
            "people familiar",
            "person familiar",
        ),
    ),
    (
        "agency",
        ("agence de presse", "agence", "news agency", "agency", "wire service"),
    ),
    (
        "media",
        (
            "media",
            "journal",
            "quotidien",
            "hebdomadaire",
            "chaine",
            "television",
            "radio",
            "site d'information",
            "magazine",
            "newspaper",
            "outlet",
            "broadcaster",
            "daily",
            "weekly",
            "network",
        ),
    ),
    (
        "government",
        (
            "gouvernement",
            "ministere",
            "kremlin",
            "elysee",
            "maison blanche",
            "government",
            "ministry",
            "department",
            "white house",
            "administration",
            "prefecture",
            "mairie",
            "city hall",
            "police",
            "parquet",
            "gendarmerie",
            "armee",
            "army",
            "military",
            "pentagon",
        ),
    ),
    (
        "official",
        (
            "porte-parole",
            "responsable",
            "ministre",
            "president",
            "officiel",
            "diplomate",
            "general",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "official",
            "minister",
            "diplomat",
            "ambassador",
            "prosecutor",
            "procureur",
            "mayor",
            "maire",
            "prefet",
            "governor",
            "senator",
            "senateur",
            "depute",
            "lawmaker",
            "secretary",
            "secretaire",
            "chancellor",
            "chancelier",
            "premier ministre",
            "prime minister",
            "chief",
            "chef",
            "directeur",
            "director",
            "commissioner",
            "commissaire",
        ),
    ),
    (
        "expert",
        (
            "expert",
            "analyste",
            "chercheur",
            "specialiste",
            "economiste",
            "professeur",
            "analyst",
            "researcher",
            "economist",
            "professor",
            "scientist",
        ),
    ),
    (
        "organisation",
        (
            "company",
            "firm",
            "group",
            "union",
            "association",
            "federation",
            "chamber",
            "entreprise",
            "societe",
            "groupe",
            "syndicat",
            "federation",
            "chambre",
            "compagnie",
            "filiale",
            "subsidiary",
            "parent company",
            "maison mere",
            "ong",
            "charity",
            "party",
            "parti",
            "campaign",
            "campagne",
        ),
    ),
    (
        "document",
        ("rapport", "etude", "document", "communique", "report", "study", "statement", "survey"),
    ),
)

# Conditional mood and hedging words (folded).
HEDGES_FR = _words(
    """
    pourrait pourraient serait seraient aurait auraient devrait devraient faudrait
    semblerait sembleraient potentiellement probablement possiblement vraisemblablement
    apparemment eventuellement presume presumee presumes presumees suppose supposee supposes
    supposees envisage envisagee envisages envisagees potentiel potentielle potentiels
    potentielles semble semblent possible possibles probable probables envisageable
    envisageables concevable plausible plausibles susceptible susceptibles
    """
)
HEDGES_EN = _words(
    """
    may might could would possibly probably likely unlikely reportedly allegedly apparently
    purportedly seemingly perhaps potentially presumably supposedly alleged suspected
    appears seems rumoured rumored expected conceivable plausible should
    """
)
HEDGE_PHRASES = ("peut-etre", "il est possible", "is believed", "are believed", "said to be")

# Endings of French conditional verbs, and words that only look like one.
CONDITIONAL_SUFFIXES = ("rait", "raient")
NOT_CONDITIONAL = _words(
    """
    trait traits extrait extraits retrait retraits portrait portraits attrait attraits
    abstrait distrait soustrait parait apparait disparait
    """
)

# Words before a number that make it an upper bound or an approximation (folded).
UPPER_BOUND = (
    "jusqu'a",
    "jusqu'au",
    "au plus",
    "au maximum",
    "pas plus de",
    "moins de",
    "up to",
    "as many as",
    "at most",
    "no more than",
    "less than",
    "fewer than",
    "under",
)
# A floor: the true figure is this or more.
LOWER_BOUND = (
    "au moins",
    "au minimum",
    "plus de",
    "pas moins de",
    "davantage que",
    "au-dela de",
    "at least",
    "more than",
    "no fewer than",
    "no less than",
    "over",
    "upwards of",
    "in excess of",
)
APPROXIMATE = (
    "environ",
    "pres de",
    "quelque",
    "a peu pres",
    "presque",
    "autour de",
    "de l'ordre de",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "an estimated",
    "estimated",
)

NEGATIONS = _words(
    """
    ne n pas plus jamais rien aucun aucune personne nul nulle sans non ni not no never none
    nothing nobody neither nor without cannot
    """
)
# "plus" and "personne" are only negations next to "ne"; handled where negation is detected.
NEGATION_NEEDS_NE = frozenset({"plus", "personne", "rien", "jamais", "aucun", "aucune", "pas"})

OPINION_MARKERS = _words(
    """
    souligne soulignent temoigne temoignent demontre demontrent illustre illustrent incarne
    incarnent montre montrent revele revelent inquietant preoccupant crucial decisif
    decisifs underscores underlines shows highlights demonstrates illustrates suggests
    signals reflects
    """
)
PREDICTION_MARKERS = _words(
    """
    va vont sera seront devra devront pourra pourront prevoit prevu prevue prevus prevues
    will shall forecast forecasts expected projected predicts predicted
    """
)

# Words that make up numbers written out, for text2num to read ("vingt-cinq mille", "twenty-one
# thousand"). "un", "une" and "one" are left out: they are articles and pronouns far more often.
NUMBER_PARTS_FR = _words(
    """
    deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt
    trente quarante cinquante soixante septante huitante octante nonante cent cents mille
    million millions milliard milliards
    """
)
NUMBER_PARTS_EN = _words(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion
    """
)

SCALES = {
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "thousand": 1e3,
    "mille": 1e3,
    "mn": 1e6,
    "bn": 1e9,
}

# Abbreviations after which a full stop does not end a sentence (folded, without the dot).
ABBREVIATIONS = _words(
    """
    m mm mme mmes mlle dr pr prof st ste etc cf p pp vol no art env av ap j-c mr mrs ms jr
    sr vs gen col lt sgt gov sen rep inc ltd co corp fig e.g i.e u.s u.k jan feb mar apr jun
    jul aug sep sept oct nov dec janv fevr avr juil
    """
)

# Well-known outlets, so that a bare "selon l'AFP" still gets its kind (folded names).
KNOWN_AGENCIES = _words(
    """
    afp reuters ap tass ria interfax xinhua yonhap kcna ukrinform ansa efe dpa bloomberg
    kyodo
    """
)
KNOWN_MEDIA = _words(
    """
    bbc cnn nhk lemonde monde figaro lefigaro liberation guardian nyt fox msnbc abc cbs nbc
    politico axios echos lesechos mediapart franceinfo bfmtv lci rfi france24 tf1 parisien
    leparisien ouestfrance humanite lacroix croix newyorktimes nytimes washingtonpost
    wallstreetjournal wsj financialtimes ft times economist cnbc aljazeera dw spiegel
    foxnews breitbart hill thehill huffpost npr pbs usatoday latimes post
    """
)
PRONOUNS = _words(
    """
    il elle ils elles on he she they it we i nous je celui celle ceux
    """
)

# Words that open sentences without naming anyone ("However, ...", "Trois partis ...").
SENTENCE_OPENERS = (
    _words(
        """
    however instead meanwhile moreover furthermore nevertheless nonetheless therefore thus
    hence later earlier afterwards eventually finally initially subsequently previously
    currently recently today yesterday tomorrow tonight overall additionally similarly
    likewise otherwise indeed perhaps maybe unlike despite although though whereas following
    concerning regarding including besides now
    toutefois neanmoins ensuite enfin aujourd hier demain auparavant finalement recemment
    actuellement malgre lorsque puisque quoique outre concernant
    """
    )
    | NUMBER_PARTS_FR
    | NUMBER_PARTS_EN
)

# Reporting verbs and verbs of belief, as lemmas (folded): the cue of an attribution when the
# parse gives them a subject and a content ("X said that ...", "« ... », a déclaré X").
REPORTING_LEMMAS_EN = _words(
    """
    say tell report announce state add claim confirm deny explain warn argue insist note write
    suggest predict estimate reveal acknowledge admit allege assert contend declare disclose
    emphasize emphasise indicate maintain mention promise reply respond recall remark stress
    testify tweet vow complain conclude concede ask urge caution believe think expect hope fear
    feel find show accuse charge learn hear agree pledge threaten signal boast joke quip counter
    reiterate repeat observe propose recommend demand cite quote speculate doubt worry assure
    inform notify predict forecast project describe characterize portray describe dispute reject
    question wonder comment acknowledge concede allege brag lament decry tout praise blame
    criticize criticise announce post posit theorize theorise insinuate imply call blast
    condemn slam attack want plan refuse decline endorse rule discuss lambast hail dismiss mock
    speak talk outline vow
    """
)
REPORTING_LEMMAS_FR = _words(
    """
    dire declarer affirmer indiquer annoncer preciser expliquer ajouter estimer assurer souligner
    rapporter avertir confirmer dementir nier reconnaitre admettre prevenir rappeler signaler
    noter observer relever repondre repliquer raconter ecrire insister juger considerer penser
    croire craindre esperer promettre menacer accuser denoncer critiquer regretter deplorer
    reveler certifier pretendre soutenir suggerer proposer demander exiger reclamer evoquer
    mentionner informer conclure constater avancer lancer marteler confier detailler resumer
    commenter avouer alerter predire prevoir parler conter enoncer publier temoigner plaider
    jurer fustiger saluer contester rejeter objecter retorquer poursuivre conter affirmer
    """
)
# Cues whose object or infinitive is what was said ("announced the closure", "vowed to
# resign", "a annoncé la fermeture"); other cues need a clause ("said that ...").
OBJECT_CUES = _words(
    """
    announce report confirm deny reveal disclose call blast condemn slam attack praise
    criticize criticise endorse describe discuss lambast hail dismiss decry promise vow pledge
    plan want refuse decline threaten urge ask tell expect predict forecast estimate outline
    annoncer confirmer dementir reveler denoncer critiquer saluer evoquer promettre menacer
    demander exiger reclamer refuser prevoir estimer fustiger
    """
)
# Verbs whose object is the person told, not what was said ("told police that ...").
HEARER_VERBS = _words(
    "tell inform notify assure warn ask urge informer prevenir avertir assurer demander"
)
# Cue phrases before the source, as folded tokens: "according to X", "selon X", "d'après X".
CUE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("as", "reported", "by"),
    ("as", "quoted", "by"),
    ("quoted", "by"),
    ("cited", "by"),
    ("selon",),
    ("d'", "apres"),
    ("d'apres",),
    ("aux", "dires", "de"),
    ("de", "source"),
    ("de", "sources"),
    ("cite", "par"),
    ("citee", "par"),
    ("cites", "par"),
    ("citees", "par"),
    ("rapporte", "par"),
    ("rapportee", "par"),
)
# Nouns that carry what a source said; "d'après des informations du média NHK" names NHK.
VEHICLE_NOUNS = _words(
    """
    information informations propos declaration declarations chiffre chiffres donnee donnees
    image images estimation estimations report reports remarks comments statement statements
    figures figure data estimate estimates account accounts
    """
)
# Pronouns that stand for a person, and those that stand for an organisation or a group.
PERSON_PRONOUNS = _words("he she il elle")
GROUP_PRONOUNS = _words("they it ils elles we nous")
# Said of a source, these make it anonymous wherever they stand near it.
ANONYMITY_MARKERS = (
    "condition of anonymity",
    "not authorized to",
    "not authorised to",
    "asked not to be named",
    "declined to be named",
    "requested anonymity",
    "requis l'anonymat",
    "sous couvert d'anonymat",
    "sous le couvert de l'anonymat",
    "garder l'anonymat",
)

# Inflected forms of reporting verbs that their lemma does not begin ("said", "told", "dit").
IRREGULAR_CUE_FORMS = _words(
    """
    said says saying told tells telling wrote written writes thought thinks felt feels found
    finds heard hears knew knows known spoke spoken speaks saw seen shown showed shows made
    meant added adds denied denies replied replies testified vowed ran
    dit dits dite dites disent disait disaient dira dirait diront disant ecrit ecrits ecrite
    ecrivent ecrivait reconnu reconnait reconnaissent admis admet prevenu previent soutenu
    soutient repond repondu craint croit cru croient promet promis conclu averti avertit
    poursuit poursuivi prevoit prevu estime selon apres dires source sources cite citee cites
    citees rapporte rapportee according quoted cited reported
    """
)


# Words that say the opposite of each other about a change, a decision or an outcome (folded
# stems are compared, so one form of each is enough: "rose" and "rise" both listed where the
# stemmer does not join them). A claim that puts one where its evidence has the other reverses
# the story.
OPPOSITES: tuple[tuple[str, str], ...] = (
    ("rise", "fall"),
    ("rose", "fell"),
    ("risen", "fallen"),
    ("rise", "drop"),
    ("rose", "dropped"),
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("increase", "cut"),
    ("raise", "cut"),
    ("raise", "lower"),
    ("raised", "cut"),
    ("grow", "shrink"),
    ("grew", "shrank"),
    ("gain", "loss"),
    ("gain", "lose"),
    ("gained", "lost"),
    ("climb", "drop"),
    ("climb", "fall"),
    ("climbed", "fell"),
    ("jump", "slump"),
    ("surge", "plunge"),
    ("soar", "plunge"),
    ("rally", "slide"),
    ("up", "down"),
    ("higher", "lower"),
    ("more", "fewer"),
    ("more", "less"),
    ("most", "least"),
    ("win", "lose"),
    ("won", "lost"),
    ("victory", "defeat"),
    ("success", "failure"),
    ("succeed", "fail"),
    ("pass", "fail"),
    ("approve", "reject"),
    ("accept", "reject"),
    ("accept", "refuse"),
    ("agree", "refuse"),
    ("allow", "ban"),
    ("allow", "forbid"),
    ("permit", "ban"),
    ("legalise", "ban"),
    ("uphold", "overturn"),
    ("upheld", "overturned"),
    ("confirm", "deny"),
    ("admit", "deny"),
    ("support", "oppose"),
    ("back", "oppose"),
    ("for", "against"),
    ("acquit", "convict"),
    ("acquitted", "convicted"),
    ("guilty", "innocent"),
    ("arrest", "release"),
    ("hire", "fire"),
    ("hire", "lay off"),
    ("open", "close"),
    ("opened", "closed"),
    ("start", "end"),
    ("begin", "end"),
    ("began", "ended"),
    ("join", "leave"),
    ("joined", "left"),
    ("enter", "exit"),
    ("buy", "sell"),
    ("bought", "sold"),
    ("import", "export"),
    ("borrow", "lend"),
    ("before", "after"),
    ("early", "late"),
    ("earlier", "later"),
    ("first", "last"),
    ("above", "below"),
    ("over", "under"),
    ("strengthen", "weaken"),
    ("improve", "worsen"),
    ("expand", "contract"),
    ("expand", "shrink"),
    ("boost", "reduce"),
    ("boost", "cut"),
    ("profit", "loss"),
    ("surplus", "deficit"),
    ("rich", "poor"),
    ("strong", "weak"),
    ("positive", "negative"),
    ("north", "south"),
    ("east", "west"),
    ("survive", "die"),
    ("alive", "dead"),
    ("found", "lost"),
    ("include", "exclude"),
    ("add", "remove"),
    ("hausse", "baisse"),
    ("augmentation", "diminution"),
    ("augmentation", "baisse"),
    ("augmentation", "reduction"),
    ("progression", "recul"),
    ("croissance", "recession"),
    ("croissance", "contraction"),
    ("s'envoler", "s'effondrer"),
    ("remporte", "perdu"),
    ("gagne", "perdu"),
    ("victoire", "defaite"),
    ("succes", "echec"),
    ("soutenir", "s'opposer"),
    ("pour", "contre"),
    ("acquitte", "condamne"),
    ("coupable", "innocent"),
    ("ouverture", "fermeture"),
    ("debut", "fin"),
    ("achat", "vente"),
    ("avant", "apres"),
    ("tot", "tard"),
    ("premier", "dernier"),
    ("plus", "moins"),
    ("superieur", "inferieur"),
    ("au-dessus", "au-dessous"),
    ("amelioration", "degradation"),
    ("benefice", "perte"),
    ("excedent", "deficit"),
    ("riche", "pauvre"),
    ("fort", "faible"),
    ("positif", "negatif"),
    ("nord", "sud"),
    ("vivant", "mort"),
)

# French verbs of opposite sense, as infinitives: `conjugated` gives the forms news uses most
# ("a ouvert" / "a fermé", "vend" / "achète"), which their stems do not join.
OPPOSITE_VERBS_FR: tuple[tuple[str, str], ...] = (
    ("augmenter", "diminuer"),
    ("augmenter", "baisser"),
    ("augmenter", "reduire"),
    ("monter", "baisser"),
    ("monter", "descendre"),
    ("progresser", "reculer"),
    ("grimper", "chuter"),
    ("bondir", "chuter"),
    ("gagner", "perdre"),
    ("remporter", "perdre"),
    ("reussir", "echouer"),
    ("approuver", "rejeter"),
    ("accepter", "refuser"),
    ("accepter", "rejeter"),
    ("adopter", "rejeter"),
    ("autoriser", "interdire"),
    ("confirmer", "infirmer"),
    ("confirmer", "dementir"),
    ("reconnaitre", "nier"),
    ("soutenir", "combattre"),
    ("acquitter", "condamner"),
    ("arreter", "liberer"),
    ("arreter", "relacher"),
    ("embaucher", "licencier"),
    ("ouvrir", "fermer"),
    ("commencer", "terminer"),
    ("debuter", "finir"),
    ("rejoindre", "quitter"),
    ("entrer", "sortir"),
    ("acheter", "vendre"),
    ("importer", "exporter"),
    ("emprunter", "preter"),
    ("renforcer", "affaiblir"),
    ("ameliorer", "degrader"),
    ("survivre", "mourir"),
    ("ajouter", "retirer"),
    ("inclure", "exclure"),
    ("relever", "abaisser"),
)

# Past participles that are not the infinitive's root with -é, -i or -u.
IRREGULAR_PARTICIPLES_FR = {
    "ouvrir": "ouvert",
    "mourir": "mort",
    "interdire": "interdit",
    "reduire": "reduit",
    "rejoindre": "rejoint",
    "inclure": "inclus",
    "exclure": "exclu",
    "reconnaitre": "reconnu",
    "soutenir": "soutenu",
    "survivre": "survecu",
    "sortir": "sorti",
    "dementir": "dementi",
}


def conjugated(infinitive: str) -> tuple[str, ...]:
    """Common forms of a French verb (folded): its past participle (masculine, feminine,
    plural), its present and imperfect third persons; by its group, with the irregular
    participles above."""
    root, ending = infinitive[:-2], infinitive[-2:]
    participle = IRREGULAR_PARTICIPLES_FR.get(infinitive) or root + {"er": "e", "ir": "i"}.get(
        ending, "u"
    )
    present: tuple[str, ...]
    if ending == "er":
        present = (root + "e", root + "ent", root + "ait", root + "aient")
    elif ending == "ir" and infinitive not in IRREGULAR_PARTICIPLES_FR:
        present = (root + "it", root + "issent", root + "issait")
    else:
        present = (root, root + "ent", root + "ait")
    return (participle, participle + "e", participle + "s", *present)


# From what is alleged or planned to what is established or done: a claim with the right-hand
# word where its evidence has the left-hand one states as fact what the text does not.
ESCALATIONS: tuple[tuple[str, str], ...] = (
    ("accused", "convicted"),
    ("accused", "guilty"),
    ("charged", "convicted"),
    ("suspected", "convicted"),
    ("suspected", "confirmed"),
    ("suspect", "culprit"),
    ("alleged", "proven"),
    ("alleged", "confirmed"),
    ("allegedly", "confirmed"),
    ("threatened", "carried out"),
    ("proposed", "adopted"),
    ("proposed", "passed"),
    ("planned", "completed"),
    ("plans", "has"),
    ("considering", "decided"),
    ("expected", "confirmed"),
    ("estimated", "counted"),
    ("possible", "certain"),
    ("likely", "certain"),
    ("may", "will"),
    ("might", "will"),
    ("could", "will"),
    ("probable", "certain"),
    ("accuse", "condamne"),
    ("accuse", "coupable"),
    ("mis en examen", "condamne"),
    ("soupconne", "condamne"),
    ("soupconne", "coupable"),
    ("presume", "avere"),
    ("presume", "coupable"),
    ("menace", "expulse"),
    ("menace", "licencie"),
    ("envisage", "decide"),
    ("prevoit", "a"),
    ("projet", "decision"),
    ("possible", "certain"),
    ("probable", "certain"),
    ("pourrait", "va"),
    ("devrait", "va"),
    ("pourraient", "vont"),
    ("devraient", "vont"),
)

# Days, months (with their abbreviations) and relative times, folded; a claim that gives
# another than its evidence changes when something happened.
WEEKDAYS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday
    lundi mardi mercredi jeudi vendredi samedi dimanche
    """
)
MONTHS: dict[str, str] = {
    **{
        m: m
        for m in _words(
            """
        january february march april may june july august september october november december
        janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
        """
        )
    },
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    "janv": "janvier",
    "fevr": "fevrier",
    "avr": "avril",
    "juil": "juillet",
}
RELATIVE_TIMES = _words(
    """
    yesterday today tomorrow tonight last next this previous coming ago
    hier aujourd'hui demain aujourd dernier derniere prochain prochaine precedent
    precedente passe passee veille lendemain ce cet cette
    """
)

# Names that stand for each other (folded): a claim using one where its evidence has the other
# names the same thing.
NAME_VARIANTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "united states|us|usa|u.s.|america|american|americans|etats-unis|etats unis|americain"
        "|americaine|americains",
        "united kingdom|uk|u.k.|britain|great britain|british|royaume-uni|grande-bretagne"
        "|britannique|britanniques",
        "united nations|un|u.n.|onu|nations unies",
        "european union|eu|ue|union europeenne|europeen|europeenne|european",
        "france|french|francais|francaise|francais",
        "germany|german|allemagne|allemand|allemande",
        "spain|spanish|espagne|espagnol|espagnole",
        "italy|italian|italie|italien|italienne",
        "russia|russian|russie|russe|russes",
        "china|chinese|chine|chinois|chinoise",
        "japan|japanese|japon|japonais|japonaise",
        "ukraine|ukrainian|ukrainien|ukrainienne",
        "nato|otan",
        "scotland|scottish|ecosse|ecossais",
        "england|english|angleterre|anglais",
        "ireland|irish|irlande|irlandais",
        "wales|welsh|pays de galles|gallois",
    )
)
