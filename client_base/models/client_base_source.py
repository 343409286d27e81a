from odoo import api, fields, models
from odoo.exceptions import UserError

SOURCE_KINDS = [
    ("lead_generation", "Lead generation"),
    ("cold_calling", "Cold calling"),
    ("purchased_database", "Purchased database"),
    ("open_sources", "Open sources / parsing"),
    ("referral", "Referral"),
    ("advertising", "Advertising campaign"),
    ("walk_in", "Walk-in"),
    ("website", "Website"),
    ("other", "Other"),
]


class ClientBaseSource(models.Model):
    """Where clients come from («источник»): a configurable catalogue."""

    _name = "client.base.source"
    _inherit = "client.base.catalogue"
    _description = "Client Source"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(SOURCE_KINDS, required=True, default="other")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    utm_source_id = fields.Many2one(
        "utm.source",
        string="UTM Source",
        help="Odoo's marketing source this entry stands for, when there is one.",
    )
    provider = fields.Char(help="Who sold the database (purchased databases).")
    contract_ref = fields.Char(
        string="Contract Reference",
        help="Contract under which the database was bought.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the source between companies."
    )
    client_count = fields.Integer(compute="_compute_client_count", string="Clients")

    def _compute_client_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("client_source_id", "in", self.ids)],
                ["client_source_id"],
                ["__count"],
            )
        )
        for source in self:
            source.client_count = counts.get(source, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_use(self):
        """Deleting a source would silently clear it on its clients: a source
        in use is archived instead."""
        used = self.sudo().with_context(active_test=False).filtered("client_count")
        if used:
            raise UserError(
                self.env._(
                    "%s is the source of clients: archive it instead of deleting "
                    "it, so their history keeps where they came from.",
                    ", ".join(used.mapped("display_name")),
                )
            )
