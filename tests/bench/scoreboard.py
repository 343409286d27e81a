"""The benchmarks' scoreboard: every figure a benchmark measures, with its target.

Benchmarks ``record`` their figures instead of failing on the first missed
target, so that one run prints them all. At the end of the run the whole table
is printed (see ``conftest.py``) and the run exits non-zero when a figure misses
its target by more than ``MARGIN``. With ``BENCH_RESULTS`` set to a file name,
the figures are also written there as JSON (seconds per 1,000 clients beside
each), which ``scripts/bench-scaling`` compares across bases of several sizes.
"""

import json
import os

# a figure may exceed its target by 10% (machines are noisy) before it counts
MARGIN = 1.1

FIGURES = []


def record(
    figure, value, target=None, unit="x", seconds=None, clients=None, exact=False
):
    """Note ``figure``'s measured ``value`` (a ratio by default, or seconds
    with ``unit="s"``) against its ``target``, an upper bound (none: printed
    only). ``seconds`` and ``clients`` give its cost per 1,000 clients. An
    ``exact`` figure (a count, a share: no timing noise) gets no margin."""
    FIGURES.append(
        {
            "exact": exact,
            "figure": figure,
            "value": value,
            "target": target,
            "unit": unit,
            "seconds": seconds
            if seconds is not None
            else (value if unit == "s" else None),
            "clients": clients,
        }
    )


def client_count(env):
    """The clients of the base, what figures are scaled by."""
    Partner = env["res.partner"]
    return Partner.search_count(Partner._get_client_domain())


def missed(figure):
    margin = 1 if figure.get("exact") else MARGIN
    return figure["target"] is not None and figure["value"] > figure["target"] * margin


def per_thousand(figure):
    if figure["seconds"] is None or not figure["clients"]:
        return None
    return figure["seconds"] * 1000 / figure["clients"]


def table():
    """The scoreboard as lines of text."""
    width = max([len(figure["figure"]) for figure in FIGURES] + [6])
    header = f"{'figure':<{width}}  {'measured':>10}  {'target':>8}"
    lines = [header + f"  {'s/1k clients':>12}  result"]
    for figure in FIGURES:
        value = f"{figure['value']:.3f} {figure['unit']}"
        target = f"<= {figure['target']:g}" if figure["target"] is not None else "-"
        thousand = per_thousand(figure)
        thousand = f"{thousand:.4f}" if thousand is not None else "-"
        result = (
            "MISSED"
            if missed(figure)
            else "met"
            if figure["target"] is not None
            else ""
        )
        lines.append(
            f"{figure['figure']:<{width}}  {value:>10}  {target:>8}"
            f"  {thousand:>12}  {result}"
        )
    return lines


def save():
    path = os.environ.get("BENCH_RESULTS")
    if not path:
        return
    with open(path, "w", encoding="utf-8") as results:
        json.dump(
            [{**figure, "per_thousand": per_thousand(figure)} for figure in FIGURES],
            results,
            indent=1,
        )
