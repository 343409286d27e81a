from odoo import fields, models, tools
from odoo.tools import SQL

from .client_base_purchase_line import PURCHASE_LINE_DEPENDS

# a row's id: ((client * COMPANIES) + company) * PRODUCTS + product, so that
# the client of a row is its id // CLIENT_STEP
COMPANIES = 4096
PRODUCTS = 1 << 24
CLIENT_STEP = COMPANIES * PRODUCTS


class ClientBaseProductPreference(models.Model):
    """What each client buys most: revenue per client and product, last 12 months.

    A view over the clients' purchase lines (``client.base.purchase.line``:
    confirmed order lines, or invoice lines on the invoice basis, contacts
    rolled up to their company, amounts in company currency), so a salesperson
    knows what to offer.

    A row's id says its client: the rows a client's form reads by id are
    computed from that client's lines alone, not the whole view
    (``_fetch_query``).
    """

    _name = "client.base.product.preference"
    _description = "Client Product Preference"
    _auto = False
    _order = "revenue desc, id"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        **PURCHASE_LINE_DEPENDS,
        "product.template": ["categ_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    revenue = fields.Float(readonly=True, digits=(16, 2))
    quantity = fields.Float(readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    last_order_date = fields.Date(readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT (line.partner_id::bigint * %(companies)s + line.company_id)
                       * %(products)s + line.product_id AS id,
                   line.partner_id, line.company_id,
                   line.product_id, pt.categ_id,
                   SUM(line.amount) AS revenue, SUM(line.quantity) AS quantity,
                   -- a refund's line (negative) lowers the sums, it is no order
                   COUNT(DISTINCT line.purchase_id) FILTER (WHERE line.quantity > 0)
                       AS order_count,
                   MAX(line.day) AS last_order_date
              FROM client_base_purchase_line line
              JOIN product_product pp ON pp.id = line.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE line.day >= CURRENT_DATE - INTERVAL '12 months'
             GROUP BY line.partner_id, line.company_id, line.product_id, pt.categ_id
            """,
            companies=COMPANIES,
            products=PRODUCTS,
        )

    def _fetch_query(self, query, fields):
        # rows read by id (not a search's, made on no record): those of
        # their clients only, pushed into the view's grouping and found
        # through the clients' orders by index
        if self._ids:
            clients = sorted({record_id // CLIENT_STEP for record_id in self._ids})
            query.add_where(
                SQL("%s = ANY(%s)", SQL.identifier(query.table, "partner_id"), clients)
            )
        return super()._fetch_query(query, fields)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
