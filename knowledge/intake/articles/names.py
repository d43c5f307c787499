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

from knowledge.intake.articles import cues
from knowledge.intake.articles.sentences import Sentence, Word
from knowledge.language.lexicon import is_ordinary
from knowledge.language.periods import MONTHS

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
                 "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_FIRST_NAMES = frozenset("""
aaron abigail adam adrian adrien agnes aidan aisha alain alan albert alberto alex alexander alexandra alexandre
alexis alfred ali alice alicia alison alma amanda amber amelie amy ana andre andrea andrew andy angela angelique
anita ann anna anne annie anthony antoine anton antonio arjun arnaud arthur ashley audrey aurelie baptiste barbara
barry beatrice ben benjamin benoit bernard beth betty bill billy bob bonnie brad bradley brandon brenda brett brian
bridget brigitte brooke bruce bruno bryan camille carl carla carlos carmen carol caroline carolyn cassandra catherine
cecile cedric celine chad charles charlie charlotte cheryl chloe chris christian christina christine christophe
christopher chuck cindy claire clara claude claudia colin connor craig cynthia damien dan dana daniel daniela danielle
danny darren dave david dawn dean deborah debra denis denise dennis derek diana diane didier dominique don donald donna
doug douglas drew dylan ed eddie edward elena eli elise elizabeth ella ellen elliot elon emily emma emmanuel eric erica
erik erin esther ethan eugene eva evan fabien fabrice fatima felix fernando florence florian frances francesca francis
francois francoise frank franck frederic gabriel gabrielle gail gary gavin genevieve geoffrey george georges gerald
gerard gilles gina giovanni glen gloria graham greg gregory guillaume hannah harold harry heather hector
helen helene henri henry herve holly howard hugo hugues ian irene isaac isabel isabelle jack jackie jacob jacqueline
jacques jake james jamie jan jane janet janice jared jason javier jay jean jeanne jeff jeffrey jennifer jenny
jeremy jerome jerry jesse jessica jill jim jimmy jo joan joanna joe joel johan john johnny jon jonathan jordan jorge
jose joseph josh joshua joyce juan judith judy julia julian julie julien justin kaitlyn karen karim kate katherine
kathleen kathryn kathy katie keith kelly ken kenneth kevin kim kimberly kyle lara larry laura lauren laurence laurent
lea leah leo leon leslie liam linda lisa liz lois louis louise luc luca lucas lucie lucy luis luke lynn madeleine
maggie malik manon manuel marc marcel marco margaret maria marianne marie marilyn mario marion mark marta martha martin
marty mary mathieu mathilde matt matthew matthieu maureen maxime megan melanie melissa michael michel michele
michelle miguel mike mohamed muhammad nadia nancy natalie natasha nathalie nathan neil nicholas nick nicolas nicole
nina noah noel norman olivia olivier omar oscar pamela pascal pascale patricia patrick paul paula pauline pedro peggy
 peter philip philippe phillip pierre priya rachel rafael rahul raj ralph ramon randy raphael ray raymond rebecca
regis remi rene richard rick rita rob robert roberto robin roger roland ron ronald rosa ross roy russell ruth
ryan sabrina sally sam samantha samuel sandra sara sarah satya scott sean sebastien serge sergio shannon sharon shawn
sheila shirley simon simone sophie stacy stanley stephane stephanie stephen steve steven sundar susan suzanne sylvain
sylvie tamara tanya tara ted teresa terry thibault thierry thomas tiffany tim timothy tina tobias todd tom tommy tony
tracy travis tyler valerie vanessa vera veronica veronique victor vincent virginie walter wayne william
xavier yann yannick yasmine yves zachary zoe parag sheryl jensen marissa reed safra sergey lisa ginni arvind jassy
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
    r"(?<![\w])(?:labs?|inc|corp|corporation|company|co|ltd|llc|plc|technologies|technology|systems|software|group|games"
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
    r"|equipementier|cabinet|agence|laboratoire|acteur|champion|subsidiary|chain|lender|insurer"
    r"|assureur|chaine|preteur"
)
# "X, the maker of ..." / "X, la start-up ..." / "X (NASDAQ: ...)"
_APPOSITION = re.compile(rf"^(?:, |\( )(?:the |a |an |le |la |l |un |une |which |qui |its |sa |son )?"
                         rf"(?:[\w-]+ ){{0,6}}?"
                         rf"(?:{ORG_NOUNS})\b|^\( (?:nasdaq|nyse|euronext|lse|tsx|otc)"
                         r"|^, (?:the |a |an |la |le |l |une |un )?(?:[\w-]+ ){0,3}?(?:unit|division|arm|branch|branche"
                         r"|filiale) (?:of|de|d|du)\b")
