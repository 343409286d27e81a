from datetime import date, datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .client_base_status_history import STATUSES

# Columns the status computation writes, each a company-dependent (jsonb) column.
STAT_COLUMNS = {
    "client_status": "status",
    "client_first_order_date": "first_day",
    "client_last_order_date": "last_day",
    "client_order_count": "orders",
    "client_order_gap_days": "gap",
}
CONSENT_STATES = [
    ("unknown", "Not asked"),
    ("granted", "Granted"),
    ("withdrawn", "Withdrawn"),
]
# What the profile completeness reads (see _get_completeness_checks).
PROFILE_FIELDS = (
    "is_company", "vat", "street", "city", "country_id", "industry_id", "phone",
    "mobile", "email", "client_business_size", "client_product_usage",
    "client_plans", "child_ids.client_is_decision_maker",
)  # fmt: skip
# above this many status changes, contact dates are recomputed for every client
CONTACT_REFRESH_ALL = 5000
LOCK_KEY = (
    718_204  # pg_advisory_xact_lock(LOCK_KEY, company_id): one status run per company
)


class ResPartner(models.Model):
    _name = "res.partner"
    # the access principle first, so that its read, search and copy wrap Odoo's
    _inherit = [  # noqa: RUF012
        "client.base.client.data",
        "res.partner",
        "client.base.partner.contact",
    ]

    client_base_is_client = fields.Boolean(
        string="Is a Client",
        compute="_compute_client_base_is_client",
        search="_search_client_base_is_client",
        help="Decided by _get_client_domain(), the one place that says who is one.",
    )
    # Per company (company-dependent): a partner shared by two companies can be
    # regular in one and potential in the other.
    client_status = fields.Selection(
        STATUSES,
        company_dependent=True,
        readonly=True,
        group_expand=True,
        help="Recomputed from confirmed orders of the current company.",
    )
    client_status_date = fields.Date(
        string="Status Since", company_dependent=True, readonly=True
    )
    client_first_order_date = fields.Date(
        string="First Order", company_dependent=True, readonly=True
    )
    client_last_order_date = fields.Date(
        string="Last Order", company_dependent=True, readonly=True
    )
    client_order_count = fields.Integer(
        string="Confirmed Orders", company_dependent=True, readonly=True
    )
    client_order_gap_days = fields.Float(
        string="Usual Gap (days)",
        company_dependent=True,
        readonly=True,
        digits=(16, 1),
        help="Median number of days between two order days of the client.",
    )
    client_lost_manual = fields.Boolean(
        string="Marked Lost",
        company_dependent=True,
        readonly=True,
        copy=False,
        groups="client_base.group_client_base_user",
    )
    client_lost_date = fields.Date(
        string="Lost On",
        company_dependent=True,
        readonly=True,
        copy=False,
        groups="client_base.group_client_base_user",
    )
    client_churn_reason_id = fields.Many2one(
        "client.base.churn.reason",
        string="Churn Reason",
        company_dependent=True,
        readonly=True,
        copy=False,
        groups="client_base.group_client_base_user",
    )
    client_status_history_ids = fields.One2many(
        "client.base.status.history",
        "partner_id",
        string="Status History",
        groups="client_base.group_client_base_user",
    )
    client_status_history_count = fields.Integer(
        compute="_compute_client_status_history_count",
        groups="client_base.group_client_base_user",
    )

    # Data verification (contact standards: res_partner_contact.py)
    client_last_verified_date = fields.Date(
        string="Data Verified On",
        readonly=True,
        copy=False,
        tracking=True,
        groups="client_base.group_client_base_user",
    )

    # Where the client came from; consent belongs to the person who gives it.
    client_source_id = fields.Many2one(
        "client.base.source",
        string="Source",
        index=True,
        groups="client_base.group_client_base_user",
        tracking=True,
    )
    client_source_kind = fields.Selection(
        related="client_source_id.kind", groups="client_base.group_client_base_user"
    )
    client_source_campaign_id = fields.Many2one(
        "utm.campaign",
        string="Campaign",
        groups="client_base.group_client_base_user",
        help="The advertising campaign that brought the client.",
    )
    client_referred_by_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        groups="client_base.group_client_base_user",
    )
    client_consent_ids = fields.One2many(
        "client.base.consent",
        "partner_id",
        string="Consent History",
        groups="client_base.group_client_base_user",
    )
    client_consent_email = fields.Selection(
        CONSENT_STATES,
        string="Email Consent",
        compute="_compute_client_consent",
        store=True,
        groups="client_base.group_client_base_user",
    )
    client_consent_sms = fields.Selection(
        CONSENT_STATES,
        string="SMS Consent",
        compute="_compute_client_consent",
        store=True,
        groups="client_base.group_client_base_user",
    )
    client_consent_phone = fields.Selection(
        CONSENT_STATES,
        string="Phone Consent",
        compute="_compute_client_consent",
        store=True,
        groups="client_base.group_client_base_user",
    )

    @api.depends(
        "client_consent_ids.state",
        "client_consent_ids.date",
        "client_consent_ids.channel",
    )
    def _compute_client_consent(self):
        latest = self._client_base_latest_consents()
        for partner in self:
            for channel in ("email", "sms", "phone"):
                consent = latest.get((partner.id, channel))
                partner[f"client_consent_{channel}"] = (
                    consent.state if consent else "unknown"
                )

    def _client_consent_address(self, channel):
        """The address a consent on ``channel`` concerns: normalised email,
        or the phone number in international format."""
        self.ensure_one()
        if channel == "email":
            return self.email_normalized or self.email or False
        number = self.mobile or self.phone
        return (number and self._phone_format(number=number)) or number or False

    def _client_base_latest_consents(self):
        """{(partner id, channel): latest consent row} for these partners."""
        latest = {}
        consents = (
            self.env["client.base.consent"]
            .sudo()
            .search([("partner_id", "in", self.ids)], order="date asc, id asc")
        )
        for consent in consents:
            latest[(consent.partner_id.id, consent.channel)] = consent
        return latest

    client_product_preference_ids = fields.One2many(
        "client.base.product.preference",
        "partner_id",
        string="Buys Most",
        groups="client_base.group_client_base_user",
    )
    client_top_categories = fields.Char(
        string="Top Categories",
        compute="_compute_client_top_categories",
        groups="client_base.group_client_base_user",
        help="Product categories the client bought most in the last 12 months, "
        "with their share of its revenue.",
    )

    # Profile: general data anyone can see, specific data a salesperson learns.
    client_business_size = fields.Selection(
        [
            ("micro", "Micro (up to 10 people)"),
            ("small", "Small (10-50)"),
            ("medium", "Medium (50-250)"),
            ("large", "Large (over 250)"),
        ],
        string="Business Size",
    )
    client_product_usage = fields.Text(
        string="How They Use Our Products",
        groups="client_base.group_client_base_user",
    )
    client_plans = fields.Text(
        string="Plans", groups="client_base.group_client_base_user"
    )
    # Feedback 1-5 on the client's orders (rating.rating on sale.order)
    client_feedback_average = fields.Float(
        string="Average Feedback",
        compute="_compute_client_feedback",
        digits=(16, 1),
        groups="client_base.group_client_base_user",
        help="Average 1-5 score the client (its contacts included) gave its orders.",
    )
    client_feedback_count = fields.Integer(
        string="Feedback Scores",
        compute="_compute_client_feedback",
        groups="client_base.group_client_base_user",
    )
    client_feedback_rating_ids = fields.Many2many(
        "rating.rating",
        string="Latest Feedback",
        compute="_compute_client_feedback",
        groups="client_base.group_client_base_user",
    )

    # Questionnaires (survey.survey marked as client questionnaires)
    client_preferred_channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "Email"),
            ("sms", "SMS"),
            ("messenger", "Messenger"),
            ("visit", "Visit"),
        ],
        string="Preferred Contact Channel",
        groups="client_base.group_client_base_user",
    )
    client_questionnaire_state = fields.Selection(
        [
            ("none", "Not Sent"),
            ("sent", "Sent"),
            ("in_progress", "In Progress"),
            ("done", "Completed"),
        ],
        string="Questionnaire",
        compute="_compute_client_questionnaire",
        groups="client_base.group_client_base_user",
    )
    client_questionnaire_input_ids = fields.Many2many(
        "survey.user_input",
        string="Questionnaire Answers",
        compute="_compute_client_questionnaire",
        groups="client_base.group_client_base_user",
    )

    # Round dates (client.base.round.date)
    client_birthday = fields.Date(
        string="Birthday", groups="client_base.group_client_base_user"
    )
    client_foundation_date = fields.Date(
        string="Founded On",
        groups="client_base.group_client_base_user",
        help="The company's foundation date: its anniversaries are round dates.",
    )
    client_is_decision_maker = fields.Boolean(
        string="Decision Maker", help="This contact decides on purchases."
    )
    client_completeness = fields.Integer(
        string="Profile Completeness",
        compute="_compute_client_completeness",
        store=True,
        aggregator="avg",
        help="Share of the client's general and specific data that is filled in.",
    )
    client_missing_info = fields.Char(
        string="Missing", compute="_compute_client_missing_info"
    )

    @api.model
    def _get_completeness_checks(self):
        """(label, applies to companies only, test) of each profile item.

        A hook: add or drop items without copying the computation.
        """
        return [
            (self.env._("Tax ID"), True, lambda p: p.vat),
            (
                self.env._("Address"),
                False,
                lambda p: p.street and p.city and p.country_id,
            ),
            (self.env._("Industry"), True, lambda p: p.industry_id),
            (
                self.env._("Phone or email"),
                False,
                lambda p: p.phone or p.mobile or p.email,
            ),
            (self.env._("Business size"), True, lambda p: p.client_business_size),
            (
                self.env._("How they use our products"),
                False,
                lambda p: p.sudo().client_product_usage,
            ),
            (
                self.env._("Decision makers"),
                True,
                lambda p: p.child_ids.filtered("client_is_decision_maker"),
            ),
            (self.env._("Plans"), True, lambda p: p.sudo().client_plans),
        ]

    @api.depends(*PROFILE_FIELDS)
    def _compute_client_completeness(self):
        checks = self._get_completeness_checks()
        for partner in self:
            applicable, missing = partner._client_base_profile_gaps(checks)
            partner.client_completeness = round(
                100 * (applicable - len(missing)) / applicable
            )

    @api.depends(*PROFILE_FIELDS)
    def _compute_client_missing_info(self):
        checks = self._get_completeness_checks()
        for partner in self:
            missing = partner._client_base_profile_gaps(checks)[1]
            partner.client_missing_info = ", ".join(missing) or False

    def _client_base_profile_gaps(self, checks):
        """(number of applicable items, labels of the missing ones)."""
        self.ensure_one()
        applicable = [
            (label, test)
            for label, companies_only, test in checks
            if self.is_company or not companies_only
        ]
        return len(applicable), [label for label, test in applicable if not test(self)]

    @api.depends_context("company")
    def _compute_client_top_categories(self):
        groups = self.env["client.base.product.preference"]._read_group(
            [("partner_id", "in", self.ids), ("company_id", "=", self.env.company.id)],
            ["partner_id", "categ_id"],
            ["revenue:sum"],
        )
        by_partner = {}
        for partner, category, revenue in groups:
            by_partner.setdefault(partner, []).append((revenue, category.display_name))
        for partner in self:
            rows = sorted(by_partner.get(partner, []), reverse=True)
            total = sum(revenue for revenue, _name in rows)
            partner.client_top_categories = (
                ", ".join(
                    f"{name} ({revenue / total:.0%})" for revenue, name in rows[:3]
                )
                if total > 0
                else False
            )

    @api.depends_context("company")
    def _compute_client_status_history_count(self):
        counts = dict(
            self.env["client.base.status.history"]._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("company_id", "=", self.env.company.id),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.client_status_history_count = counts.get(partner, 0)

    @api.model
    def _get_client_domain(self):
        """Domain of the partners the suite treats as clients.

        A client is a commercial entity (a company, or a person without a parent)
        that buys or may buy: it has a customer rank, sale orders (its own or its
        contacts'), or opportunities. Partners of internal users and of the
        companies themselves are never clients; a portal user's is a client
        like any other customer. Every feature of the suite calls this hook,
        so an integrator can widen or narrow the base in one place.

        The buyers are one ``id IN (union)`` leaf rather than an OR of
        subqueries: PostgreSQL then joins them as a set instead of probing a
        million orders per partner on large bases.
        """
        own_partners = self.env["res.company"].sudo().search([]).partner_id
        return [
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            ("id", "in", self._get_client_buyers_sql()),
            ("user_ids", "not any", [("share", "=", False)]),
            ("id", "not in", own_partners.ids),
        ]

    @api.model
    def _get_client_buyers_sql(self):
        """SQL selecting the commercial partners that buy or may buy.

        It reads tables directly, so what it reads is flushed first.
        """
        self.env["sale.order"].flush_model(["partner_id"])
        self.env["crm.lead"].flush_model(["partner_id", "active", "type"])
        self.env["res.partner"].flush_model(["commercial_partner_id", "customer_rank"])
        return SQL(
            """
            (SELECT p.commercial_partner_id FROM sale_order so
               JOIN res_partner p ON p.id = so.partner_id
             UNION
             SELECT p.commercial_partner_id FROM crm_lead lead
               JOIN res_partner p ON p.id = lead.partner_id
              WHERE lead.active AND lead.type = 'opportunity'
             UNION
             SELECT id FROM res_partner WHERE customer_rank > 0)
            """
        )

    def _search_client_base_is_client(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on clients."))
        domain = self._get_client_domain()
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    def _compute_client_base_is_client(self):
        clients = self.search(
            expression.AND([self._get_client_domain(), [("id", "in", self.ids)]])
        )
        for partner in self:
            partner.client_base_is_client = partner in clients

    @api.model
    def action_open_clients(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.res_partner_action_clients"
        )
        action["domain"] = [("client_base_is_client", "=", True)]
        return action

    def action_open_overdue_clients(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.res_partner_action_overdue_clients"
        )
        action["domain"] = [("client_base_is_client", "=", True)]
        return action

    def action_view_client_status_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.client_base_status_history_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"search_default_filter_current_company": 1}
        return action

    def action_open_mark_lost(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.client_base_mark_lost_action"
        )
        action["context"] = {"default_partner_ids": self.commercial_partner_id.ids}
        return action

    # ------------------------------------------------------------------
    # Lifecycle status computation
    # ------------------------------------------------------------------
    @api.model
    def _cron_refresh_client_status(self):
        for company in self.env["res.company"].search([]):
            self._client_base_refresh_status(company, cause="silence")

    @api.model
    def _client_base_refresh_status(
        self, company, cause, partner_ids=None, today=None, reason=None, note=None
    ):
        """Recompute lifecycle statuses of clients of ``company``, set-based.

        One statement computes the statistics of every client (or of
        ``partner_ids`` only) from the company's confirmed orders, writes only the
        clients whose values change and records a history row per status change.
        The first computation of a client is recorded as "initial". Returns the
        status changes as dicts (partner_id, status_from, status_to, cause).
        """
        now = fields.Datetime.now()
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        if today != fields.Date.context_today(self):
            # a replay of another day (demo story, tests): date its history that day
            now = datetime.combine(today, time(hour=2))
        Partner = self.sudo().with_company(company)
        domain = Partner._get_client_domain()
        if partner_ids is not None:
            if not partner_ids:
                return []
            domain = expression.AND([domain, [("id", "in", list(partner_ids))]])
        clients = Partner._search(domain)
        thresholds = company._get_status_thresholds()
        system_reason = self.env.ref(
            "client_base.churn_reason_silence", raise_if_not_found=False
        )
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_KEY, company.id))
        key = str(company.id)
        query = SQL(
            """
            WITH clients AS (%(clients)s),
            days AS (
                SELECT purchase.partner_id AS client_id, purchase.day,
                       COUNT(*) AS orders
                  FROM (%(purchases)s) purchase
                 WHERE purchase.counted
                   AND purchase.day <= %(today)s
                   -- the same bound on the UTC moment, whatever the time zone,
                   -- for the indexes of the documents
                   AND purchase.date < %(until)s
                   %(only_clients)s
                 GROUP BY 1, 2
            ),
            gaps AS (
                SELECT client_id, day, orders,
                       day - LAG(day) OVER (PARTITION BY client_id ORDER BY day) AS gap
                  FROM days
            ),
            stats AS (
                -- percentile_cont skips the NULL gap of each client's first day
                SELECT client_id, MIN(day) AS first_day, MAX(day) AS last_day,
                       SUM(orders) AS orders,
                       SUM(orders) FILTER (WHERE day > %(window_start)s)
                           AS window_orders,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS gap
                  FROM gaps GROUP BY client_id
            ),
            computed AS (
                SELECT c.id, p.user_id,
                       p.client_status ->> %(key)s AS old_status,
                       (p.client_last_order_date ->> %(key)s)::date AS old_last_day,
                       (p.client_first_order_date ->> %(key)s)::date AS old_first_day,
                       COALESCE((p.client_order_count ->> %(key)s)::int, 0)
                           AS old_orders,
                       (p.client_order_gap_days ->> %(key)s)::float AS old_gap,
                       COALESCE((p.client_lost_manual ->> %(key)s)::boolean, FALSE)
                           AND s.last_day <= (p.client_lost_date ->> %(key)s)::date
                           AND %(cause)s <> 'order' AS manual_lost,
                       s.first_day, s.last_day, COALESCE(s.orders, 0) AS orders,
                       round(s.gap::numeric, 1)::float AS gap,
                       CASE
                           WHEN s.client_id IS NULL THEN 'potential'
                           -- a person's verdict holds until a new confirmed order
                           WHEN COALESCE((p.client_lost_manual ->> %(key)s)::boolean,
                               FALSE)
                                AND s.last_day <= (p.client_lost_date ->> %(key)s)::date
                                AND %(cause)s <> 'order'
                               THEN 'lost'
                           WHEN %(lost_days)s > 0
                                AND %(today)s - s.last_day >= %(lost_days)s THEN 'lost'
                           WHEN %(today)s - s.last_day > GREATEST(
                                    %(dormant_min)s,
                                        COALESCE(%(dormant_factor)s * s.gap, 0))
                               THEN 'dormant'
                           WHEN %(today)s - s.first_day < %(new_days)s THEN 'new'
                           WHEN COALESCE(s.window_orders, 0) >= %(regular_orders)s
                               THEN 'regular'
                           ELSE 'occasional'
                       END AS status
                  FROM clients c
                  JOIN res_partner p ON p.id = c.id
                  LEFT JOIN stats s ON s.client_id = c.id
            ),
            changed AS (
                SELECT computed.*,
                       old_status IS DISTINCT FROM status AS status_changed,
                       CASE
                           WHEN old_status IS NULL THEN 'initial'
                           WHEN %(cause)s IN ('order', 'silence')
                                AND last_day > old_last_day
                                AND old_status IN ('dormant', 'lost')
                                AND status NOT IN ('dormant', 'lost', 'potential')
                               THEN 'won_back'
                           -- a new order the daily job finds is an order, not silence
                           WHEN %(cause)s = 'silence'
                                AND last_day > COALESCE(old_last_day, '-infinity')
                               THEN 'order'
                           ELSE %(cause)s
                       END AS cause,
                       status = 'lost' AND NOT manual_lost AS auto_lost
                  FROM computed
                 WHERE old_status IS DISTINCT FROM status
                    OR old_first_day IS DISTINCT FROM first_day
                    OR old_last_day IS DISTINCT FROM last_day
                    OR old_orders <> orders
                    OR old_gap IS DISTINCT FROM gap
            ),
            updated AS (
                UPDATE res_partner p
                   SET client_status = COALESCE(p.client_status, '{}')
                           || jsonb_build_object(%(key)s, ch.status),
                       client_status_date = CASE WHEN ch.status_changed
                           THEN COALESCE(p.client_status_date, '{}')
                                || jsonb_build_object(%(key)s, %(today)s::date)
                           ELSE p.client_status_date END,
                       client_first_order_date = COALESCE(p.client_first_order_date,
                           '{}')
                           || jsonb_build_object(%(key)s, ch.first_day),
                       client_last_order_date = COALESCE(p.client_last_order_date, '{}')
                           || jsonb_build_object(%(key)s, ch.last_day),
                       client_order_count = COALESCE(p.client_order_count, '{}')
                           || jsonb_build_object(%(key)s, ch.orders),
                       client_order_gap_days = COALESCE(p.client_order_gap_days, '{}')
                           || jsonb_build_object(%(key)s, ch.gap),
                       client_lost_manual = CASE WHEN ch.status <> 'lost'
                           THEN COALESCE(p.client_lost_manual, '{}') - %(key)s
                           ELSE p.client_lost_manual END,
                       client_lost_date = CASE
                           WHEN ch.status <> 'lost'
                               THEN COALESCE(p.client_lost_date, '{}') - %(key)s
                           WHEN ch.status_changed AND ch.auto_lost
                               THEN COALESCE(p.client_lost_date, '{}')
                                   || jsonb_build_object(
                                   %(key)s, ch.last_day + %(lost_days)s)
                           ELSE p.client_lost_date END,
                       client_churn_reason_id = CASE
                           WHEN ch.status <> 'lost'
                               THEN COALESCE(p.client_churn_reason_id, '{}') - %(key)s
                           WHEN ch.status_changed AND ch.auto_lost
                               AND %(system_reason)s::int IS NOT NULL
                               THEN COALESCE(p.client_churn_reason_id, '{}')
                                    || jsonb_build_object(%(key)s,
                                        %(system_reason)s::int)
                           ELSE p.client_churn_reason_id END
                  FROM changed ch
                 WHERE p.id = ch.id
                RETURNING p.id
            ),
            history AS (
                INSERT INTO client_base_status_history (
                    partner_id, company_id, date, status_from, status_to, cause,
                    churn_reason_id, note, days_away, user_id, changed_by_id,
                    create_uid, write_uid, create_date, write_date)
                SELECT ch.id, %(company)s, %(now)s, ch.old_status, ch.status, ch.cause,
                       CASE WHEN ch.status <> 'lost' THEN NULL
                            WHEN ch.auto_lost THEN %(system_reason)s::int
                            ELSE %(reason)s::int END,
                       CASE WHEN ch.status = 'lost' AND NOT ch.auto_lost
                           THEN %(note)s END,
                       CASE WHEN ch.cause = 'won_back'
                           THEN ch.last_day - ch.old_last_day END,
                       ch.user_id, %(uid)s, %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM changed ch
                 WHERE ch.status_changed
                RETURNING partner_id, status_from, status_to, cause, user_id
            )
            SELECT partner_id, status_from, status_to, cause, user_id,
                   (SELECT COUNT(*) FROM updated)
              FROM history
            """,
            clients=clients.subselect(),
            # a whole-base run joins the clients at the end; a run for a few
            # clients must reach their orders through the partner index
            only_clients=SQL("AND purchase.partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL(),
            purchases=self.env["client.base.purchase"]._purchase_query(company),
            until=datetime.combine(today + timedelta(days=2), time()),
            window_start=today - timedelta(days=thresholds["regular_window"]),
            key=key,
            today=today,
            cause=cause,
            company=company.id,
            system_reason=system_reason.id if system_reason else None,
            reason=reason.id if reason else None,
            note=note or None,
            now=now,
            uid=self.env.uid,
            **thresholds,
        )
        cr.execute(query)
        changes = [
            dict(
                zip(
                    ("partner_id", "status_from", "status_to", "cause", "user_id"),
                    row[:5],
                    strict=True,
                )
            )
            for row in cr.fetchall()
        ]
        self.env["res.partner"].invalidate_model(
            list(STAT_COLUMNS)
            + [
                "client_status_date",
                "client_lost_manual",
                "client_lost_date",
                "client_churn_reason_id",
            ]
        )
        self.env["client.base.status.history"].invalidate_model()
        # statuses choose contact standards: the next contact dates of these
        # clients follow (of all of them after an order, whose date counts)
        if partner_ids is None and len(changes) > CONTACT_REFRESH_ALL:
            self._client_contact_refresh(company, today=today)
        else:
            self._client_contact_refresh(
                company,
                partner_ids=partner_ids
                if partner_ids is not None
                else [change["partner_id"] for change in changes],
                today=today,
            )
        self._client_base_after_status_changes(company, changes, today)
        return changes

    @api.model
    def _client_base_after_status_changes(self, company, changes, today):
        """Follow-ups of status changes. Nothing follows an initial computation.

        Clients lost after a long silence get one activity for their salesperson,
        who has to find the real churn reason.
        """
        activity_type = self.env.ref(
            "client_base.mail_activity_type_find_churn_reason", raise_if_not_found=False
        )
        auto_lost = [
            change
            for change in changes
            if change["status_to"] == "lost"
            and change["cause"] not in ("initial", "manual")
            and change["user_id"]
        ]
        if activity_type and auto_lost:
            self._client_base_schedule_churn_activities(activity_type, auto_lost, today)
        newly_dormant = [
            change["partner_id"]
            for change in changes
            if change["status_to"] == "dormant" and change["cause"] != "initial"
        ]
        if company.client_base_winback_plan_id and newly_dormant:
            self._client_base_launch_winback(company, newly_dormant, today)

    @api.model
    def _client_base_schedule_churn_activities(self, activity_type, auto_lost, today):
        model_id = self.env["ir.model"]._get_id("res.partner")
        users = self.env["res.users"].sudo().browse({c["user_id"] for c in auto_lost})
        summaries = {
            user.id: self.with_context(lang=user.lang).env._(
                "Lost after a long silence: find out why"
            )
            for user in users
        }
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": change["partner_id"],
                    "activity_type_id": activity_type.id,
                    "user_id": change["user_id"],
                    "date_deadline": today
                    + timedelta(days=activity_type.delay_count or 3),
                    "summary": summaries[change["user_id"]],
                }
                for change in auto_lost
            ]
        )

    @api.model
    def _client_base_launch_winback(self, company, partner_ids, today):
        """Launch the company's win-back plan for newly dormant clients.

        At most the daily cap per company and day: plans already launched today
        (their start is logged on the client) count against it, so reruns and
        several status runs in one day cannot exceed it. The largest clients
        come first.
        """
        plan = company.client_base_winback_plan_id
        started_today = (
            self.env["client.base.status.history"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", company.id),
                    ("winback_plan_id", "=", plan.id),
                    ("date", ">=", fields.Datetime.to_datetime(today)),
                ]
            )
        )
        room = company.client_base_winback_daily_cap - started_today
        if room <= 0:
            return
        clients = (
            self.sudo()
            .with_company(company)
            .browse(partner_ids)
            .filtered("user_id")
            .sorted(lambda partner: -partner.client_order_count)[:room]
        )
        if not clients:
            return
        scheduler = (
            self.env["mail.activity.schedule"]
            .sudo()
            .with_company(company)
            .with_context(active_model="res.partner", active_ids=clients.ids)
            .create(
                {"res_model": "res.partner", "plan_id": plan.id, "plan_date": today}
            )
        )
        scheduler.action_schedule_plan()
        self.env["client.base.status.history"].sudo().search(
            [
                ("partner_id", "in", clients.ids),
                ("company_id", "=", company.id),
                ("status_to", "=", "dormant"),
                ("date", ">=", fields.Datetime.to_datetime(today)),
                ("winback_plan_id", "=", False),
            ]
        ).write({"winback_plan_id": plan.id})

    # ------------------------------------------------------------------
    # Questionnaires
    # ------------------------------------------------------------------
    def _compute_client_questionnaire(self):
        """The client questionnaires answered by the partner or, for a
        company, by any of its people; the state of the most advanced one."""
        inputs = self.env["survey.user_input"].search(
            [
                ("survey_id.client_questionnaire", "=", True),
                ("partner_id", "child_of", self.commercial_partner_id.ids),
                ("test_entry", "=", False),
            ],
            order="create_date desc, id desc",
        )
        rank = {"new": 1, "in_progress": 2, "done": 3}
        for partner in self:
            mine = inputs.filtered(
                lambda answer, partner=partner: (
                    answer.partner_id == partner
                    or (
                        partner.is_company
                        and answer.partner_id.commercial_partner_id == partner
                    )
                )
            )
            partner.client_questionnaire_input_ids = mine
            best = max((rank[answer.state] for answer in mine), default=0)
            partner.client_questionnaire_state = {
                0: "none",
                1: "sent",
                2: "in_progress",
                3: "done",
            }[best]

    def _client_questionnaire(self):
        survey = self.env.company.client_questionnaire_id
        if not survey:
            survey = self.env["survey.survey"].search(
                [("client_questionnaire", "=", True)], limit=1
            )
        if not survey:
            raise UserError(
                self.env._(
                    "No client questionnaire yet: mark a survey as a client "
                    "questionnaire (Surveys) and choose it in Settings › Client Base."
                )
            )
        return survey

    def action_send_client_questionnaire(self):
        """Odoo's survey invitation, for this client's questionnaire."""
        self._client_base_check_owner()
        survey = self._client_questionnaire()
        action = survey.action_send_survey()
        action["context"] = dict(
            action.get("context", {}),
            default_partner_ids=self.ids,
        )
        return action

    def action_fill_client_questionnaire(self):
        """A salesperson fills the questionnaire in on the client's behalf (at
        the counter, on the phone): the answer belongs to the client, not to the
        salesperson, and opens in the salesperson's browser."""
        self.ensure_one()
        # the answer is created as superuser and writes the client's profile:
        # only for those who may change this client
        self._client_base_check_owner()
        survey = self._client_questionnaire()
        answer = survey.sudo()._create_answer(
            partner=self, check_attempts=False, client_counter_user_id=self.env.uid
        )
        return {
            "type": "ir.actions.act_url",
            "url": answer.get_start_url(),
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Feedback
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    def _compute_client_feedback(self):
        """Average, count and the five latest scores the clients gave their
        orders, in two queries for all the partners shown; only of the clients
        the user may see, as the ratings themselves."""
        clients = self.commercial_partner_id._client_base_visible()
        stats, latest = {}, {}
        if clients.ids:
            self.env["rating.rating"].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT p.commercial_partner_id, AVG(r.rating), COUNT(*),
                           (ARRAY_AGG(r.id ORDER BY r.write_date DESC, r.id DESC))[1:5]
                      FROM rating_rating r
                      JOIN sale_order so ON so.id = r.res_id
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE r.res_model = 'sale.order' AND r.consumed
                       AND p.commercial_partner_id IN %s
                     GROUP BY 1
                    """,
                    tuple(clients.ids),
                )
            )
            for client_id, average, count, rating_ids in self.env.cr.fetchall():
                stats[client_id] = (average, count)
                latest[client_id] = rating_ids
        Rating = self.env["rating.rating"]
        for partner in self:
            client_id = partner.commercial_partner_id.id
            average, count = stats.get(client_id, (0.0, 0))
            partner.client_feedback_average = average
            partner.client_feedback_count = count
            partner.client_feedback_rating_ids = Rating.browse(
                latest.get(client_id, [])
            )

    # -- writes and messages ----------------------------------------------------
    def write(self, vals):
        self._client_base_check_write(vals)
        res = super().write(vals)
        if "category_id" in vals:  # categories choose contact standards
            for company in self.env.companies:
                self._client_contact_refresh(
                    company, partner_ids=self.commercial_partner_id.ids
                )
        if {"email", "mobile", "phone"} & set(vals):
            self._client_consent_follow_address()
        return res

    def _client_consent_follow_address(self):
        """A person who withdrew keeps their withdrawal on a new address: the
        latest row per channel reaches Odoo's blacklists for it too."""
        latest = self.sudo()._client_base_latest_consents()
        withdrawn = [
            consent
            for (_partner, channel), consent in latest.items()
            if consent.state == "withdrawn" and channel in ("email", "sms")
        ]
        if withdrawn:
            self.env["client.base.consent"].sudo().union(*withdrawn)._sync_blacklists()

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        for company in self.env.companies:
            self._client_contact_refresh(
                company, partner_ids=self.commercial_partner_id.ids
            )
        return res

    # -- bounds -----------------------------------------------------------------
    @api.constrains("client_birthday", "client_foundation_date")
    def _check_client_dates(self):
        today = fields.Date.context_today(self)
        for partner in self.sudo():
            for fname in ("client_birthday", "client_foundation_date"):
                value = partner[fname]
                if value and not (date(1900, 1, 1) <= value <= today):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(partner)s must be a past date, from "
                            "1900 on.",
                            field=self._fields[fname]._description_string(self.env),
                            partner=partner.display_name,
                        )
                    )

    # -- the access principle -------------------------------------------------
    def _client_base_client_sql(self, alias):
        return SQL.identifier(alias, "id")

    def _client_base_visible(self):
        """The partners of ``self`` whose client-base data the current user may
        see and change: those whose client (commercial partner) is theirs or
        has no salesperson; every one with Sales' "All Documents". The record
        rules say the same for the suite's models (readme/CONFIGURE.md)."""
        user = self.env.user
        if self.env.su or user.has_group("sales_team.group_sale_salesman_all_leads"):
            return self
        if not user.has_group("client_base.group_client_base_user"):
            return self.browse()
        return self.filtered(
            lambda partner: (
                partner.sudo().commercial_partner_id.user_id.id in (user.id, False)
            )
        )

    def _client_base_check_write(self, vals):
        """What users may write on partners: nothing the suite computes
        (status, statistics, consent: they come from orders, consent rows and
        messages), the client-base fields of their own clients only, and a
        colleague's client is handed over by a manager, not taken."""
        if self.env.su:
            return
        suite = [name for name in vals if name.startswith("client_")]
        computed = [
            name
            for name in suite
            if self._fields[name].readonly and not self._fields[name].inverse
        ]
        if computed:
            raise UserError(
                self.env._(
                    "%s: Client Base computes these from orders, consent records "
                    "and contacts; they cannot be set by hand.",
                    ", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in computed
                    ),
                )
            )
        user = self.env.user
        # a colleague's client or its person moved under one's own client
        # would show its client data: the structure is the owner's too
        if suite or (
            {"parent_id", "is_company"} & set(vals)
            and user.has_group("client_base.group_client_base_user")
        ):
            self._client_base_check_owner()
        if "user_id" in vals and not user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        ):
            taken = self.sudo().filtered(
                lambda partner: (
                    partner.user_id
                    and partner.user_id.id not in (user.id, vals["user_id"])
                )
            )
            if taken:
                raise AccessError(
                    self.env._(
                        "%s has a salesperson already: a manager hands clients "
                        "over (Clients › Hand Clients Over).",
                        ", ".join(taken.mapped("display_name")),
                    )
                )

    def _client_base_check_owner(self):
        """Refuse what only those who may change these clients may do."""
        others = self - self._client_base_visible()
        if others:
            raise AccessError(
                self.env._(
                    "Only the client's salesperson or a user who sees every "
                    "client (Sales: All Documents) may do this for %s.",
                    ", ".join(others.mapped("display_name")),
                )
            )

    # -- language of what the suite writes for staff --------------------------
    def _client_staff_lang(self):
        """Language of what the suite writes for a client's staff on its own
        (activities, chatter notes of jobs, of the client's answers and
        ratings): its salesperson's, else its company's, else the current one.
        What is written for the client itself goes in the client's ``lang``."""
        self.ensure_one()
        client = self.commercial_partner_id
        company = client.company_id or self.env.company
        return client.user_id.lang or company.partner_id.lang or self.env.lang
