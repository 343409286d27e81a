"""Across client_base_loyalty and client_base_analysis: a campaign audience by
ABC class follows the latest analysis, consent still decides at send."""

from odoo.tests import tagged

from odoo.addons.client_base_analysis.tests.common import AnalysisCase, month


@tagged("post_install", "-at_install")
class TestAudienceByClass(AnalysisCase):
    def test_audience_of_class_a_clients(self):
        Partner = self.env["res.partner"]
        big = Partner.create({"name": "Big Mill", "is_company": True})
        small = Partner.create({"name": "Small Kiosk", "is_company": True})
        people = Partner.create(
            [
                {"name": "Big Buyer", "parent_id": big.id, "email": "b@mill.test"},
                {"name": "Big Silent", "parent_id": big.id, "email": "s@mill.test"},
                {"name": "Kiosk Owner", "parent_id": small.id, "email": "k@ki.test"},
            ]
        )
        for person in people[0] | people[2]:
            self.env["client.base.consent"].create(
                {"partner_id": person.id, "channel": "email", "state": "granted"}
            )
        for index in range(1, 4):
            self._order(big, month(index), 9000)
        self._order(small, month(2), 100)
        audience = self.env["client.base.audience"].create(
            {
                "name": "People of A clients",
                "domain": "[('is_company', '=', False), "
                "('commercial_partner_id.client_abc_class', '=', 'A')]",
            }
        )
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "For our best clients",
                "client_audience_id": audience.id,
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "body_html": "<p>Thank you</p>",
            }
        )
        self.assertEqual(audience.partner_count, 0, "No class before an analysis")
        self._run()
        audience.invalidate_recordset()
        self.assertEqual(audience.partner_count, 2)
        mailing.action_send_mail()
        self.assertEqual(mailing.mailing_trace_ids.res_id, people[0].id)
        self.assertEqual(mailing.client_consent_excluded_count, 1)
