from odoo import api, fields, models

from .client_base_analysis_line import ABC


class ClientBaseClientScope(models.AbstractModel):
    """Minimum order thresholds and contact standards may target the client's
    ABC class in the company's current analysis, after the lifecycle status in
    specificity."""

    _inherit = "client.base.client.scope"

    client_abc_class = fields.Selection(
        ABC,
        string="ABC Class",
        help="Clients of this class in the company's current analysis.",
    )

    @api.model
    def _scope_fields(self):
        return [*super()._scope_fields(), "client_abc_class"]

    @api.depends("client_abc_class")
    def _compute_name(self):
        return super()._compute_name()

    @api.constrains("client_abc_class")
    def _check_abc_scope(self):
        self._check_scope()
