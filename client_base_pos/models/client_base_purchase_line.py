from odoo import api, models
from odoo.tools import SQL

from odoo.addons.client_base.report.client_base_purchase import SOURCES

from .client_base_purchase import SOURCE_POS


class ClientBasePurchaseLine(models.Model):
    _inherit = "client.base.purchase.line"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "pos.order": ["state", "date_order", "company_id", "partner_id",
                      "currency_rate", "account_move"],
        "pos.order.line": ["order_id", "product_id", "qty", "price_subtotal",
                           "sale_order_line_id"],
    }  # fmt: skip

    @api.model
    def _purchase_line_sources(self):
        if self.env.context.get("client_base_pos_uninstall"):
            return super()._purchase_line_sources()
        return [*super()._purchase_line_sources(), (None, self._pos_line_query)]

    @api.model
    def _pos_line_query(self, company=None):
        Purchase = self.env["client.base.purchase"]
        return SQL(
            """
            SELECT line.id * %(sources)s + %(code)s AS id,
                   po.id * %(sources)s + %(code)s AS purchase_id,
                   po.company_id, company.currency_id,
                   partner.commercial_partner_id AS partner_id, %(day)s AS day,
                   line.product_id, line.qty AS quantity,
                   line.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0), 1)
                       AS amount
              FROM pos_order_line line
              JOIN pos_order po ON po.id = line.order_id
              JOIN res_partner partner ON partner.id = po.partner_id
              JOIN res_company company ON company.id = po.company_id
             WHERE %(where)s AND %(lines)s
            """,
            sources=SOURCES,
            code=SOURCE_POS,
            day=Purchase._local_day_sql(SQL("po.date_order")),
            where=Purchase._pos_order_where(company),
            lines=Purchase._pos_line_where(),
        )
