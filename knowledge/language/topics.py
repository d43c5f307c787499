"""What a layoff question may talk about, and what it may not (English and French).

The bot answers from layoff facts only, so a question about something else
must not get layoff figures: "What was Amazon's revenue in 2024?" is not
"Amazon layoffs 2024".  Two lists draw the line:

* `OFF_TOPIC`: things people ask about companies that no layoff fact holds
  (revenue, hiring, who runs the company, pay, share prices, funding),
  each named so a decline can say what it cannot answer;
* `UNDERSTOOD`: every other word a layoff question is made of; a content word
  outside it (and not a company, place, industry, stage or period) was not
  understood, and the bot says so rather than answering around it.

Both work on folded words (`knowledge.language.text.fold`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.language.lexicon import WORDS


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    en: str  # "revenue": "I can't answer questions about revenue"
    fr: str
    pattern: re.Pattern[str]


def _p(expression: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{expression})(?!\w)")


OFF_TOPIC: tuple[Concept, ...] = (
    Concept("revenue", "revenue or profits", "le chiffre d'affaires ou les bénéfices", _p(
        r"revenues?|turnover|earnings|profits?|profitab\w*|income|sales figures|ebitda|margins?"
        r"|chiffres? d affaires|benefices?|rentabilite|resultats? financiers?|pertes? nettes?")),
    Concept("hiring", "hiring", "les embauches", _p(
        r"hire[sd]?|hiring|new hires|recruit(?:s|ed)?|onboard\w*|job openings?|openings|vacanc\w*|headcount growth"
        r"|embauch\w*|recrut(?:e|es|ee|ees|er|ent|ait|aient)|nouvelles recrues|postes? ouverts?|offres? d emploi")),
    Concept("leaders", "who runs a company", "qui dirige une entreprise", _p(
        r"ceos?|chief executive\w*|founders?|founded|co ?founders?|chairm[ae]n|chairwoman|president|cto|cfo|coo"
        r"|who (?:runs|owns|founded|heads|manages|leads) [a-z0-9_]+(?: [a-z0-9_]+)?(?: these days| now| today)?$"
        r"|pdg|dirigeants?|fondateurs?|fonde|president|qui dirige|qui possede|patron")),
    Concept("pay", "pay or salaries", "les salaires", _p(
        r"salary|wages?|compensation|bonus(?:es)?|stock options|equity grants?|how much (?:do|does|did) "
        r"(?:\w+ ){1,3}(?:earn|make|pay)|salaires?|remunerations?")),
    Concept("markets", "share prices or market value", "le cours de bourse ou la valorisation", _p(
        r"stock price|share price|stock|stocks|shares price|market cap\w*|market value|valuations?|valued at"
        r"|worth|p e ratio|cours (?:de (?:l )?action|de bourse)|capitalisation(?: boursiere)?|valorisation"
        r"|action (?:amazon|google|\w+) (?:vaut|valait)")),
    Concept("funding", "funding", "les levées de fonds", _p(
        r"funding rounds?|raised|raise|fundraising|investors?|levees? de fonds|leve|levee|investisseurs?")),
    Concept("products", "products, users or customers", "les produits, utilisateurs ou clients", _p(
        r"users|subscribers|customers|downloads|market share|part de marche|utilisateurs|abonnes")),
    Concept("company_kinds", "kinds of companies the trackers do not record", "des catégories d'entreprises que les "
            "suivis n'enregistrent pas", _p(
                r"early stage|late stage|growth stage|unicorns?|decacorns?|bootstrapped|big tech|faang|maang|gafam"
                r"|magnificent seven|fortune 500|s p 500|profitable|unprofitable|remote first|non ?profits?"
                r"|government|public sector|state owned|family owned|women led|licornes?")),
    Concept("unemployment", "unemployment rates", "le chômage", _p(
        r"unemployment(?: rate)?|jobless(?: rate)?|chomage|taux de chomage")),
)

# A question about what will happen: the bot knows what happened.
FUTURE = _p(
    r"will|won t|going to|gonna|forecast\w*|predict\w*|projection\w*|next year|next month|upcoming|in the future"
    r"|y aura(?: t)?|aura t il|va t (?:il|elle)|vont (?:t ils |t elles )?(?:licencier|supprimer|couper)"
    r"|l annee prochaine|le mois prochain|prevision\w*|prevoi\w*|a l avenir|licencieront|supprimeront"
)

# The words layoff questions are made of, beyond the ordinary words of `knowledge.language.lexicon`.
_UNDERSTOOD = """
a about across after again against ago all almost along also am amid among an and any anyone anything are around
as ask at based be because been before being between both but by can could did do does doing done during each
either else entire entirely ever every everyone exactly far for from get give given go going got had has have
having he her here hers him his how i if in into is it its just let like many may me more most much my near no
nor not of off on once one only or other our out over overall per please quite rather same she should show since
so some such tell than that the their them then there these they this those through till to too total under
until up us very was we were what whatever when where whether which while who whom whose why with within without
would yet you your yours
hey hi hello thanks thank ok okay pls
employee employees worker workers staff staffers people persons person folks individuals jobs job positions roles
headcount workforce personnel employment careers engineers developers techies tech technology
company companies firm firms startup startups start ups businesses business employer employers organisations
organizations corporations corporate enterprises brands giants players makers providers platforms unicorns
industry industries sector sectors field market markets space world globe global globally worldwide everywhere
country countries nation nations city cities region regions place places hub hubs location locations area areas
headquarters headquartered hq hqs located based home
lead leads led leading ordered decided heads reorganisation reorganization reorganised restructuring restructure
orgs functions
stage stages funded funding backed owned private public listed traded
layoff layoffs laid lay lays laying cut cuts cutting fire fired firing let go lost lose losing loss losses sacked
slashed slash axed axe shed shedding eliminated eliminate reduced reduction reductions downsized downsizing
terminated terminations furloughed furloughs redundancies redundant shut shutdown shutdowns closed close closing
closure closures bust bankrupt bankruptcy folded wound wind ceased cease operations business affected hit
impacted impact touched victims toll wave waves round rounds event events announcement announcements announced
announce announces reported report reports record records recorded tracked tracker tracking data dataset
list listing name names rank ranking ranked top biggest largest greatest highest most least fewest smallest
lowest big large huge major massive small number numbers count counts figure figures amount tally sum combined
altogether overall share percent percentage proportion fraction part half compare compared comparison versus vs
difference differ more less fewer than bigger larger smaller higher lower same similar
year years month months quarter quarters week weeks day days date dates period time times recent recently latest
last past previous first second third early late earlier later so far this current now today currently yet
since until between during throughout before after start started begin began beginning end ended peak peaked
happen happened happening occur occurred see saw seen go went gone come came make made take took give gave
have had get got do did say said
yes any whole separately respectively each apiece among including include includes excluding except outside
besides apart overall approximately roughly about around nearly almost least
french english answer answers question questions know knew
severance cost costs costing charge charges payout payouts benefits termination expenses spend spent
team teams division divisions department departments unit units group groups studio studios site sites office
offices plant plants factory factories branch branches subsidiary subsidiaries store stores warehouse warehouses
"""

_UNDERSTOOD_FR = """
a au aux avec ce ces cet cette chez combien comme comment dans de des depuis du elle elles en entre est et eu
il ils je j la le les leur leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ont ou par pas pendant
plus pour quand que quel quelle quelles quels qui quoi sa sans se ses si son sont sur ta te tes toi ton tous tout
toute toutes tu un une vos votre vous y t il elle ete etre avoir fait faire a ait aient eu d l qu n s c
est ce que qu est ce qu il y a eu ya
bonjour merci svp
salarie salaries salariee salariees employe employes employee employees travailleurs travailleuses personnes
personne gens postes poste emplois emploi effectifs effectif personnel collaborateurs ingenieurs licencies
licenciees licencie licenciee
entreprise entreprises societe societes firmes firme start up startups jeunes pousses groupe groupes acteurs
geants marques employeurs organisations secteur secteurs industrie domaine marche tech technologie technologies
pays ville villes region regions basee basees base bases siege implantee implantees situee situees
licenciement licenciements licencier licencie licencies licenciee licenciees licencient supprime supprimes
supprimee supprimees supprimer suppression suppressions supprimant coupe coupes couper reduction reductions
departs depart plan plans social sociaux fermeture fermetures ferme fermee fermees fermer faillite touche touches
touchee touchees vague vagues annonce annonces annoncee annoncees perdu perdre perte pertes renvoye renvoyes
remercie remercies
liste lister nomme nommer classement premiere premier premieres premiers grand grande grands grandes gros grosse
plus moins nombre nombres total totale chiffre chiffres part pourcentage proportion moitie compare comparer
comparaison que
annee annees an ans mois trimestre trimestres semaine semaines jour jours date dates periode fois recent recents
recemment dernier derniere derniers dernieres precedent precedente debut fin depuis jusqu jusque actuellement
maintenant aujourd hui deja encore toujours entre
oui non aucun aucune seulement environ presque pres au moins quelque quelques plusieurs certains certaines
chacun chacune ensemble cumul cumule cumules
cout couts couter coutera couteront indemnite indemnites indemnisation indemnisations charges depart departs
equipe equipes division divisions service services unite unites departement departements studio studios site
sites bureau bureaux usine usines filiale filiales branche branches magasin magasins entrepot entrepots
"""

UNDERSTOOD: frozenset[str] = frozenset((_UNDERSTOOD + _UNDERSTOOD_FR).split()) | WORDS
_UNDERSTOOD_SORTED = sorted(UNDERSTOOD)


@dataclass(frozen=True, slots=True)
class OffTopic:
    concept: Concept
    words: str  # the question's own words that named it


def off_topic(folded: str) -> OffTopic | None:
    """The first thing a question asks about that no layoff fact holds, if any."""
    for concept in OFF_TOPIC:
        match = concept.pattern.search(folded)
        if match:
            return OffTopic(concept, match.group(0))
    return None


def asks_about_future(folded: str) -> bool:
    return bool(FUTURE.search(folded))


def is_understood(word: str) -> bool:
    """A word a layoff question may hold, or a slip of the keyboard away from one ("peopel", "layofs")."""
    if word in UNDERSTOOD or not word.isalpha():
        return True
    for stem in _stems(word):
        if stem in UNDERSTOOD:
            return True
    if len(word) < 5:
        # too short for a similarity to mean much, but two neighbouring letters typed the wrong way round
        # ("waht", "hwo") are the commonest slip, and there are only a few ways to undo one
        return any(word[:i] + word[i + 1] + word[i] + word[i + 2:] in UNDERSTOOD for i in range(len(word) - 1))
    near = process.extractOne(word, _UNDERSTOOD_SORTED, scorer=OSA.normalized_similarity, processor=None,
                              score_cutoff=0.8)
    return near is not None


def _stems(word: str) -> list[str]:
    """The word less an English or French ending: "startups" -> "startup", "licenciees" -> "licencie"."""
    stems = []
    for ending in ("ies", "es", "s", "ed", "ing", "ly", "ees", "ee", "e", "er"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: -len(ending)])
    return stems
