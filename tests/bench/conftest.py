"""The benchmarks' scoreboard printed at the end of the run, and the run's exit
status set by it: non-zero when a figure misses its target (see scoreboard.py)."""

import scoreboard


def pytest_sessionfinish(session, exitstatus):
    scoreboard.save()
    if any(scoreboard.missed(figure) for figure in scoreboard.FIGURES):
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if not scoreboard.FIGURES:
        return
    terminalreporter.section("benchmark targets")
    for line in scoreboard.table():
        terminalreporter.write_line(line)
    missed = [f["figure"] for f in scoreboard.FIGURES if scoreboard.missed(f)]
    if missed:
        terminalreporter.write_line(
            f"{len(missed)} target(s) missed by more than"
            f" {round((scoreboard.MARGIN - 1) * 100)}%: " + "; ".join(missed)
        )
    else:
        terminalreporter.write_line("every target met")
