from contextlib import nullcontext
from datetime import date, datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import without_jit


class ClientBasePartnerContact(models.AbstractModel):
    """Contact standards on clients (client.base.contact.rule): when the
    client was last contacted and data verified, when it is due again, and the
    jobs that refresh those dates set-based and give salespeople their
    contact activities. Inherited by res.partner."""

    _name = "client.base.partner.contact"
    _description = "Client Contact Standards"

    # per company (company-dependent), as the rules are
    client_last_contact_date = fields.Date(
        string="Last Contact",
        company_dependent=True,
        readonly=True,
        groups="client_base.group_client_base_user",
        help="The latest done activity, logged note or call, email or confirmed "
        "order with the client or its contacts (what counts is a company setting).",
    )
    client_next_contact_date = fields.Date(
        string="Next Contact",
        company_dependent=True,
        readonly=True,
        groups="client_base.group_client_base_user",
        help="Last contact plus the interval of the strictest contact standard "
        "matching the client; empty when none does.",
    )
    client_contact_overdue = fields.Boolean(
        string="Contact Overdue",
        compute="_compute_client_contact_overdue",
        search="_search_client_contact_overdue",
        groups="client_base.group_client_base_user",
    )
    client_next_verification_date = fields.Date(
        string="Next Verification",
        company_dependent=True,
        readonly=True,
        groups="client_base.group_client_base_user",
    )
    client_verification_due = fields.Boolean(
        string="Verification Due",
        compute="_compute_client_contact_overdue",
        search="_search_client_verification_due",
        groups="client_base.group_client_base_user",
    )

    @api.depends_context("company")
    def _compute_client_contact_overdue(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.client_contact_overdue = bool(
                partner.client_next_contact_date
                and partner.client_next_contact_date < today
            )
            partner.client_verification_due = bool(
                partner.client_next_verification_date
                and partner.client_next_verification_date <= today
            )

    def _search_client_contact_overdue(self, operator, value):
        return self._search_client_date_passed(
            "client_next_contact_date", "<", operator, value
        )

    def _search_client_verification_due(self, operator, value):
        return self._search_client_date_passed(
            "client_next_verification_date", "<=", operator, value
        )

    def _search_client_date_passed(self, fname, comparison, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        passed = [(fname, comparison, fields.Date.context_today(self))]
        if (operator == "=") == value:
            return passed
        return ["!", *passed]

    def action_client_data_verified(self):
        """The salesperson checked the client's data: verified today."""
        clients = self.commercial_partner_id
        clients._client_base_check_owner()
        # the date is the suite's to keep, set by this action only
        clients.sudo().write(
            {"client_last_verified_date": fields.Date.context_today(self)}
        )
        for company in self.env.companies:
            self._client_contact_refresh(company, partner_ids=clients.ids)

    @api.model
    def _client_contact_message_sql(self, company):
        """SQL condition on ``m`` (mail_message) of the messages that count as a
        contact with a client, from the company's settings."""
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        kinds = []
        if company.client_contact_count_activities:
            kinds.append(SQL("m.mail_activity_type_id IS NOT NULL"))
        if company.client_contact_count_notes:
            kinds.append(
                SQL(
                    "(m.message_type = 'comment' AND m.subtype_id = %s"
                    " AND m.mail_activity_type_id IS NULL)",
                    note,
                )
            )
        if company.client_contact_count_emails:
            kinds.append(
                SQL(
                    "(m.message_type IN ('email', 'email_outgoing')"
                    " OR (m.message_type = 'comment' AND m.subtype_id = %s))",
                    comment,
                )
            )
        return SQL("(%s)", SQL(" OR ").join(kinds)) if kinds else SQL("FALSE")

    @api.model
    def _client_contact_client_columns(self, company):
        """Columns of the clients ``c`` the rule scopes read, as SQL over the
        client ``partner`` (besides its id)."""
        return [SQL("partner.client_status ->> %s AS status", str(company.id))]

    @api.model
    def _client_contact_rule_scopes(self):
        """How a rule's scope matches a client ``c`` (columns id, status), as
        (rule column, condition); other addons add scopes (the ABC class)."""
        return [
            ("client_status", SQL("rule.client_status = c.status")),
            (
                "category_id",
                SQL(
                    """rule.category_id IN (
                        SELECT category_id FROM res_partner_res_partner_category_rel
                         WHERE partner_id = c.id)"""
                ),
            ),
        ]

    @api.model
    def _client_contact_interval_sql(self, company, kind):
        """The interval of the strictest ``kind`` rule matching client ``c``."""
        scopes = self._client_contact_rule_scopes()
        return SQL(
            """
            (SELECT MIN(rule.interval_days) FROM client_base_contact_rule rule
              WHERE rule.active AND rule.company_id = %s AND rule.kind = %s
                AND %s)
            """,
            company.id,
            kind,
            SQL(" AND ").join(
                SQL("(%s IS NULL OR %s)", SQL.identifier("rule", fname), condition)
                for fname, condition in scopes
            ),
        )

    @api.model
    def _client_contact_refresh(self, company, partner_ids=None, today=None):
        """Recompute the last contact, next contact and next verification dates
        of ``company``'s clients (or of ``partner_ids`` only) in one statement,
        writing only the clients whose dates change.

        For a few clients (after an order, a message), the clients are those of
        ``partner_ids`` the status computation knows in the company: evaluating
        ``_get_client_domain()`` for a handful of partners costs as much as for
        the whole base, and the status runs that apply it come first.
        """
        Partner = self.sudo().with_company(company)
        self.env.flush_all()
        key = str(company.id)
        if partner_ids is None:
            clients = Partner._search(Partner._get_client_domain()).subselect()
        elif not partner_ids:
            return
        else:
            clients = SQL(
                """SELECT id FROM res_partner
                    WHERE id = ANY(%s) AND active AND client_status ? %s""",
                list(partner_ids),
                key,
            )
        only_clients = (
            SQL("AND p.commercial_partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL()
        )
        orders = SQL()
        if company.client_contact_count_orders:
            # the last purchase occasion, from the purchases' summary by day
            # (brought in line with this transaction's purchases by the flush)
            orders = SQL(
                """
                UNION ALL
                SELECT summary.partner_id, MAX(summary.day)
                  FROM client_base_purchase_day summary
                 WHERE summary.company_id = %(company)s AND summary.orders > 0
                   %(only_clients)s
                 GROUP BY 1
                """,
                company=company.id,
                only_clients=SQL("AND summary.partner_id = ANY(%s)", list(partner_ids))
                if partner_ids is not None
                else SQL(),
            )
        query = SQL(
            """
                WITH clients AS (%(clients)s),
                events AS (
                    SELECT p.commercial_partner_id AS client_id,
                           MAX(m.date)::date AS day
                      FROM mail_message m
                      JOIN res_partner p ON p.id = m.res_id
                     WHERE m.model = 'res.partner' AND %(messages)s
                       AND m.date < %(until)s
                       %(only_clients)s
                     GROUP BY 1
                    %(orders)s
                ),
                computed AS (
                    SELECT c.id, last.day AS last_day,
                           COALESCE(last.day, p.create_date::date)
                               + %(contact_interval)s AS next_contact,
                           COALESCE(p.client_last_verified_date, p.create_date::date)
                               + %(verification_interval)s AS next_verification,
                           (p.client_last_contact_date ->> %(key)s)::date AS old_last,
                           (p.client_next_contact_date ->> %(key)s)::date AS old_next,
                           (p.client_next_verification_date ->> %(key)s)::date
                               AS old_verification
                      FROM (SELECT clients.id, %(columns)s
                              FROM clients
                              JOIN res_partner partner ON partner.id = clients.id) c
                      JOIN res_partner p ON p.id = c.id
                      LEFT JOIN (SELECT client_id, MAX(day) AS day FROM events
                                  GROUP BY client_id) last ON last.client_id = c.id
                )
                UPDATE res_partner p
                   SET client_last_contact_date = CASE
                           WHEN ch.last_day IS NULL
                               THEN COALESCE(p.client_last_contact_date, '{}') - %(key)s
                           ELSE COALESCE(p.client_last_contact_date, '{}')
                               || jsonb_build_object(%(key)s, ch.last_day) END,
                       client_next_contact_date = CASE
                           WHEN ch.next_contact IS NULL
                               THEN COALESCE(p.client_next_contact_date, '{}') - %(key)s
                           ELSE COALESCE(p.client_next_contact_date, '{}')
                               || jsonb_build_object(%(key)s, ch.next_contact) END,
                       client_next_verification_date = CASE
                           WHEN ch.next_verification IS NULL
                               THEN COALESCE(p.client_next_verification_date, '{}')
                                   - %(key)s
                           ELSE COALESCE(p.client_next_verification_date, '{}')
                               || jsonb_build_object(%(key)s, ch.next_verification)
                           END
                  FROM computed ch
                 WHERE p.id = ch.id
                   AND (ch.last_day IS DISTINCT FROM ch.old_last
                        OR ch.next_contact IS DISTINCT FROM ch.old_next
                        OR ch.next_verification IS DISTINCT FROM ch.old_verification)
                """,
            clients=clients,
            messages=self._client_contact_message_sql(company),
            orders=orders,
            only_clients=only_clients,
            until=datetime.combine(
                (fields.Date.to_date(today) if today else date.today())
                + timedelta(days=1),
                time(),
            ),
            columns=SQL(", ").join(self._client_contact_client_columns(company)),
            contact_interval=self._client_contact_interval_sql(company, "contact"),
            verification_interval=self._client_contact_interval_sql(
                company, "verification"
            ),
            key=key,
        )
        with without_jit(self.env.cr) if partner_ids is None else nullcontext():
            self.env.cr.execute(query)
        self.env["res.partner"].invalidate_model(
            [
                "client_last_contact_date",
                "client_next_contact_date",
                "client_next_verification_date",
            ]
        )

    @api.model
    def _cron_client_contact_activities(self, today=None):
        """Daily: schedule one "contact the client" activity for the salesperson
        of each client whose contact is due (and one "verify the client's data"
        when its verification is), never a second while one is open, at most the
        company's daily cap per salesperson and kind, the most overdue first.

        The clients' dates are kept current by the events that move them
        (messages, orders, status changes, rules and settings), so the job only
        reads them.
        """
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            self._client_contact_schedule(company, today)

    @api.model
    def _cron_client_contact_refresh(self):
        """Recompute every client's contact dates: triggered when contact
        standards or what counts as a contact change, and weekly as a safety net
        for events that bypass the usual paths."""
        self.env["res.company"].search([])._client_contact_refresh_all()

    @api.model
    def _client_contact_schedule(self, company, today):
        kinds = {
            "client_next_contact_date": self.env.ref(
                "client_base.mail_activity_type_contact_client"
            ),
            "client_next_verification_date": self.env.ref(
                "client_base.mail_activity_type_verify_client_data"
            ),
        }
        self.env.flush_all()
        model_id = self.env["ir.model"]._get_id("res.partner")
        key = str(company.id)
        Activity = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        for fname, activity_type in kinds.items():
            self.env.cr.execute(
                SQL(
                    """
                    SELECT id, user_id FROM (
                        SELECT p.id, p.user_id,
                               ROW_NUMBER() OVER (
                                   PARTITION BY p.user_id
                                   ORDER BY (p.%(column)s ->> %(key)s)::date, p.id
                               ) AS rank
                          FROM res_partner p
                          JOIN res_users u ON u.id = p.user_id AND u.active
                         WHERE p.active AND p.id = p.commercial_partner_id
                           AND (p.%(column)s ->> %(key)s)::date <= %(today)s
                           AND NOT EXISTS (
                               SELECT 1 FROM mail_activity a
                                WHERE a.res_model = 'res.partner' AND a.res_id = p.id
                                  AND a.activity_type_id = %(type)s)
                    ) due
                     WHERE rank <= %(cap)s - (
                         -- what this job already scheduled today counts
                         SELECT COUNT(*) FROM mail_activity a
                          WHERE a.activity_type_id = %(type)s AND a.automated
                            AND a.user_id = due.user_id
                            AND a.date_deadline = %(today)s)
                    """,
                    column=SQL.identifier(fname),
                    key=key,
                    today=today,
                    type=activity_type.id,
                    cap=company.client_contact_daily_cap,
                )
            )
            rows = self.env.cr.fetchall()
            # each activity in the language of the salesperson it is for
            users = self.env["res.users"].sudo().browse({row[1] for row in rows})
            summaries = {
                user.id: activity_type.with_context(lang=user.lang).summary
                for user in users
            }
            values = [
                {
                    "res_model_id": model_id,
                    "res_id": partner_id,
                    "activity_type_id": activity_type.id,
                    "user_id": user_id,
                    "date_deadline": today,
                    "summary": summaries[user_id],
                    "automated": True,
                }
                for partner_id, user_id in rows
            ]
            if values:
                Activity.create(values)
