"""Drawing a chart with matplotlib, in the worker process (`bot.discord.charts` runs it and gets it to Discord).

This module is all the worker imports: neither discord.py nor the knowledge core, so a worker starts in the
time matplotlib takes to load.  A chart arrives as plain values (`Chart`) and leaves as PNG bytes; the PNG
carries what it draws as a text chunk ("layoffbot-bars": the labels and values, as JSON), so a test or anyone
curious can check the bars against the answer without reading pixels.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib itself is imported when the first chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

BARS_KEY = "layoffbot-bars"
WIDTH, HEIGHT, DPI = 8.0, 4.0, 100  # 800 × 400 pixels: readable in Discord's embed, quick to draw
COLOUR = "#2e8b57"  # the colour of answered embeds (bot.discord.render.ANSWERED)
MAX_LABELS = 6  # bars labelled under the axis: side by side, never turned
PARENT_CHECK_SECONDS = 1.0  # how soon a worker whose bot died notices it and leaves
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


def start_worker(parent: int) -> None:
    """The worker yields the CPU to the bot's event loop whenever both want it, from its start (loading
    matplotlib is seconds of CPU): answers first, charts with the time left over.

    It also leaves when the bot is gone.  A bot that stops cleanly tells it to (`Charts.close`), but one that
    is killed, or ends with `os._exit`, cannot: its worker would wait for charts forever, one more idle
    process at every restart.  A daemon thread notices the parent's death (the worker is adopted by
    another process) within a second and ends the worker."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    threading.Thread(target=_leave_with, args=(parent,), name="parent-watch", daemon=True).start()


def _leave_with(parent: int, every: float = PARENT_CHECK_SECONDS) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


def warm() -> None:
    """Load matplotlib and its fonts before the first chart needs them."""
    draw(Chart("", "", ("a", "b"), (1, 2), "", "en"))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
