"""Figures a sentence states: how many people, what share of staff, and how exactly.

A number only becomes a figure when the sentence says what it counts: a noun
after it ("11,000 employees", "plusieurs centaines de postes") or a verb
before it whose object is people ("laid off 11,000", "a licencié plus de
27 000").  Years, sums of money, times of day and other numbers are left
alone, which is most of what keeps a wrong number out of the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.intake.articles import cues
from knowledge.intake.articles.sentences import Sentence
from knowledge.language import qualifiers
from knowledge.types import Qualifier

_NUMBER = r"\d+(?:\.\d+)?"
_APPROXIMATE = {"dizaine": 10, "douzaine": 12, "dozen": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100}
_APPROX = "|".join(_APPROXIMATE)
_COUNT = cues.words(
    rf"(?:(?P<q>{qualifiers.QUALIFIER}) )?"
    rf"(?:(?:between|entre|from|de) (?P<a>{_NUMBER}) (?:and|et|to|a) (?P<b>{_NUMBER})"
    rf"|(?P<a2>{_NUMBER}) (?:to|-|a) (?P<b2>{_NUMBER})(?= (?:{cues.FILLER} ){{0,3}}(?:{cues.PEOPLE}))"
    rf"|(?P<vague>{qualifiers.VAGUE_WORDS})|(?P<millier>un millier|1 millier)|(?:une |1 |a )?(?P<approx>{_APPROX})"
    rf"|(?P<n>{_NUMBER}))"
    rf"(?P<tail> (?:(?:of|de|d) )?(?:{cues.FILLER} ){{0,3}}?(?P<noun>{cues.PEOPLE}|(?P<firms>{cues.COMPANIES})))?"
)
_BASE = (
    r"workforce|work force|staff|staffers|employees|headcount|head count|personnel|employee base|team|teams|jobs"
    r"|positions|roles|workers|people|effectifs?|salaries|employes|equipes?|main d oeuvre|postes|emplois"
    r"|masse salariale"
    r"|collaborateurs|travailleurs|personnes"
)
_PERCENT = r"(?:%|percent|per cent|pour cent|pourcent|pct)"
_PERCENT_WORDS = "%|percent|per cent|pour cent|pourcent|pct"
_SHARE = cues.words(
    rf"(?:(?P<q>{qualifiers.QUALIFIER}) )?(?:(?:between |entre |from )?(?P<lo>{_NUMBER})(?: {_PERCENT})? "
    rf"(?:to|and|a|et|-)"
    rf" (?P<hi>{_NUMBER}) {_PERCENT}|(?P<n>{_NUMBER}) {_PERCENT}"
    r"|(?P<frac>half|a third|1 third|one third|a quarter|1 quarter|one quarter|2 thirds|two thirds|la moitie|un tiers"
    r"|un quart|deux tiers|2 tiers|a fifth|1 fifth|one fifth|un cinquieme|a tenth|1 tenth|one tenth|un dixieme"
    r"|1 - (?:third|quarter|fifth|tenth)|2 - thirds|3 - quarters|three quarters|3 quarters|trois quarts|3 quarts)"
    rf"|(?:1|one|un|une) (?:\w+ )?(?:in|out of|out of every|sur) (?P<every>\d+)(?= (?:{cues.PEOPLE}))"
    rf"|(?:1|one|un|une) (?:{cues.PEOPLE}) (?:in|out of|sur) (?P<every2>\d+)\b)"
    rf"(?P<base> (?:of|de|d|du|des) (?:[\w-]+ ){{0,4}}?(?:{_BASE}))?"
)
_FRACTIONS = {"half": 50.0, "la moitie": 50.0, "quarter": 25.0, "quart": 25.0, "third": 33.3, "tiers": 33.3,
              "thirds": 66.7, "fifth": 20.0, "cinquieme": 20.0, "tenth": 10.0, "dixieme": 10.0, "quarters": 75.0,
              "quarts": 75.0}
_NOT_PEOPLE_AFTER = re.compile(
    r"^(?:(?:de|d|of|million|millions|billion|milliards?|de clients|new|nouveaux|active|actifs|monthly|paying) )*"
    r"(?:%|percent|per cent|pour cent|pourcent|pct|dollars?|euros?|\$|€|£|usd|eur|billion|milliards?|years?|ans?"
    r"|annees?|months?|mois|days?|jours?|weeks?|semaines?|hours?|heures?|h|a \. m|p \. m|am|pm|minutes?|times|fois"
    r"|points?|stores?|magasins|offices?|bureaux|sites?|countries|pays|cities|villes|users?|utilisateurs|customers"
    r"|clients|shares|actions|products?|produits|miles|km|kilometres|square|subscribers|abonnes|copies|exemplaires"
    r"|downloads|telechargements|vehicles|vehicules|cars|voitures|units|unites|orders|commandes|restaurants"
    r"|pays|markets|marches|members|membres|accounts|comptes|merchants|marchands|games|jeux|titles|titres)\b"
)
_MONEY_BEFORE = re.compile(r"(?:\$|€|£|usd|eur|us\$)$")
_LEAD_VERB = re.compile(rf"(?<![\w])(?:{cues.LAYOFF_VERB})(?: (?:another|a further|an additional|more|some|about))?$")
# "employs 17,000", "emploie aujourd'hui quelque 17 000", "revendique 2,3 millions de clients et 3 100 employés"
_LEAD_HEADCOUNT = re.compile(
    rf"(?<![\w])(?:{cues.HEADCOUNT_BEFORE.pattern})"
    r"(?: (?:now|currently|today|still|aujourd hui|actuellement|desormais|encore|toujours|worldwide|globally))*"
    r"(?: \d+(?:\.\d+)? (?:de |d )?(?:[a-z]+ ){1,2}(?:and|et))?$")
_LEAD_SHARE_BASE = re.compile(
    r"(?:workforce|headcount|staff|effectifs?|equipe|personnel|team|employees|salaries|masse salariale)"
    r"(?: by| de| d)?$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_UNIT_BASE = re.compile(r"\b(?:unit|division|team|department|studio|segment|business|arm|site|plant|unite|equipe"
                        r"|departement|pole|usine) s?\b")
_OF_SOMETHING_ELSE = re.compile(r"^(?:of|de|d|du|des) (?:the |its |their |his |her |ses |leur |leurs |sa |son |la |le"
                                r" |l |les )?[a-z]")
# After "a third of the roles": the roles are those cut, so the share is of the cuts, not of the workforce.
_OF_THE_CUTS = re.compile(
    r"^(?:(?:being|to be|that will be|which will be|that are being|which are being|qui seront|qui vont etre) )?"
    r"(?:eliminated|cut|affected|laid off|lost|axed|at risk|supprimes|supprimees|concernes|concernees|touches"
    r"|touchees|menaces|menacees)\b")
_REMAINING = re.compile(rf"(?:\bby|\bde|\bd) \d+(?:\.\d+)? (?:{_PERCENT_WORDS}|(?:[\w-]+ )?(?:{cues.PEOPLE}))"
                        r" (?:to|a)$")
_TOTAL_WORKFORCE = re.compile(r"(?:effectifs?|workforce|headcount|staff|personnel) (?:total|globale?|mondiale?)"
                              r" (?:de|d)$|total (?:workforce|headcount|staff) of$")
_OUT_OF = re.compile(rf"\d+ (?:[\w-]+ ){{0,2}}?(?:{cues.PEOPLE}) (?:sur|out of|of its|on its|parmi|sur les|sur ses)$")


@dataclass(frozen=True, slots=True)
class Count:
    """How many people (or companies), as a bounded figure with the source's qualifier."""

    low: int | None
    high: int | None
    qualifier: Qualifier
    start: int  # words [start, end) of the whole figure, qualifier and noun included
    end: int
    anchor: int  # the word holding the number
    noun: bool  # says what it counts
    companies: bool  # counts companies, not people
    role: str  # what the words around say: verb, total, earlier, compared, headcount, or noun (none of those)


