from odoo import fields, models, tools
from odoo.tools import SQL


class ClientBaseProductPreference(models.Model):
    """What each client buys most: revenue per client and product, last 12 months.

    A view over confirmed order lines (contacts roll up to their company, amounts
    in company currency at each order's rate), so a salesperson knows what to
    offer (seed 004).
    """

    _name = "client.base.product.preference"
    _description = "Client Product Preference"
    _auto = False
    _order = "revenue desc, id"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "sale.order": ["state", "date_order", "company_id", "partner_id"],
        "sale.order.line": ["order_id", "product_id", "price_subtotal"],
        "res.partner": ["commercial_partner_id"],
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
            SELECT MIN(l.id) AS id,
                   p.commercial_partner_id AS partner_id,
                   so.company_id,
                   l.product_id,
                   pt.categ_id,
                   SUM(l.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1))
                       AS revenue,
                   SUM(l.product_uom_qty) AS quantity,
                   COUNT(DISTINCT so.id) AS order_count,
                   MAX(so.date_order)::date AS last_order_date
              FROM sale_order_line l
              JOIN sale_order so ON so.id = l.order_id
              JOIN res_partner p ON p.id = so.partner_id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.state = 'sale'
               AND so.date_order >= CURRENT_DATE - INTERVAL '12 months'
               AND l.display_type IS NULL
               AND l.is_downpayment IS NOT TRUE
             GROUP BY p.commercial_partner_id, so.company_id, l.product_id, pt.categ_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
