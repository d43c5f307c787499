"""Who announced the cuts: the person the article names as telling staff or the public, and how.

"Chief executive Andy Jassy wrote in a note to employees", "le PDG, Daniel
Ek, explique dans un message aux salariés": answers to "who announced it?"
need the person and their title as the article gives them, never guessed
from what we know of the company.  Only sentences about the cuts count, and
only a person (recognised as in `knowledge.intake.articles.names`) who is the
subject of a verb of announcing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.intake.articles import cues
from knowledge.intake.articles.names import People, capitalised_runs
from knowledge.intake.articles.sentences import Sentence

_ANNOUNCES = re.compile(
    r"^(?:, [^,]{1,60} ,\s)?(?:(?:has|had|also|then|a|avait|aussi) )?(?:announced|announces|told|tells|wrote|writes"
    r"|said|says|informed|unveiled|confirmed|explained|annonce|a annonce|indique|a indique|declare|a declare"
    r"|explique|a explique|ecrit|a ecrit|informe|a informe|presente|a presente|confirme|a confirme|precise"
    r"|a precise|reconnait|a reconnu|evoque)\b")
_CHANNEL = re.compile(
    r"\b(?:in|via|through|dans|par) (?:a|an|his|her|their|the|un|une|sa|son|le|la) (?:(?:[\w-]+) ){0,2}?"
    r"(?P<what>memo|message|note|letter|blog post|email|e-mail|statement|town hall|video|post|lettre|courriel"
    r"|communiqué|note interne|réunion|conférence de presse|press conference)\b",
    re.IGNORECASE)
_TITLE_WORDS = re.compile(
    r"(?:chief|executive|ceo|cfo|coo|cto|president|founder|cofounder|co-founder|co|-|and|et|head|of|human|resources"
    r"|people|hr|boss|chair|chairman|chairwoman|director|general|managing|vice|senior|pdg|patron|patronne"
    r"|directeur|directrice|fondateur|fondatrice|cofondateur|dirigeant|dirigeante|le|la|son|sa|its|the)")


@dataclass(frozen=True)
class Announcement:
    index: int  # the sentence it was found in
    who: str  # the person with the title the article gives them
    channel: str | None  # memo, message, blog post...

    def note(self) -> str:
        how = f", in a {self.channel}" if self.channel else ""
        return f"Announced by {self.who}{how}, as the source reports."


def find_announcement(sentences: list[Sentence], people: People) -> Announcement | None:
    """The first person the article says announced the cuts, with their title and the channel."""
    titled: dict[str, str] = {}  # surname -> the fullest way the article names that person
    for sentence in sentences:
        for run in capitalised_runs(sentence):
            if people.is_person(run) and len(run.key.split()) >= 2:
                titled.setdefault(run.key.split()[-1], _with_title(sentence, run.start, run.end))
    for sentence in sentences:
        folded = sentence.folded
        if not (cues.LAYOFF.search(folded) or cues.REFERS_BACK.search(folded)) or cues.OUTSIDE_VIEW.search(folded):
            continue
        for run in capitalised_runs(sentence):
            if not people.is_person(run) or len(run.key.split()) < 2 and run.key not in people.surnames:
                continue
            before = " ".join(w.text for w in sentence.words[max(0, run.start - 4):run.start])
            after = " ".join(w.text for w in sentence.words[run.end:run.end + 14])
            if not _ANNOUNCES.match(after) or _OUTSIDER.search(f"{before} {after[:60]}"):
                continue
            channel = _CHANNEL.search(sentence.cleaned)
            who = _with_title(sentence, run.start, run.end)
            if len(run.key.split()) < 2:
                who = titled.get(run.key, who)
            return Announcement(sentence.index, who, channel.group("what").lower() if channel else None)
    return None


# People who comment on the cuts without announcing them.
_OUTSIDER = cues.words(r"analysts?|investors?|economists?|experts?|strategists?|professors?|union|unions|analystes?"
                       r"|investisseurs?|economistes?|syndicats?|syndicalistes?|delegue syndical|representative")


def _with_title(sentence: Sentence, start: int, end: int) -> str:
    """The name with the title just before it ("cofounder and CEO Drew Houston"), as written."""
    words = sentence.words
    first = start
    while first > 0 and start - first < 6 and (words[first - 1].text == "-" or not words[first - 1].is_punctuation) \
            and _TITLE_WORDS.fullmatch(words[first - 1].text):
        first -= 1
    while first < start and words[first].text in {"the", "its", "le", "la", "son", "sa", "and", "et", "-", "of"}:
        first += 1
    return sentence.text_of(first, end)
