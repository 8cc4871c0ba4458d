"""The benchmark's figures: each time and ratio as the median of its rounds with its spread, the
tables printed, and the targets of "Faster than bare MkDocs" judged on the medians."""

from __future__ import annotations

import statistics
from typing import Any, Callable

#: Each ratio: (its name, the time over, the time under). Taken round by round (the two commands of a
#: round ran minutes apart at most), then summed up as the median of the rounds and their spread.
RATIOS = (
    ("validate_over_build", "validate_s", "build_one_language_s"),
    ("validate_fresh_over_build", "validate_fresh_s", "build_one_language_s"),
    ("overhead_ratio", "build_one_language_s", "bare_mkdocs_s"),
    ("one_process_over_bare", "build_one_process_s", "bare_mkdocs_s"),
    ("overhead_over_same_gc", "build_one_language_s", "bare_mkdocs_same_gc_s"),
    ("zensical_over_bare", "zensical_s", "bare_mkdocs_s"),
    ("two_over_one", "build_two_languages_s", "build_one_language_s"),
)


def spread(values: list[float]) -> dict[str, float]:
    """The least, the median and the largest of a figure's rounds (3 decimals)."""
    return {"min": round(min(values), 3), "median": round(statistics.median(values), 3),
            "max": round(max(values), 3)}


def summed_up(times: dict[str, list[float]]) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The median of each time and ratio, and the spread of each (``times``: each figure's rounds)."""
    rounds = {name: values for name, values in times.items() if values}
    for ratio, over, under in RATIOS:
        if rounds.get(over) and rounds.get(under):
            rounds[ratio] = [a / b for a, b in zip(rounds[over], rounds[under])]
    spreads = {name: spread(values) for name, values in rounds.items()}
    return {name: figures["median"] for name, figures in spreads.items()}, spreads


def print_tables(rows: list[dict[str, Any]]) -> None:
    """The medians, one row per size; then the spread of every figure measured more than once."""
    columns = [c for c in rows[0] if c != "spread"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join("–" if row[c] is None else str(row[c]) for c in columns) + " |")
    print("\nSpread of the rounds (min / median / max):\n")
    print("| modules | figure | min | median | max |")
    print("|---|---|---|---|---|")
    for row in rows:
        for name, figures in row["spread"].items():
            print(f"| {row['modules']} | {name} | {figures['min']} | {figures['median']} | {figures['max']} |")


def _at(rows: dict[int, dict[str, Any]], size: int, name: str) -> Any:
    return rows.get(size, {}).get(name)


def targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The "Done when" targets of issue 26, each judged on the medians of the sizes measured
    (a target of a size not measured is left out)."""
    by_size = {row["modules"]: row for row in rows}
    largest = max(by_size)
    found: list[dict[str, Any]] = []

    def judge(target: str, measured: list[tuple[int, Any]], met: Callable[[Any], bool], unit: str = "") -> None:
        measured = [(size, value) for size, value in measured if value is not None]
        if measured:
            found.append({"target": target, "measured": ", ".join(f"{v}{unit} ({s})" for s, v in measured),
                          "met": all(met(v) for _, v in measured)})

    sizes = sorted(by_size)
    judge("toolkit build ≤ 1.00 × bare MkDocs", [(s, _at(by_size, s, "overhead_ratio")) for s in sizes],
          lambda v: v <= 1.00)
    judge("average page ≤ 40 KB at 1,000 modules", [(1000, _at(by_size, 1000, "average_page_kb"))],
          lambda v: v <= 40, " KB")
    judge("largest page ≤ 150 KB at 1,000 modules", [(1000, _at(by_size, 1000, "largest_page_kb"))],
          lambda v: v <= 150, " KB")
    if 100 in by_size and 1000 in by_size:
        scale = round(by_size[1000]["build_one_language_s"] / by_size[100]["build_one_language_s"], 2)
        judge("time(1,000) / time(100) ≤ 11", [(1000, scale)], lambda v: v <= 11)
    judge("validate ≤ 10% of a one-language build", [(largest, _at(by_size, largest, "validate_over_build"))],
          lambda v: v <= 0.10)
    judge("two languages ≤ 1.3 × one", [(s, _at(by_size, s, "two_over_one")) for s in sizes], lambda v: v <= 1.3)
    judge("serve: edit → reloaded page ≤ 0.3 s at 100 modules", [(100, _at(by_size, 100, "serve_edit_s"))],
          lambda v: v <= 0.3, " s")
    judge("peak memory ≤ 400 MB at 1,000 modules", [(1000, _at(by_size, 1000, "peak_memory_mb"))],
          lambda v: v <= 400, " MB")
    return found


def print_targets(found: list[dict[str, Any]]) -> None:
    print("\nTargets, on the medians (size in brackets):\n")
    print("| target | measured | met? |")
    print("|---|---|---|")
    for target in found:
        print(f"| {target['target']} | {target['measured']} | {'yes' if target['met'] else 'no'} |")
