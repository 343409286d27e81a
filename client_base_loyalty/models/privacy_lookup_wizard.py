from odoo import models
from odoo.tools import SQL


class PrivacyLookupWizard(models.TransientModel):
    _inherit = "privacy.lookup.wizard"

    def _client_base_lookup_conditions(self):
        conditions = super()._client_base_lookup_conditions()
        partners = SQL("(SELECT id FROM indirect_references)")
        conditions["client.base.loyalty.offer.log"] = SQL(
            "partner_id IN %s OR client_id IN %s", partners, partners
        )
        conditions["client.base.loyalty.tier.history"] = SQL(
            "partner_id IN %s", partners
        )
        return conditions
