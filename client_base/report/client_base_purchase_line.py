from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import replace_view
from .client_base_purchase import SOURCE_INVOICE, SOURCE_ORDER, SOURCES

PURCHASE_LINE_DEPENDS = {
    "sale.order": ["state", "date_order", "company_id", "partner_id", "currency_rate"],
    "sale.order.line": [
        "order_id", "product_id", "product_uom_qty", "price_subtotal",
        "display_type", "is_downpayment",
    ],
    "account.move": [
        "state", "move_type", "invoice_date", "company_id", "commercial_partner_id",
    ],
    "account.move.line": [
        "move_id", "product_id", "quantity", "balance", "display_type",
    ],
    "res.partner": ["commercial_partner_id"],
    "res.company": ["client_purchase_basis", "client_timezone"],
}  # fmt: skip


class ClientBasePurchaseLine(models.Model):
    """What a purchase was made of: one row per product line of a purchase
    (``client.base.purchase``), from the same sources on the same basis: the
    lines of confirmed orders, or on the invoice basis the product lines of
    posted invoices and refunds (negative). Product preferences read them.

    Each source is ``(basis, query builder)`` in ``_purchase_line_sources()``,
    as the purchases' own sources; a bridge adding a channel adds its lines
    here too. ``purchase_id`` is the id of the purchase the line belongs to.
    """

    _name = "client.base.purchase.line"
    _description = "Client Purchase Line"
    _auto = False
    _order = "day desc, id desc"
    _depends = PURCHASE_LINE_DEPENDS

    purchase_id = fields.Many2one("client.base.purchase", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    day = fields.Date(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    amount = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Untaxed, in the company's currency; a refund's line is negative.",
    )

    @api.model
    def _purchase_line_sources(self):
        """``[(basis, query builder)]`` as ``client.base.purchase``'s
        ``_purchase_sources()``, each a SELECT of this model's columns."""
        return [
            ("order", self._order_line_query),
            ("invoice", self._invoice_line_query),
        ]

    @api.model
    def _purchase_line_query(self, company=None):
        """The purchase lines of ``company`` (of every company: None), from
        the sources of its basis as its purchases."""
        return self.env["client.base.purchase"]._union_of_sources(
            self._purchase_line_sources(), company
        )

    @api.model
    def _order_line_query(self, company=None):
        Purchase = self.env["client.base.purchase"]
        return SQL(
            """
            SELECT line.id * %(sources)s + %(code)s AS id,
                   so.id * %(sources)s + %(code)s AS purchase_id,
                   so.company_id, company.currency_id,
                   partner.commercial_partner_id AS partner_id, %(day)s AS day,
                   line.product_id, line.product_uom_qty AS quantity,
                   line.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1)
                       AS amount
              FROM sale_order_line line
              JOIN sale_order so ON so.id = line.order_id
              JOIN res_partner partner ON partner.id = so.partner_id
              JOIN res_company company ON company.id = so.company_id
             WHERE %(where)s AND line.display_type IS NULL
               AND line.product_id IS NOT NULL
               AND line.is_downpayment IS NOT TRUE
            """,
            sources=SOURCES,
            code=SOURCE_ORDER,
            day=Purchase._local_day_sql(SQL("so.date_order")),
            where=Purchase._where_order_purchase(company),
        )

    @api.model
    def _invoice_line_query(self, company=None):
        Purchase = self.env["client.base.purchase"]
        return SQL(
            """
            SELECT line.id * %(sources)s + %(code)s AS id,
                   move.id * %(sources)s + %(code)s AS purchase_id,
                   move.company_id, company.currency_id,
                   move.commercial_partner_id AS partner_id,
                   move.invoice_date AS day, line.product_id,
                   CASE WHEN move.move_type = 'out_refund' THEN -line.quantity
                        ELSE line.quantity END AS quantity,
                   -line.balance AS amount
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_company company ON company.id = move.company_id
             WHERE %(where)s AND line.display_type = 'product'
               AND line.product_id IS NOT NULL
            """,
            sources=SOURCES,
            code=SOURCE_INVOICE,
            where=Purchase._where_invoice_purchase(company),
        )

    def init(self):
        replace_view(self.env.cr, self._table, self._purchase_line_query())
