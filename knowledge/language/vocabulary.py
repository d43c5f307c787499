"""The teams and reasons the knowledge base can name in both languages.

Facts about teams and reasons store vocabulary keys rather than sentences, so
the same fact reads naturally in an English or a French answer, and articles
in either language map onto the same keys.  What the vocabulary does not
cover stays as free text on the fact (`Fact.detail`) and is quoted as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Team:
    key: str
    en: str
    fr: str
    pattern: re.Pattern[str]  # on folded text, either language


@dataclass(frozen=True, slots=True)
class Reason:
    key: str
    en_because: str  # "Amazon cut jobs because <...>"
    en_after: str  # "Amazon laid off 27,000 people, <...>"
    fr_because: str  # "Amazon a supprimé des emplois parce que <...>"
    fr_after: str
    expression: str  # on folded text, either language; compiled when first used (see `pattern`)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Only an article is read for its reasons, never a question: a one-question command is spared compiling
        these long alternations (12 ms, a twentieth of its start), which every reason's first use pays once."""
        return _compiled(self.expression)


def _p(expression: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{expression})\b")


@cache
def _compiled(expression: str) -> re.Pattern[str]:
    return _p(expression)


TEAMS: tuple[Team, ...] = (
    Team("sales", "sales", "ventes",
         _p(r"sales(?! (?:fell|fall|dropped|declined|rose|grew|growth|slowed|slump|slumped|decline))|selling"
         r"|ventes?(?! (?:ont|a|avaient|avait) )|commerciale?s?")),
    Team("marketing", "marketing", "marketing", _p(r"marketing")),
    Team("global_services", "global services", "services mondiaux",
         _p(r"global services|services mondiaux|professional services")),
    Team("physical_stores_tech", "physical stores technology", "technologie des magasins physiques",
         _p(r"physical stores?|magasins physiques|brick and mortar")),
    Team("prime_video", "Prime Video", "Prime Video", _p(r"prime video")),
    Team("health", "health businesses", "activités de santé",
         _p(r"health(?:care)? (?:business|unit)s?|sante(?! financiere)")),
    Team("alexa", "Alexa voice assistant", "assistant vocal Alexa", _p(r"alexa")),
    Team("devices", "devices", "appareils", _p(r"devices?|appareils|hardware")),
    Team("recruiting", "recruiting", "recrutement", _p(r"recruit(?:ing|ers|ment)|talent acquisition|recrutement")),
    Team("human_resources", "human resources", "ressources humaines",
         _p(r"human resources|hr|ressources humaines|people operations")),
    Team("engineering", "engineering", "ingénierie", _p(r"engineering|engineers|ingenierie|ingenieurs")),
    Team("customer_support", "customer support", "service client",
         _p(r"customer (?:support|service|success)|support client|service client|call cent(?:er|re)s?"
            r"|centres? d.appels?")),
    Team("advertising", "advertising", "publicité", _p(r"advertising|ads business|publicite")),
    Team("gaming", "gaming", "jeux vidéo", _p(r"gaming|video games?|jeux? video")),
    Team("operations", "operations", "opérations",
         _p(r"operations(?! (?:in|en|au|aux|dans|worldwide|globally|around))"
            r"|(?:equipes?|services?|activites?|fonctions?) d.exploitation")),
    Team("product", "product", "produit", _p(r"product (?:teams?|management)|produit")),
    Team("trust_safety", "trust and safety", "confiance et sécurité",
         _p(r"trust and safety|content moderation|moderation")),
    Team("communications", "communications", "communication",
         _p(r"communications|(?:equipes?|service|departement|pole|direction) (?:de (?:la )?)?communication")),
    Team("cloud", "cloud", "cloud", _p(r"cloud")),
    Team("retail", "retail", "commerce de détail", _p(r"retail|commerce de detail")),
    Team("research", "research", "recherche",
         _p(r"research(?! (?:firm|by|from|group|note|company))|recherche(?! (?:d.emploi|de))")),

    Team("finance", "finance", "finance", _p(r"finance|accounting|comptabilite|equipes? financieres?")),
    Team("legal", "legal", "juridique", _p(r"legal (?:team|department|teams)|juridique")),
    Team("design", "design", "design", _p(r"design(?:ers)?(?! (?:to|for))")),
    Team("data", "data", "données", _p(r"data (?:science|teams?|scientists)|equipes? (?:de )?donnees")),
    Team("logistics", "logistics", "logistique",
         _p(r"logistics|warehouses?|fulfil?ment centers?|entrepots?|logistique")),
    Team("middle_management", "middle management", "encadrement intermédiaire",
         _p(r"middle management|management layers|layers of management|middle managers|cadres intermediaires"
            r"|encadrement intermediaire|managers intermediaires")),
    Team("self_driving", "self-driving", "conduite autonome",
         _p(r"self-driving|autonomous (?:driving|vehicles?)|conduite autonome|vehicules? autonomes?")),
)

