"""Telling a company's name from a person's, a place's or a publication's.

Articles name many more companies than the knowledge base knows, and many
people.  A capitalised run of words is taken for an unknown company only
where the sentence treats it as one: "X said it would cut", "X, the maker
of", "la start-up X", "layoffs at X", or a corporate suffix ("Labs",
"Inc").  People are recognised by the titles around them ("chief executive
Mark Zuckerberg", "le PDG") and by common first names, and once recognised
their surname alone ("Zuckerberg said") is a person too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.extract import cues
from knowledge.extract.sentences import Sentence, Word
from knowledge.lexicon import is_ordinary

_FIRST_NAMES = frozenset("""
aaron adam alan alex alexander alexandra alice amanda amy andrew andy angela anna anne anthony antoine arnaud
ben benjamin benoit bernard bill bob brad brian bruno carl carlos caroline catherine charles charlotte chris
christine christophe christopher claire daniel david dennis diane doug elizabeth elon emily emma emmanuel eric
evan frank francois frederic gabriel george gerard greg guillaume hannah helene henri hugo ian isabelle jack
jacques james jane jason jean jeff jennifer jeremy jerome jessica jim joe john jonathan jordan joseph julia
julie julien karen kate kevin laura laurent linda lisa louis luc lucas marc marie mark martin mary matt
matthew michael michel mike nathalie nicolas olivier pascal patrick paul peter philippe pierre rachel richard
robert ron ryan sam sarah satya sebastien sophie stephane stephen steve steven sundar susan thomas thierry tim
tom valerie vincent william yann parag andy sheryl sam jensen marissa reed safra larry sergey tony
""".split())
_PLACES = frozenset(line.strip() for line in """
france|paris|london|londres|new york|san francisco|silicon valley|california|californie|europe|us|u s|usa|uk|india
inde|germany|allemagne|berlin|dublin|ireland|irlande|canada|china|chine|japan|japon|seattle|austin|jakarta|bengaluru
bangalore|texas|washington|brussels|bruxelles|belgique|belgium|lyon|toulouse|nantes|lille|bordeaux|marseille|amsterdam
madrid|barcelona|singapore|singapour|tokyo|beijing|shanghai|sydney|toronto|montreal|quebec|boston|chicago|los angeles
atlanta|denver|asia|asie|africa|afrique|america|amerique|etats unis|royaume uni|wall street|nasdaq|indonesia|indonesie
""".replace("\n", "|").split("|") if line.strip())
# Publications and trackers are cited as sources; they are never the company a figure is about.
_PUBLISHERS = frozenset(line.strip() for line in """
reuters|bloomberg|ap|afp|cnbc|cnn|bbc|techcrunch|the information|the verge|wired|axios|forbes|fortune|le monde
les echos|le figaro|liberation|le soir|business insider|new york times|the new york times|wall street journal
the wall street journal|financial times|the guardian|guardian|layoffs.fyi|layoffs fyi|trueup|crunchbase
challenger|challenger gray christmas|businessday|spokesman review|ktbb|voi|the spokesman review|associated press
""".replace("\n", "|").split("|") if line.strip())
_SUFFIXES = re.compile(
    r"(?:labs?|inc|corp|corporation|company|co|ltd|llc|plc|technologies|technology|systems|software|group|games"
    r"|studios?|networks?|robotics|bank|holdings?|sa|sas|ag|gmbh|se|nv|bv|ai|media|health|therapeutics|motors"
    r"|energy|logistics|payments|pay|cloud|analytics|digital|interactive|entertainment|semiconductor|industries"
    r"|solutions|financial|capital|ventures|partners|mobility|security|data|bio|pharma|telecom|airlines?|retail"
    r"|robotique|logiciels?|technologies|informatique|conseil|systemes)$"
)
ORG_NOUNS = (
    r"startup|start - up|start up|company|firm|group|maker|makers|developer|provider|operator|platform|retailer"
    r"|giant|owner|parent|bank|app|unicorn|publisher|studio|fintech|insurtech|edtech|proptech|healthtech|scale - up"
    r"|chipmaker|automaker|carmaker|supplier|vendor|marketplace|service|network|specialist|business|outfit"
    r"|entreprise|societe|groupe|editeur|fabricant|specialiste|plateforme|fournisseur|createur|concepteur|leader"
    r"|geant|licorne|jeune pousse|pepite|operateur|distributeur|constructeur|banque|application|filiale|enseigne"
    r"|equipementier|cabinet|agence|laboratoire|acteur|champion"
)
# "X, the maker of ..." / "X, la start-up ..." / "X (NASDAQ: ...)"
_APPOSITION = re.compile(rf"^(?:, |\( )(?:the |a |an |le |la |l |un |une |which |qui |its |sa |son )?"
                         rf"(?:[\w-]+ ){{0,4}}?"
                         rf"(?:{ORG_NOUNS})\b|^\( (?:nasdaq|nyse|euronext|lse|tsx|otc)")
# "la start-up X", "the Berlin-based fintech X"
_ORG_BEFORE = re.compile(rf"(?:^|(?:^| )(?:the|a|an|le|la|l|un|une|its|sa|son|chez|de|d) )(?:[\w-]+ ){{0,3}}?"
                         rf"(?:{ORG_NOUNS})(?: [\w-]+){{0,3}}(?: ,)?$")
# "layoffs at X", "licenciements chez X"
_AT = re.compile(r"(?:^| )(?:at|chez|by|par|from|of|within|au sein de|across)$")
# "X said it would cut", "X a annoncé"
_ACTS = re.compile(
    r"^(?:(?:,|also|has|have|had|is|was|will|would|could|may|might|should|said|says|a|va|vient|which|qui|inc|corp"
    r"|pourrait|devrait|\( \w+ \))\s?)*"
    r"(?:said|says|announced|announces|confirmed|confirms|told|plans|planned|will|would|is cutting|has cut"
    rf"|{cues.LAYOFF_VERB}|annonce|a annonce|prevoit|compte|va|supprime|licencie|a confirme|a indique|a declare"
    r"|a decide|decide|entend|envisage|is laying|began|started|starts|begins|commence|a commence|informed|notified"
    r"|cuts|lays|laid|to cut|to lay)\b"
)
_PERSON_AFTER = re.compile(r"^(?:, (?:the |its |le |la |l |son |sa )?(?:[\w-]+ ){0,3}?(?:"
                           + cues.PERSON_TITLES.pattern + r")|said he|said she|a t il|a t elle|, who|, qui a fonde)")


@dataclass(frozen=True, slots=True)
class Run:
    """Capitalised words in a row: a possible name."""

    start: int
    end: int
    text: str  # as written
    key: str  # folded words joined by spaces


def capitalised_runs(sentence: Sentence) -> list[Run]:
    """Runs of capitalised words, with inner "&", "-" and "of"/"de" allowed, leading ordinary words dropped."""
    runs: list[Run] = []
    words = sentence.words
    i = 0
    while i < len(words):
        if not _starts_name(words[i]):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            word = words[j]
            joined = word.text in {"&", "-", "+"} and j + 1 < len(words) and _starts_name(words[j + 1])
            if _starts_name(word) or joined:
                j += 1
                continue
            break
        start = i
        while start < j and (_is_function(words[start]) or (is_ordinary(words[start].text) and start < j - 1)):
            start += 1
        if start < j:
            runs.append(Run(start, j, sentence.text_of(start, j), " ".join(w.text for w in words[start:j])))
        i = j
    return runs


def _starts_name(word: Word) -> bool:
    if word.is_punctuation or word.is_number:
        return False
    return word.is_capitalised or bool(re.match(r"[a-z]+[A-Z]", word.raw))  # "eBay", "xAI"


def _is_function(word: Word) -> bool:
    return word.text in {"the", "a", "an", "le", "la", "les", "l", "un", "une", "selon", "chez", "in", "on", "at",
                         "for", "and", "et", "but", "mais", "after", "apres", "when", "while", "with", "by", "par",
                         "de", "d", "du", "des", "of", "as", "like", "comme", "en", "dans", "since", "depuis"}


@dataclass
class People:
    """Names the article uses for people, gathered over the whole article."""

    names: set[str]
    surnames: set[str]

    def is_person(self, run: Run) -> bool:
        parts = run.key.split()
        return run.key in self.names or parts[-1] in self.surnames or parts[0] in _FIRST_NAMES


def gather_people(sentences: list[Sentence]) -> People:
    people = People(set(), set())
    for sentence in sentences:
        for run in capitalised_runs(sentence):
            before = " ".join(w.text for w in sentence.words[max(0, run.start - 4):run.start])
            after = " ".join(w.text for w in sentence.words[run.end:run.end + 8])
            titled = any(m.end() == len(before) for m in cues.PERSON_TITLES.finditer(before))
            parts = run.key.split()
            if titled or _PERSON_AFTER.match(after) or (parts[0] in _FIRST_NAMES and len(parts) >= 2):
                people.names.add(run.key)
                if len(parts) >= 2:
                    people.surnames.add(parts[-1])
    return people


def organisation_cue(sentence: Sentence, run: Run) -> str | None:
    """Why the sentence treats `run` as an organisation ("acts", "apposition", ...), or None."""
    if not is_plausible_name(run):
        return None
    before = " ".join(w.text for w in sentence.words[max(0, run.start - 6):run.start])
    after = " ".join(w.text for w in sentence.words[run.end:run.end + 10])
    if _SUFFIXES.search(run.key) and len(run.key.split()) > 1:
        return "suffix"
    if _APPOSITION.match(after):
        return "apposition"
    if _ORG_BEFORE.search(before):
        return "described"
    if _AT.search(before):
        return "at"
    if _ACTS.match(after) or re.match(r"^s (?:layoffs?|job cuts|cuts|workforce|staff|employees)", after):
        return "acts"
    return None


def is_plausible_name(run: Run) -> bool:
    """Never a company: ordinary words, months and weekdays, places, publications."""
    parts = run.key.split()
    if all(is_ordinary(part) or len(part) <= 1 for part in parts):
        return False
    if run.key in _PLACES or run.key in _PUBLISHERS:
        return False
    if "fyi" in parts or run.key.endswith(".fyi"):
        return False
    return not all(part in _PLACES or is_ordinary(part) for part in parts)