@dataclass(frozen=True, slots=True)
class Share:
    """A share of a workforce, in percent."""

    percent: float
    qualifier: Qualifier
    start: int
    end: int
    anchor: int
    based: bool  # says whose share ("of its workforce")
    verb: bool = False  # led by a verb of cutting ("la suppression de 10 % ...")
    number_end: int = 0  # where the share's own words end, before "of its workforce"


def find_counts(sentence: Sentence) -> list[Count]:
    found: list[Count] = []
    for match in sentence.find(_COUNT):
        count = _count(sentence, match, found)
        if count is not None and not _attribution(sentence, count):
            found.append(count)
    return found


def _attribution(sentence: Sentence, count: Count) -> bool:
    """ "according to two people familiar with the matter": the sources of a report, not a figure."""
    before = " ".join(w.text for w in sentence.words[max(0, count.start - 3):count.start])
    after = " ".join(w.text for w in sentence.words[count.end:count.end + 3])
    return bool(re.search(rf"(?:{cues.ATTRIBUTION_BEFORE.pattern})$", before)
                or cues.ATTRIBUTION_AFTER.match(after))


def find_shares(sentence: Sentence) -> list[Share]:
    found: list[Share] = []
    for match in sentence.find(_SHARE):
        start, end = sentence.span(match.start(), match.end())
        lead = _lead(sentence, start)
        based = bool(match["base"])
        stated_as_share = based or _LEAD_VERB.search(lead) or _LEAD_SHARE_BASE.search(lead)
        if not (stated_as_share or _beside_count(sentence, start, end)):
            continue
        if not based and _OF_SOMETHING_ELSE.match(" ".join(w.text for w in sentence.words[end:end + 4])):
            continue  # "lost 40% of their value", "40% of its stores": a share of something else than staff
        if based and _UNIT_BASE.search(match["base"]):
            continue  # "8% of the unit's staff": a share of a division, not of the company
        if based and _OF_THE_CUTS.match(" ".join(w.text for w in sentence.words[end:end + 5])):
            continue  # "a third of the roles being eliminated": a share of the cuts themselves, not of staff
        if match["frac"]:
            fraction = match["frac"].split()[-1]
            percent = _FRACTIONS.get(fraction, _FRACTIONS.get(match["frac"], 0.0))
            if fraction == "thirds" and match["frac"].startswith(("deux", "2", "two")):
                percent = 66.7
            qualifier = qualifiers.qualifier_of(match["q"]) if match["q"] else (
                Qualifier.EXACT if percent in {50.0, 25.0, 20.0, 10.0, 75.0} else Qualifier.ABOUT)
        elif match["every"] or match["every2"]:
            every = float(match["every"] or match["every2"])
            percent = round(100 / every, 1) if every >= 2 else 0.0
            qualifier = qualifiers.qualifier_of(match["q"]) if match["q"] else Qualifier.EXACT
        elif match["hi"]:
            # "10 to 15 percent": a range of shares is kept as its upper bound, which the source does state
            percent, qualifier = float(match["hi"]), Qualifier.UP_TO
            if float(match["lo"]) >= percent:
                continue
        else:
            percent = float(match["n"])
            qualifier = qualifiers.qualifier_of(match["q"])
        if not 0 < percent <= 100:
            continue
        group = next(name for name in ("n", "frac", "every", "every2", "lo") if match[name])
        anchor = sentence.word_at(match.start(group))
        number_end = sentence.span(match.start(), match.start("base"))[1] if match["base"] else end
        found.append(Share(percent, qualifier, start, end, anchor, based, bool(_LEAD_VERB.search(lead)), number_end))
    return found