REASONS: tuple[Reason, ...] = (
    Reason(
        "overhiring_pandemic",
        "it had hired too many people during the pandemic",
        "after hiring too many people during the pandemic",
        "elle avait trop recruté pendant la pandémie",
        "après avoir trop recruté pendant la pandémie",
        (r"(?:hired|hiring|recrute\w*|embauche\w*) (?:too many|trop)|over-?hir\w*|trop (?:recrute|embauche)\w*"
         r"|over-?optimistic|pandemic (?:revenue )?boom|pandemic hiring|hiring spree|sur-?recrut\w*"
         r"|hir(?:ed|ing) (?:\w+ ){0,2}(?:too quickly|too fast|too rapidly|too aggressively|aggressively)"
         r"|(?:recrute|embauche)\w* (?:massivement|en masse)|recrutements? massifs?"
         r"|(?:recrute|embauche) trop (?:vite|rapidement)"
         r"|(?:recrute|embauche)\w* (?:agressivement|de maniere agressive)"
         r"|hir(?:ed|ing) (?:\w+ ){0,2}ahead of (?:demand|growth|revenue)"
         r"|(?:recrute|embauche)\w* (?:trop )?en avance sur (?:la demande|la croissance)"),
    ),
    Reason(
        "overexpansion",
        "it had grown faster than its business could support",
        "after growing faster than its business could support",
        "elle avait grandi plus vite que son activité ne le permettait",
        "après avoir grandi plus vite que son activité ne le permettait",
        (r"(?:grew|grown|grow|growing|expanded|expanding|scaled) (?:\w+ ){0,2}(?:too fast|too quickly|too rapidly)"
         r"|over-?expan\w*|(?:grandi|grossi|cru|developpee?) trop (?:vite|rapidement)|croissance trop rapide"
         r"|headcount (?:had |has )?(?:grown|outpaced|outgrown)|mismatch between (?:\w+ ){0,3}headcount"
         r"|effectifs (?:ont|avaient) (?:augmente|grandi) (?:plus vite|trop)"
         r"|over-?buil[dt]\w*|oversized|surdimensionn\w*"),
    ),
    Reason(
        "economic_uncertainty",
        "of economic uncertainty",
        "amid economic uncertainty",
        "l'économie est incertaine",
        "dans un contexte économique incertain",
        (r"econom\w* (?:uncertain\w*|concerns?|downturn|slowdown|headwinds|woes)|uncertain econom\w*"
         r"|crise economique|incertitude economique|economie incertaine|ralentissement economique|recession"
         r"|macro-?econom\w*|economic (?:conditions|environment|climate)|conjoncture|contexte economique"
         r"|inflation|interest rates|taux d.interet|hausse des taux|(?:economic |market )?downturn"
         r"|bear market|crypto winter|marche baissier|marches baissiers|hiver crypto|headwinds|vents contraires"
         r"|uncertain (?:market|environment|climate)|marche incertain|contexte (?:economique )?difficile"),
    ),
    Reason(
        "customer_caution",
        "customers had become more cautious about spending",
        "as customers grew more cautious about spending",
        "les clients étaient devenus plus prudents dans leurs achats",
        "alors que les clients devenaient plus prudents",
        (r"(?:customers?|clients?) (?:\w+ ){0,3}(?:cautious|careful|prudents?)"),
    ),
    Reason(
        "efficiency",
        "it wanted to become leaner and more efficient",
        "to become leaner and more efficient",
        "elle voulait devenir plus efficace",
        "pour gagner en efficacité",
        (r"leaner|more efficient|efficiency|efficacite|plus efficace|fewer layers|(?:reduce|remove|cut|flatten)\w* "
         r"(?:\w+ )?layers|flatten\w*|bureaucracy|move faster|streamlin\w*|simplif\w*|more agile|plus agile"
         r"|agilite|nimbler|echelons?|strates"),
    ),
    Reason(
        "cost_cutting",
        "it wanted to cut costs",
        "to cut costs",
        "elle voulait réduire ses coûts",
        "pour réduire ses coûts",
        (r"cut(?:ting)? costs?|cost[- ]cutting|reduce costs|reduire (?:ses |les )?couts|reduction des couts"
         r"|(?:faire|realiser|generer|degager) des economies|economies de couts|lower (?:its )?costs"
         r"|rein(?:ing)? in (?:its )?(?:costs|spending|expenses)|(?:cut|cutting|reduce|reducing|lower|lowering|trim"
         r"|trimming|control|controlling|curb|curbing) (?:its |operating |overall )*(?:costs|expenses|spending)"
         r"|cost (?:savings|reductions?|discipline)|save (?:\$|\d)|savings of|(?:reduire|maitriser|baisser|limiter)"
         r" (?:ses |les |leurs )?(?:couts|depenses|charges)|reduction (?:des|de ses) (?:depenses|charges)"
         r"|(?:bring|brings|bringing|align|aligning|realign\w*) (?:its |our |their )?(?:costs|spending|expenses)"
         r" (?:\w+ )?(?:in line|into line|with)|adapter (?:ses|sa) (?:couts|structure de couts)"),
    ),
    Reason(
        "restructuring",
        "it was reorganising",
        "as part of a reorganisation",
        "elle se réorganisait",
        "dans le cadre d'une réorganisation",
        (r"reorgani[sz]\w*|restructur\w*|reorganisation\w*|restructuration\w*"),
    ),
    Reason(
        "fix_areas",
        "it had identified specific areas of the organisation that needed fixing",
        "after identifying areas of the organisation that needed fixing",
        "elle avait identifié des domaines précis de l'organisation à corriger",
        "après avoir identifié des domaines de l'organisation à corriger",
        (r"areas? (?:[\w']+ ){0,6}(?:fix|improve)|zones? (?:[\w']+ ){0,8}(?:reparer|corriger)"),
    ),
    Reason(
        "artificial_intelligence",
        "it was shifting resources to artificial intelligence",
        "while shifting resources to artificial intelligence",
        "elle réorientait ses ressources vers l'intelligence artificielle",
        "en réorientant ses ressources vers l'intelligence artificielle",
        (r"(?:artificial intelligence|(?<!')ai|intelligence artificielle|ia|generative ai)(?! (?:unit|units|division"
         r"|business|arm|subsidiary|group|lab|labs|team|teams|startup|start-up|company|firm|chips?)\b)"),
    ),
    Reason(
        "ownership_change",
        "it had changed hands",
        "after a change of ownership",
        "elle avait changé de propriétaire",
        "après un changement de propriétaire",
        (r"takeover(?! of)|took control|took over|acquisition by|acquired by|bought by|new owners?"
         r"|change of ownership|rachat(?! de| d)|rachetee? par|nouveaux? proprietaires?|changement de proprietaire"
         r"|reprise par"
         r"|(?:private[- ]equity|new) (?:owners?|buyers?)|since (?:\w+ )?took over"),
    ),
    Reason(
        "shutdown",
        "it was shutting down",
        "as it shut down",
        "elle fermait ses portes",
        "en fermant ses portes",
        (r"shut(?:s|ting)? down|shutdown|wind(?:s|ing)? down|fermeture|fermer"
         r"|ferme (?:ses|son|sa|le|la|les|definitivement)"
         r"|cessation"),
    ),
    Reason(
        "weak_demand",
        "demand for its products had weakened",
        "as demand for its products weakened",
        "la demande pour ses produits avait faibli",
        "alors que la demande pour ses produits faiblissait",
        (r"(?:weak|weaker|weakening|slowing|slower|lower|falling|softer|soft) demand"
         r"|demand (?:has |had )?(?:slowed|fell|weakened|dropped|declined|softened|cooled|collapsed)"
         r"|(?:cool\w*|collaps\w*|effondrement|chute|plongeon) (?:of |in |de la |du )?demand\w*"
         r"|baisse de la demande|demande (?:en baisse|faible|ralentie)|recul de la demande"
         r"|(?:effondrement|chute|baisse|recul|plongeon) des commandes|(?:drop|fall|decline|slump|slowdown) in orders"
         r"|orders (?:fell|dropped|slumped|declined|dried up)|commandes (?:en baisse|en chute)"
         r"|ralentissement des commandes|demande (?:plus )?faible"
         r"|demand (?:(?:for|from) (?:[\w-]+ ){1,3})?(?:has |had )?(?:fallen|weakened|slowed|softened|dropped)"
         r"|demand (?:for|from) [\w -]{1,40}, [^,;]{1,120}, (?:has |had )?(?:fallen|weakened|slowed|softened|dropped)"
         r"|(?:orders|bookings|demand) (?:(?:from|for) (?:[\w-]+ ){1,4})?(?:came in|were|was|remained|remain|fell)"
         r" (?:\w+ )?(?:below|short of|under) (?:expectations|forecasts?|targets?)"
         r"|ralentissement de la demande"),
    ),
    Reason(
        "falling_revenue",
        "its revenue was falling or it was losing money",
        "as its revenue fell",
        "son chiffre d'affaires baissait ou elle perdait de l'argent",
        "alors que son chiffre d'affaires baissait",
        (r"(?:falling|declining|lower|weak|shrinking) (?:revenue|sales)|revenue (?:fell|declined|dropped|shrank)"
         r"|(?:fall|drop|decline|slump|plunge) in (?:\w+ )?(?:revenue|sales)"
         r"|(?:net|operating|financial|heavy|mounting|quarterly) loss(?:es)?"
         r"|(?:baisse|recul|chute) (?:du|de son|de leur) chiffre d.affaires"
         r"|pertes (?:financieres|nettes|operationnelles)"
         r"|perte nette|pertes? (?:importantes|lourdes|record)"),
    ),
    Reason(
        "refocus",
        "it was refocusing on its core business",
        "as it refocused on its core business",
        "elle se recentrait sur son cœur de métier",
        "pour se recentrer sur son cœur de métier",
        (r"refocus\w*|focus(?:ing)? on (?:its )?(?:core|priorit\w+|most important)|recentr\w+|coeur de metier"
         r"|shift\w* (?:its |their )?focus (?:to|toward|towards|on)|repriorit\w+|concentrer ses efforts sur"
         r"|se concentrer sur (?:ses|son) (?:priorites|activites? principales?|coeur)"),
    ),
)

TEAMS_BY_KEY = {team.key: team for team in TEAMS}
# Any team at all, in one search: most questions name none, and one pass rules them all out at once.
ANY_TEAM = re.compile("|".join(f"(?:{team.pattern.pattern})" for team in TEAMS))
REASONS_BY_KEY = {reason.key: reason for reason in REASONS}
