"""The companies a sentence names, and which of them a figure is about.

Known companies come from the knowledge base's matcher (names, aliases,
corrected typos); the canonical name is what facts carry, so "Facebook
parent Meta" and "Meta" file under the same company.  Unknown companies are
capitalised names the sentence treats as an organisation (see
`knowledge.intake.articles.names`).  A mention can be *dependent*: "the parent
company of Facebook", "Facebook parent Meta", "(AWS)", "according to
Layoffs.fyi"; the figure of the sentence belongs to its subject, not to
those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge.intake.articles.names import (
    ORG_NOUNS,
    People,
    capitalised_runs,
    is_corporate_suffix,
    is_plausible_name,
    organisation_cue,
)
from knowledge.intake.articles.sentences import Sentence
from knowledge.language.companies import CompanyMatch, CompanyMatcher
from knowledge.language.text import Token, name_key

_TYPO_MIN_SCORE = 0.86
_DEPENDENT_BEFORE = re.compile(
    rf"(?:^| )(?:of|de|d|du|des|owned by|detenue? par|(?:the )?(?:parent|owner) of"
    rf"|(?:of|de|d|du|des)(?: the| le| la| l)? (?:{ORG_NOUNS}))$")  # "filiale ... du groupe Maestral"
_CITED_BEFORE = re.compile(
    r"(?:^| )(?:according to|selon|d apres|(?:analysts?|economists?|strategists?|researchers?|professors?|consultants?"
    r"|investors?|analystes?|economistes?|chercheurs?) (?:at|of|from|with|chez|de|d|du))$"
    # "selon le cabinet Fintrack", "according to research firm Gartner": the source, described
    rf"|(?:^| )(?:according to|selon|d apres) (?:(?:the|le|la|l) )?(?:[\w-]+ ){{0,2}}?(?:{ORG_NOUNS}|tracker|site"
    r"|observatoire|institut|firm|tally|count|decompte|survey|etude|report|rapport)$"
    # "in a post on LinkedIn", "dans un message sur LinkedIn": where something was said, not who says it
    r"|(?:^| )(?:post|posts|posted|posting|message|video|thread|update|publication|wrote|said|ecrit) (?:on|sur)$")
_DEPENDENT_AFTER = re.compile(r"^(?:s )?(?:parent|owner|- owner|- owned|maison mere|proprietaire|'s parent)\b")
_LIST_JOINER = {"and", "et", ",", "or", "ou", "&"}
_APPOSITION_START = re.compile(rf"^(?:the|a|an|le|la|l|un|une|its|sa|son) (?:[\w-]+ ){{0,3}}?(?:{ORG_NOUNS})\b")


@dataclass(frozen=True, slots=True)
class Mention:
    name: str  # canonical for known companies, as written otherwise
    company_id: int | None
    start: int  # words [start, end) of the sentence
    end: int
    via: str  # name, alias, typo, or the cue that made an unknown name a company
    dependent: bool = False  # possessive, appositive, parenthetical or a cited source
    listed: bool = False  # one of several companies named together ("Lyft and Stripe")
    aside: bool = False  # named in passing: a source, an analyst's employer, a buyer ("bought by X"): never a subject
    unit: bool = False  # named as another's unit ("its AI unit Watson Health", "sa filiale Datavista")

    @property
    def known(self) -> bool:
        return self.company_id is not None

    key: str = field(init=False, default="", compare=False)  # one key per company, known or not

    def __post_init__(self) -> None:
        # computed once: rules compare keys in every loop
        object.__setattr__(self, "key", f"#{self.company_id}" if self.company_id is not None else name_key(self.name))


def find_mentions(sentence: Sentence, matcher: CompanyMatcher, name_of: Callable[[int], str | None],
                  people: People, organisations: dict[str, str]) -> list[Mention]:
    """Companies the sentence names, known or not, in order, with dependency flags.

    An unknown company keeps the fullest name the article gives it, so
    "Pellucid" after "Pellucid Games, the publisher..." files under "Pellucid Games".
    """
    mentions = _known(sentence, matcher, name_of, people)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for run in capitalised_runs(sentence):
        if any(i in covered for i in range(run.start, run.end)) or people.is_person(run):
            continue
        if _names_own_unit(sentence, run.start, run.end):
            continue  # "its Reality Labs division": a unit the article names as the company's, not a company
        full = _fullest(run.key, organisations)
        if full is not None or (organisation_cue(sentence, run) and is_plausible_name(run)):
            mentions.append(Mention(full or _trimmed(run.text), None, run.start, run.end, "unknown"))
    mentions.sort(key=lambda m: m.start)
    return [_flagged(sentence, m, mentions) for m in mentions]


_OWN_UNIT_BEFORE = re.compile(r"(?:^| )(?:its|their|the company s|sa|son|ses|leur)$")
_OWN_UNIT_AFTER = re.compile(r"^(?:division|unit|segment|group|business|organi[sz]ation|department|arm)s?\b")


def _names_own_unit(sentence: Sentence, start: int, end: int) -> bool:
    words = sentence.words
    before = " ".join(w.text for w in words[max(0, start - 3):start])
    after = " ".join(w.text for w in words[end:end + 2])
    return bool(_OWN_UNIT_BEFORE.search(before) and _OWN_UNIT_AFTER.match(after))


def gather_organisations(sentences: list[Sentence], matcher: CompanyMatcher, people: People) -> dict[str, str]:
    """Unknown names some sentence of the article clearly treats as a company (folded key -> name as written)."""
    found: dict[str, str] = {}
    for sentence in sentences:
        for run in capitalised_runs(sentence):
            if people.is_person(run):
                continue
            cue = organisation_cue(sentence, run)
            if cue in {"suffix", "apposition", "described"} and matcher.lookup(run.text) is None:
                found.setdefault(run.key, _trimmed(run.text))
    return found


def _fullest(key: str, organisations: dict[str, str]) -> str | None:
    """The article's fullest name for a company written `key` ("pellucid" -> "Pellucid Games").

    Only a corporate word may lengthen it: "Ledger Recover" is a product of Ledger, and
    "Ubisoft Leamington" one of its studios, not the company's full name.
    """
    fuller = [name for known, name in organisations.items()
              if known == key or (known.startswith(key + " ") and is_corporate_suffix(known.split()[-1]))]
    return max(fuller, key=len) if fuller else None


def _known(sentence: Sentence, matcher: CompanyMatcher, name_of: Callable[[int], str | None],
           people: People) -> list[Mention]:
    tokens = _tokens(sentence)
    if not tokens:
        return []
    token_words = _token_word_index(sentence)
    positions = _matcher_positions(tokens)
    mentions: list[Mention] = []
    for match in matcher.find(tokens):
        span = _token_span(match, positions)
        if span is None:
            continue
        first, last = token_words[span[0]], token_words[span[1] - 1] + 1
        if match.via == "typo" and (match.score < _TYPO_MIN_SCORE or not sentence.words[first].is_capitalised):
            continue
        if match.via == "joined" and not sentence.words[first].is_capitalised:
            continue  # prose's "an open door policy" is no Opendoor; a question's "open door layoffs" is
        if _inside_person(sentence, first, last, people):
            continue
        name = name_of(match.company_id) or match.written
        mentions.append(Mention(name, match.company_id, first, last, match.via))
    return mentions


def _tokens(sentence: Sentence) -> list[Token]:
    return [w.token for w in sentence.words if w.token is not None]


def _token_word_index(sentence: Sentence) -> list[int]:
    return [i for i, w in enumerate(sentence.words) if w.token is not None]


def _matcher_positions(tokens: list[Token]) -> list[int]:
    """For each of the matcher's word positions, the token it came from.

    The matcher splits tokens into words the way `name_key` does ("Amazon.com"
    is two words); this mirrors that split so its positions map back.
    """
    positions: list[int] = []
    for index, token in enumerate(tokens):
        plain_number = token.is_number and not re.search(r"[a-z]", token.text)
        single = plain_number or token.raw.isalnum()  # most words: one position, no need to split them
        positions.extend([index] * (1 if single else len(name_key(token.raw).split())))
    return positions


def _token_span(match: CompanyMatch, positions: list[int]) -> tuple[int, int] | None:
    if not (0 <= match.start < match.end <= len(positions)):
        return None
    return positions[match.start], positions[match.end - 1] + 1


def _inside_person(sentence: Sentence, first: int, last: int, people: People) -> bool:
    """ "Michael Dell said": a known company name that is here a person's surname."""
    for run in capitalised_runs(sentence):
        if run.start <= first and last <= run.end and (run.start < first or last < run.end):
            return people.is_person(run)
    return False


