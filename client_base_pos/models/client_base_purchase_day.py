from odoo import api, models
from odoo.tools.sql import table_exists


class ClientBasePurchaseDay(models.Model):
    _inherit = "client.base.purchase.day"

    @api.model
    def _client_base_refresh(self, company=None, client_ids=None):
        # a company's purchase days rebuilt (installation, its time zone, the
        # daily check): its till's summary by shop and day too
        changed = super()._client_base_refresh(company=company, client_ids=client_ids)
        # (at installation, once the summary's table is made: it fills itself)
        if client_ids is None and table_exists(self.env.cr, "client_base_pos_till_day"):
            self.env["client.base.pos.till.day"]._client_base_refresh(company=company)
        return changed
