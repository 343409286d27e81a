"""The web client's requests, made over HTTP, for ``scripts/test-replica``.

A ``Client`` logs in as a user and makes the JSON-RPC calls Odoo's web client
makes when that user opens a menu (``webclient.WebClient``) or presses a
button. Every request carries ``?r=<number>`` and is noted in a ``Journal`` as
a read (served read-only, by the replica) or a write (read-write, by the
primary); ``Journal.check_log`` finds each request's line in Odoo's log and its
cursor mode.
"""

import itertools
import re
import time

import requests
from webclient import WebClient

# Odoo's request log line: "POST /path?r=7 HTTP/1.1" 200 - queries sql-time
# other-time cursor-mode (the mode printed when a replica is configured)
LOG_LINE = re.compile(
    r'"(?:GET|POST) \S*[?&]r=(\d+)\S* HTTP/[\d.]+" (\d{3}) \S+'
    r" \S+ \S+ \S+ (ro->rw|ro|rw)\b"
)
FALLBACKS = ("bad query", "retrying with a read/write cursor", "ReadOnlySqlTransaction")


class Journal:
    def __init__(self):
        self.requests = {}
        self.numbers = itertools.count(1)

    def note(self, kind, label):
        number = next(self.numbers)
        self.requests[number] = (kind, label)
        return number

    def count(self, kind):
        return sum(1 for noted, _label in self.requests.values() if noted == kind)

    def summary(self):
        return (
            f"test-replica: {self.count('read')} reads, {self.count('write')} writes,"
            f" {self.count('meta')} other requests"
        )

    def check_log(self, text):
        failures = [
            f"the log reports a read that wrote: {line.strip()}"
            for line in text.splitlines()
            if any(fallback in line for fallback in FALLBACKS) or "ro->rw" in line
        ]
        modes = {int(number): mode for number, _status, mode in LOG_LINE.findall(text)}
        expected = {"read": "ro", "write": "rw"}
        for number, (kind, label) in self.requests.items():
            mode = modes.get(number)
            if mode is None:
                failures.append(f"no log line for request {number}: {label}")
            elif kind in expected and mode != expected[kind]:
                failures.append(
                    f"{label}: served {mode}, expected {expected[kind]} ({kind})"
                )
        return failures


class Client(WebClient):
    def __init__(self, url, db, login, password, journal):
        self.url, self.db, self.login, self.password = url, db, login, password
        self.journal = journal
        self.session = requests.Session()
        result = self.json(
            "meta",
            f"login {login}",
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        self.company_id = result["user_companies"]["current_company"]
        self.context = {
            **result["user_context"],
            "allowed_company_ids": [self.company_id],
        }

    def json(self, kind, label, path, params):
        number = self.journal.note(kind, label)
        response = self.session.post(
            f"{self.url}{path}?r={number}",
            json={"jsonrpc": "2.0", "method": "call", "id": number, "params": params},
            timeout=600,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            data = body["error"].get("data", {})
            raise AssertionError(f"{label}: {data.get('message') or body['error']}")
        return body["result"]

    def call(self, kind, model, method, *args, button=False, **kwargs):
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        route = "call_button" if button else "call_kw"
        return self.json(
            kind,
            f"{self.login}: {model}.{method}",
            f"/web/dataset/{route}/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def lookup(self, model, method, *args, **kwargs):
        """A lookup through ``/jsonrpc`` (untagged, unchecked): the records a
        test acts on. What the primary holds is read from its cluster."""
        response = self.session.post(
            f"{self.url}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [
                        self.db,
                        self.uid,
                        self.password,
                        model,
                        method,
                        list(args),
                        kwargs,
                    ],
                },
            },
            timeout=600,
        )
        body = response.json()
        if body.get("error"):
            raise AssertionError(f"jsonrpc {model}.{method}: {body['error']}")
        return body["result"]

    def load_action(self, action_id, label):
        return self.json(
            "read",
            f"{self.login}: action {label}",
            "/web/action/load",
            {"action_id": action_id, "context": self.context},
        )

    def run_action(self, action_id, label):
        # /web/action/run is a read-write route: a server action may write
        return self.json(
            "meta",
            f"{self.login}: server action {label}",
            "/web/action/run",
            {"action_id": action_id, "context": self.context},
        )

    def menus(self):
        number = self.journal.note("read", f"{self.login}: menus")
        response = self.session.get(
            f"{self.url}/web/webclient/load_menus/{int(time.time())}?r={number}",
            timeout=120,
        )
        response.raise_for_status()
        return response.json()


