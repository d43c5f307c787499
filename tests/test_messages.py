"""Text sent to Discord is escaped, and text read back from our own messages is what was escaped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.discord.messages import plain, safe

MARKDOWN = st.lists(st.sampled_from(list("ab1 .#>-*_~`|[]<\\@\n") + ["everyone", "here", "<@123456789012345678>"]),
                    max_size=40).map("".join)


@given(MARKDOWN)
def test_what_safe_escapes_plain_gives_back(text: str) -> None:
    assert plain(safe(text)) == text


def test_safe_leaves_no_live_markdown_or_mention() -> None:
    shown = safe("[a] [b](https://evil.example) **c** @everyone")
    assert "**c**" not in shown and "@everyone" not in shown and "\\[b\\]" in shown
