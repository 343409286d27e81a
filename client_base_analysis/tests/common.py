from datetime import date, datetime, time

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

PERIOD = {"date_from": date(2025, 6, 1), "date_to": date(2026, 5, 31)}


def month(index, day=10):
    """The index-th month of the period (0 = June 2025), at day ``day``."""
    year, month_number = divmod(5 + index, 12)
    return datetime(2025 + year, month_number + 1, day, 10, 0)


class AnalysisCase(TransactionCase):
    """Users of the suite, a product without taxes, and helpers to confirm
    dated orders and run analyses over the period of ``PERIOD``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # analyses of the demo story would be later than the frozen today
        cls.env["client.base.analysis.run"].search([]).write({"active": False})
        cls.manager = new_test_user(
            cls.env,
            login="cba_run_manager",
            groups="client_base.group_client_base_manager",
        )
        cls.user = new_test_user(
            cls.env, login="cba_run_user", groups="client_base.group_client_base_user"
        )
        cls.employee = new_test_user(
            cls.env, login="cba_run_employee", groups="base.group_user"
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Goods", "taxes_id": [], "standard_price": 60}
        )

    @classmethod
    def _order(cls, partner, when, amount, company=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": (company or cls.company).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = when
        return order

    @classmethod
    def _orders_on_days(cls, rows, company=None):
        """Confirmed orders of ``rows`` (partner, day, amount), at 10:00."""
        for partner, day, amount in rows:
            cls._order(
                partner, datetime.combine(day, time(10)), amount, company=company
            )

    def _run(self, **values):
        Run = self.env["client.base.analysis.run"]
        run = Run.with_user(self.manager).create(
            {**Run._default_values_for(self.company), **PERIOD, **values}
        )
        run.action_run()
        return run

    def _lines(self, run):
        return {line.partner_id: line for line in run.line_ids}