def _count(sentence: Sentence, match: re.Match[str], previous: list[Count]) -> Count | None:
    start, end = sentence.span(match.start(), match.end())
    lead = _lead(sentence, start)
    if _MONEY_BEFORE.search(lead):
        return None
    noun = bool(match["noun"])
    firms = bool(match["firms"])
    qualifier = qualifiers.qualifier_of(match["q"])
    if match["vague"]:
        if not noun and not _LEAD_VERB.search(lead):
            role, noun = _coordinated(sentence, lead, start, previous)  # "... about 100 at Audible and dozens at Zoox"
            if not noun or not _ends_phrase(sentence.folded[match.end():].lstrip()):
                return None
        qualifier, low, high = qualifiers.vague_of(match["vague"])
        anchor = sentence.word_at(match.start("vague"))
        return Count(low, high, qualifier, start, end, anchor, noun, firms, _role(sentence, lead, end))
    if match["approx"]:
        if not noun:
            return None
        anchor = sentence.word_at(match.start("approx"))
        value = _APPROXIMATE[match["approx"]]
        qualifier = qualifier if match["q"] else Qualifier.ABOUT
        return _bounded(value, value, qualifier, start, end, anchor, noun, firms, _role(sentence, lead, end))
    if match["millier"]:
        if not noun:
            return None
        anchor = sentence.word_at(match.start("millier"))
        value = 1000
        qualifier = qualifier if match["q"] else Qualifier.ABOUT
        return _bounded(value, value, qualifier, start, end, anchor, noun, firms, _role(sentence, lead, end))
    if match["a"] or match["a2"]:
        first, second = match["a"] or match["a2"], match["b"] or match["b2"]
        bottom, top = _integer(first, noun), _integer(second, noun)
        if bottom is None or top is None or not bottom < top or not (noun or _LEAD_VERB.search(lead)):
            return None
        raw = sentence.words[sentence.word_at(match.start("a") if match["a"] else match.start("a2"))].raw
        if _YEAR.fullmatch(raw) and top > 3 * bottom:
            return None
        anchor = sentence.word_at(match.start("a") if match["a"] else match.start("a2"))
        return Count(bottom, top, Qualifier.RANGE, start, end, anchor, noun, firms, _role(sentence, lead, end))
    anchor = sentence.word_at(match.start("n"))
    after = sentence.folded[match.end("n"):].lstrip()
    if _NOT_PEOPLE_AFTER.match(after) and not noun:
        return None
    words = sentence.words
    if not noun:
        named = _named_staff(sentence, end)
        if named is not None:
            noun, end = True, named  # "about 4,000 Brantis workers": the employer named between number and noun
            after = ""
    found = _integer(match["n"], noun)
    if found is None or found <= 0:
        return None
    if not noun and found < 120 and start > 0 and words[start - 1].text == "," and end < len(words) \
            and words[end].text in {",", ")"}:
        return None  # "its chief executive, 52, said": an age set between commas
    role = _role(sentence, lead, end)
    if not noun:
        if _YEAR.fullmatch(sentence.words[anchor].raw) or after.startswith("of the ") or after.startswith("des "):
            return None  # a year, or "one of the largest"
        part = _PART_OF_OTHER.match(after)
        if part and not re.fullmatch(rf"(?:{cues.PEOPLE})", part.group(1)):
            return None  # "2 of its 5 studios": a part of something else than staff
        if role == "noun" and previous and previous[-1].role == "headcount" and _WORLDWIDE_AFTER.match(after) \
                and re.search(r"(?:^| )(?:and|et)$", lead):
            role, noun = "headcount", True  # "6 200 personnes en France et 24 000 dans le monde"
        if role == "noun":
            role, noun = _coordinated(sentence, lead, start, previous)
        if role == "noun" and not noun or (after and not _ends_phrase(after)):
            return None
    return _bounded(found, found, qualifier, start, end, anchor, noun, firms, role)


