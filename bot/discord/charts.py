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

Each PNG carries what it draws as a text chunk ("layoffbot-bars": the labels and values, as JSON), so a test
or anyone curious can check the bars against the answer without reading pixels.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import math
import multiprocessing
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.render import answer_embed
from knowledge import Answer, Series, chart_series

if TYPE_CHECKING:  # matplotlib itself is imported by the worker process only
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

log = logging.getLogger(__name__)
FILENAME = "chart.png"
BARS_KEY = "layoffbot-bars"
WIDTH, HEIGHT, DPI = 8.0, 4.0, 100  # 800 × 400 pixels: readable in Discord's embed, quick to draw
COLOUR = "#2e8b57"  # the colour of answered embeds (bot.discord.render.ANSWERED)
MAX_WAITING = 4  # charts waiting for the worker (or being drawn) before new ones are skipped
CACHE_SIZE = 256
MAX_LABELS = 6  # bars labelled under the axis: side by side, never turned
WORKER_NICENESS = 5  # a quarter of the CPU's attention beside a busy process at the default priority


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything a drawing needs, as plain values: it is pickled to the worker process."""

    title: str
    axis: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    note: str
    language: str

    @classmethod
    def of(cls, series: Series) -> Chart:
        return cls(series.title, series.axis, tuple(bar.label for bar in series.bars),
                   tuple(bar.people for bar in series.bars), series.note, series.language)


@dataclass(slots=True)
class _Canvas:
    """The worker's one figure, with what every chart has (axes, their style, the three texts), made once:
    building a figure and its axes was a quarter of each drawing's time."""

    figure: Figure
    axes: Axes
    title: Text
    axis: Text
    note: Text


_canvas: _Canvas | None = None  # in the worker process, which draws one chart at a time


def _blank() -> _Canvas:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    # Fixed margins: a layout engine measuring every text first doubled the drawing time.  Every text is
    # horizontal (the axis's name is a line under the title, the bars' labels few enough to fit side by side):
    # turned text was a third of it.
    figure.subplots_adjust(left=0.08, right=0.98, top=0.84, bottom=0.14)
    axes = figure.add_subplot()
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    # what a question or a source says is never read as TeX ("$5 million" is text)
    title = figure.text(0.01, 0.965, "", fontsize=10, va="top", parse_math=False)
    axis = figure.text(0.01, 0.905, "", fontsize=8.5, color="#444444", va="top", parse_math=False)
    note = figure.text(0.01, 0.015, "", fontsize=7.5, color="#444444", parse_math=False)
    return _Canvas(figure, axes, title, axis, note)


def draw(chart: Chart) -> tuple[bytes, float]:
    """The chart as PNG bytes, and the seconds drawing took (in the worker process).

    matplotlib is imported here, in the worker, and only its object API is used (no pyplot, so no global
    figure state and no GUI backend): the Agg canvas renders straight to PNG.  The figure is the worker's
    own, emptied of the previous chart's bars and words and given this one's.
    """
    global _canvas
    started = time.perf_counter()
    from matplotlib.ticker import FuncFormatter

    if _canvas is None:
        _canvas = _blank()
    axes = _canvas.axes
    for container in list(axes.containers):
        container.remove()
    positions = range(len(chart.values))
    axes.bar(positions, chart.values, color=COLOUR, width=0.8)
    step = max(1, math.ceil(len(chart.labels) / MAX_LABELS))
    shown = list(positions)[::step]
    axes.set_xticks(shown, [chart.labels[i] for i in shown], fontsize=8)
    axes.set_xlim(-0.6, len(chart.values) - 0.4)
    axes.relim()
    axes.autoscale_view(scalex=False)
    separator = " " if chart.language == "fr" else ","
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}".replace(",", separator)))
    _canvas.title.set_text(_shorten(chart.title, 110))
    _canvas.axis.set_text(chart.axis)
    _canvas.note.set_text(_shorten(chart.note, 150))
    buffer = io.BytesIO()
    bars = json.dumps({"labels": chart.labels, "values": chart.values}, ensure_ascii=False)
    _canvas.figure.savefig(buffer, format="png", metadata={"Software": None, "Title": chart.title, BARS_KEY: bars},
                           pil_kwargs={"compress_level": 1})  # a flat chart compresses well at the fastest level
    return buffer.getvalue(), time.perf_counter() - started


def _warm() -> None:
    """Load matplotlib and its fonts in the worker before the first chart needs them, then step back: from then
    on the worker yields the CPU to the bot's event loop when both want it (answers first, charts after).  The
    loading itself runs at the bot's priority, or on a busy machine the first chart would wait for minutes."""
    draw(Chart("", "", ("a", "b"), (1, 2), "", "en"))
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Charts:
    """The worker process that draws charts, the charts waiting for it, recent charts, and what it all cost."""

    def __init__(self, version: Callable[[], Hashable] = lambda: None, max_waiting: int = MAX_WAITING,
                 cache_size: int = CACHE_SIZE) -> None:
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

    def later(self, answer: Answer, edit: Callable[..., Awaitable[Any]], embed: discord.Embed | None = None) -> None:
        """If the answer is worth a chart, draw it and `edit` the message already sent to carry it, inside the
        message's embed (`embed`, by default the answer's own); the answer's text does not wait for it."""
        chart = self.chart(answer)
        if chart is None:
            return
        task = asyncio.create_task(self._attach(chart, embed or answer_embed(answer), edit), name="chart")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def chart(self, answer: Answer) -> Chart | None:
        """The chart of an answer (None: not worth one), remembered for the same question on the same knowledge."""
        key = (answer.question, answer.language, answer.intent, answer.answered, self.version())
        if key in self._charts:
            self._charts.move_to_end(key)
            return self._charts[key]
        series = chart_series(answer)
        chart = Chart.of(series) if series is not None else None
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
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._pool.submit(_warm)
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
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            log.info(self.summary())
