from odoo import models
from odoo.tools import SQL


class PrivacyLookupWizard(models.TransientModel):
    _inherit = "privacy.lookup.wizard"

    def _client_base_lookup_conditions(self):
        conditions = super()._client_base_lookup_conditions()
        partners = SQL("(SELECT id FROM indirect_references)")
        conditions["client.base.analysis.line"] = SQL("partner_id IN %s", partners)
        conditions["client.base.strategic.score"] = SQL("partner_id IN %s", partners)
        return conditions
