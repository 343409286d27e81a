from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import CorrelatedSQL


class ResPartner(models.Model):
    """Clients: who is one (``_get_client_domain``, the one place that says
    it) and who may see and change a client's data (the access principle).
    The features live beside: res_partner_status, _winback, _consent,
    _profile, _feedback, _questionnaire, and res_partner_contact (contact
    standards)."""

    _name = "res.partner"

    # the access principle first, so that its read, search and copy wrap Odoo's
    _inherit = [  # noqa: RUF012
        "client.base.client.data",
        "res.partner",
        "client.base.partner.contact",
        "client.base.purchase.source",
    ]
    _client_base_purchases_at_create = False

    client_base_is_client = fields.Boolean(
        string="Is a Client",
        compute="_compute_client_base_is_client",
        search="_search_client_base_is_client",
        help="Decided by _get_client_domain(), the one place that says who is one.",
    )

    def _client_base_refresh_purchases(self, before=frozenset()):
        # a contact moved to another company takes its purchases along; the
        # commercial partner Odoo computes for new contacts (none before)
        # moves no purchase
        if before:
            return super()._client_base_refresh_purchases(before)
        return None

    def _client_base_purchase_clients_sql(self):
        return SQL(
            "SELECT commercial_partner_id FROM res_partner WHERE id = ANY(%s)",
            list(self.ids),
        )

    @api.model
    def _get_client_domain(self, among=None):
        """Domain of the partners the suite treats as clients.

        A client is a commercial entity (a company, or a person without a parent)
        that buys or may buy: it has a customer rank, sale orders (its own or its
        contacts'), or opportunities. Partners of internal users and of the
        companies themselves are never clients; a portal user's is a client
        like any other customer. Every feature of the suite calls this hook,
        so an integrator can widen or narrow the base in one place.

        The buyers are one ``id IN (buyers)`` leaf (``CorrelatedSQL``) that
        reads as a correlated condition on each partner searched: a page of
        clients and its count probe their own orders by index, rather than
        every order of a large base. ``among``: partner ids to keep to (a
        form, the till's customers); their buyers are then looked up through
        the indexes of those partners alone, not over every order.
        """
        domain = [
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            ("id", "in", self._get_client_buyers_sql(among)),
            ("id", "not in", self._get_non_client_partners_sql()),
        ]
        if among is not None:
            domain = expression.AND([domain, [("id", "in", list(among))]])
        return domain

    @api.model
    def _get_non_client_partners_sql(self):
        """SQL selecting the partners that are never clients, whatever they
        buy: the companies' own partners and the partners of active internal
        users. The client domain and the purchases (client.base.purchase)
        leave them out alike."""
        self.env["res.company"].flush_model(["partner_id"])
        self.env["res.users"].flush_model(["partner_id", "active", "share"])
        return SQL(
            """
            (SELECT partner_id FROM res_company
             UNION
             SELECT partner_id FROM res_users WHERE active AND NOT share)
            """
        )

    @api.model
    def _get_may_be_client_sql(self, partner):
        """SQL: the partner whose id is ``partner`` (SQL) may be a client,
        the rule of ``_get_non_client_partners_sql`` as a condition on one
        row: anti-joins, which PostgreSQL runs in its parallel workers over a
        whole base (a NOT IN subquery keeps a statement in one process)."""
        self.env["res.company"].flush_model(["partner_id"])
        self.env["res.users"].flush_model(["partner_id", "active", "share"])
        return SQL(
            """
            %(partner)s IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM res_company own
                             WHERE own.partner_id = %(partner)s)
            AND NOT EXISTS (SELECT 1 FROM res_users staff
                             WHERE staff.partner_id = %(partner)s
                               AND staff.active AND NOT staff.share)
            """,
            partner=partner,
        )

    @api.model
    def _get_client_buyer_conditions(self, buyer):
        """Conditions on a partner row ``buyer`` (the commercial partner or
        one of its contacts: an SQL identifier) saying that it buys or may
        buy: it has sale orders, or opportunities. A hook: a source of
        purchases (the till) adds its own condition. Each reads tables
        directly, so what it reads is flushed here."""
        self.env["sale.order"].flush_model(["partner_id"])
        self.env["crm.lead"].flush_model(["partner_id", "active", "type"])
        return [
            SQL(
                "EXISTS (SELECT 1 FROM sale_order so WHERE so.partner_id = %s)",
                SQL.identifier(buyer, "id"),
            ),
            SQL(
                """EXISTS (SELECT 1 FROM crm_lead lead
                            WHERE lead.partner_id = %s
                              AND lead.active AND lead.type = 'opportunity')""",
                SQL.identifier(buyer, "id"),
            ),
        ]

    @api.model
    def _get_client_buyers_sql(self, among=None):
        """SQL selecting the commercial partners that buy or may buy (of
        ``among`` only, when given: see ``_get_client_domain``): a customer
        rank, or a contact of theirs meeting ``_get_client_buyer_conditions``."""
        self.env["res.partner"].flush_model(["commercial_partner_id", "customer_rank"])
        buys = SQL(" OR ").join(self._get_client_buyer_conditions("buyer"))
        buyers = SQL(
            """
            (SELECT buyer.commercial_partner_id FROM res_partner buyer
              WHERE (%(buys)s) AND %(buyers_among)s
             UNION
             SELECT id FROM res_partner WHERE customer_rank > 0 AND %(ranked)s)
            """,
            buys=buys,
            buyers_among=self._client_among_sql(
                SQL("buyer.commercial_partner_id"), among
            ),
            ranked=self._client_among_sql(SQL("id"), among),
        )

        def correlated(alias):
            return SQL(
                """(%(client)s.customer_rank > 0
                    OR EXISTS (SELECT 1 FROM res_partner buyer
                                WHERE buyer.commercial_partner_id = %(client)s.id
                                  AND (%(buys)s)))""",
                client=SQL.identifier(alias),
                buys=buys,
            )

        return CorrelatedSQL.make(buyers, correlated)

    @api.model
    def _client_among_sql(self, column, among):
        """``column`` kept to the partners ``among`` (every partner: None)."""
        if among is None:
            return SQL("TRUE")
        return SQL("%s = ANY(%s)", column, list(among))

    def _search_client_base_is_client(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on clients."))
        domain = self._get_client_domain()
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    def _compute_client_base_is_client(self):
        clients = self.search(self._get_client_domain(among=self.ids))
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

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        # contact dates follow the messages that count as a contact in a
        # company (its settings): one look at the message for all companies,
        # a refresh only where it counts (not for tracking notifications)
        companies = self.env.companies
        message.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM mail_message m WHERE m.id = %s",
                SQL(", ").join(
                    self._client_contact_message_sql(company) for company in companies
                ),
                message.id,
            )
        )
        counts = self.env.cr.fetchone() or ()
        for company, counted in zip(companies, counts, strict=False):
            if counted:
                self._client_contact_refresh(
                    company, partner_ids=self.commercial_partner_id.ids
                )
        return res

    # -- the access principle -------------------------------------------------
    def _client_base_client_sql(self, alias):
        return SQL.identifier(alias, "id")

    def _client_base_commercial_sql(self, alias):
        return SQL.identifier(alias, "commercial_partner_id")

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
