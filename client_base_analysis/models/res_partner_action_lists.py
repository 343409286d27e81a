# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# figures of the Targets Buying Little list: client field -> column of
# client_base_analysis_line, read with the client's classes
TARGET_COLUMNS = {
    "client_analysis_orders": "frequency",
    "client_analysis_amount": "revenue",
    "client_rfm_f_score": "f_score",
    "client_rfm_m_score": "m_score",
}


class ResPartner(models.Model):
    """Action lists: targets buying little, clients whose orders are too small to
    serve, regular clients gone silent; each a searchable flag over one query,
    and the figures that put a client on it, for the list to show why."""

    _inherit = "res.partner"

    # Action lists: search-only filters a manager opens and acts on.
    client_target_buying_little = fields.Boolean(
        string="Target Buying Little",
        compute="_compute_client_action_lists",
        search="_search_client_target_buying_little",
        groups="client_base.group_client_base_user",
        help="High strategic level or tagged Target, but in the two lowest RFM "
        "frequency and monetary scores of the latest analysis (or not in it).",
    )
    client_small_orders = fields.Boolean(
        string="Small Orders",
        compute="_compute_client_action_lists",
        search="_search_client_small_orders",
        groups="client_base.group_client_base_user",
        help="Average confirmed order over the analysis period below the minimum "
        "that applied to its last repeat order, or below the cost to serve an "
        "order (settings).",
    )
    client_gone_silent = fields.Boolean(
        string="Regular Gone Silent",
        compute="_compute_client_action_lists",
        search="_search_client_gone_silent",
        groups="client_base.group_client_base_user",
        help="Moved from regular to dormant within the days set in the settings, "
        "and still dormant.",
    )

    # What put a client on a list: read with the classes (targets), in one
    # query per batch (small orders), from the statistics (gone silent).
    client_analysis_orders = fields.Integer(
        string="Orders in Analysis",
        compute="_compute_client_analysis_classes",
        groups="client_base.group_client_base_user",
        help="Confirmed orders of the client in the period of the latest analysis.",
    )
    client_analysis_amount = fields.Monetary(
        string="Amount in Analysis",
        compute="_compute_client_analysis_classes",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="What the client bought in the period of the latest analysis, on its "
        "basis (revenue or margin), in the company's currency.",
    )
    client_rfm_f_score = fields.Integer(
        string="F Score",
        compute="_compute_client_analysis_classes",
        groups="client_base.group_client_base_user",
        help="Frequency score 1-5 of the latest analysis (0: not in it). A target "
        "with F and M of 2 or less buys little and rarely.",
    )
    client_rfm_m_score = fields.Integer(
        string="M Score",
        compute="_compute_client_analysis_classes",
        groups="client_base.group_client_base_user",
        help="Monetary score 1-5 of the latest analysis (0: not in it).",
    )
    client_average_order = fields.Monetary(
        string="Average Order",
        compute="_compute_client_small_order_figures",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="The client's purchases of the analysis months (Settings) divided by "
        "their number, refunds deducted, in the company's currency.",
    )
    client_order_needed = fields.Monetary(
        string="Needed per Order",
        compute="_compute_client_small_order_figures",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="The larger of the minimum order its latest repeat order was held to "
        "and the cost to serve an order (Settings): an average order below it "
        "puts the client on Small Orders.",
    )
    client_days_silent = fields.Integer(
        string="Days Silent",
        compute="_compute_client_days_silent",
        groups="client_base.group_client_base_user",
        help="Days from the client's last order to today, to weigh against its "
        "usual gap between orders.",
    )

    @api.depends_context("company")
    def _compute_client_action_lists(self):
        lists = ("target_buying_little", "small_orders", "gone_silent")
        members = {}
        for name in lists:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM (%s) members WHERE id = ANY(%s)",
                    getattr(self, f"_client_{name}_sql")(),
                    self.commercial_partner_id.ids,
                )
            )
            members[name] = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            client = partner.commercial_partner_id.id
            for name in lists:
                partner[f"client_{name}"] = client in members[name]

    @api.depends_context("company")
    def _compute_client_small_order_figures(self):
        figures = {}
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id, average, needed FROM (%s) figures WHERE id = ANY(%s)",
                    self._client_small_orders_figures_sql(),
                    self.commercial_partner_id.ids,
                )
            )
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            average, needed = figures.get(partner.commercial_partner_id.id, (0, 0))
            partner.client_average_order = average
            partner.client_order_needed = needed

    @api.depends_context("company")
    @api.depends("commercial_partner_id.client_last_order_date")
    def _compute_client_days_silent(self):
        today = self.env.company._client_base_today()
        for partner in self:
            last = partner.commercial_partner_id.client_last_order_date
            partner.client_days_silent = (today - last).days if last else 0

    @api.model
    def _client_analysis_columns(self):
        return {**super()._client_analysis_columns(), **TARGET_COLUMNS}

    def _client_action_list_domain(self, sql, operator, value):
        if operator not in ("=", "!="):
            raise NotImplementedError(operator)
        inside = (operator == "=") == bool(value)
        return [("id", "in" if inside else "not in", SQL("(%s)", sql))]

    @api.model
    def _client_target_buying_little_sql(self):
        """Clients of high strategic level (as the matrix shows them to the
        current user) or whose company is tagged Target, in the two lowest
        frequency and monetary scores of the latest analysis or not in it."""
        company = self.env.company
        self.env["client.base.strategic.score"].flush_model()
        self.env["client.base.analysis.run"]._flush_runs()
        self.flush_model(["category_id", "active", "commercial_partner_id"])
        target = self.env.ref(
            "client_base_analysis.res_partner_category_target",
            raise_if_not_found=False,
        )
        high = self.env["client.base.strategic.matrix"]._search(
            [("company_id", "=", company.id), ("strategic_level", "=", "high")]
        )
        return SQL(
            """
            SELECT client.id FROM res_partner client
             WHERE client.active AND client.id = client.commercial_partner_id
               AND (client.company_id IS NULL OR client.company_id = %(company)s)
               AND (client.id IN %(high)s
                    OR client.id IN (SELECT partner_id
                                       FROM res_partner_res_partner_category_rel
                                      WHERE category_id = %(target)s))
               AND NOT EXISTS (
                   SELECT 1 FROM client_base_analysis_line line
                    WHERE line.run_id = %(run)s AND line.partner_id = client.id
                      AND (line.f_score > 2 OR line.m_score > 2))
            """,
            company=company.id,
            high=high.subselect("partner_id"),
            target=target.id if target else 0,
            run=self.env["client.base.analysis.run"]._current_run_id(company) or 0,
        )

    @api.model
    def _client_small_orders_sql(self):
        """Clients whose average purchase of the analysis months is below what
        serving one costs, or below the minimum order their latest order was
        held to (a repeat order's: a first order's minimum is higher)."""
        return SQL(
            "SELECT id FROM (%s) figures WHERE average < needed",
            self._client_small_orders_figures_sql(),
        )

    @api.model
    def _client_small_orders_figures_sql(self):
        """SQL rows ``(id, average, needed)`` of the clients who bought in the
        analysis months: their average purchase, and what it must reach (the
        larger of the minimum order their latest repeat order was held to and
        the cost to serve an order)."""
        company = self.env.company
        self.env.flush_all()
        since = fields.Date.context_today(self) - relativedelta(
            months=company.client_analysis_months or 12
        )
        Purchase = self.env["client.base.purchase"]
        # the minimums are those of the company's orders, when it counts
        # its purchases from orders
        orders = Purchase._union_of_sources(
            [("order", Purchase._order_purchase_query)], company
        )
        return SQL(
            """
            -- the averages from the purchases' summaries (the same sums): by
            -- day up to the first whole month, by month from there
            WITH days AS (
                SELECT summary.partner_id AS id,
                       SUM(summary.amount) / SUM(summary.orders) AS average
                  FROM (
                      SELECT partner_id, amount, orders
                        FROM client_base_purchase_day
                       WHERE company_id = %(company)s
                         AND day >= %(since)s AND day < %(whole_months)s
                       UNION ALL
                      SELECT partner_id, amount, orders
                        FROM client_base_purchase_month
                       WHERE company_id = %(company)s
                         AND month >= %(whole_months)s
                  ) summary
                 GROUP BY summary.partner_id
                HAVING SUM(summary.orders) > 0
            ),
            -- the minimum of each client's latest repeat order held to one
            minimums AS (
                SELECT DISTINCT ON (purchase.partner_id) purchase.partner_id AS id,
                       so.client_threshold_confirmed_minimum AS minimum
                  FROM (%(orders)s) purchase
                  JOIN sale_order so ON so.id = purchase.res_id
                 WHERE so.client_threshold_confirmed_minimum > 0
                   AND NOT COALESCE(so.client_threshold_confirmed_first, FALSE)
                   AND purchase.day >= %(since)s
                 ORDER BY purchase.partner_id, purchase.date DESC, purchase.id DESC
            )
            SELECT days.id, days.average,
                   GREATEST(COALESCE(minimums.minimum, 0), %(cost)s) AS needed
              FROM days
              LEFT JOIN minimums ON minimums.id = days.id
            """,
            company=company.id,
            orders=orders or SQL(Purchase._empty_purchase_sql()),
            since=since,
            whole_months=since
            if since.day == 1
            else since.replace(day=1) + relativedelta(months=1),
            cost=company.client_cost_to_serve or 0.0,
        )

    @api.model
    def _client_gone_silent_sql(self):
        company = self.env.company
        self.env["client.base.status.history"].flush_model()
        self.flush_model(["client_status"])
        since = fields.Datetime.now() - relativedelta(
            days=company.client_silent_days or 30
        )
        return SQL(
            """
            SELECT DISTINCT history.partner_id AS id
              FROM client_base_status_history history
              JOIN res_partner client ON client.id = history.partner_id
             WHERE history.company_id = %(company)s
               AND history.status_from = 'regular' AND history.status_to = 'dormant'
               AND history.date >= %(since)s
               AND client.client_status ->> %(key)s = 'dormant'
            """,
            company=company.id,
            key=str(company.id),
            since=since,
        )

    def _search_client_target_buying_little(self, operator, value):
        return self._client_action_list_domain(
            self._client_target_buying_little_sql(), operator, value
        )

    def _search_client_small_orders(self, operator, value):
        return self._client_action_list_domain(
            self._client_small_orders_sql(), operator, value
        )

    def _search_client_gone_silent(self, operator, value):
        return self._client_action_list_domain(
            self._client_gone_silent_sql(), operator, value
        )
