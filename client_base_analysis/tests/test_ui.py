from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAnalysisTours(HttpCase):
    def test_matrix_to_client(self):
        """A manager runs an analysis, opens the ABC×XYZ matrix, drills down from a
        cell to the client behind it and sees its class on the client."""
        company = self.env["res.company"].create({"name": "Tour Company"})
        manager = new_test_user(
            self.env,
            login="cba_tour_manager",
            groups="client_base.group_client_base_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        steady, one_off = self.env["res.partner"].create(
            [
                {"name": "Tour Steady Client", "is_company": True},
                {"name": "Tour One-off Client", "is_company": True},
            ]
        )
        product = self.env["product.product"].create(
            {"name": "Tour Goods", "taxes_id": []}
        )
        this_month = fields.Date.today().replace(day=15)
        orders = [
            (steady, this_month - relativedelta(months=n), 1000) for n in range(1, 13)
        ]
        orders.append((one_off, this_month - relativedelta(months=3), 500))
        for partner, when, amount in orders:
            order = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": amount})
                    ],
                }
            )
            order.action_confirm()
            order.date_order = fields.Datetime.to_datetime(when)
        self.start_tour("/odoo", "client_base_analysis_matrix", login=manager.login)
        self.assertEqual(steady.with_user(manager).client_abc_xyz_class, "AX")
        self.assertEqual(one_off.with_user(manager).client_abc_xyz_class, "CZ")
