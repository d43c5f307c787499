"""The teams and reasons the knowledge base can name in both languages.

Facts about teams and reasons store vocabulary keys rather than sentences, so
the same fact reads naturally in an English or a French answer, and articles
in either language map onto the same keys.  What the vocabulary does not
cover stays as free text on the fact (`Fact.detail`) and is quoted as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
    pattern: re.Pattern[str]


def _p(expression: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{expression})\b")


TEAMS: tuple[Team, ...] = (
    Team("sales", "sales", "ventes", _p(r"sales|selling|ventes?|commerciale?s?")),
    Team("marketing", "marketing", "marketing", _p(r"marketing")),
    Team("global_services", "global services", "services mondiaux",
         _p(r"global services|services mondiaux|professional services")),
    Team("physical_stores_tech", "physical stores technology", "technologie des magasins physiques",
         _p(r"physical stores?|magasins physiques|brick and mortar")),
    Team("prime_video", "Prime Video", "Prime Video", _p(r"prime video")),
    Team("health", "health businesses", "activités de santé", _p(r"health(?:care)? (?:business|unit)s?|sante")),
    Team("alexa", "Alexa voice assistant", "assistant vocal Alexa", _p(r"alexa")),
    Team("devices", "devices", "appareils", _p(r"devices?|appareils|hardware")),
    Team("recruiting", "recruiting", "recrutement", _p(r"recruit(?:ing|ers|ment)|talent acquisition|recrutement")),
    Team("human_resources", "human resources", "ressources humaines",
         _p(r"human resources|hr|ressources humaines|people operations")),
    Team("engineering", "engineering", "ingénierie", _p(r"engineering|engineers|ingenierie|ingenieurs")),
    Team("customer_support", "customer support", "service client",
         _p(r"customer (?:support|service|success)|support client|service client")),
    Team("advertising", "advertising", "publicité", _p(r"advertising|ads business|publicite")),
    Team("gaming", "gaming", "jeux vidéo", _p(r"gaming|video games?|jeux? video")),
    Team("operations", "operations", "opérations", _p(r"operations")),
    Team("product", "product", "produit", _p(r"product (?:teams?|management)|produit")),
    Team("trust_safety", "trust and safety", "confiance et sécurité",
         _p(r"trust and safety|content moderation|moderation")),
    Team("communications", "communications", "communication", _p(r"communications|communication")),
    Team("cloud", "cloud", "cloud", _p(r"cloud")),
    Team("retail", "retail", "commerce de détail", _p(r"retail|commerce de detail")),
    Team("research", "research", "recherche", _p(r"research|recherche")),
)

REASONS: tuple[Reason, ...] = (
    Reason(
        "overhiring_pandemic",
        "it had hired too many people during the pandemic",
        "after hiring too many people during the pandemic",
        "elle avait trop recruté pendant la pandémie",
        "après avoir trop recruté pendant la pandémie",
        _p(r"(?:hired|hiring|recrute\w*|embauche\w*) (?:too many|trop)|over-?hir\w*|trop recrute\w*"
           r"|over-?optimistic|pandemic (?:revenue )?boom"),
    ),
    Reason(
        "economic_uncertainty",
        "of economic uncertainty",
        "amid economic uncertainty",
        "l'économie est incertaine",
        "dans un contexte économique incertain",
        _p(r"econom\w* (?:uncertain\w*|concerns?|downturn|slowdown|headwinds)|uncertain econom\w*"
           r"|crise economique|incertitude economique|economie incertaine|ralentissement economique|recession"),
    ),
    Reason(
        "customer_caution",
        "customers had become more cautious about spending",
        "as customers grew more cautious about spending",
        "les clients étaient devenus plus prudents dans leurs achats",
        "alors que les clients devenaient plus prudents",
        _p(r"customers? (?:\w+ ){0,3}(?:cautious|careful)|clients? (?:\w+ ){0,3}prudents?"),
    ),
    Reason(
        "efficiency",
        "it wanted to become leaner and more efficient",
        "to become leaner and more efficient",
        "elle voulait devenir plus efficace",
        "pour gagner en efficacité",
        _p(r"leaner|more efficient|efficiency|efficacite|plus efficace"),
    ),
    Reason(
        "cost_cutting",
        "it wanted to cut costs",
        "to cut costs",
        "elle voulait réduire ses coûts",
        "pour réduire ses coûts",
        _p(r"cut(?:ting)? costs?|cost[- ]cutting|reduce costs|reduire (?:ses |les )?couts|economies"),
    ),
    Reason(
        "restructuring",
        "it was reorganising",
        "as part of a reorganisation",
        "elle se réorganisait",
        "dans le cadre d'une réorganisation",
        _p(r"reorgani[sz]\w*|restructur\w*|reorganisation\w*|restructuration\w*"),
    ),
    Reason(
        "fix_areas",
        "it had identified specific areas of the organisation that needed fixing",
        "after identifying areas of the organisation that needed fixing",
        "elle avait identifié des domaines précis de l'organisation à corriger",
        "après avoir identifié des domaines de l'organisation à corriger",
        _p(r"areas? (?:\w+ ){0,4}(?:fix|improve)|zones? (?:\w+ ){0,4}(?:reparer|corriger)"),
    ),
    Reason(
        "artificial_intelligence",
        "it was shifting resources to artificial intelligence",
        "while shifting resources to artificial intelligence",
        "elle réorientait ses ressources vers l'intelligence artificielle",
        "en réorientant ses ressources vers l'intelligence artificielle",
        _p(r"artificial intelligence|\bai\b|intelligence artificielle|\bia\b"),
    ),
    Reason(
        "ownership_change",
        "it had changed hands",
        "after a change of ownership",
        "elle avait changé de propriétaire",
        "après un changement de propriétaire",
        _p(r"takeover|took control|acquisition|new owner|rachat|nouveau proprietaire"),
    ),
    Reason(
        "shutdown",
        "it was shutting down",
        "as it shut down",
        "elle fermait ses portes",
        "en fermant ses portes",
        _p(r"shut(?:ting)? down|shutdown|wind(?:ing)? down|ferme(?:ture)?|cessation"),
    ),
)

TEAMS_BY_KEY = {team.key: team for team in TEAMS}
REASONS_BY_KEY = {reason.key: reason for reason in REASONS}


def split_labels(labels: str) -> list[str]:
    return [label for label in labels.split(",") if label]


def join_labels(labels: list[str]) -> str:
    return ",".join(dict.fromkeys(labels))


def teams_in(folded: str) -> list[str]:
    """Vocabulary keys of the teams a folded text mentions, in order of mention."""
    found = [(m.start(), team.key) for team in TEAMS if (m := team.pattern.search(folded))]
    return [key for _, key in sorted(found)]


def reasons_in(folded: str) -> list[str]:
    found = [(m.start(), reason.key) for reason in REASONS if (m := reason.pattern.search(folded))]
    return [key for _, key in sorted(found)]
