from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.client_base.tests.common import load_languages


@tagged("post_install", "-at_install")
class TestLanguageTours(HttpCase):
    """The main flows in Russian and in Romanian, as a salesperson of each
    language: labels, statuses, wizard, worklist, banner and dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["client_base", "client_base_analysis"])
        cls.product = cls.env["product.product"].create(
            {"name": "Tour Language Goods", "taxes_id": []}
        )
        cls.env["client.base.churn.reason"].create({"name": "Tour Language Price"})

    def _story(self, lang):
        company = self.env["res.company"].create({"name": f"Language Company {lang}"})
        user = new_test_user(
            self.env,
            login=f"cb_tour_{lang}",
            groups="client_base.group_client_base_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            lang=lang,
        )
        dormant, fern = self.env["res.partner"].create(
            [
                {"name": name, "is_company": True, "user_id": user.id}
                for name in ("Tour Language Dormant", "Tour Language Fern")
            ]
        )
        Order = self.env["sale.order"].with_company(company)

        def order(partner, amount, days_ago=None):
            sale = Order.create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": user.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": amount}
                        )
                    ],
                }
            )
            if days_ago is not None:
                sale.action_confirm()
                sale.date_order = fields.Datetime.now() - relativedelta(days=days_ago)
            return sale

        order(dormant, 3000, days_ago=230)
        order(dormant, 3000, days_ago=200)
        self.env["client.base.order.threshold"].with_company(company).create(
            {"company_id": company.id, "amount_first": 1000, "amount_repeat": 0}
        )
        order(fern, 200)
        self.env["res.partner"].with_company(company)._client_base_refresh_status(
            company, cause="silence"
        )
        self.assertEqual(dormant.with_company(company).client_status, "dormant")
        return user, dormant

    def test_russian_salesperson(self):
        user, dormant = self._story("ru_RU")
        self.start_tour("/odoo", "client_base_languages_ru", login=user.login)
        self.assertEqual(dormant.with_company(user.company_id).client_status, "lost")

    def test_romanian_salesperson(self):
        user, dormant = self._story("ro_RO")
        self.start_tour("/odoo", "client_base_languages_ro", login=user.login)
        self.assertEqual(dormant.with_company(user.company_id).client_status, "lost")
