from datetime import date, datetime, time

from odoo.addons.client_base.tests.common import ClientBaseCommon

PERIOD = {"date_from": date(2025, 6, 1), "date_to": date(2026, 5, 31)}


def month(index, day=10):
    """The index-th month of the period (0 = June 2025), at day ``day``."""
    year, month_number = divmod(5 + index, 12)
    return datetime(2025 + year, month_number + 1, day, 10, 0)


class AnalysisCase(ClientBaseCommon):
    """The suite's users, clients and orders (client_base's ClientBaseCommon),
    a product without taxes that costs 60, and helpers to confirm dated orders
    and run analyses over the period of ``PERIOD``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # analyses of the demo story would be later than the frozen today
        cls.env["client.base.analysis.run"].search([]).write({"active": False})
        cls.manager, cls.user = cls.cb_manager, cls.cb_user
        cls.product = cls.env["product.product"].create(
            {"name": "Goods", "taxes_id": [], "standard_price": 60}
        )

    @classmethod
    def _order(cls, partner, when, amount, company=None):
        """A confirmed order of ``amount`` dated ``when``, of the current user."""
        order = cls._create_order(
            partner,
            amount=amount,
            user_id=cls.env.uid,
            company_id=(company or cls.company).id,
        )
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
