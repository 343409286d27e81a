# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_company import is_bounded

# bounded as the other settings: ten years of held-out weeks at most
MAX_HOLDOUT_WEEKS = 520
PREDICTION_SETTINGS = (
    "client_prediction_holdout_weeks",
    "client_prediction_discount_rate",
    "client_prediction_alive_limit",
    "client_prediction_error_limit",
)


class ResCompany(models.Model):
    """Settings of the predicted client value (BG/NBD and Gamma-Gamma, fitted
    by each analysis run)."""

    _inherit = "res.company"

    client_prediction = fields.Boolean(
        string="Predict Client Value",
        default=True,
        help="Each analysis fits the BG/NBD and Gamma-Gamma models on the "
        "company's purchases and predicts, per client, the chance that it still "
        "buys, its purchases and its value of the next twelve months.",
    )
    client_prediction_holdout_weeks = fields.Integer(
        string="Model Check Over (weeks)",
        default=26,
        help="The model is fitted again without these last weeks, and what it "
        "predicts for them is set against what the clients bought.",
    )
    client_prediction_discount_rate = fields.Float(
        string="Discount Rate (% a year)",
        default=0.0,
        help="The value of the next twelve months is discounted month by month "
        "at this yearly rate; 0 adds the months up as they are.",
    )
    client_prediction_alive_limit = fields.Float(
        string="Slipping Away Below (% alive)",
        default=50.0,
        help="Clients whose chance of still buying is below this appear in "
        "Valuable and Slipping Away and in the worklist.",
    )
    client_prediction_error_limit = fields.Float(
        string="Model Check Warning Above (% error)",
        default=20.0,
        help="An analysis warns that the model does not fit when its check "
        "misses the held-out purchases by more than this.",
    )

    @api.constrains(*PREDICTION_SETTINGS)
    def _check_client_prediction_settings(self):
        self._check_client_prediction_values(
            [
                {fname: company[fname] for fname in PREDICTION_SETTINGS}
                for company in self
            ]
        )

    def _check_client_prediction_values(self, vals_list):
        """Also before create and write: a count beyond the database's
        integers would fail there before any constraint."""
        for vals in vals_list:
            weeks = vals.get("client_prediction_holdout_weeks", 1)
            if not is_bounded(weeks, 1, MAX_HOLDOUT_WEEKS):
                raise ValidationError(
                    self.env._(
                        "The model check holds out from 1 to %s weeks (ten years).",
                        MAX_HOLDOUT_WEEKS,
                    )
                )
            if not is_bounded(vals.get("client_prediction_discount_rate", 0), 0, 100):
                raise ValidationError(
                    self.env._("The discount rate is a yearly share from 0 to 100.")
                )
            limits = (
                vals.get("client_prediction_alive_limit", 50),
                vals.get("client_prediction_error_limit", 20),
            )
            if not all(is_bounded(limit, 0.01, 100) for limit in limits):
                raise ValidationError(
                    self.env._(
                        "The slipping-away limit and the model check warning are "
                        "shares above 0 and at most 100."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_prediction_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_client_prediction_values([vals])
        return super().write(vals)
