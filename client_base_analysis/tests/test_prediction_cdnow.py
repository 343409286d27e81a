from datetime import datetime, time

import numpy as np

from odoo.tests import TransactionCase, tagged

from odoo.addons.client_base.demo.story import DemoStory
from odoo.addons.client_base_analysis.tools import clv

from . import cdnow


@tagged("post_install", "-at_install")
class TestPredictionOnCdnow(TransactionCase):
    """The whole pipeline on public data: the CDNOW sample's purchases of the
    39 calibration weeks as sale orders of a company of their own, an analysis
    ending on 1997-09-30 stores the parameters that the pure fit finds on the
    published summary (alpha in days there, in weeks here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {
                "name": "CDNOW",
                "currency_id": cls.env.ref("base.USD").id,
                "client_timezone": "UTC",
            }
        )
        product = cls.env["product.product"].create(
            {"name": "CD", "taxes_id": [], "company_id": cls.company.id}
        )
        purchases = [
            row for row in cdnow.transactions() if row[1] <= cdnow.CALIBRATION_END
        ]
        customers = sorted({customer for customer, _day, _value in purchases})
        partners = cls.env["res.partner"].create(
            [{"name": f"CDNOW customer {customer}"} for customer in customers]
        )
        partner_of = dict(zip(customers, partners.ids, strict=True))
        # 4,960 confirmed orders through the suite's bulk loader (that of the
        # demo story and of the bench base): rows as Odoo stores them
        story = DemoStory(cls.env)
        order_ids = story._reserve_ids("sale_order", len(purchases))
        story._insert_order_chunk(
            [
                (
                    order_id,
                    f"CD{order_id:07d}",
                    partner_of[customer],
                    datetime.combine(day, time(12)),
                    "sale",
                    None,
                    value,
                    value,
                )
                for order_id, (customer, day, value) in zip(
                    order_ids, purchases, strict=True
                )
            ],
            [
                (order_id, product.id, "CD", 1.0, value, value, 0.0, product.uom_id.id)
                for order_id, (_customer, _day, value) in zip(
                    order_ids, purchases, strict=True
                )
            ],
            cls.company,
            cls.env["crm.team"],
            cdnow.CALIBRATION_END,
        )
        cls.env.invalidate_all()
        # written around the ORM, as the demo story does: its summary by day too
        cls.env["client.base.purchase.day"]._client_base_refresh(company=cls.company)
        Run = cls.env["client.base.analysis.run"]
        cls.analysis = Run.create(
            {
                **Run._default_values_for(cls.company, cdnow.CALIBRATION_END),
                "prediction_holdout_weeks": 13,
            }
        )
        cls.analysis.action_run()

    def test_the_run_stores_the_published_fit(self):
        rows = np.array(cdnow.summary())
        x, t_x, age, monetary = rows.T
        bgnbd = clv.fit_bgnbd(x, t_x, age)
        gamma_gamma = clv.fit_gamma_gamma(x, monetary)
        run = self.analysis
        self.assertEqual(run.prediction_state, "done")
        self.assertEqual(run.bgnbd_clients, 2357)
        self.assertEqual(run.gamma_gamma_clients, gamma_gamma["clients"])
        self.assertAlmostEqual(run.bgnbd_alpha / 7 / bgnbd["alpha"], 1, places=4)
        for fname, value in (
            ("bgnbd_r", bgnbd["r"]),
            ("bgnbd_a", bgnbd["a"]),
            ("bgnbd_b", bgnbd["b"]),
            ("gamma_gamma_p", gamma_gamma["p"]),
            ("gamma_gamma_q", gamma_gamma["q"]),
            ("gamma_gamma_v", gamma_gamma["v"]),
        ):
            self.assertAlmostEqual(run[fname] / value, 1, places=3, msg=fname)
        # the published estimates (weeks): r 0.243, alpha 4.414, a 0.793, b 2.426
        self.assertAlmostEqual(run.bgnbd_r, 0.243, delta=0.0025)
        self.assertAlmostEqual(run.bgnbd_alpha / 7, 4.414, delta=0.045)
        # in days, the likelihood of the same data is lower by sum(x) * ln 7
        self.assertAlmostEqual(
            run.bgnbd_log_likelihood,
            bgnbd["log_likelihood"] - x.sum() * np.log(7),
            delta=0.01,
        )

    def test_the_clients_get_the_papers_conditional_expectation(self):
        """The paper's customer 1: two repeat purchases, the last at week
        30.43 of 38.86."""
        line = self.analysis.line_ids.filtered(
            lambda line: line.partner_id.name == "CDNOW customer 1"
        )
        self.assertEqual(line.frequency, 3)
        params = {
            "r": self.analysis.bgnbd_r,
            "alpha": self.analysis.bgnbd_alpha,
            "a": self.analysis.bgnbd_a,
            "b": self.analysis.bgnbd_b,
        }
        self.assertAlmostEqual(
            float(clv.expected_purchases(params, 39 * 7, 2, 213, 272)), 1.226, 3
        )
        self.assertAlmostEqual(
            line.p_alive, float(clv.p_alive(params, 2, 213, 272)), places=4
        )