def _coordinated(sentence: Sentence, lead: str, start: int, previous: list[Count]) -> tuple[str, bool]:
    """ "cut about 600 jobs in January and roughly 220 in June": a bare number sharing an earlier figure's verb
    (or its noun: "several hundred positions at AWS and about 90 at Twitch")."""
    if previous and _ANOTHER.search(lead):
        # "cut 900 jobs in February and another 650 in January", "une vague de 350 départs puis une deuxième
        # de 470": the second round of a pair, told with the first one's words
        last = previous[-1]
        if start - last.end <= 14 and not last.companies and last.role != "headcount" \
                and not any(w.is_number and not _YEAR.fullmatch(w.raw) for w in sentence.words[last.end:start]):
            return last.role, last.noun
    if not re.search(r"(?:^| )(?:and|et|then|puis|, and|, et|,|dont|including|of which|among them|y compris"
                     r"|notamment|, dont|, including)$", lead) or not previous:
        return "noun", False
    last = previous[-1]
    if start - last.end > 14 or last.role not in {"verb", "noun"} or last.companies:
        return "noun", False
    if any(w.is_number and not _YEAR.fullmatch(w.raw) for w in sentence.words[last.end:start]):
        return "noun", False  # another figure between them (a year is not: "600 in January 2023 and 200 in March")
    if last.role == "verb":
        return "verb", False
    return "noun", last.noun


_PART_OF_OTHER = re.compile(r"^(?:of|de) (?:its|their|ses|leurs) (?:\d+(?:\.\d+)? )?([\w-]+)")
_WORLDWIDE_AFTER = re.compile(r"^(?:worldwide|globally|around the world|in total|dans le monde|au niveau mondial"
                              r"|a travers le monde|au total)\b")
_ANOTHER = re.compile(r"(?:^| )(?:and|et|then|puis|,|and then|et puis) (?:another|a further|an additional|a second"
                      r"|une autre|une deuxieme|une seconde|une troisieme|un deuxieme|un second|une nouvelle)"
                      r"(?: (?:round|wave|vague|serie|salve|tranche))?(?: (?:de|d|of))?$")


_PEOPLE_WORD = re.compile(rf"(?:{cues.PEOPLE})$")


def _named_staff(sentence: Sentence, end: int) -> int | None:
    """Where "4,000 Brantis workers" ends: one to three capitalised words (a company's name), then people."""
    words = sentence.words
    index = end
    while index < len(words) and index - end < 3 and words[index].is_capitalised and not words[index].is_number:
        index += 1
    if index == end or index >= len(words):
        return None
    if words[index].text == "s" and index + 1 < len(words):
        index += 1  # "Brantis's workers"
    return index + 1 if _PEOPLE_WORD.match(words[index].text) else None


