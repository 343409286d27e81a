from odoo import api, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _get_client_buyers_sql(self):
        # a customer of the till buys: a client like one of the sales team
        self.env["pos.order"].flush_model(["partner_id"])
        return SQL(
            """(%s
                UNION
                SELECT p.commercial_partner_id FROM pos_order po
                  JOIN res_partner p ON p.id = po.partner_id)""",
            super()._get_client_buyers_sql(),
        )
