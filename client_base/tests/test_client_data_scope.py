import json
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TODAY
from .test_trust import TrustCommon


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestClientDataScope(TrustCommon):
    """The suite's fields on a colleague's client read, filter, group, sort
    and export as empty for a salesperson; their own clients and clients
    without a salesperson show their values, and All Documents sees all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for client in (cls.mine, cls.theirs, cls.nobodys):
            cls._order_on(client, days_ago=20, amount=900.0)
            client.client_plans = f"Plans of {client.name}"
        cls.env["res.partner"]._client_base_refresh_status(cls.company, cause="order")
        cls.clients = cls.mine | cls.theirs | cls.nobodys
        cls.fields = ["client_status", "client_order_count", "client_plans"]

    def _as(self, user):
        return self.env["res.partner"].with_user(user)

    def test_reads_show_a_colleagues_client_empty(self):
        self.assertEqual(self.theirs.client_order_count, 1)
        rows = {
            row["id"]: row
            for row in self._as(self.cb_user)
            .browse(self.clients.ids)
            .read(self.fields + ["name"])
        }
        self.assertEqual(rows[self.theirs.id]["name"], "Trust Theirs SRL")
        for fname in self.fields:
            self.assertFalse(rows[self.theirs.id][fname], fname)
            self.assertTrue(rows[self.mine.id][fname], fname)
            self.assertTrue(rows[self.nobodys.id][fname], fname)
        web = self._as(self.cb_user).web_search_read(
            [("id", "in", self.clients.ids)],
            {"client_status": {}, "client_source_id": {"fields": {}}},
        )["records"]
        theirs = next(row for row in web if row["id"] == self.theirs.id)
        self.assertFalse(theirs["client_status"])
        for user in (self.all_documents, self.cb_manager):
            with self.subTest(user=user.login):
                row = self._as(user).browse(self.theirs.id).read(self.fields)[0]
                self.assertEqual(row["client_order_count"], 1)
                self.assertEqual(row["client_plans"], "Plans of Trust Theirs SRL")

    def test_filters_groups_and_sums_leave_a_colleagues_client_out(self):
        domain = [("id", "in", self.clients.ids)]
        found = self._as(self.cb_user).search(domain + [("client_order_count", "=", 1)])
        self.assertEqual(found, self.mine | self.nobodys)
        # an empty value matches: the client reads as one without orders
        self.assertIn(
            self.theirs,
            self._as(self.cb_user).search(domain + [("client_status", "=", False)]),
        )
        self.assertEqual(
            self._as(self.all_documents).search(
                domain + [("client_order_count", "=", 1)]
            ),
            self.clients,
        )
        groups = dict(
            self._as(self.cb_user)._read_group(domain, ["client_status"], ["__count"])
        )
        self.assertEqual(groups[False], 1)
        self.assertEqual(sum(groups.values()), 3)
        [[total]] = self._as(self.cb_user)._read_group(
            domain, [], ["client_order_count:sum"]
        )
        self.assertEqual(total, 2)
        # a sort by a scoped field puts the colleague's client with the empty ones
        ordered = self._as(self.cb_user).search(
            domain, order="client_order_count desc nulls last, id"
        )
        self.assertEqual(ordered[-1], self.theirs)

    def test_exports_blank_a_colleagues_client(self):
        self.cb_user.groups_id += self.env.ref("base.group_allow_export")
        clients = self._as(self.cb_user).browse(self.clients.ids)
        rows = clients.export_data(["name", "client_order_count", "client_plans"])[
            "datas"
        ]
        by_name = {row[0]: row[1:] for row in rows}
        self.assertEqual(by_name["Trust Theirs SRL"], [False, False])
        self.assertEqual(by_name["Trust Mine SRL"], [1, "Plans of Trust Mine SRL"])
        # through a relation: a person's company
        people = self._as(self.cb_user).browse((self.their_person | self.my_person).ids)
        rows = people.export_data(["name", "parent_id/client_plans"])["datas"]
        self.assertEqual(
            dict(rows),
            {"Their Person": False, "My Person": "Plans of Trust Mine SRL"},
        )
        # through another model: a colleague's client's portal user
        portal = new_test_user(
            self.env,
            login="cb_scope_export_portal",
            groups="base.group_portal",
            partner_id=self.theirs.id,
        )
        rows = (
            self.env["res.users"]
            .with_user(self.cb_user)
            .browse(portal.id)
            .export_data(["login", "partner_id/client_plans"])["datas"]
        )
        self.assertEqual(rows, [["cb_scope_export_portal", False]])

    def test_no_context_key_lifts_the_mask(self):
        Partner = self._as(self.cb_user).with_context(client_base_unmasked=True)
        [[plans]] = Partner._read_group(
            [("id", "=", self.theirs.id)], [], ["client_plans:array_agg"]
        )
        self.assertEqual(plans, [None])
        self.assertFalse(
            Partner.search_count(
                [("client_plans", "=like", "Plans%"), ("id", "=", self.theirs.id)]
            )
        )

    def test_computed_searches_treat_a_colleagues_client_as_empty(self):
        # contact overdue: computed, searched by a method of its own
        self.env["client.base.contact.rule"].create(
            {"kind": "contact", "interval_days": 1}
        )
        self.env["res.partner"]._client_contact_refresh(self.company, today=TODAY)
        overdue = self.env["res.partner"].search(
            [("id", "in", self.clients.ids), ("client_contact_overdue", "=", True)]
        )
        self.assertIn(self.theirs, overdue)
        domain = [("id", "in", self.clients.ids)]
        mine = self._as(self.cb_user)
        self.assertNotIn(
            self.theirs, mine.search(domain + [("client_contact_overdue", "=", True)])
        )
        self.assertIn(
            self.theirs, mine.search(domain + [("client_contact_overdue", "=", False)])
        )
        self.assertIn(
            self.theirs,
            mine.search(domain + ["!", ("client_contact_overdue", "=", True)]),
        )

    def test_copies_and_moves_do_not_carry_a_colleagues_data_over(self):
        copy = (
            self._as(self.cb_user)
            .browse(self.theirs.id)
            .copy({"user_id": self.cb_user.id})
        )
        self.assertFalse(copy.sudo().client_plans)
        self.assertEqual(self.mine.copy().client_plans, "Plans of Trust Mine SRL")
        for values in (
            {"parent_id": self.mine.id},
            {"is_company": False, "parent_id": self.mine.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self._as(self.cb_user).browse(self.theirs.id).write(values)
        with self.assertRaises(AccessError):
            self._as(self.cb_user).browse(self.their_person.id).write(
                {"parent_id": self.mine.id}
            )
        self.assertEqual(self.their_person.parent_id, self.theirs)

    def test_the_chatter_hides_a_colleagues_tracked_client_data(self):
        message = self.theirs.message_post(body="Changed")
        Field = self.env["ir.model.fields"]
        trackings = self.env["mail.tracking.value"].create(
            [
                {
                    "field_id": Field._get("res.partner", fname).id,
                    "old_value_char": "Before",
                    "new_value_char": "After",
                    "mail_message_id": message.id,
                }
                for fname in ("client_source_id", "email")
            ]
        )
        hidden = self._as(self.cb_user).browse(self.theirs.id)
        self.assertEqual(
            hidden._track_filter_for_display(trackings).field_id.name, "email"
        )
        shown = self._as(self.all_documents).browse(self.theirs.id)
        self.assertEqual(shown._track_filter_for_display(trackings), trackings)

    def test_a_portal_users_partner_data_is_masked_on_the_user_too(self):
        portal = new_test_user(
            self.env,
            login="cb_scope_portal",
            groups="base.group_portal",
            partner_id=self.their_person.id,
        )
        self.their_person.client_birthday = "1980-05-17"
        Users = self.env["res.users"].with_user(self.cb_user)
        [row] = Users.browse(portal.id).read(["client_birthday", "login"])
        self.assertEqual(row["login"], "cb_scope_portal")
        self.assertFalse(row["client_birthday"])
        self.assertFalse(
            Users.search_count(
                [("id", "=", portal.id), ("client_birthday", "=", "1980-05-17")]
            )
        )
        self.assertEqual(
            self.env["res.users"]
            .with_user(self.all_documents)
            .browse(portal.id)
            .read(["client_birthday"])[0]["client_birthday"],
            date(1980, 5, 17),
        )

    def test_the_suites_own_code_reads_real_values(self):
        theirs = self.theirs.with_user(self.cb_user)
        # reading a record (what compute methods and templates do) is not masked,
        # and a masked query never leaves an empty value in the cache
        self._as(self.cb_user).search([("client_order_count", "=", 1)])
        self.assertEqual(theirs.client_order_count, 1)
        self.assertEqual(self.theirs.sudo().client_status, self.mine.client_status)


@tagged("post_install", "-at_install")
class TestClientDataScopeOverRpc(HttpCase):
    def test_a_salesperson_reads_no_colleagues_sales_over_rpc(self):
        salesperson = new_test_user(
            self.env, login="cb_scope_user", groups="client_base.group_client_base_user"
        )
        colleague = new_test_user(
            self.env,
            login="cb_scope_colleague",
            groups="client_base.group_client_base_user",
        )
        theirs = self.env["res.partner"].create(
            {
                "name": "Scope Theirs SRL",
                "is_company": True,
                "user_id": colleague.id,
                "client_plans": "Opening two shops",
            }
        )
        self.assertTrue(salesperson)
        self.authenticate("cb_scope_user", "cb_scope_user")

        def call(method, *args, **kwargs):
            response = self.url_open(
                "/web/dataset/call_kw",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "model": "res.partner",
                            "method": method,
                            "args": list(args),
                            "kwargs": kwargs,
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            return response.json()["result"]

        [row] = call("web_read", [theirs.id], {"client_plans": {}, "name": {}})
        self.assertEqual(row["name"], "Scope Theirs SRL")
        self.assertFalse(row["client_plans"])
        self.assertEqual(call("search_count", [("client_plans", "ilike", "shops")]), 0)
        self.assertEqual(theirs.client_plans, "Opening two shops")
