"""What Odoo's web client asks the server when a user opens a menu: the
action, its views, the list or kanban's first page and length (with its
default filters and groupings), the pivot or graph's groups and the form of the
first record, as the web client sends them.

``WebClient`` walks the menus; how a request reaches Odoo is its subclass's:
over HTTP for ``scripts/test-replica`` and ``scripts/test-load``
(``browser.Client``), or in the benchmark's own process, timed
(``tests/bench/test_bench_requests.py``). A subclass gives ``uid``,
``company_id``, ``context`` and ``login`` and implements ``call``,
``load_action``, ``run_action`` and ``menus``.
"""

import datetime

from dateutil.relativedelta import relativedelta
from lxml import etree


class WebClient:
    uid = company_id = login = None
    context = None

    def call(self, kind, model, method, *args, button=False, **kwargs):
        """``model.method(*args, **kwargs)`` as ``/web/dataset/call_kw`` (or
        ``call_button``) runs it; ``kind`` is "read", "write" or "meta"."""
        raise NotImplementedError

    def load_action(self, action_id, label):
        """The action as ``/web/action/load`` returns it."""
        raise NotImplementedError

    def run_action(self, action_id, label):
        """A server action's result as ``/web/action/run`` returns it."""
        raise NotImplementedError

    def menus(self):
        """The menus as ``/web/webclient/load_menus`` returns them."""
        raise NotImplementedError

    def evaluate(self, expression, default):
        if not expression:
            return default
        if not isinstance(expression, str):
            return expression
        from odoo.tools import safe_eval

        today = datetime.date.today()
        return safe_eval.safe_eval(
            expression,
            {
                "uid": self.uid,
                "context_today": lambda: today,
                "datetime": safe_eval.datetime,
                "relativedelta": relativedelta,
                "time": safe_eval.time,
                "active_id": False,
                "active_ids": [],
                "context": self.context,
                "allowed_company_ids": [self.company_id],
                "current_company_id": self.company_id,
            },
        )

    def open_action(self, action_id, label, action_model="ir.actions.act_window"):
        """Open a menu's action (a window, or a server action returning one)
        as the web client does; returns the number of reads made."""
        if action_model == "ir.actions.server":
            action = self.run_action(action_id, label)
        else:
            action = self.load_action(action_id, label)
        if not action or action.get("type") != "ir.actions.act_window":
            return 0
        return self.browse_window(self.window(action))

    def window(self, action):
        """A window action's model, context, views and default search."""
        model = action["res_model"]
        context = {**self.context, **self.evaluate(action.get("context"), {})}
        domain = list(self.evaluate(action.get("domain"), []))
        views = [list(view) for view in action["views"]]
        views.append(
            [action.get("search_view_id") and action["search_view_id"][0], "search"]
        )
        loaded = self.call(
            "meta",
            model,
            "get_views",
            views=views,
            options={
                "action_id": action["id"],
                "load_filters": True,
                "toolbar": True,
            },
            context=context,
        )
        fields = loaded["models"][model]["fields"]
        archs = {
            kind: etree.fromstring(view["arch"])
            for kind, view in loaded["views"].items()
        }
        domain, groupby = self.default_filters(archs.get("search"), context, domain)
        return {
            "action": action,
            "model": model,
            "context": context,
            "action_domain": list(self.evaluate(action.get("domain"), [])),
            "domain": domain,
            "groupby": groupby,
            "views": views,
            "fields": fields,
            "archs": archs,
        }

    def browse_window(self, window):
        """Each view of the window as the web client first shows it: the
        list or kanban's first page (and groups), the pivot or graph's
        groups, the first record's form."""
        model, context, domain = window["model"], window["context"], window["domain"]
        groupby, fields, archs = window["groupby"], window["fields"], window["archs"]
        views = window["views"]
        reads = 0
        record_id = None
        for kind in (view[1] for view in views):
            arch = archs.get(kind)
            if arch is None:
                continue
            if kind in ("list", "kanban"):
                if groupby and kind == "list":
                    self.call(
                        "read",
                        model,
                        "web_read_group",
                        domain,
                        [],
                        groupby[:1],
                        limit=80,
                        lazy=True,
                        context=context,
                    )
                result = self.call(
                    "read",
                    model,
                    "web_search_read",
                    domain,
                    self.specification(arch, fields),
                    limit=80,
                    count_limit=10001,
                    context=context,
                )
                reads += 1
                if result["records"] and record_id is None:
                    record_id = result["records"][0]["id"]
            elif kind in ("pivot", "graph"):
                rows, measures = self.groupings(arch, fields)
                self.call(
                    "read",
                    model,
                    "read_group",
                    domain,
                    measures or ["__count"],
                    rows or groupby,
                    lazy=False,
                    context=context,
                )
                reads += 1
            elif kind == "form" and record_id:
                self.call(
                    "read",
                    model,
                    "web_read",
                    [record_id],
                    self.specification(arch, fields),
                    context=context,
                )
                reads += 1
        return reads

    def default_filters(self, search, context, domain):
        """The domain and groupings of the search view's default filters."""
        groupby = []
        if search is None:
            return domain, groupby
        for key, value in context.items():
            if not key.startswith("search_default_") or not value:
                continue
            name = key[len("search_default_") :]
            for node in search.iter("filter", "field"):
                if node.get("name") != name:
                    continue
                if node.tag == "filter":
                    condition = (
                        self.period(node.get("date"), node.get("default_period"))
                        if node.get("date")
                        else list(self.evaluate(node.get("domain"), []))
                    )
                    if condition:
                        domain = ["&", *domain, *condition] if domain else condition
                    grouped = self.evaluate(node.get("context"), {}).get("group_by")
                    if grouped:
                        groupby += grouped if isinstance(grouped, list) else [grouped]
                elif not node.get("filter_domain"):
                    condition = [(name, "=", value)]
                    domain = ["&", *domain, *condition] if domain else condition
        return domain, groupby

    @staticmethod
    def period(name, default_period):
        """The domain of a date filter on field ``name`` chosen by default:
        its ``default_period`` (this month when none) of this year, as the
        web client writes it (bounds as datetimes; a date field reads their
        dates)."""
        today = datetime.date.today()
        period = default_period or "month"
        if period == "year":
            start, months = today.replace(month=1, day=1), 12
        elif period == "quarter":
            start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
            months = 3
        elif period == "month":
            start, months = today.replace(day=1), 1
        else:
            raise ValueError(f"default_period {default_period!r} of {name}")
        end = start + relativedelta(months=months, days=-1)
        return [
            "&",
            (name, ">=", f"{start} 00:00:00"),
            (name, "<=", f"{end} 23:59:59"),
        ]

    @staticmethod
    def specification(arch, fields):
        """The fields a view shows, as ``web_read`` wants them (a sub-view's
        fields nested under its field, as the web client sends them)."""
        spec = {}
        for node in arch.iter("field"):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            name = node.get("name")
            if name not in fields:
                continue
            kind = fields[name]["type"]
            if kind in ("many2one", "one2many", "many2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    @staticmethod
    def groupings(arch, fields):
        rows, measures = [], []
        for node in arch.iter("field"):
            name = node.get("name")
            if name not in fields:
                continue
            kind = node.get("type")
            if kind in ("row", "col"):
                interval = node.get("interval")
                rows.append(f"{name}:{interval}" if interval else name)
            elif kind == "measure":
                aggregator = fields[name].get("aggregator") or "sum"
                measures.append(f"{name}:{aggregator}")
        return rows, measures

    def visit_menus(self):
        """Open every menu of the suite this user sees; returns the reads made."""
        menus = self.menus()
        reads = 0
        for menu in menus.values():
            xmlid = menu.get("xmlid") or ""
            if not xmlid.startswith("client_base"):
                continue
            model = menu.get("actionModel")
            action_id = menu.get("actionID")
            if not model and menu.get("action"):
                model, action_id = menu["action"].split(",")
            if model in ("ir.actions.act_window", "ir.actions.server") and action_id:
                reads += self.open_action(int(action_id), xmlid, model)
        return reads