def _role(sentence: Sentence, lead: str, end: int) -> str:
    """What the words just before (or after) a figure make of it."""
    after = " ".join(w.text for w in sentence.words[end:end + 3])
    if _OUT_OF.search(lead):
        return "headcount"  # "90 personnes sur 750 employés", "300 workers out of 2,000"
    if _REMAINING.search(lead):
        return "headcount"  # "trimmed its workforce by 4% to about 11,500": what is left after the cut
    if _TOTAL_WORKFORCE.search(lead):
        return "headcount"  # "sur un effectif total de 1 900 personnes", "of its total workforce of 20,000"
    if _LEAD_VERB.search(lead):
        return "verb"
    if _lead_is(cues.TOTAL_BEFORE, lead):
        return "total"
    if cues.TOTAL_AFTER.match(after):
        return "total after"  # a total only over a period or beside earlier rounds (see statements)
    if _lead_is(cues.EARLIER, lead):
        return "earlier"
    if _lead_is(cues.COMPARED, lead):
        return "compared"
    if _LEAD_HEADCOUNT.search(lead):
        return "headcount"
    return "noun"


def _bounded(low: int, high: int, qualifier: Qualifier, start: int, end: int, anchor: int, noun: bool,
             firms: bool, role: str) -> Count:
    """Bounds as the qualifier implies them: "more than 27,000" has no upper bound."""
    if qualifier in {Qualifier.MORE_THAN, Qualifier.SLIGHTLY_MORE_THAN, Qualifier.AT_LEAST}:
        return Count(low, None, qualifier, start, end, anchor, noun, firms, role)
    if qualifier in {Qualifier.NEARLY, Qualifier.FEWER_THAN, Qualifier.UP_TO}:
        return Count(None, high, qualifier, start, end, anchor, noun, firms, role)
    return Count(low, high, qualifier, start, end, anchor, noun, firms, role)


def _integer(text: str, noun: bool) -> int | None:
    """A head count from the folded number; "1.2" read from "1.200 employés" is 1,200."""
    value = float(text)
    if value == int(value):
        return int(value)
    if noun and re.fullmatch(r"\d{1,3}\.\d{1,3}", text):
        whole, _, part = text.partition(".")
        return int(whole) * 1000 + int(part.ljust(3, "0"))
    return None


def _lead(sentence: Sentence, start: int, size: int = 16) -> str:
    return " ".join(word.text for word in sentence.words[max(0, start - size):start])


def _lead_is(pattern: re.Pattern[str], lead: str) -> bool:
    """Whether `pattern` matches at the very end of `lead` (the words just before a figure)."""
    return re.search(rf"(?:{pattern.pattern})$", lead) is not None


def _ends_phrase(after: str) -> bool:
    """A bare number must end its phrase: "laid off 11,000 in 2022", not "cut 2 divisions"."""
    first = after.split(" ", 1)[0]
    return first in {
        ",", ";", ":", ")", "(", "in", "en", "on", "this", "last", "since", "during", "across", "at", "chez", "from",
        "over", "au", "aux", "dans", "depuis", "cette", "l", "le", "la", "les", "and", "et", "or", "ou", "more", "de",
        "plus", "after", "apres", "before", "avant", "as", "while", "alors", "when", "lorsque", "to", "a", "by", "par",
        "worldwide", "globally", "people", "earlier", "three", "two", "which", "qui", "that", "but", "mais", "-",
        "through", "between", "entre", "with", "avec", "pendant", "durant", "jusqu", "of", "d", "du", "des",
        "roughly", "about", "around", "environ", "soit", "representing", "representant", "under", "sous", "sur",
    } or first.isdigit()


def _beside_count(sentence: Sentence, start: int, end: int) -> bool:
    """ "8,000 employees, or 10%" / "10%, about 8,000 employees": a share stated beside a count."""
    before = " ".join(w.text for w in sentence.words[max(0, start - 4):start])
    after = " ".join(w.text for w in sentence.words[end:end + 5])
    near_before = re.search(rf"(?:{cues.PEOPLE})(?: ,)?(?: or| soit| representing| representant| ou| \()?$", before)
    near_after = re.match(rf"^(?:, |\( )?(?:{qualifiers.QUALIFIER} )?\d+(?:\.\d+)? (?:{cues.PEOPLE})", after)
    return bool(near_before or near_after)
