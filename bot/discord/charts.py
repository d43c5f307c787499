"""Bar charts of answers (people laid off per month or quarter), drawn in a worker process and attached later.

What a chart shows is the core's (`knowledge.chart_series`: bars, labels, a note naming the sources and the
rounds without a figure, all in the answer's language); this module only draws it and gets it to Discord.

Drawing takes tens of milliseconds of CPU in matplotlib, which would stall every other answer if done on the
event loop, and would still hold the GIL in a thread: it runs in one worker process instead (started with
the first chart, so the command line and bots that never chart never pay for matplotlib), at a lower
priority, so that on a busy machine answering comes first and charts take the time left over.  The answer is sent
at once, its numbers in the text; its message is then edited to carry the chart.  Charts wait for the worker
one after another; when `max_waiting` are already waiting, a new one is skipped (the text says it all), so a
burst of questions never queues up minutes of drawing.  The same question asked again (of the same knowledge,
on the same day) reuses its chart data, and the same chart its PNG: a year of the tracker is thousands of
rounds to sort into months, work the event loop need not repeat.

The drawing itself is `bot.discord.drawing`, all the worker imports.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import logging
import math
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import discord

from bot.discord.drawing import BARS_KEY, Chart, draw, start_worker, warm
from bot.discord.render import answer_embed
from knowledge import Answer, Series, chart_series

__all__ = ["BARS_KEY", "FILENAME", "Chart", "Charts", "Outgoing", "chart_of", "draw"]
log = logging.getLogger(__name__)
FILENAME = "chart.png"
MAX_WAITING = 4  # charts waiting for the worker (or being drawn) before new ones are skipped
CACHE_SIZE = 256


def chart_of(series: Series) -> Chart:
    """What the worker needs of a series: its words and numbers."""
    return Chart(series.title, series.axis, tuple(bar.label for bar in series.bars),
                 tuple(bar.people for bar in series.bars), series.note, series.language)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """An answer's message as it is sent, and its chart if that is still to draw."""

    embed: discord.Embed
    files: list[discord.File]
    to_draw: Chart | None


