"""Across client_base_pos and client_base_analysis: a client who buys only at
the till is ranked by the analysis, its purchases at the till counted."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosClientAnalysis(TestPoSCommon):
    def test_a_till_client_gets_its_classes(self):
        self.config = self.basic_config
        bread = self.create_product("Bread", self.categ_basic, 10.0, 4.0)
        Partner = self.env["res.partner"]
        regular = Partner.create({"name": "Till Regular", "is_company": True})
        once = Partner.create({"name": "Till Once", "is_company": True})
        self.open_new_session()
        rows = [(regular, 8), (regular, 6), (regular, 9), (once, 1)]
        orders = self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(bread, qty)],
                    "customer": partner,
                    "payments": [(self.cash_pm1, 10.0 * qty)],
                }
                for partner, qty in rows
            ]
        )
        now = fields.Datetime.now()
        for index, order in enumerate(orders.values()):
            order.date_order = now - timedelta(days=10 + 30 * index)
        Run = self.env["client.base.analysis.run"].sudo()
        run = Run.create(Run._default_values_for(self.company))
        run.action_run()
        lines = {line.partner_id: line for line in run.line_ids}
        self.assertEqual(lines[regular].revenue, 230.0)
        self.assertEqual(lines[regular].frequency, 3)
        self.assertEqual(lines[regular].abc_class, "A")
        self.assertEqual(lines[once].revenue, 10.0)
        self.assertTrue(lines[once].rfm_segment)
        # the till tells the cashier the class (read as the till's user reads
        # its customers, who cannot read the suite)
        self.assertFalse(self.env.user.has_group("client_base.group_client_base_user"))
        badges = {
            row["id"]: row["client_pos_badge"]
            for row in (regular | once).read(["client_pos_badge"])
        }
        self.assertIn(
            {"kind": "abc", "value": "A", "label": "Class A"}, badges[regular.id]
        )