# "la start-up X", "the Berlin-based fintech X"
_ORG_BEFORE = re.compile(rf"(?:^|(?:^| )(?:the|a|an|le|la|l|un|une|its|sa|son|chez|de|d) )(?:[\w-]+ ){{0,3}}?"
                         rf"(?:{ORG_NOUNS})(?: [\w-]+){{0,4}}(?: ,)?$")
# "le studio de Leamington", "the plant in Austin": a site of a company, named after its place.
_SITE_OF = re.compile(rf"(?:{ORG_NOUNS}|site|usine|bureau|plant|office|campus|centre|center) (?:de|d|du|in|en|a)$")
# "layoffs at X", "licenciements chez X"
_AT = re.compile(r"(?:^| )(?:at|chez|by|par|from|of|within|au sein de|across)$")
# "X said it would cut", "X a annoncé"
_ACTS = re.compile(
    r"^(?:(?:,|also|has|have|had|is|was|will|would|could|may|might|should|said|says|a|va|vient|which|qui|inc|corp"
    r"|avait|avaient|ont|lui|elle|aussi|egalement|deja|too|meanwhile|itself"
    r"|pourrait|devrait|\( \w+ \))\s?)*"
    r"(?:said|says|announced|announces|confirmed|confirms|told|plans|planned|will|would|is cutting|has cut"
    rf"|{cues.LAYOFF_VERB}|annonce|a annonce|prevoit|compte|va|supprime|licencie|a confirme|a indique|a declare"
    r"|a decide|decide|entend|envisage|is laying|began|started|starts|begins|commence|a commence|informed|notified"
    r"|cuts|lays|laid|to cut|to lay)\b"
)
_PERSON_AFTER = re.compile(r"^(?:, (?:the |its |le |la |l |son |sa )?(?:[\w-]+ ){0,3}?(?:"
                           + cues.PERSON_TITLES.pattern + r")|said he|said she|a t il|a t elle|, who\b|, qui a fonde)")


@dataclass(frozen=True, slots=True)
class Run:
    """Capitalised words in a row: a possible name."""

    start: int
    end: int
    text: str  # as written
    key: str  # folded words joined by spaces


def capitalised_runs(sentence: Sentence) -> list[Run]:
    """Runs of capitalised words, with inner "&", "-" and "of"/"de" allowed, leading ordinary words dropped."""
    cached = sentence.memo.get("runs")
    if cached is None:
        cached = sentence.memo["runs"] = _capitalised_runs(sentence)
    return cached  # type: ignore[return-value]


def _capitalised_runs(sentence: Sentence) -> list[Run]:
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
        start, end = i, j
        while start < end and (_is_function(words[start]) or words[start].text in _TITLE_WORDS
                               or (words[start].text in _RELATIONS and start < end - 1)
                               or (is_ordinary(words[start].text) and start < end - 1)):
            start += 1
        while end > start + 1 and words[end - 1].text in _TITLE_WORDS:
            end -= 1  # "Coinbase CEO": the company, then the title of its chief
        if start < end:
            runs.append(Run(start, end, sentence.text_of(start, end), " ".join(w.text for w in words[start:end])))
        i = j
    return runs


# "Rival Corevo", "Fellow chipmaker ...": how one company stands to another, not part of its name.
_RELATIONS = frozenset({"rival", "rivals", "competitor", "competitors", "peer", "peers", "fellow", "concurrent",
                        "concurrente", "concurrents", "partner", "partenaire"})
# Capitalised titles that open or close a run of names: "CEO Drew Houston", "Coinbase CEO".
_TITLE_WORDS = frozenset("""
ceo ceos cfo coo cto cio chief executive executives officer president chairman chairwoman chair founder cofounder
co-founder director senior vice vp svp evp head managing general manager analyst spokesperson spokesman spokeswoman
minister secretary mr mrs ms dr pdg president presidente directeur directrice fondateur fondatrice cofondateur patron
patronne dg boss
""".split())


_INNER_CAPITAL = re.compile(r"[a-z]+[A-Z]")


