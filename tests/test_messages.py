"""Text sent to Discord is escaped, and text read back from our own messages is what was escaped."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.discord.messages import plain, safe
from bot.discord.render import AnswerEmbeds, answer_embed
from knowledge.kb import KnowledgeBase
from tests.support.helpers import TODAY

MARKDOWN = st.lists(st.sampled_from(list("ab1 .#>-*_~`|[]<\\@\n") + ["everyone", "here", "<@123456789012345678>"]),
                    max_size=40).map("".join)


@given(MARKDOWN)
def test_what_safe_escapes_plain_gives_back(text: str) -> None:
    assert plain(safe(text)) == text


def test_safe_leaves_no_live_markdown_or_mention() -> None:
    shown = safe("[a] [b](https://evil.example) **c** @everyone")
    assert "**c**" not in shown and "@everyone" not in shown and "\\[b\\]" in shown


def test_an_answer_is_rendered_once_and_each_embed_is_its_own(tmp_path: Path) -> None:
    kb = KnowledgeBase.open(f"sqlite:///{tmp_path / 'kb.db'}")
    try:
        answer = kb.ask("How many people did Amazon cut in 2022-23?", today=TODAY)
        other = kb.ask("How many people did Meta cut?", today=TODAY)
    finally:
        kb.close()
    embeds = AnswerEmbeds(size=1)
    first = embeds(answer)
    first.set_image(url="attachment://chart.png")  # what a chart does to the embed it is given
    first.add_field(name="x", value="y")
    again = embeds(answer)
    assert again is not first and again.to_dict() == answer_embed(answer).to_dict()
    assert embeds(other).to_dict() == answer_embed(other).to_dict()
    assert embeds(answer).to_dict() == answer_embed(answer).to_dict()  # rendered again after being pushed out