def _trimmed(name: str) -> str:
    """The name as facts file it: no article, no possessive, no legal form ("Vantor Health Inc." -> "Vantor Health")."""
    name = re.sub(r"^(?:The|Le|La|Les|L')\s+", "", name.strip())
    name = re.sub(r"['’]s$", "", name).strip(" ,.;:")
    trimmed = re.sub(r"(?:,?\s+(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|SA|SAS|AG|GmbH|SE|NV|BV|Co)\.?)+$", "", name)
    return trimmed.strip(" ,.;:") or name


# "bought by private-equity firm Stonegate Partners": the owner named in passing, not the subject.
_AGENT_BEFORE = re.compile(
    r"(?:^| )(?:bought|acquired|owned|backed|funded|controlled|purchased|taken over|rachetee?|detenue?|controlee?"
    r"|soutenue?|financee?|repris|rachat|acquisition|takeover|buyout|reprise) (?:by|par)(?: [\w-]+){0,4}$")


def _flagged(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> Mention:
    before = " ".join(w.text for w in sentence.words[max(0, mention.start - 4):mention.start])
    wider = " ".join(w.text for w in sentence.words[max(0, mention.start - 8):mention.start])
    agent = bool(_AGENT_BEFORE.search(wider))
    after = " ".join(w.text for w in sentence.words[mention.end:mention.end + 4])
    parenthesised = mention.start > 0 and sentence.words[mention.start - 1].text == "("
    aside = bool(_CITED_BEFORE.search(before)) or agent
    dependent = bool(aside or _DEPENDENT_BEFORE.search(before) or _DEPENDENT_AFTER.match(after)
                     or parenthesised or _in_apposition(sentence, mention, mentions)
                     or _owner_of_next(sentence, mention, mentions))
    listed = _beside_other(sentence, mention, mentions)
    unit = bool(_ITS_UNIT.search(" ".join(w.text for w in sentence.words[max(0, mention.start - 7):mention.start])))
    return Mention(mention.name, mention.company_id, mention.start, mention.end, mention.via, dependent, listed,
                   aside, unit)


def _owner_of_next(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> bool:
    """ "Amazon's podcast studio Wondery", "Microsoft-owned LinkedIn": the owner, named to place the next company."""
    words = sentence.words
    following = next((m for m in mentions if m.start >= mention.end and m is not mention), None)
    if following is None or following.start - mention.end > 6:
        return False
    between = [w.text for w in words[mention.end:following.start]]
    if not between or between[0] not in {"s", "-"} or any(w.is_punctuation for w in words[mention.end:following.start]):
        return False
    return between[0] == "s" or between[1:2] in (["owned"], ["backed"])


def _in_apposition(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> bool:
    """ "Pellucid Games, the publisher behind the Starfall series, ...": a name inside another's description."""
    words = sentence.words
    comma = next((i for i in range(mention.start - 1, -1, -1) if words[i].text in {",", "(", ";", ":"}), None)
    if comma is None or comma == 0 or words[comma].text not in {",", "("}:
        return False
    if not any(m.start < comma <= m.end and m is not mention for m in mentions):
        return False
    described = " ".join(w.text for w in words[comma + 1:mention.start])
    if _APPOSITION_START.match(described):
        return True
    # "Marvex, a San Jose maker of networking gear, ...": a name inside a description that goes on after it
    end = next((i for i in range(mention.end, len(words)) if words[i].is_punctuation), len(words))
    whole = " ".join(w.text for w in words[comma + 1:end])
    return end > mention.end and bool(_APPOSITION_START.match(whole)) and bool(
        re.match(r"^(?:the|a|an|le|la|l|un|une)\b", described))


def _beside_other(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether the mention is one of a list of companies ("Lyft and Stripe", "Meta, Google and Amazon")."""
    for other in mentions:
        if other.key == mention.key:
            continue
        between = sentence.words[min(other.end, mention.end):max(other.start, mention.start)]
        if between and all(w.text in _LIST_JOINER for w in between) and len(between) <= 2:
            return True
    return False


# Between a company and its owner: "Wondery, the podcast network Amazon bought", "Datavista, filiale de Solvane",
# "LinkedIn, owned by Microsoft", "Brightloom, a unit of Zentrico".
_OWNED_BY = re.compile(
    r"^(?:, )?(?:(?:a|an|the|la|le|l|une|un) )?(?:[\w-]+ ){0,4}?(?:unit|subsidiary|division|arm|branch|business|brand"
    r"|filiale|branche|marque|entite) (?:of|de|d|du)$"
    r"|^(?:, )?(?:(?:which is|which was|now|qui est|desormais) )?(?:wholly )?(?:owned|acquired|bought|purchased"
    r"|controlled|backed|rachetee?|detenue?|acquise?|controlee?) (?:by|par)(?: (?:the|its|le|la|l)?)?(?: [\w-]+){0,3}$")
_OWNER_BOUGHT = re.compile(r"^(?:has |had )?(?:bought|acquired|purchased|owns|took over|a rachete|avait rachete"
                           r"|possede|detient|a acquis)\b")
_ITS_UNIT = re.compile(r"(?:^| )(?:its|their|sa|son|ses|leur) (?:[\w-]+ ){0,3}?(?:unit|subsidiary|division|arm"
                       r"|business|brand|filiale|branche|marque|service|studio|network|platform)"
                       r"(?: [\w-]+){0,2}(?: ,)?$")


def _subject(found: list[Mention]) -> Mention | None:
    return next((m for m in found if not m.dependent and not m.listed), None)


def gather_parents(sentences: list[Sentence], mentions: list[list[Mention]]) -> dict[str, str]:
    """The owner the article names for each company it presents as another's unit (name key -> owner's name)."""
    parents: dict[str, str] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        words = sentence.words
        for owned in found:
            for owner in found:
                if owner.key == owned.key:
                    continue
                if owner.end <= owned.start:
                    between = " ".join(w.text for w in words[owner.end:owned.start])
                    if (owned.start - owner.end <= 6 and _owner_of_next(sentence, owner, found)) or (
                            owner is _subject(found) and _ITS_UNIT.search(between)):
                        parents.setdefault(name_key(owned.name), owner.name)
                elif owner.start - owned.end <= 10:
                    between = " ".join(w.text for w in words[owned.end:owner.start])
                    after = " ".join(w.text for w in words[owner.end:owner.end + 3])
                    if _OWNED_BY.search(between) or (between.startswith(",") and (
                            _OWNER_BOUGHT.match(after) or after.startswith("- owned"))):
                        parents.setdefault(name_key(owned.name), owner.name)
    return parents


# How an article describes a company, so that "the Seattle-based firm" later finds it: the words of an
# apposition ("Corevo, the Seattle-based cloud software provider,") or of a description just before the
# name ("la start-up bordelaise Maribel Mobilité", "payments start-up Halcyon Pay").
_DESCRIBED_AFTER = re.compile(rf"^, (?:the|a|an|le|la|l|un|une) (?P<words>(?:[\w-]+ ){{0,5}}?(?:{ORG_NOUNS})"
                              rf"(?: (?:de|d|du|des|of) [\w-]+)?(?: [\w-]+)?) ,")
_DESCRIBED_BEFORE = re.compile(rf"(?:^|, |(?:the|a|an|le|la|l|un|une|rival|concurrent) )"
                               rf"(?P<words>(?:[\w-]+ ){{0,4}}?(?:{ORG_NOUNS})(?: [\w-]+){{0,4}}?)$")
_PLAIN_WORDS = frozenset("""
the a an le la l les un une de d du des of and et in en its sa son ses their leur leurs rival concurrent
company firm group groupe entreprise societe maker business operator provider platform start - up startup
""".split())


def _content(words: str) -> frozenset[str]:
    return frozenset(w for w in words.split() if w not in _PLAIN_WORDS and not w.isdigit())


def gather_descriptions(sentences: list[Sentence], mentions: list[list[Mention]]) -> dict[str, frozenset[str]]:
    """The distinctive words the article uses to describe each company (mention key -> words)."""
    described: dict[str, frozenset[str]] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        words = sentence.words
        for mention in found:
            if mention.dependent:
                continue
            after = " ".join(w.text for w in words[mention.end:mention.end + 12]) + " ,"
            before = " ".join(w.text for w in words[max(0, mention.start - 8):mention.start])
            phrases = [m.group("words") for m in (_DESCRIBED_AFTER.match(after), _DESCRIBED_BEFORE.search(before))
                       if m]
            for phrase in phrases:
                described[mention.key] = described.get(mention.key, frozenset()) | _content(phrase)
    return described


_REFERENCE = re.compile(rf"(?:^|(?<= ))(?:the|le|la|l|cette|ce|cet) (?P<words>(?:[\w-]+ ){{0,4}}?(?:{ORG_NOUNS}))"
                        rf"(?: (?:de|d|du|des|of) [\w-]+)?(?: [\w-]+)?\b")


def referred(text: str, described: dict[str, frozenset[str]]) -> str | None:
    """The company a definite description in `text` refers to ("the Seattle-based firm"), when exactly one
    company was described with its distinctive words; None for "the company" or an unmatched description."""
    best: list[str] = []
    best_overlap = 0
    for match in _REFERENCE.finditer(text):
        words = _content(match.group(0))
        if not words:
            continue
        for key, known in described.items():
            overlap = len(words & known)
            if overlap > best_overlap:
                best, best_overlap = [key], overlap
            elif overlap == best_overlap and overlap:
                best.append(key)
    return best[0] if len(set(best)) == 1 else None