class Charts:
    """The worker process that draws charts, the charts waiting for it, recent charts, and what it all cost."""

    def __init__(self, version: Callable[[], Hashable] = lambda: None, max_waiting: int = MAX_WAITING,
                 cache_size: int = CACHE_SIZE, render: Callable[[Answer], discord.Embed] = answer_embed) -> None:
        self.render = render  # an answer's embed: what is sent, and what its chart goes into
        self.version = version  # what else an answer depends on besides its question: the knowledge, the day
        self.max_waiting = max_waiting
        self.cache_size = cache_size
        self._pool: ProcessPoolExecutor | None = None
        self._cache: OrderedDict[Chart, bytes] = OrderedDict()
        self._charts: OrderedDict[Hashable, Chart | None] = OrderedDict()  # answers' charts, by what they answer
        self._waiting = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self.seconds: list[float] = []  # each drawing's time, in the worker
        self.cached = 0
        self.skipped = 0

    async def png(self, chart: Chart) -> bytes | None:
        """The chart drawn (or remembered), or None when too many are waiting already."""
        remembered = self._cache.get(chart)
        if remembered is not None:
            self._cache.move_to_end(chart)
            self.cached += 1
            return remembered
        if self._waiting >= self.max_waiting:
            self.skipped += 1
            return None
        self._waiting += 1
        try:
            png, seconds = await asyncio.get_running_loop().run_in_executor(self._worker(), draw, chart)
        except BrokenProcessPool:
            self._pool = None  # the worker died (killed, out of memory): the next chart starts another
            raise
        finally:
            self._waiting -= 1
        self.seconds.append(seconds)
        self._cache[chart] = png
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return png

    def later(self, answer: Answer, edit: Callable[..., Awaitable[Any]], embed: discord.Embed | None = None,
              title: str | None = None) -> None:
        """If the answer is worth a chart, draw it and `edit` the message already sent to carry it, inside the
        message's embed (`embed`, by default the answer's own); the answer's text does not wait for it.
        `title` replaces the question as the chart's title (a reply's words alone do not say what is drawn)."""
        chart = self.chart(answer, title)
        if chart is not None:
            self._draw_later(chart, embed or self.render(answer), edit)

    def outgoing(self, answer: Answer, title: str | None = None) -> Outgoing:
        """An answer about to be sent: its embed, with its chart as a file when it was drawn already (the same
        question asked again gets it at once, in the same message, instead of a second request to Discord a
        moment later); else the chart still to draw once the answer is sent (`draw_later`), if it is worth one."""
        embed = self.render(answer)
        chart = self.chart(answer, title)
        png = self._cache.get(chart) if chart is not None else None
        if chart is None or png is None:
            return Outgoing(embed, [], chart)
        self._cache.move_to_end(chart)
        self.cached += 1
        embed.set_image(url=f"attachment://{FILENAME}")
        return Outgoing(embed, [discord.File(io.BytesIO(png), FILENAME)], None)

    def draw_later(self, sent: Outgoing, edit: Callable[..., Awaitable[Any]]) -> None:
        """The chart an answer was sent without, drawn and then `edit`ed into the message that carried it."""
        if sent.to_draw is not None:
            self._draw_later(sent.to_draw, sent.embed, edit)

    def _draw_later(self, chart: Chart, embed: discord.Embed, edit: Callable[..., Awaitable[Any]]) -> None:
        task = asyncio.create_task(self._attach(chart, embed, edit), name="chart")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def chart(self, answer: Answer, title: str | None = None) -> Chart | None:
        """The chart of an answer (None: not worth one), remembered for the same question on the same knowledge."""
        # the question's words alone are not enough ("and in 2022?" follows different answers): its derived
        # figures say what it counted, read without touching their terms beyond the first
        figures = tuple((d.op, d.value, d.label, len(d.terms), d.terms[0].id if len(d.terms) else None)
                        for d in answer.derived)
        key = (answer.question, answer.language, answer.intent, answer.answered, figures, title, self.version())
        if key in self._charts:
            self._charts.move_to_end(key)
            return self._charts[key]
        series = chart_series(answer)
        chart = chart_of(series) if series is not None else None
        if chart is not None and title:
            chart = dataclasses.replace(chart, title=title)
        self._charts[key] = chart
        if len(self._charts) > 4 * self.cache_size:
            self._charts.popitem(last=False)
        return chart

    async def _attach(self, chart: Chart, embed: discord.Embed, edit: Callable[..., Awaitable[Any]]) -> None:
        try:
            png = await self.png(chart)
            if png is None:
                return
            embed.set_image(url=f"attachment://{FILENAME}")
            await edit(embed=embed, attachments=[discord.File(io.BytesIO(png), FILENAME)])
        except discord.HTTPException as error:  # the answer was removed meanwhile, or Discord refused
            log.info("could not attach a chart: %s", error)
        except Exception:
            log.exception("drawing a chart failed")

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawned, not forked: the bot has threads (database work), which a fork would copy mid-flight
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=start_worker, initargs=(os.getpid(),))
            self._pool.submit(warm)
        return self._pool

    def summary(self) -> str:
        drawn = sorted(self.seconds)
        if not drawn:
            return f"charts: none drawn, {self.cached} from the cache, {self.skipped} skipped while busy"
        p50, p99 = (1000 * drawn[min(len(drawn) - 1, math.ceil(q * len(drawn)) - 1)] for q in (0.5, 0.99))
        return (f"charts: {len(drawn)} drawn (p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {1000 * drawn[-1]:.1f} ms), "
                f"{self.cached} from the cache, {self.skipped} skipped while busy")

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks))  # ended; a cancellation of the caller's own still goes through
        if self._pool is not None:
            # waited for (the chart being drawn, if any, at most): the bot's process may end with os._exit
            # right after, which would leave a worker never told to stop
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
            log.info(self.summary())
