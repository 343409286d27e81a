from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools import (
    group_per_branch,
    groups_per_branch,
    page_per_branch,
    replace_view,
)
from .client_base_grouped_parts import grouped_parts

# what the view reads: flushed before it is read (_depends), and by the
# reports built on it
PURCHASE_DEPENDS = {
    "sale.order": [
        "state", "date_order", "company_id", "partner_id", "amount_untaxed",
        "currency_rate", "name", "user_id", "team_id",
    ],
    "account.move": [
        "state", "move_type", "invoice_date", "company_id", "partner_id",
        "commercial_partner_id", "amount_untaxed_signed", "name",
        "invoice_user_id", "team_id",
    ],
    "res.partner": ["commercial_partner_id"],
    "res.company": ["client_purchase_basis", "client_timezone", "partner_id"],
    "res.users": ["partner_id", "active", "share"],
}  # fmt: skip
# Each source of purchases numbers its rows: document id * SOURCES + its code.
SOURCES = 8
SOURCE_ORDER = 1
SOURCE_INVOICE = 2


class ClientBasePurchase(models.Model):
    """Purchases: the one place that says what a client bought, and when.

    One row per purchase of a client in a company: a confirmed sale order, or
    on the invoice basis (the company's *Purchases Counted From* setting) a
    posted customer invoice, refunds as negative rows that lower the amount
    but are no purchase occasion (``counted`` false). Amounts are untaxed in
    the company's currency (orders at their own rate, invoices signed); the
    ``day`` is the purchase's date in the company's time zone (UTC without
    one). Statuses, contact dates and the analyses read their purchases here.

    Built like Odoo's ``sale.report``: each source is a SELECT made of
    ``_select_*``, ``_from_*`` and ``_where_*`` parts, and
    ``_purchase_sources()`` lists them; a bridge addon (a sales channel) adds
    its own source by extending that hook and the ``channel`` selection.
    """

    _name = "client.base.purchase"
    _inherit = "client.base.grouped.parts"
    _description = "Client Purchase"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"
    _depends = PURCHASE_DEPENDS

    name = fields.Char(string="Document", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    order_partner_id = fields.Many2one(
        "res.partner",
        string="Ordered By",
        readonly=True,
        help="The contact on the document; the client is its company.",
    )
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    date = fields.Datetime(readonly=True)
    day = fields.Date(
        readonly=True, help="The purchase's date in the company's time zone."
    )
    hour = fields.Integer(
        readonly=True,
        aggregator=False,
        help="The purchase's hour in the company's time zone; empty for a "
        "document dated without a time (an invoice).",
    )
    amount = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Untaxed, in the company's currency; a refund is negative.",
    )
    margin = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Gross margin in the company's currency, where Odoo knows it "
        "(confirmed orders with the Margins in Sales module).",
    )
    counted = fields.Boolean(
        string="Purchase",
        readonly=True,
        help="A purchase occasion; a refund only lowers the amount.",
    )
    channel = fields.Selection([("sale", "Sales")], readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", readonly=True
    )

    # -- the sources ----------------------------------------------------------
    @api.model
    def _purchase_sources(self):
        """``[(basis, query builder)]``: the sources of purchases, each a
        SELECT of this model's columns in its order, built for one company or
        for all (``company`` None). ``basis`` is the company setting
        (``client_purchase_basis``) the source belongs to, None for a source
        every company counts (a sales channel of its own)."""
        return [
            ("order", self._order_purchase_query),
            ("invoice", self._invoice_purchase_query),
        ]

    @api.model
    def _purchase_query(self, company=None, basis=None):
        """The purchases of ``company`` (of every company: None) as one SQL
        query, for the suite's set-based jobs: only the sources of that
        company's basis (or of ``basis``, one of ``PURCHASE_BASES``, such as
        an analysis run's), each restricted to the company."""
        return self._union_of_sources(self._purchase_sources(), company, basis) or SQL(
            self._empty_purchase_sql()
        )

    @api.model
    def _union_of_sources(self, sources, company=None, basis=None):
        """SQL: the UNION ALL of ``sources`` (``[(basis, query builder)]``, as
        ``_purchase_sources()`` and the lines' ``_purchase_line_sources()``
        list them) that count for ``company`` on ``basis`` (the company's
        setting by default), each built for the company; all of them for
        every company (``company`` None). None when no source counts."""
        basis = basis or (company and company.client_purchase_basis)
        queries = [
            build(company)
            for source_basis, build in sources
            if not (company and source_basis and source_basis != basis)
        ]
        if not queries:
            return None
        return SQL(" UNION ALL ").join(SQL("(%s)", query) for query in queries)

    @api.model
    def _empty_purchase_sql(self):
        return (
            "SELECT NULL::int AS id, NULL::varchar AS name, NULL::int AS company_id,"
            " NULL::int AS currency_id, NULL::int AS partner_id,"
            " NULL::int AS order_partner_id, NULL::int AS user_id,"
            " NULL::int AS team_id, NULL::timestamp AS date, NULL::date AS day,"
            " NULL::int AS hour, NULL::numeric AS amount, NULL::numeric AS margin,"
            " NULL::bool AS counted,"
            " NULL::varchar AS channel, NULL::varchar AS res_model,"
            " NULL::int AS res_id WHERE FALSE"
        )

    @api.model
    def _company_condition(self, column, company, basis):
        """SQL: the rows of ``column`` (a company id) that count: of the company
        given, else of every company on ``basis``."""
        if company:
            return SQL("%s = %s", column, company.id)
        return SQL("COALESCE(company.client_purchase_basis, 'order') = %s", basis)

    @api.model
    def _local_sql(self, moment):
        """The UTC timestamp ``moment`` in the time zone of the row's
        ``company`` (unchanged, UTC, when it has none)."""
        return SQL(
            "(CASE WHEN company.client_timezone IS NULL THEN %s"
            " ELSE timezone(company.client_timezone, timezone('UTC', %s)) END)",
            moment,
            moment,
        )

    @api.model
    def _local_day_sql(self, moment):
        """The date of the UTC timestamp ``moment`` in the company's time zone."""
        return SQL("(%s)::date", self._local_sql(moment))

    @api.model
    def _order_margin_sql(self):
        """SQL: the gross margin of the confirmed order ``so`` in company
        currency; unknown (NULL) without the Margins in Sales module, whose
        bridge (client_base_margin) overrides it."""
        return SQL("NULL::numeric")

    @api.model
    def _margin_known(self, basis):
        """Whether purchases counted on ``basis`` (one of ``PURCHASE_BASES``)
        carry their gross margin."""
        return False

    @api.model
    def _order_purchase_query(self, company=None):
        return SQL(
            "SELECT %s FROM %s WHERE %s",
            self._select_order_purchase(),
            self._from_order_purchase(),
            self._where_order_purchase(company),
        )

    @api.model
    def _select_order_purchase(self):
        return SQL(
            """
            so.id * %(sources)s + %(code)s AS id, so.name, so.company_id,
            company.currency_id, partner.commercial_partner_id AS partner_id,
            so.partner_id AS order_partner_id, so.user_id, so.team_id,
            so.date_order AS date, %(day)s AS day,
            extract(hour FROM %(local)s)::int AS hour,
            so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount,
            %(margin)s AS margin, TRUE AS counted, 'sale' AS channel,
            'sale.order' AS res_model, so.id AS res_id
            """,
            sources=SOURCES,
            code=SOURCE_ORDER,
            day=self._local_day_sql(SQL("so.date_order")),
            local=self._local_sql(SQL("so.date_order")),
            margin=self._order_margin_sql(),
        )

    @api.model
    def _from_order_purchase(self):
        return SQL(
            """
            sale_order so
            JOIN res_partner partner ON partner.id = so.partner_id
            JOIN res_company company ON company.id = so.company_id
            """
        )

    @api.model
    def _client_condition(self, client):
        """SQL: the commercial partner ``client`` (SQL) may be a client: not a
        company's own partner nor an internal user's
        (``res.partner._get_may_be_client_sql``)."""
        return self.env["res.partner"]._get_may_be_client_sql(client)

    @api.model
    def _where_order_purchase(self, company=None):
        return SQL(
            "so.state = 'sale' AND %s AND %s",
            self._company_condition(SQL("so.company_id"), company, "order"),
            self._client_condition(SQL("partner.commercial_partner_id")),
        )

    @api.model
    def _invoice_purchase_query(self, company=None):
        return SQL(
            "SELECT %s FROM %s WHERE %s",
            self._select_invoice_purchase(),
            self._from_invoice_purchase(),
            self._where_invoice_purchase(company),
        )

    @api.model
    def _select_invoice_purchase(self):
        return SQL(
            """
            move.id * %(sources)s + %(code)s AS id, move.name, move.company_id,
            company.currency_id, move.commercial_partner_id AS partner_id,
            move.partner_id AS order_partner_id, move.invoice_user_id AS user_id,
            move.team_id,
            -- an invoice has a day and no time: noon UTC reads as that day
            -- from UTC-11 to UTC+11
            move.invoice_date + time '12:00' AS date,
            move.invoice_date AS day, NULL::int AS hour,
            move.amount_untaxed_signed AS amount, NULL::numeric AS margin,
            move.move_type = 'out_invoice' AS counted, 'sale' AS channel,
            'account.move' AS res_model, move.id AS res_id
            """,
            sources=SOURCES,
            code=SOURCE_INVOICE,
        )

    @api.model
    def _from_invoice_purchase(self):
        return SQL(
            "account_move move JOIN res_company company ON company.id = move.company_id"
        )

    @api.model
    def _where_invoice_purchase(self, company=None):
        return SQL(
            "move.state = 'posted' AND move.move_type IN ('out_invoice', 'out_refund')"
            " AND %s AND %s",
            self._company_condition(SQL("move.company_id"), company, "invoice"),
            self._client_condition(SQL("move.commercial_partner_id")),
        )

    @api.model
    def _client_statistics_sql(self, company, today, window_start, partner_ids=None):
        """SQL rows ``(client_id, first_day, last_day, orders, window_orders,
        gap)`` of the clients of ``company`` (or of ``partner_ids``) who bought
        up to ``today``: first and last purchase day, purchases in all and
        after ``window_start``, and the median gap in days between purchase
        days. What lifecycle statuses are computed from."""
        # read from the purchases' summary by day (client.base.purchase.day):
        # the caller brings it in line with its transaction's purchases first
        return SQL(
            """
            WITH days AS (
                SELECT summary.partner_id AS client_id, summary.day,
                       summary.orders
                  FROM client_base_purchase_day summary
                 WHERE summary.company_id = %(company)s
                   AND summary.orders > 0
                   AND summary.day <= %(today)s
                   %(only_clients)s
            ),
            gaps AS (
                SELECT client_id, day, orders,
                       day - LAG(day) OVER (PARTITION BY client_id ORDER BY day) AS gap
                  FROM days
            )
            -- percentile_cont skips the NULL gap of each client's first day
            SELECT client_id, MIN(day) AS first_day, MAX(day) AS last_day,
                   SUM(orders) AS orders,
                   SUM(orders) FILTER (WHERE day > %(window_start)s) AS window_orders,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS gap
              FROM gaps GROUP BY client_id
            """,
            company=company.id,
            today=today,
            window_start=window_start,
            # a whole-base run joins the clients at the end; a run for a few
            # clients must reach their purchases through the partner index
            only_clients=SQL("AND summary.partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL(),
        )

    def _query(self):
        return self._purchase_query()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        branches = [build(None) for _basis, build in self._purchase_sources()]
        if parts := grouped_parts(self.env):
            # the groups of a pivot or graph summed from each source's own
            group_per_branch(self, query, branches, *parts)
        elif limit and not query.is_empty():
            # a page (the list's newest purchases) read from each source's
            # first rows, not from every purchase sorted
            page_per_branch(query, branches)
        return query

    @api.model
    def _client_base_grouped_parts(self, domain, groupby, aggregates):
        # the groups of a pivot or graph summed from each source's own, when
        # their values give the whole's (groups_per_branch)
        return groups_per_branch(self, groupby, aggregates)

    def init(self):
        """The view. Replaced in place when its columns stay (a source added by
        a bridge), so that the views built on it keep standing; dropped with
        them and created anew when its columns change (an upgrade, which
        recreates those views too)."""
        # a client's invoices, as its orders have theirs (res_partner's
        # commercial_partner_id and sale_order's partner_id)
        tools.create_index(
            self.env.cr,
            "account_move_client_base_purchase_index",
            "account_move",
            ["commercial_partner_id", "company_id"],
            where="state = 'posted' AND move_type IN ('out_invoice', 'out_refund')",
        )
        replace_view(self.env.cr, self._table, self._query())
        # a source added or removed (a bridge installed or uninstalled), or
        # its definition changed: the summary of every client follows
        self.env["client.base.purchase.day"]._client_base_refresh()

    def action_open_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id).get_formview_action()
