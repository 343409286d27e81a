from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import AnalysisCase, month


@tagged("post_install", "-at_install")
class TestThresholdByAbcClass(AnalysisCase):
    """Minimum order rules of client_base may target the current ABC class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["client.base.order.threshold"]
        Rule.search([]).action_archive()
        Partner = cls.env["res.partner"]
        cls.big, cls.small = Partner.create(
            [
                {"name": "Class A Client", "is_company": True},
                {"name": "Class C Client", "is_company": True},
            ]
        )
        for index in range(3):
            cls._order(cls.big, month(index), 9000)
        cls._order(cls.small, month(1), 100)
        cls.company_rule = Rule.create({"amount_first": 0, "amount_repeat": 500})
        cls.class_a_rule = Rule.create(
            {"client_abc_class": "A", "amount_first": 0, "amount_repeat": 0}
        )

    def _quotation(self, partner, amount):
        return (
            self.env["sale.order"]
            .with_user(self.user)
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

    def test_class_rule_follows_the_current_run(self):
        # no analysis yet: nobody has a class, the company-wide rule applies
        before = self._quotation(self.big, 100)
        self.assertEqual(before.client_threshold_rule_id, self.company_rule)
        self.assertTrue(before.client_below_threshold)

        self._run()
        self.assertEqual(self.big.client_abc_class, "A")
        self.assertEqual(self.small.client_abc_class, "C")
        before.invalidate_recordset(["client_threshold_rule_id"])
        self.assertEqual(before.client_threshold_rule_id, self.class_a_rule)
        self.assertFalse(before.client_below_threshold)
        before.action_confirm()
        self.assertEqual(before.state, "sale")

        small_order = self._quotation(self.small, 100)
        self.assertEqual(small_order.client_threshold_rule_id, self.company_rule)
        with self.assertRaisesRegex(UserError, small_order.name):
            small_order.action_confirm()

    def test_class_is_less_specific_than_a_status(self):
        self._run()
        status = self.big.with_company(self.company).client_status
        self.assertTrue(status)
        Rule = self.env["client.base.order.threshold"]
        status_rule = Rule.create({"client_status": status, "amount_repeat": 300})
        order = self._quotation(self.big, 100)
        self.assertEqual(order.client_threshold_rule_id, status_rule)
        self.assertEqual(self.class_a_rule.name, "A")

    def test_duplicate_class_rule_refused(self):
        with self.assertRaises(ValidationError):
            self.env["client.base.order.threshold"].with_user(self.manager).create(
                {"client_abc_class": "A", "amount_repeat": 10}
            )


@tagged("post_install", "-at_install")
class TestContactStandardByAbcClass(AnalysisCase):
    """Contact standards of client_base may target the current ABC class."""

    def test_class_a_clients_are_called_more_often(self):
        Partner = self.env["res.partner"]
        big, small = Partner.create(
            [
                {"name": "Contact A Client", "is_company": True},
                {"name": "Contact C Client", "is_company": True},
            ]
        )
        for index in range(3):
            self._order(big, month(index), 9000)
        self._order(small, month(1), 100)
        Rule = self.env["client.base.contact.rule"]
        Rule.with_context(active_test=False).search([]).unlink()
        Rule.create({"kind": "contact", "interval_days": 60})
        Rule.create({"kind": "contact", "interval_days": 7, "client_abc_class": "A"})
        Partner._cron_client_contact_refresh()  # triggered by the new standards
        self.assertEqual(
            big.client_next_contact_date - big.client_last_contact_date,
            timedelta(days=60),
            "no analysis yet: no class",
        )
        self._run()  # the run refreshes the clients' next contacts
        big.invalidate_recordset()
        self.assertEqual(
            big.client_next_contact_date - big.client_last_contact_date,
            timedelta(days=7),
        )
        self.assertEqual(
            small.client_next_contact_date - small.client_last_contact_date,
            timedelta(days=60),
        )
