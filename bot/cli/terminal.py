"""Text bound for the operator's terminal, with no control characters from the data.

Summaries, company names, evidence and source titles come from tracker CSVs and
articles.  Printed raw, an escape sequence among them could recolour, hide or
rewrite what the operator sees, retitle the window or fake a line of output; so
everything the command line prints from stored or imported text passes through
here.  JSON keeps the text whole: `json.dumps` escapes the C0 controls, and
`json_for_terminal` the rest, so the data survives and the terminal sees none.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, the 8-bit CSI, BEL...), DEL, and the invisible marks that reorder text
# (so "abc" cannot be shown as "cba").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What json.dumps may leave raw (line and paragraph separators included: a question is echoed as asked);
# its own layout (newlines and indentation between values) stays.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BREAK = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")


def printable(text: str) -> str:
    """One field on one line: breaks and tabs become spaces, other control characters go."""
    return _CONTROL.sub("", _BREAK.sub(" ", text))


def printable_lines(text: str) -> str:
    """Text we laid out in lines ourselves (an answer): its newlines stay, every other control goes."""
    return "\n".join(printable(line) for line in text.split("\n"))


def one_line(text: str) -> str:
    """A message for standard error: printable, on exactly one line."""
    return " ".join(printable(text).split())


def json_for_terminal(dumped: str) -> str:
    """JSON text with every control character escaped (json.dumps leaves C1 and bidi marks raw when not
    ensure_ascii): still the same JSON value, and nothing a terminal would act on."""
    return _INVISIBLE.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)
