"""Which of the two languages layoffbot reads a piece of prose is in.

Articles are long, so their most frequent little words settle it: a sentence of news in English is
full of "the", "of", "and", one in French of "le", "de", "et". (Questions are short and need other
signs; `knowledge.answering.intents` reads those.)
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-zà-ÿœ']+")
_ENGLISH = frozenset("the of and to in is that for on with was as by it from at are has have said its will "
                     "were which this an be".split())
_FRENCH = frozenset("le la les des de du et un une est dans pour sur avec au aux qui que par ont son sa ses "
                    "été selon cette ce".split())


def prose_language(text: str, sample: int = 20_000) -> str | None:
    """'en' or 'fr' by the commonest short words of the text's start; None when neither is clearly there."""
    words = _WORD.findall(text[:sample].lower())
    english = sum(word in _ENGLISH for word in words)
    french = sum(word in _FRENCH for word in words)
    if max(english, french) < 5 or english == french:
        return None
    if english >= 2 * french:
        return "en"
    if french >= 2 * english:
        return "fr"
    return None
