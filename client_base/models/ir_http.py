from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        if self.env.user.has_group("client_base.group_client_base_user"):
            info["client_base_scope"] = self.env[
                "res.partner"
            ]._client_base_scope_info()
        return info
