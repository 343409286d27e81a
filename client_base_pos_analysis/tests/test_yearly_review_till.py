from datetime import datetime

from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestYearlyReviewTill(TestPoSCommon):
    """The yearly review shows card penetration: per shop against the
    previous year, and month by month."""

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.config.name = "Review Shop"
        self.bread = self.create_product("Bread", self.categ_basic, 10.0, 4.0)
        self.card_holder = self.env["res.partner"].create({"name": "Card Holder"})
        self.manager = new_test_user(
            self.env,
            login="pos_review_manager",
            groups="client_base.group_client_base_manager",
            company_ids=[(6, 0, self.company.ids)],
            company_id=self.company.id,
        )
        self.open_new_session()
        self.year = self.company._client_base_today().year - 1

    def _sell(self, customer, qty, when):
        orders = self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(self.bread, qty)],
                    "customer": customer,
                    "payments": [(self.cash_pm1, 10.0 * qty)],
                }
            ]
        )
        next(iter(orders.values())).date_order = when

    def test_penetration_by_shop_and_month(self):
        year = self.year
        self._sell(self.card_holder, 3, datetime(year, 3, 10, 10))  # March: 30 known
        self._sell(False, 7, datetime(year, 7, 10, 10))  # July: 70 unknown
        self._sell(self.card_holder, 1, datetime(year - 1, 5, 1, 10))  # 100% a year ago
        self.env.flush_all()
        review = (
            self.env["client.base.yearly.review"]
            .with_user(self.manager)
            .with_company(self.company)
            .create({"year": year, "company_id": self.company.id})
        )
        till = review._review_data()["till"]
        self.assertEqual(len(till["shops"]), 1)
        name, revenue, share, previous = till["shops"][0]
        self.assertEqual((name, share, previous), ("Review Shop", "30.0 %", "100.0 %"))
        self.assertIn("100.00", revenue)
        self.assertEqual(till["months"], [("Mar", "100.0 %"), ("Jul", "0.0 %")])
        html = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("client_base_analysis.report_yearly_review", review.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Card penetration at the till", html)
        self.assertIn("Review Shop", html)

    def test_no_till_no_section(self):
        review = (
            self.env["client.base.yearly.review"]
            .with_user(self.manager)
            .with_company(self.company)
            .create({"year": self.year, "company_id": self.company.id})
        )
        self.assertIsNone(review._review_data()["till"])
