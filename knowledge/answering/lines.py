"""Building an answer's lines: sentences whose parts each carry their own references.

A sentence such as "The rounds: 50 people on 19 August 2022 [1]; 1,000 people
on 3 November 2022 [2]." is three runs, so every figure sits beside the
source that gives it.  Templates from the phrase book keep one slot for a
list of runs; `fill` splits a template around that slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from knowledge.answering.answer import Line, Run
from knowledge.language import phrases as ph
from knowledge.language.lexicon import is_ordinary
from knowledge.language.text import fold

_SLOT = "\x00slot\x00"


def fill(language: str, key: str, slot: str, runs: Sequence[Run], **values: object) -> list[Run]:
    """The phrase `key` with the list of runs in place of its `{slot}`."""
    before, _, after = ph.say(language, key, **{slot: _SLOT}, **values).partition(_SLOT)
    return merged([Run(before), *runs, Run(after)])


def joined(runs_per_item: Iterable[Sequence[Run]], separator: str) -> list[Run]:
    """Items one after the other, separated (the separator follows the previous item's references)."""
    result: list[Run] = []
    for index, item in enumerate(runs_per_item):
        if index:
            result.append(Run(separator))
        result.extend(item)
    return merged(result)


def sentence(runs: Sequence[Run]) -> list[Run]:
    """Capitalised, ending with a full stop, like `phrases.sentence` on the rendered text."""
    runs = merged(runs)
    if not runs:
        return []
    first, last = runs[0], runs[-1]
    text = first.text.lstrip()
    runs[0] = Run(text[:1].upper() + text[1:], first.refs)
    if not last.refs:
        stripped = runs[-1].text.rstrip()
        runs[-1] = Run(stripped, ())
        if stripped and stripped[-1] in ".!?:":
            return runs
    runs.append(Run("."))
    return merged(runs)


def line(text: str, refs: tuple[int, ...] = ()) -> Line:
    """One plain sentence with the references of the whole of it: "Amazon cut …. [1]"."""
    return Line((Run(ph.sentence(text), refs),))


def of(runs: Sequence[Run], item: bool = False) -> Line:
    return Line(tuple(merged(runs)), item)


def merged(runs: Iterable[Run]) -> list[Run]:
    """Adjacent runs joined where the first has no references of its own; empty runs dropped."""
    result: list[Run] = []
    for run in runs:
        if not run.text and not run.refs:
            continue
        if result and not result[-1].refs:
            result[-1] = Run(result[-1].text + run.text, run.refs)
        else:
            result.append(run)
    return result


def verdict(language: str, yes: bool | None, answer: Line) -> Line:
    """ "Yes: …" / "Non : …" before a line (`yes` None: the line as it is)."""
    if yes is None or not answer.runs:
        return answer
    first = answer.runs[0]
    text = first.text
    word = text.split(" ", 1)[0]
    if word and is_ordinary(fold(word)) and not word.isupper():
        text = text[:1].lower() + text[1:]
    head = ph.say(language, "verdict", verdict=ph.say(language, "yes" if yes else "no"), sentence="")
    return Line((Run(head + text, first.refs), *answer.runs[1:]), answer.item)
