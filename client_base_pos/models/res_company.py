from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    client_pos_feedback_enabled = fields.Boolean(
        string="Ask Till Customers to Rate Their Purchase",
        help="Some days after a purchase at the till (the feedback delay), "
        "customers with an email who granted email get an email to rate it "
        "from 1 to 5.",
    )

    def _client_base_refresh_purchases(self, before=frozenset()):
        # the company's partner, before and after a change of it, may buy at
        # another company's till: those days are counted anew (the company's
        # own till is rebuilt with its purchase days)
        res = super()._client_base_refresh_purchases(before)
        self.env["client.base.pos.till.day"]._client_base_refresh_clients(
            set(before) | self._client_base_purchase_clients()
        )
        return res
