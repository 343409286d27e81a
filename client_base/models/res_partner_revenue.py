# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

REVENUE_FIELDS = ("client_revenue_12m", "client_revenue_total")


class ResPartner(models.Model):
    """A client's revenue in the current company, of the last twelve months
    and of all time, summed from its purchases by day
    (client.base.purchase.day) in one query for the whole batch. Read as the
    current user: the summary's record rules leave a colleague's client out,
    so its revenue is nothing to a salesperson, as every client figure of the
    suite reads empty for them."""

    _inherit = "res.partner"

    client_currency_id = fields.Many2one(
        "res.currency",
        string="Company Currency",
        compute="_compute_client_currency_id",
        help="The currency of the current company, the one of the client's revenue.",
    )
    client_revenue_12m = fields.Monetary(
        string="Revenue (12 months)",
        compute="_compute_client_revenue",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="The client's purchases of the last twelve months up to today, "
        "untaxed, in the company's currency, refunds deducted: confirmed orders "
        "or posted invoices, as the company counts purchases (Settings).",
    )
    client_revenue_total = fields.Monetary(
        string="Lifetime Revenue",
        compute="_compute_client_revenue",
        currency_field="client_currency_id",
        groups="client_base.group_client_base_user",
        help="The client's purchases since its first one, untaxed, in the "
        "company's currency, refunds deducted.",
    )
    client_revenue_from_orders = fields.Boolean(
        string="Revenue From Orders",
        compute="_compute_client_revenue_from_orders",
        help="The current company counts purchases from confirmed orders "
        "(Settings): a client's revenue is that of its orders, and Client Base "
        "users see it instead of the invoiced total, which says nothing of it.",
    )

    @api.depends_context("company")
    def _compute_client_currency_id(self):
        self.client_currency_id = self.env.company.currency_id

    @api.depends_context("company", "uid")
    def _compute_client_revenue(self):
        revenue = self._client_revenue_by_client()
        for partner in self:
            last_year, total = revenue.get(partner.commercial_partner_id.id, (0, 0))
            partner.client_revenue_12m = last_year
            partner.client_revenue_total = total

    @api.depends_context("company", "uid")
    def _compute_client_revenue_from_orders(self):
        self.client_revenue_from_orders = (
            self.env.company.client_purchase_basis == "order"
            and self.env.user.has_group("client_base.group_client_base_user")
        )

    @api.model
    def _client_base_open_fields(self):
        # the company's currency and basis are no client's data
        return super()._client_base_open_fields() | {
            "client_currency_id",
            "client_revenue_from_orders",
        }

    def _client_revenue_period(self):
        """(first excluded day, last day) of the twelve months up to the
        current company's today, in its time zone. A hook."""
        today = self.env.company._client_base_today()
        return today - relativedelta(months=12), today

    def _client_revenue_by_client(self):
        """{client id: (revenue of the last twelve months, lifetime revenue)}
        of the commercial partners of ``self`` in the current company, in one
        query, of the purchase days the current user may read."""
        Day = self.env["client.base.purchase.day"]
        clients = self.commercial_partner_id
        if not clients or not Day.has_access("read"):
            return {}
        since, today = self._client_revenue_period()
        query = Day._search(
            [
                ("company_id", "=", self.env.company.id),
                ("partner_id", "in", clients.ids),
                ("day", "<=", today),
            ]
        )
        client = SQL.identifier(query.table, "partner_id")
        amount = SQL.identifier(query.table, "amount")
        query.groupby = client
        self.env.cr.execute(
            query.select(
                client,
                SQL(
                    "COALESCE(SUM(%s) FILTER (WHERE %s > %s), 0)",
                    amount,
                    SQL.identifier(query.table, "day"),
                    since,
                ),
                SQL("COALESCE(SUM(%s), 0)", amount),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        # sortable: the same sum for each row, masked for a colleague's client
        if fname not in REVENUE_FIELDS:
            return super()._field_to_sql(alias, fname, query, flush)
        if flush:
            self.env["client.base.purchase.day"].flush_model()
        since, today = self._client_revenue_period()
        return self._client_base_mask_sql(
            alias,
            fname,
            SQL(
                """(SELECT COALESCE(SUM(summary.amount), 0)
                      FROM client_base_purchase_day summary
                     WHERE summary.partner_id = %s AND summary.company_id = %s
                       AND summary.day <= %s AND %s)""",
                SQL.identifier(alias, "commercial_partner_id"),
                self.env.company.id,
                today,
                SQL("summary.day > %s", since)
                if fname == "client_revenue_12m"
                else SQL("TRUE"),
            ),
        )

    def action_view_client_purchases(self):
        """The client's purchases in the current company, by month."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.client_base_purchase_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.commercial_partner_id.id),
            ("company_id", "=", self.env.company.id),
        ]
        action["context"] = {"search_default_group_month": 1}
        return action
