"""Pages rendered by several processes at once: `toolkit build` gives a language's rendering the
cores its other language builds leave free (one language on two cores: two processes).

The jobs are closures over the renderer, which holds compiled templates and a Markdown
converter that cannot be sent to another process; a forked process is handed them when it starts
(a fork copies them, nothing is pickled), so only each job's number goes out and its pages (plain
data) come back. Where there is no `fork` (Windows, macOS' default), or with one process, every job
runs here, in order: the languages of `toolkit build` still run at once there, each handed its
``LanguageBuild`` (``core/build.py``), which a spawned process can receive.
"""

from __future__ import annotations

import multiprocessing
from typing import Callable

from .page import Page

#: A job: its expected cost (in module pages' worth) and what renders its pages.
Job = tuple[float, Callable[[], list[Page]]]

#: In a forked rendering process only: the jobs it was handed when it started (``_start``).
_HANDED: list[Callable[[], list[Page]]] = []


def _start(jobs: list[Callable[[], list[Page]]]) -> None:
    _HANDED[:] = jobs


def _run(numbers: list[int], jobs: list[Callable[[], list[Page]]] | None = None) -> list[list[Page]]:
    return [(jobs if jobs is not None else _HANDED)[number]() for number in numbers]


def spread(jobs: list[Job], processes: int) -> list[list[Page]]:
    """The pages of each job, in the jobs' order, rendered by ``processes`` processes (this one
    included), each given jobs of about the same total cost, largest first."""
    if processes <= 1 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [render() for _, render in jobs]
    processes = min(processes, len(jobs))
    groups: list[list[int]] = [[] for _ in range(processes)]
    loads = [0.0] * processes
    for number in sorted(range(len(jobs)), key=lambda n: -jobs[n][0]):
        lightest = loads.index(min(loads))
        groups[lightest].append(number)
        loads[lightest] += jobs[number][0]
    renders = [render for _, render in jobs]
    with multiprocessing.get_context("fork").Pool(processes - 1, initializer=_start, initargs=(renders,)) as pool:
        theirs = pool.map_async(_run, groups[1:])
        mine = _run(groups[0], renders)  # this process renders its share meanwhile
        done = [mine, *theirs.get()]
    results: list[list[Page]] = [[] for _ in jobs]
    for group, pages in zip(groups, done):
        for number, rendered in zip(group, pages):
            results[number] = rendered
    return results
