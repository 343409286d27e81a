from odoo import api, fields, models
from odoo.tools import SQL, format_amount, format_date

from odoo.addons.client_base.tools import without_jit

from ..models.client_base_analysis_line import ABC

KINDS = [
    ("contact", "Contact overdue"),
    ("winback", "Win-back step due"),
    ("feedback", "Low feedback score"),
    ("round_date", "Round date ahead"),
    ("blocked_order", "Quotation below minimum"),
    ("slipping_away", "Valuable client slipping away"),
]


class ClientBaseWorklist(models.Model):
    """A salesperson's day: the clients waiting for an action, gathered from
    where the suite keeps them — contact standards (next contact passed),
    win-back plan steps due, low feedback scores not yet answered (their
    escalation activity still open), round dates in the next two weeks and
    quotations below their minimum order — ranked by the client's ABC class
    and revenue in the latest analysis. One table query: a salesperson's list
    (only their clients and activities) is read in a constant number of
    queries, whatever its length; managers see their companies', by team."""

    _name = "client.base.worklist"
    _inherit = "client.base.readable.report"
    _description = "Salesperson Worklist"
    _currency_amounts = ("revenue", "value_at_risk")
    _auto = False
    _order = "abc_class, revenue desc, date, id"
    _rec_name = "partner_id"

    kind = fields.Selection(KINDS, string="To Do", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", readonly=True, help="The salesperson's."
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Due", readonly=True)
    abc_class = fields.Selection(ABC, string="ABC Class", readonly=True)
    revenue = fields.Monetary(readonly=True, help="In the latest analysis.")
    p_alive = fields.Float(
        string="Chance Still Buying",
        readonly=True,
        aggregator="avg",
        help="In the latest analysis.",
    )
    value_at_risk = fields.Monetary(readonly=True, help="In the latest analysis.")
    activity_id = fields.Many2one("mail.activity", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    detail = fields.Char(readonly=True)
    years = fields.Integer(readonly=True, aggregator=False)
    name = fields.Char(string="Action", compute="_compute_name")

    def _compute_name(self):
        for line in self:
            kind = line.kind
            date = format_date(self.env, line.date)
            if kind == "contact":
                line.name = self.env._(
                    "Next contact was due on %s: call, write or visit.", date
                )
            elif kind == "winback":
                line.name = self.env._("Win-back step: %s", line.detail)
            elif kind == "feedback":
                line.name = self.env._("Low score on %s: call the client.", line.detail)
            elif kind == "round_date":
                line.name = self.env._(
                    "%(years)s years on %(date)s: congratulate.",
                    years=line.years,
                    date=date,
                )
            elif kind == "slipping_away":
                line.name = self.env._(
                    "Only %(alive)s%% likely to buy again, %(risk)s a year at "
                    "risk: call before it is lost.",
                    alive=round(100 * line.p_alive),
                    risk=format_amount(
                        self.env,
                        round(line.value_at_risk),
                        line.company_id.currency_id,
                    ),
                )
            else:
                line.name = self.env._(
                    "%s is below the minimum order: complete or override it.",
                    line.detail,
                )

    @api.model
    def _worklist_scope(self):
        """(companies, salesperson or None): who sees every client (Sales: All
        Documents, managers among them) sees every line of the allowed
        companies, a salesperson the lines of their own work."""
        every = self.env.user.has_group("sales_team.group_sale_salesman_all_leads")
        return self.env.companies.ids, None if every else self.env.uid

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        companies, user_id = self._worklist_scope()

        def mine(column):
            return SQL("TRUE") if user_id is None else SQL("%s = %s", column, user_id)

        company = self.env.company
        feedback_type = self.env.ref(
            "client_base.mail_activity_type_low_feedback", raise_if_not_found=False
        )
        rounds = self.env["client.base.round.date"]._table_query
        quotations = SQL(
            "so.state IN ('draft', 'sent') AND so.company_id = ANY(%s) AND %s",
            companies,
            mine(SQL("so.user_id")),
        )
        blocked = self.env["sale.order"]._client_threshold_sql(quotations)
        latest = self.env["client.base.analysis.run"]._current_lines_sql()
        return SQL(
            """
            SELECT todo.*, salesperson.sale_team_id AS team_id,
                   latest.abc_class, latest.revenue, latest.p_alive,
                   latest.value_at_risk
              FROM (
                SELECT (client.id::bigint * 4096 + company.id) * 8 AS id,
                       'contact' AS kind, client.id AS partner_id,
                       client.user_id, company.id AS company_id,
                       (client.client_next_contact_date ->> company.id::text)::date
                           AS date,
                       NULL::int AS activity_id, NULL::int AS order_id,
                       NULL::varchar AS detail, NULL::int AS years
                  FROM res_partner client
                  JOIN res_company company
                    ON client.client_next_contact_date ? company.id::text
                 WHERE client.active AND company.id = ANY(%(companies)s)
                   AND (client.client_next_contact_date ->> company.id::text)::date
                       < %(today)s
                   AND %(client_mine)s
                UNION ALL
                SELECT act.id::bigint * 8 + 1, 'winback', client.id, act.user_id,
                       started.company_id, act.date_deadline, act.id, NULL,
                       COALESCE(act.summary, type.name ->> %(lang)s,
                                type.name ->> 'en_US'), NULL
                  FROM mail_activity act
                  JOIN mail_activity_type type ON type.id = act.activity_type_id
                  JOIN res_partner client ON client.id = act.res_id
                  -- a step of the win-back plan launched for this client
                  JOIN LATERAL (
                      SELECT history.company_id
                        FROM client_base_status_history history
                        JOIN mail_activity_plan_template step
                          ON step.plan_id = history.winback_plan_id
                       WHERE history.partner_id = client.id
                         AND history.company_id = ANY(%(companies)s)
                         AND step.activity_type_id = act.activity_type_id
                       ORDER BY history.date DESC
                       LIMIT 1
                  ) started ON TRUE
                 WHERE act.res_model = 'res.partner' AND act.active
                   AND act.date_deadline <= %(today)s
                   AND %(activity_mine)s
                UNION ALL
                SELECT act.id::bigint * 8 + 3, 'feedback',
                       buyer.commercial_partner_id, act.user_id,
                       so.company_id, act.date_deadline, act.id, so.id, so.name,
                       NULL
                  FROM mail_activity act
                  JOIN sale_order so ON so.id = act.res_id
                  JOIN res_partner buyer ON buyer.id = so.partner_id
                 WHERE act.res_model = 'sale.order' AND act.active
                   AND act.activity_type_id = %(feedback_type)s
                   AND so.company_id = ANY(%(companies)s)
                   AND %(activity_mine)s
                UNION ALL
                SELECT rounds.id * 8 + 2, 'round_date', rounds.client_id,
                       rounds.user_id,
                       COALESCE(rounds.company_id, %(company)s), rounds.date,
                       NULL, NULL, rounds.kind, rounds.years
                  FROM (%(rounds)s) rounds
                  -- as far ahead as the company reminds of round dates
                  JOIN res_company round_company
                    ON round_company.id = COALESCE(rounds.company_id, %(company)s)
                 WHERE rounds.is_round
                   AND rounds.days_left
                       BETWEEN 0 AND round_company.client_round_date_days_ahead
                   AND COALESCE(rounds.company_id, %(company)s) = ANY(%(companies)s)
                   AND %(round_mine)s
                UNION ALL
                SELECT so.id::bigint * 8 + 4, 'blocked_order',
                       buyer.commercial_partner_id, so.user_id,
                       so.company_id, so.date_order::date, NULL, so.id, so.name,
                       NULL
                  FROM (%(blocked)s) checked(id, rule_id, first_order, amount,
                                             threshold, overridden)
                  JOIN sale_order so ON so.id = checked.id
                  JOIN res_partner buyer ON buyer.id = so.partner_id
                 WHERE NOT checked.overridden
                   AND ROUND(checked.amount, 2) < ROUND(checked.threshold, 2)
                UNION ALL
                -- likely gone (the predicted client value of the current
                -- run) while it bought in the run's period
                SELECT line.id::bigint * 8 + 5, 'slipping_away', client.id,
                       client.user_id, run.company_id, run.date_to, NULL, NULL,
                       NULL, NULL
                  FROM client_base_analysis_run run
                  JOIN res_company run_company ON run_company.id = run.company_id
                  JOIN client_base_analysis_line line ON line.run_id = run.id
                  JOIN res_partner client ON client.id = line.partner_id
                 WHERE run.id IN (SELECT id FROM (%(latest_runs)s) latest_run)
                   AND run.company_id = ANY(%(companies)s)
                   AND line.p_alive * 100 < run_company.client_prediction_alive_limit
                   AND line.value_at_risk > 0
                   AND client.active AND %(client_mine)s
              ) todo
              LEFT JOIN res_users salesperson ON salesperson.id = todo.user_id
              LEFT JOIN (%(latest)s) latest
                ON latest.company_id = todo.company_id
               AND latest.partner_id = todo.partner_id
            """,
            companies=companies,
            company=company.id,
            today=today,
            client_mine=mine(SQL("client.user_id")),
            activity_mine=mine(SQL("act.user_id")),
            round_mine=mine(SQL("rounds.user_id")),
            lang=self.env.lang or "en_US",
            feedback_type=feedback_type.id if feedback_type else 0,
            rounds=SQL(rounds) if isinstance(rounds, str) else rounds,
            blocked=blocked,
            latest=latest,
            latest_runs=self.env["client.base.analysis.run"]._latest_runs_sql(),
        )

    # overrides keep Odoo's decorators: @api.model for RPC, @api.readonly so
    # that the web client's requests stay on a read replica
    @api.model
    @api.readonly
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # the union of every kind of work carries many expressions: compiling
        # them (PostgreSQL's JIT) cost 0.65 s of a 1.6 s first page on a base of
        # 100,000 clients; a setting, so the replica serves it all the same
        with without_jit(self.env.cr):
            return super().search_fetch(domain, field_names, offset, limit, order)

    @api.model
    @api.readonly
    def search_count(self, domain, limit=None):
        # the list's length, over the same union
        with without_jit(self.env.cr):
            return super().search_count(domain, limit=limit)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        # the list grouped by kind, salesperson, team or class
        with without_jit(self.env.cr):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )

    def action_open(self):
        """The client, or the quotation to complete, to act on the line."""
        self.ensure_one()
        if self.kind == "blocked_order":
            record = self.order_id
        else:
            record = self.partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_done(self):
        """Mark the line's activity done (win-back step, low feedback call)."""
        self.activity_id.action_feedback(feedback=self.env._("Done from the worklist."))
        return True
