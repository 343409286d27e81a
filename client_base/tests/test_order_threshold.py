from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOrderThreshold(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.salesperson = new_test_user(
            cls.env, login="cb_min_user", groups="client_base.group_client_base_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="cb_min_manager",
            groups="client_base.group_client_base_manager",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Min Goods", "taxes_id": []}
        )
        Rule = cls.env["client.base.order.threshold"]
        Rule.search([]).action_archive()
        cls.company_rule = Rule.create({"amount_first": 0, "amount_repeat": 500})
        Partner = cls.env["res.partner"]
        cls.client, cls.vip = Partner.create(
            [
                {"name": "Min Client", "is_company": True},
                {"name": "Min VIP", "is_company": True},
            ]
        )
        cls.vip_rule = Rule.create(
            {"partner_id": cls.vip.id, "amount_first": 0, "amount_repeat": 100}
        )

    def _quotation(self, partner, amount, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.salesperson)
            .create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": amount}
                        )
                    ],
                }
            )
        )

    def test_first_order_welcome_repeat_refused(self):
        self._quotation(self.client, 50).action_confirm()  # a trial order
        repeat = self._quotation(self.client, 200)
        self.assertTrue(repeat.client_below_threshold)
        self.assertEqual(repeat.client_threshold, 500)
        self.assertEqual(repeat.client_threshold_gap, 300)
        self.assertFalse(repeat.client_threshold_first_order)
        with self.assertRaisesRegex(UserError, repeat.name):
            repeat.action_confirm()
        self.assertEqual(repeat.state, "draft")
        self._quotation(self.client, 500).action_confirm()  # at the minimum

    def test_below_the_minimum_is_the_quotations_own(self):
        """A new client's two quotations are both first orders: the flag does
        not depend on which other quotations are read with it."""
        self.company_rule.write({"amount_first": 1000, "amount_repeat": 0})
        earlier = self._quotation(self.client, 300)
        later = self._quotation(self.client, 400)
        Order = self.env["sale.order"]
        alone = {}
        for order in (earlier, later):
            order.invalidate_recordset()
            alone[order] = order.client_below_threshold
        self.assertEqual(alone, {earlier: True, later: True})
        self.env.invalidate_all()
        together = Order.browse((earlier | later).ids)
        self.assertEqual(together.mapped("client_below_threshold"), [True, True])
        self.assertEqual(together.mapped("client_threshold_first_order"), [True, True])
        self.assertEqual(
            Order.search(
                [("id", "in", together.ids), ("client_below_threshold", "=", True)]
            ),
            together,
        )

    def test_batch_is_all_or_none(self):
        trial = self._quotation(self.client, 50)
        trial.action_confirm()
        first = self._quotation(self.client, 600)
        second = self._quotation(self.client, 60)
        batch = first | second
        with self.assertRaises(UserError) as caught:
            batch.action_confirm()
        message = str(caught.exception)
        self.assertIn(second.name, message, "Only the small one is below")
        self.assertNotIn(first.name, message)
        self.assertEqual(batch.mapped("state"), ["draft", "draft"])
        self.assertEqual(
            self.client.sale_order_ids.filtered(lambda o: o.state == "sale"), trial
        )

    def test_blocked_confirmation_leaves_no_trace(self):
        if "sale_stock" not in self.env.registry._init_modules:
            self.skipTest("Odoo's sale_stock is not installed")
        storable = self.env["product.product"].create(
            {"name": "Min Stock Goods", "is_storable": True, "taxes_id": []}
        )
        self._quotation(self.client, 50).action_confirm()
        order = self._quotation(self.client, 0)
        order.order_line.product_id = storable
        order.order_line.price_unit = 200
        messages = order.message_ids
        self.assertTrue(order.client_below_threshold)
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)
        self.assertFalse(
            self.env["stock.move"].search([("sale_line_id.order_id", "=", order.id)])
        )
        self.assertEqual(order.message_ids, messages, "no mail, no note")
        # the same order above its minimum does reserve goods
        order.order_line.price_unit = 600
        order.action_confirm()
        self.assertTrue(order.picking_ids.move_ids)

    def test_most_specific_rule_applies(self):
        contact = self.env["res.partner"].create(
            {"name": "VIP buyer", "parent_id": self.vip.id}
        )
        self._quotation(self.vip, 50).action_confirm()
        repeat = self._quotation(contact, 150)  # through a contact: the client's rule
        self.assertEqual(repeat.client_threshold_rule_id, self.vip_rule)
        self.assertFalse(repeat.client_below_threshold)
        repeat.action_confirm()
        self.assertEqual(repeat.state, "sale")

    def test_below_threshold_filter(self):
        self._quotation(self.client, 50).action_confirm()
        small, large = (
            self._quotation(self.client, 200),
            self._quotation(self.client, 900),
        )
        found = (
            self.env["sale.order"]
            .with_user(self.salesperson)
            .search([("client_below_threshold", "=", True)])
        )
        self.assertIn(small, found)
        self.assertNotIn(large, found)

    def test_override_needs_the_right_and_a_reason(self):
        self._quotation(self.client, 50).action_confirm()
        order = self._quotation(self.client, 120)
        Wizard = self.env["client.base.threshold.override.wizard"]
        values = {"order_ids": [Command.set(order.ids)], "reason": "strategic",
                  "note": "Opens the new region"}  # fmt: skip
        with self.assertRaises(AccessError):
            Wizard.with_user(self.salesperson).create(values)
        with self.assertRaises(AccessError):
            self.env["client.base.threshold.override"].with_user(
                self.salesperson
            ).create(
                {"order_id": order.id, "reason": "other", "threshold": 500,
                 "amount": 120}
            )  # fmt: skip
        self.assertEqual(order.state, "draft")
        Wizard.with_user(self.manager).create(values).action_confirm()
        self.assertEqual(order.state, "sale")
        override = order.client_threshold_override_ids
        self.assertEqual(
            (override.reason, override.threshold, override.amount, override.gap),
            ("strategic", 500, 120, 380),
        )
        self.assertEqual(override.create_uid, self.manager)
        self.assertIn("Opens the new region", "".join(order.message_ids.mapped("body")))

    def _request(self, order, user=None, **values):
        return (
            self.env["client.base.threshold.request"]
            .with_user(user or self.salesperson)
            .create({"order_id": order.id, "note": "A trial for a chain", **values})
        )

    def test_a_refused_salesperson_asks_a_manager(self):
        """Refused below the minimum, a salesperson is told whom to ask, asks a
        Client Base manager, and the manager's exception answers the request."""
        self._quotation(self.client, 50).action_confirm()
        order = self._quotation(self.client, 120)
        with self.assertRaisesRegex(UserError, "Ask a Manager"):
            order.with_user(self.salesperson).action_confirm()
        with self.assertRaises(UserError) as refused:
            order.with_user(self.manager).action_confirm()
        self.assertNotIn("Ask a Manager", str(refused.exception), "They may override")
        request = self._request(order)
        self.assertIn(request.manager_id, request._managers())
        request.manager_id = self.manager
        request.action_request()
        activity = order.activity_ids
        request_type = activity.activity_type_id
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("client_base.mail_activity_type_threshold_request"),
        )
        self.assertIn("120", activity.summary)
        self.assertIn("A trial for a chain", activity.note)
        self.assertIn(
            activity,
            self.env["mail.activity"]
            .with_user(self.manager)
            .search([("user_id", "=", self.manager.id)]),
        )
        with self.assertRaisesRegex(UserError, "already asked"):
            self._request(order).action_request()
        self.env["client.base.threshold.override.wizard"].with_user(self.manager).create(
            {"order_ids": [Command.set(order.ids)], "reason": "strategic",
             "note": "Trial approved"}
        ).action_confirm()  # fmt: skip
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.activity_ids, "The request is answered")
        self.assertTrue(
            self.env["mail.message"].search(
                [("model", "=", "sale.order"), ("res_id", "=", order.id),
                 ("mail_activity_type_id", "=", request_type.id)]
            ),
            "Marked done in the chatter",
        )  # fmt: skip

    def test_a_request_needs_a_blocked_quotation_a_reason_and_a_manager(self):
        self._quotation(self.client, 50).action_confirm()
        above = self._quotation(self.client, 600)
        with self.assertRaisesRegex(UserError, "not below its minimum"):
            self._request(above).action_request()
        order = self._quotation(self.client, 120)
        with self.assertRaisesRegex(UserError, "worth it"):
            self._request(order, note=" ").action_request()
        colleague = new_test_user(
            self.env,
            login="cb_min_colleague",
            groups="client_base.group_client_base_user",
        )
        with self.assertRaisesRegex(UserError, "not a Client Base manager"):
            self._request(order, manager_id=colleague.id).action_request()
        self.assertFalse(order.activity_ids, "Nothing half-done")
        # once above the minimum, confirming answers a pending request
        self._request(order, manager_id=self.manager.id).action_request()
        order.order_line.price_unit = 700
        order.with_user(self.salesperson).action_confirm()
        self.assertFalse(order.activity_ids)

    def test_preview_what_a_draft_rule_would_have_blocked(self):
        self.company_rule.action_archive()
        orders = [self._quotation(self.client, amount) for amount in (50, 200, 900)]
        for order in orders:
            order.action_confirm()
        self.company_rule.action_unarchive()
        Rule = self.env["client.base.order.threshold"].with_user(self.manager)
        draft = Rule.create(
            {"partner_id": self.client.id, "amount_first": 0, "amount_repeat": 300}
        )
        draft.action_archive()
        action = draft.action_preview()
        self.assertEqual(action["res_model"], "client.base.threshold.preview")
        Preview = self.env["client.base.threshold.preview"].with_user(self.manager)
        preview = Preview.create({"rule_id": draft.id})
        self.assertEqual(
            (preview.covered_count, preview.blocked_count, preview.blocked_first_count,
             preview.blocked_client_count, preview.blocked_amount),
            (3, 1, 0, 1, 200),
        )  # fmt: skip
        self.assertEqual(preview.blocked_order_ids, orders[1])
        self.assertGreaterEqual(preview.order_count, 3)
        self.assertAlmostEqual(preview.blocked_share, 200 / 1150)
        # the company-wide rule would have blocked it too, and nothing else here
        company_preview = Preview.create({"rule_id": self.company_rule.id})
        self.assertIn(orders[1], company_preview.blocked_order_ids)
        self.assertNotIn(orders[2], company_preview.blocked_order_ids)
        with self.assertRaises(ValidationError):
            Preview.create({"rule_id": draft.id, "months": 0})
        with self.assertRaises(AccessError):
            Preview.with_user(self.salesperson).create({"rule_id": draft.id})

    def test_statistics_by_salesperson_and_outcome(self):
        trial = self._quotation(self.client, 50)
        trial.action_confirm()
        blocked = self._quotation(self.client, 200)
        overridden = self._quotation(self.client, 120)
        self.env["client.base.threshold.override.wizard"].with_user(
            self.manager
        ).create(
            {"order_ids": [Command.set(overridden.ids)], "reason": "clearance",
             "note": "Last pieces"}
        ).action_confirm()  # fmt: skip
        self.company_rule.action_archive()
        no_rule = self._quotation(self.client, 300)
        no_rule.action_confirm()
        self.company_rule.action_unarchive()
        large = self._quotation(self.client, 800)
        large.action_confirm()
        # history is not rewritten by later rule changes
        self.company_rule.amount_repeat = 1000
        self.assertEqual(overridden.client_threshold, 500)
        self.assertEqual(large.client_threshold_outcome, "above")

        Report = self.env["client.base.threshold.report"].with_user(self.manager)
        rows = Report.search([("partner_id", "=", self.client.id)])
        self.assertEqual(
            {row.order_id: (row.outcome, row.first_order) for row in rows},
            {
                trial: ("above", True),
                blocked: ("blocked", False),
                overridden: ("overridden", False),
                large: ("above", False),
            },
            "an order confirmed when no rule applied is not counted",
        )
        by_order = {row.order_id: row for row in rows}
        self.assertEqual(by_order[blocked].gap, 800, "open quotations: rules of now")
        self.assertEqual(
            (by_order[overridden].threshold, by_order[overridden].gap), (500, 380)
        )
        groups = Report._read_group(
            [("partner_id", "=", self.client.id)],
            ["user_id", "outcome"],
            ["__count", "small_amount:sum"],
        )
        by_outcome = {outcome: (count, small) for __, outcome, count, small in groups}
        self.assertEqual(by_outcome["overridden"], (1, 120))
        self.assertEqual(by_outcome["above"], (2, 0))
        self.assertEqual(by_outcome["blocked"], (1, 0))
        self.assertEqual({user for user, *__ in groups}, {self.salesperson})
        with self.assertRaises(AccessError):
            Report.with_user(self.salesperson).search([])

    def test_bad_rules_are_refused(self):
        Rule = self.env["client.base.order.threshold"].with_user(self.manager)
        with self.assertRaises(ValidationError):
            Rule.create({"amount_first": -1, "amount_repeat": 10})
        with self.assertRaises(ValidationError):
            Rule.create({"amount_first": 0, "amount_repeat": 900})  # company-wide
        with self.assertRaises(ValidationError):
            Rule.create({"partner_id": self.vip.id, "amount_repeat": 50})
        with self.assertRaises(AccessError):
            Rule.with_user(self.salesperson).create({"amount_repeat": 10})

    def test_check_queries_do_not_grow(self):
        Rule = self.env["client.base.order.threshold"]
        counts = []
        for extra in (0, 8):
            for n in range(extra):
                tag = self.env["res.partner.category"].create({"name": f"Tag {n}"})
                Rule.create({"category_id": tag.id, "amount_repeat": 10 + n})
                self._quotation(self.client, 1000).action_confirm()
            orders = self._quotation(self.client, 900) | self._quotation(self.vip, 900)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            orders._client_threshold_blocked()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 3)
