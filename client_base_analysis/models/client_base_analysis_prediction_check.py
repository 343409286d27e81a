from odoo import api, fields, models

from .client_base_analysis_run_prediction import CHECK_GROUPS


class ClientBaseAnalysisPredictionCheck(models.Model):
    """One row of a run's model check: the clients with the same number of
    repeat purchases before the held-out weeks, the purchases the model
    predicted for them in those weeks and the purchases they made."""

    _name = "client.base.analysis.prediction.check"
    _description = "Client Value Model Check"
    _order = "run_id, repeat_purchases"
    _log_access = False

    run_id = fields.Many2one(
        "client.base.analysis.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id")
    repeat_purchases = fields.Integer(
        string="Repeat Purchases Before",
        aggregator=False,
        help="Purchase days after the first one, before the held-out weeks; the "
        "last row gathers the clients with 7 and more.",
    )
    name = fields.Char(string="Repeat Purchases", compute="_compute_name")
    clients = fields.Integer()
    predicted = fields.Float(string="Predicted Purchases", digits=(16, 1))
    actual = fields.Integer(string="Actual Purchases")
    predicted_per_client = fields.Float(
        string="Predicted per Client", compute="_compute_per_client", digits=(16, 2)
    )
    actual_per_client = fields.Float(
        string="Actual per Client", compute="_compute_per_client", digits=(16, 2)
    )
    error = fields.Float(
        string="Error (%)",
        compute="_compute_per_client",
        digits=(16, 1),
        help="Predicted less actual purchases, in per cent of the actual ones.",
    )

    @api.depends("repeat_purchases")
    def _compute_name(self):
        for check in self:
            last = check.repeat_purchases >= CHECK_GROUPS - 1
            check.name = f"{check.repeat_purchases}{'+' if last else ''}"

    @api.depends("clients", "predicted", "actual")
    def _compute_per_client(self):
        for check in self:
            clients = check.clients or 1
            check.predicted_per_client = check.predicted / clients
            check.actual_per_client = check.actual / clients
            check.error = (
                100 * (check.predicted - check.actual) / check.actual
                if check.actual
                else 0.0
            )
