from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _client_base_refresh_purchases(self, before=frozenset()):
        # an internal user's partner is no client: the till's days where it
        # bought are counted anew as the user comes and goes
        res = super()._client_base_refresh_purchases(before)
        self.env["client.base.pos.till.day"]._client_base_refresh_clients(
            set(before) | self._client_base_purchase_clients()
        )
        return res
