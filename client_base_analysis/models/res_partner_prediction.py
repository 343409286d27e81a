# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.tools import SQL

# client field -> column of client_base_analysis_line
PREDICTION_COLUMNS = {
    "client_p_alive": "p_alive",
    "client_expected_purchases_90": "expected_purchases_90",
    "client_expected_purchases_365": "expected_purchases_365",
    "client_expected_average_value": "expected_average_value",
    "client_predicted_value": "predicted_value",
    "client_value_at_risk": "value_at_risk",
}
PREDICTED_STATUSES = [
    ("alive", "Likely still buying"),
    ("gone", "Likely gone"),
]
COMPARISONS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "=", "!=": "<>"}


class ResPartner(models.Model):
    """A client's predicted value, from its line in the company's current
    analysis (read from the snapshot, like its classes), and the action list
    of valuable clients slipping away."""

    _inherit = "res.partner"

    client_p_alive = fields.Float(
        string="Chance Still Buying",
        compute="_compute_client_analysis_classes",
        search="_search_client_p_alive",
        digits=(16, 4),
        groups="client_base.group_client_base_user",
        help="Probability that the client still buys from us, in the latest "
        "analysis (BG/NBD model).",
    )
    client_expected_purchases_90 = fields.Float(
        string="Expected Purchases (90 days)",
        compute="_compute_client_analysis_classes",
        search="_search_client_expected_purchases_90",
        digits=(16, 2),
        groups="client_base.group_client_base_user",
    )
    client_expected_purchases_365 = fields.Float(
        string="Expected Purchases (year)",
        compute="_compute_client_analysis_classes",
        search="_search_client_expected_purchases_365",
        digits=(16, 2),
        groups="client_base.group_client_base_user",
    )
    client_expected_average_value = fields.Monetary(
        string="Expected Purchase Value",
        compute="_compute_client_analysis_classes",
        search="_search_client_expected_average_value",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
    )
    client_predicted_value = fields.Monetary(
        string="Predicted Value (12 months)",
        compute="_compute_client_analysis_classes",
        search="_search_client_predicted_value",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="What the client is expected to bring in the next twelve months, "
        "in the latest analysis, on its basis and in company currency.",
    )
    client_value_at_risk = fields.Monetary(
        string="Value at Risk",
        compute="_compute_client_analysis_classes",
        search="_search_client_value_at_risk",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="The client's yearly revenue times the chance that it no longer buys.",
    )
    client_predicted_status = fields.Selection(
        PREDICTED_STATUSES,
        string="Prediction",
        compute="_compute_client_predicted_status",
        search="_search_client_predicted_status",
        groups="client_base.group_client_base_user",
        help="From the chance that the client still buys, against the "
        "slipping-away limit of the settings; beside its status, which follows "
        "its own purchase rhythm.",
    )
    client_slipping_away = fields.Boolean(
        string="Valuable and Slipping Away",
        compute="_compute_client_predicted_status",
        search="_search_client_slipping_away",
        groups="client_base.group_client_base_user",
        help="Bought in the latest analysis period, and its chance of still "
        "buying is below the slipping-away limit of the settings.",
    )

    @api.model
    def _client_analysis_columns(self):
        return {**super()._client_analysis_columns(), **PREDICTION_COLUMNS}

    def _client_prediction_domain(self, fname, operator, value):
        column = SQL.identifier(PREDICTION_COLUMNS[fname])
        if operator in ("=", "!=") and (value is False or value is None):
            # not set: no value in the current run (not in it, or not predicted)
            with_value = SQL(
                "(SELECT partner_id FROM (%s) current WHERE %s IS NOT NULL)",
                self._client_analysis_current_sql(),
                column,
            )
            return [("id", "not in" if operator == "=" else "in", with_value)]
        if operator in ("in", "not in"):
            values = [v for v in value if v is not False and v is not None]
            domain = ["|"] * (len(values) - 1) + [
                term
                for v in values
                for term in self._client_prediction_domain(fname, "=", v)
            ]
            if len(values) < len(value):
                domain = (
                    ["|", *domain, *self._client_prediction_domain(fname, "=", False)]
                    if domain
                    else self._client_prediction_domain(fname, "=", False)
                )
            domain = domain or [(0, "=", 1)]
            return ["!", *domain] if operator == "not in" else domain
        if operator not in COMPARISONS or isinstance(value, bool) or value is None:
            raise NotImplementedError(operator)
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT partner_id FROM (%s) current WHERE %s %s %s)",
                    self._client_analysis_current_sql(),
                    SQL.identifier(PREDICTION_COLUMNS[fname]),
                    SQL(COMPARISONS[operator]),
                    float(value),
                ),
            )
        ]

    def _search_client_p_alive(self, operator, value):
        return self._client_prediction_domain("client_p_alive", operator, value)

    def _search_client_expected_purchases_90(self, operator, value):
        return self._client_prediction_domain(
            "client_expected_purchases_90", operator, value
        )

    def _search_client_expected_purchases_365(self, operator, value):
        return self._client_prediction_domain(
            "client_expected_purchases_365", operator, value
        )

    def _search_client_expected_average_value(self, operator, value):
        return self._client_prediction_domain(
            "client_expected_average_value", operator, value
        )

    def _search_client_predicted_value(self, operator, value):
        return self._client_prediction_domain("client_predicted_value", operator, value)

    def _search_client_value_at_risk(self, operator, value):
        return self._client_prediction_domain("client_value_at_risk", operator, value)

    @api.model
    def _client_predicted_sql(self, company=None):
        """SQL rows ``(partner_id, gone, slipping)`` of the clients with a
        prediction in ``company``'s current run: their chance of still buying
        below the company's limit, and that while they bought in the period."""
        company = company or self.env.company
        return SQL(
            """
            SELECT partner_id, p_alive * 100 < %(limit)s AS gone,
                   p_alive * 100 < %(limit)s AND value_at_risk > 0 AS slipping
              FROM (%(current)s) current
             WHERE p_alive IS NOT NULL
            """,
            limit=company.client_prediction_alive_limit,
            current=self._client_analysis_current_sql(company),
        )

    @api.depends_context("company")
    def _compute_client_predicted_status(self):
        predicted = {}
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT * FROM (%s) predicted WHERE partner_id IN %s",
                    self._client_predicted_sql(),
                    tuple(self.ids),
                )
            )
            predicted = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            gone, slipping = predicted.get(partner.id, (None, False))
            partner.client_predicted_status = (
                False if gone is None else ("gone" if gone else "alive")
            )
            partner.client_slipping_away = bool(slipping)

    def _search_client_predicted_status(self, operator, value):
        if operator in ("in", "not in"):
            values = set(value)
        elif operator in ("=", "!="):
            values = {value}
        else:
            raise NotImplementedError(operator)
        predicted = self._client_predicted_sql()
        domain = []
        statuses = [status for status in ("alive", "gone") if status in values]
        if statuses:
            domain.append(
                (
                    "id",
                    "in",
                    SQL(
                        "(SELECT partner_id FROM (%s) predicted WHERE gone = ANY(%s))",
                        predicted,
                        [status == "gone" for status in statuses],
                    ),
                )
            )
        if values & {False, None}:  # not set: no prediction in the current run
            domain.append(
                (
                    "id",
                    "not in",
                    SQL("(SELECT partner_id FROM (%s) predicted)", predicted),
                )
            )
        domain = ["|", *domain] if len(domain) == 2 else domain or [(0, "=", 1)]
        return ["!", *domain] if operator in ("!=", "not in") else domain

    def _search_client_slipping_away(self, operator, value):
        if operator in ("in", "not in") and len(set(map(bool, value))) == 1:
            operator = "=" if operator == "in" else "!="
            value = bool(next(iter(value)))
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        inside = (operator == "=") == bool(value)
        return [
            (
                "id",
                "in" if inside else "not in",
                SQL(
                    "(SELECT partner_id FROM (%s) predicted WHERE slipping)",
                    self._client_predicted_sql(),
                ),
            )
        ]

    @api.model
    def _client_analysis_invalidate(self):
        result = super()._client_analysis_invalidate()
        self.invalidate_model(["client_predicted_status", "client_slipping_away"])
        return result