def _starts_name(word: Word) -> bool:
    if word.is_punctuation or word.is_number:
        return False
    return word.is_capitalised or (not word.raw.islower() and bool(_INNER_CAPITAL.match(word.raw)))  # "eBay", "xAI"


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
            before = before.removesuffix(" ,")  # "its chief executive, Hana Kobayashi, said"
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
    before = " ".join(w.text for w in sentence.words[max(0, run.start - 8):run.start])
    after = " ".join(w.text for w in sentence.words[run.end:run.end + 10])
    if _SUFFIXES.search(run.key) and len(run.key.split()) > 1:
        return "suffix"
    if _APPOSITION.match(after) and not _describes_next_name(sentence, run.end):
        return "apposition"
    if _ORG_BEFORE.search(before) and not _SITE_OF.search(before):
        return "described"
    if _AT.search(before):
        return "at"
    if _ACTS.match(after) or re.match(r"^s (?:layoffs?|job cuts|cuts|workforce|staff|employees)", after):
        return "acts"
    wider = " ".join(w.text for w in sentence.words[run.end:run.end + 24])
    clause = _RELATIVE_CLAUSE.match(wider)
    if clause and _ACTS.match(wider[clause.end():]):
        return "acts"  # "Ombrelle, qui revendique 3 100 employés, va supprimer ..."
    if _STAFF_AFTER.match(after) or _STAFF_BEFORE.search(before):
        return "staff"
    return None


# ", qui revendique 3 100 employés,", ", bought by Stonegate Partners in June,": a clause between a name and its verb.
_RELATIVE_CLAUSE = re.compile(r"^, (?:which|who|that|qui|dont|whose|now|once|long|\w+ed|\w+ee?s?|founded|based"
                              r"|headquartered|owned|backed|bought|acquired)(?: [^,]+){1,16} , ")
# "Dropbox employees", "Coinbase's chief executive", "eBay CEO Jamie Iannone": only an employer has staff and a chief.
_STAFF_AFTER = re.compile(
    r"^(?:s )?(?:employees|staff|staffers|workers|layoffs?|job cuts|workforce|headcount|ceo|cfo|coo|cto"
    r"|chief executive|chief \w+ officer|co - founder|cofounder|founder|spokesperson|spokesman|spokeswoman|executives"
    r"|board|shares|stock|management|boss|president|human resources)\b")
# "les salariés de Ledger", "le PDG d'Ubisoft", "le patron de SAP"
_STAFF_BEFORE = re.compile(
    r"(?:^| )(?:salaries|employes|collaborateurs|effectifs|personnel|pdg|patron|patronne|directeur general|directrice"
    r" generale|dirigeants?|direction|actionnaires|porte - parole|fondateur|fondatrice) (?:de|d|du)$")


def is_corporate_suffix(word: str) -> bool:
    """ "Games", "Labs", "Inc": a word that ends a company's name."""
    return bool(_SUFFIXES.fullmatch(word))


MONTH_AND_DAY_WORDS = frozenset(MONTHS) | frozenset(WEEKDAY_NAMES)
_PREPOSITIONS = frozenset("""
of de d du des by par in en on at a au aux from for with avec pour since depuis to into than que
""".split())


def _describes_next_name(sentence: Sentence, end: int) -> bool:
    """ "Osaka, le géant français du jeu vidéo Ubisoft, ...": the description after the comma leads up to
    another name, so it is that name's, not the one before the comma."""
    words = sentence.words
    i = end + 1
    while i < len(words) and not words[i].is_punctuation:
        i += 1
    first = i
    while first > end + 2 and _starts_name(words[first - 1]):
        first -= 1
    if first == i:
        return False
    before = words[first - 1].text
    if re.fullmatch(rf"(?:{ORG_NOUNS})", before) and first >= 2 and words[first - 2].text in _PREPOSITIONS:
        return False  # "filiale de logiciels du groupe Maestral": the owner, named as a complement
    return before not in _PREPOSITIONS and not all(w.text in MONTH_AND_DAY_WORDS for w in words[first:i])


# Words that open a sentence with a capital and a comma ("Elsewhere, data firm Pertica said ...").
_SENTENCE_ADVERBS = frozenset("""
elsewhere meanwhile separately similarly likewise moreover nonetheless nevertheless furthermore additionally
notably overall altogether ailleurs parallelement pourtant cependant neanmoins toutefois egalement notamment
""".split())


def is_plausible_name(run: Run) -> bool:
    """Never a company: ordinary words, months and weekdays, places, publications, sentence adverbs."""
    parts = run.key.split()
    if run.key in _SENTENCE_ADVERBS:
        return False
    if all(is_ordinary(part) or len(part) <= 1 for part in parts):
        return False
    if run.key in _PLACES or run.key in _PUBLISHERS:
        return False
    if "fyi" in parts or run.key.endswith(".fyi"):
        return False
    return not all(part in _PLACES or is_ordinary(part) for part in parts)
