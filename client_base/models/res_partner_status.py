# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from contextlib import nullcontext
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import company_value, set_company_value, unset_company_value, without_jit
from .client_base_status_history import STATUSES

# Columns the status computation writes, each a company-dependent (jsonb)
# column: {column: (its value in the computation, SQL type)}.
STAT_COLUMNS = {
    "client_status": ("status", "varchar"),
    "client_first_order_date": ("first_day", "date"),
    "client_last_order_date": ("last_day", "date"),
    "client_order_count": ("orders", "int"),
    "client_order_gap_days": ("gap", "float"),
}
# above this many status changes, contact dates are recomputed for every client
CONTACT_REFRESH_ALL = 5000
LOCK_KEY = (
    718_204  # pg_advisory_xact_lock(LOCK_KEY, company_id): one status run per company
)


class ResPartner(models.Model):
    """Lifecycle statuses (potential, new, regular, occasional, dormant, lost)
    per company, from the client's purchases (client.base.purchase): the
    statistics they rest on, their history, and the one set-based job that
    recomputes them."""

    _inherit = "res.partner"

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
        ``partner_ids`` only) from the company's purchases, writes only the
        clients whose values change and records a history row per status change.
        The first computation of a client is recorded as "initial". Returns the
        status changes as dicts (partner_id, status_from, status_to, cause).
        """
        now = fields.Datetime.now()
        # the company's day, as its purchases are dated (not the user's)
        company_today = company._client_base_today()
        today = fields.Date.to_date(today) if today else company_today
        if today != company_today:
            # a replay of another day (demo story, tests): date its history that day
            now = datetime.combine(today, time(hour=2))
        Partner = self.sudo().with_company(company)
        if partner_ids is not None and not partner_ids:
            return []
        clients = Partner._search(
            Partner._get_client_domain(
                among=list(partner_ids) if partner_ids is not None else None
            )
        )
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
            stats AS (%(stats)s),
            computed AS (
                SELECT c.id, p.user_id, %(old_values)s,
                       %(manual_lost)s AS manual_lost,
                       s.first_day, s.last_day, COALESCE(s.orders, 0) AS orders,
                       round(s.gap::numeric, 1)::float AS gap,
                       CASE
                           WHEN s.client_id IS NULL THEN 'potential'
                           -- a person's verdict holds until a new confirmed order
                           WHEN %(manual_lost)s THEN 'lost'
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
                    OR COALESCE(old_orders, 0) <> orders
                    OR old_gap IS DISTINCT FROM gap
            ),
            updated AS (
                UPDATE res_partner p
                   SET %(assignments)s
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
            old_values=SQL(", ").join(
                SQL(
                    "%s AS %s",
                    company_value(SQL.identifier("p", name), key, cast),
                    SQL.identifier(f"old_{value}"),
                )
                for name, (value, cast) in STAT_COLUMNS.items()
            ),
            manual_lost=SQL(
                "(COALESCE(%s, FALSE) AND s.last_day <= %s AND %s <> 'order')",
                company_value(SQL("p.client_lost_manual"), key, "boolean"),
                company_value(SQL("p.client_lost_date"), key, "date"),
                cause,
            ),
            assignments=self._client_status_assignments(
                key, today, thresholds["lost_days"], system_reason
            ),
            stats=self.env["client.base.purchase"]._client_statistics_sql(
                company,
                today,
                today - timedelta(days=thresholds["regular_window"]),
                partner_ids,
            ),
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
        with without_jit(cr) if partner_ids is None else nullcontext():
            cr.execute(query)
            rows = cr.fetchall()
        changes = [
            dict(
                zip(
                    ("partner_id", "status_from", "status_to", "cause", "user_id"),
                    row[:5],
                    strict=True,
                )
            )
            for row in rows
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
    def _client_status_assignments(self, key, today, lost_days, system_reason):
        """SQL ``column = value, …`` of the status run's UPDATE of ``p`` from
        its ``changed`` row ``ch``: the company ``key``'s values of the
        company-dependent columns, the other companies' values untouched."""

        def column(name):
            return SQL.identifier("p", name)

        def assign(name, value):
            return SQL("%s = %s", SQL.identifier(name), value)

        def unset(name):
            return unset_company_value(column(name), key)

        def to(name, value):
            return set_company_value(column(name), key, value)

        not_lost = SQL("ch.status <> 'lost'")
        newly_auto_lost = SQL("ch.status_changed AND ch.auto_lost")
        # an automatic loss is dated its silence's end, with the system reason
        reason = (
            SQL(
                " WHEN %s THEN %s",
                newly_auto_lost,
                to("client_churn_reason_id", SQL("%s::int", system_reason.id)),
            )
            if system_reason
            else SQL()
        )
        return SQL(", ").join(
            [
                *(
                    assign(name, to(name, SQL.identifier("ch", value)))
                    for name, (value, __) in STAT_COLUMNS.items()
                ),
                assign(
                    "client_status_date",
                    SQL(
                        "CASE WHEN ch.status_changed THEN %s ELSE %s END",
                        to("client_status_date", SQL("%s::date", today)),
                        column("client_status_date"),
                    ),
                ),
                assign(
                    "client_lost_manual",
                    SQL(
                        "CASE WHEN %s THEN %s ELSE %s END",
                        not_lost,
                        unset("client_lost_manual"),
                        column("client_lost_manual"),
                    ),
                ),
                assign(
                    "client_lost_date",
                    SQL(
                        "CASE WHEN %s THEN %s WHEN %s THEN %s ELSE %s END",
                        not_lost,
                        unset("client_lost_date"),
                        newly_auto_lost,
                        to("client_lost_date", SQL("ch.last_day + %s", lost_days)),
                        column("client_lost_date"),
                    ),
                ),
                assign(
                    "client_churn_reason_id",
                    SQL(
                        "CASE WHEN %s THEN %s%s ELSE %s END",
                        not_lost,
                        unset("client_churn_reason_id"),
                        reason,
                        column("client_churn_reason_id"),
                    ),
                ),
            ]
        )
