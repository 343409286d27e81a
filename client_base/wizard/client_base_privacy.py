from odoo import api, fields, models
from odoo.exceptions import AccessError


class ClientBasePrivacy(models.TransientModel):
    """A person's rights on their data (GDPR art. 15 and 17, 152-FZ art. 14
    and 21), for Client Base managers: a copy of everything kept about them,
    or its erasure. Odoo's privacy lookup, for administrators only, says
    which records concern them; orders and statistics stay, anonymised."""

    _name = "client.base.privacy"
    _description = "Client Privacy Request"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="cascade"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "partner_id" in fields_list
            and not values.get("partner_id")
            and self.env.context.get("active_model") == "res.partner"
        ):
            values["partner_id"] = self.env.context.get("active_id")
        return values

    def _client_env(self):
        """The environment the export is written in: the person's language,
        every company of the manager."""
        lang = self.partner_id.lang
        if lang not in dict(self.env["res.lang"].get_installed()):
            lang = self.env.lang
        return self.with_context(
            lang=lang, allowed_company_ids=self.env.user.company_ids.ids
        ).env

    def _check_manager(self):
        if not self.env.user.has_group("client_base.group_client_base_manager"):
            raise AccessError(
                self.env._(
                    "Only a Client Base manager can export or anonymise a "
                    "person's data."
                )
            )
