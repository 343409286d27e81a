"""The replica test's reading of Odoo's log (tests/replica/browser.py): each
request found by its number with its cursor mode, and a read that wrote caught,
so that `make test-replica` cannot pass on a log it misreads."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "replica"))

import browser

LINE = (
    "2026-12-02 17:27:41,675 11433 INFO db werkzeug: 127.0.0.1 - - [02/Dec/2026"
    ' 17:27:41] "POST {path}?r={number} HTTP/1.1" 200 - 10 0.003 0.004 {mode}'
)


def _journal():
    journal = browser.Journal()
    journal.note("read", "clients list")
    journal.note("write", "analysis run")
    journal.note("meta", "views")
    return journal


def _log(*modes):
    return "\n".join(
        LINE.format(path="/web/dataset/call_kw/m/f", number=number, mode=mode)
        for number, mode in enumerate(modes, start=1)
    )


def test_reads_on_the_replica_and_writes_on_the_primary_pass():
    assert _journal().check_log(_log("ro", "rw", "rw")) == []


def test_a_read_served_by_the_primary_fails():
    failures = _journal().check_log(_log("rw", "rw", "ro"))
    assert failures == ["clients list: served rw, expected ro (read)"]


def test_a_read_that_wrote_and_was_retried_fails():
    log = _log("ro->rw", "rw", "ro") + (
        "\n2026-12-02 17:27:41,600 11433 ERROR db odoo.sql_db: bad query: UPDATE x"
    )
    failures = _journal().check_log(log)
    assert "clients list: served ro->rw, expected ro (read)" in failures
    assert sum("a read that wrote" in failure for failure in failures) == 2


def test_a_write_on_the_replica_and_a_missing_line_fail():
    failures = _journal().check_log(_log("ro", "ro"))
    assert failures == [
        "analysis run: served ro, expected rw (write)",
        "no log line for request 3: views",
    ]