def wait_for(url, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if requests.get(f"{url}/web/login", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(2)
    raise SystemExit(f"test-replica: Odoo did not answer at {url}")


def xmlid_id(client, xmlid):
    module, name = xmlid.split(".")
    found = client.lookup(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    assert found, f"{xmlid} not found"
    return found[0]["res_id"]


def visit_as_manager(url, db, journal, primary_sql):
    client = Client(url, db, "admin", "admin", journal)
    reads = client.visit_menus()
    assert reads > 10, f"the manager opened only {reads} views of the suite"

    # an analysis run: created and run on the primary, its lines read at once
    run = client.call(
        "write",
        "client.base.analysis.run",
        "web_save",
        [],
        {},
        specification={"display_name": {}},
    )[0]
    client.call(
        "write", "client.base.analysis.run", "action_run", [run["id"]], button=True
    )
    lines = client.call(
        "read",
        "client.base.analysis.line",
        "web_search_read",
        [("run_id", "=", run["id"])],
        {"abc_class": {}},
        limit=None,
    )
    stored = int(
        primary_sql(
            "SELECT COUNT(*) FROM client_base_analysis_line"
            f" WHERE run_id = {int(run['id'])}"
        )
    )
    assert stored and lines["length"] == stored, (
        f"the new run's lines: {lines['length']} read, {stored} on the primary"
    )

    # the daily status job and the occasion offers job, as their Run Manually
    for cron in (
        "client_base.ir_cron_client_status",
        "client_base_loyalty.ir_cron_client_occasion_offers",
    ):
        client.call(
            "write",
            "ir.cron",
            "method_direct_trigger",
            [xmlid_id(client, cron)],
            button=True,
        )

    # a regular client marked lost: the replica shows it lost right after
    partner = client.lookup(
        "res.partner", "search", [("client_status", "=", "regular")], limit=1
    )[0]
    reason = client.lookup(
        "client.base.churn.reason", "search", [("is_system", "=", False)], limit=1
    )[0]
    wizard = client.call(
        "write",
        "client.base.mark.lost",
        "web_save",
        [],
        {
            "partner_ids": [(6, 0, [partner])],
            "churn_reason_id": reason,
            "note": "Moved to a competitor's contract (replica test).",
        },
        specification={},
    )[0]
    client.call(
        "write",
        "client.base.mark.lost",
        "action_mark_lost",
        [wizard["id"]],
        button=True,
    )
    shown = client.call(
        "read", "res.partner", "web_read", [partner], {"client_status": {}}
    )[0]
    assert shown["client_status"] == "lost", f"marked lost, read {shown}"

    # an import of clients from a file, as the Import records screen does
    rows = "name,email\nReplica Import SRL,office@replica-import.example\n"
    wizard = client.call(
        "write",
        "base_import.import",
        "create",
        {
            "res_model": "res.partner",
            "file_name": "clients.csv",
            "file_type": "text/csv",
            # stored as sent, as the upload route stores the file's bytes
            "file": rows,
        },
    )
    options = {
        "has_headers": True,
        "quoting": '"',
        "separator": ",",
        "encoding": "utf-8",
        "date_format": "",
        "datetime_format": "",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "fallback_values": {},
        "name_create_enabled_fields": {},
        "import_set_empty_fields": [],
        "import_skip_records": [],
        "skip": 0,
        "limit": 2000,
        "advanced": False,
        "keep_matches": False,
        "sheets": [],
        "sheet": "",
    }
    result = client.call(
        "write",
        "base_import.import",
        "execute_import",
        [wizard],
        ["name", "email"],
        ["name", "email"],
        options,
    )
    assert not [m for m in result.get("messages", []) if m.get("type") == "error"], (
        result
    )
    found = client.call(
        "read",
        "res.partner",
        "web_search_read",
        [("name", "=", "Replica Import SRL")],
        {"email": {}},
    )
    assert found["length"] == 1, f"the imported client read back: {found}"


def visit_as_salesperson(url, db, journal, primary_sql):
    client = Client(url, db, "ivan.petrov", "ivan.petrov", journal)
    reads = client.visit_menus()
    assert reads > 3, f"the salesperson opened only {reads} views of the suite"
    # a quotation of theirs above every minimum, confirmed; read back at once
    quotations = client.lookup(
        "sale.order",
        "search_read",
        [
            ("state", "=", "draft"),
            ("user_id", "=", client.uid),
            ("client_below_threshold", "=", False),
        ],
        fields=["partner_id"],
        limit=1,
    )
    assert quotations, "the demo story gives the salesperson a quotation to confirm"
    order = quotations[0]["id"]
    client.call("write", "sale.order", "action_confirm", [order], button=True)
    shown = client.call(
        "read",
        "sale.order",
        "web_read",
        [order],
        {"state": {}, "partner_id": {"fields": {"client_status": {}}}},
    )[0]
    assert shown["state"] == "sale", f"confirmed, read {shown['state']}"
    status = primary_sql(
        f"SELECT client_status ->> '{int(client.company_id)}' FROM res_partner"
        f" WHERE id = {int(shown['partner_id']['id'])}"
    )
    assert shown["partner_id"]["client_status"] == status, (
        f"status read {shown['partner_id']['client_status']}, primary {status}"
    )
