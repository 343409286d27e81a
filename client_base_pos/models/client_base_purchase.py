from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.client_base.report.client_base_purchase import SOURCES

SOURCE_POS = 3


class ClientBasePurchase(models.Model):
    """Purchases at the till: a POS order with a customer, paid, posted or
    invoiced, is a purchase in every company whatever its basis (an invoiced
    POS order once: its invoice is left out of the invoice basis); a refund is
    an order of its own, negative and no purchase occasion. The amount is the
    untaxed total of the lines that do not settle a sale order (those count
    through the order they settle), in the company's currency at the POS
    order's rate: the order keeps that total and its kind from its lines
    (``pos.order.client_base_amount_untaxed``, ``client_base_purchase_kind``),
    and an order with no such line is no purchase."""

    _inherit = "client.base.purchase"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "pos.order": [
            "state", "date_order", "company_id", "partner_id", "user_id",
            "crm_team_id", "currency_rate", "name", "account_move",
            "client_base_amount_untaxed", "client_base_purchase_kind",
        ],
    }  # fmt: skip

    channel = fields.Selection(
        selection_add=[("pos", "Point of Sale")], ondelete={"pos": "cascade"}
    )

    def init(self):
        if not self.env.context.get("client_base_pos_uninstall"):
            self.env["pos.order"]._client_base_init_purchase_columns()
        return super().init()

    @api.model
    def _purchase_sources(self):
        if self.env.context.get("client_base_pos_uninstall"):
            return super()._purchase_sources()
        return [*super()._purchase_sources(), (None, self._pos_purchase_query)]

    @api.model
    def _pos_order_where(self, company=None):
        """SQL: the POS orders ``po`` that are purchases."""
        return SQL(
            "po.state IN ('paid', 'done', 'invoiced') AND %s AND %s",
            SQL("po.company_id = %s", company.id) if company else SQL("TRUE"),
            self._client_condition(SQL("partner.commercial_partner_id")),
        )

    @api.model
    def _pos_line_where(self):
        """SQL: the POS lines ``line`` that are bought at the till, not the
        settlement of a sale order."""
        return SQL("line.sale_order_line_id IS NULL")

    @api.model
    def _pos_purchase_query(self, company=None):
        # one row per order, its amount and kind kept on the order from its
        # lines (pos.order's client_base_* fields): a plain join, which a
        # filter on the client, the company or the date reaches through the
        # order's own indexes
        return SQL(
            """
            SELECT po.id * %(sources)s + %(code)s AS id, po.name, po.company_id,
                   company.currency_id, partner.commercial_partner_id AS partner_id,
                   po.partner_id AS order_partner_id, po.user_id,
                   po.crm_team_id AS team_id, po.date_order AS date, %(day)s AS day,
                   extract(hour FROM %(local)s)::int AS hour,
                   po.client_base_amount_untaxed
                       / COALESCE(NULLIF(po.currency_rate, 0), 1) AS amount,
                   NULL::numeric AS margin,
                   po.client_base_purchase_kind = 'purchase' AS counted,
                   'pos' AS channel, 'pos.order' AS res_model, po.id AS res_id
              FROM pos_order po
              JOIN res_partner partner ON partner.id = po.partner_id
              JOIN res_company company ON company.id = po.company_id
             WHERE po.client_base_purchase_kind IS NOT NULL AND %(where)s
            """,
            sources=SOURCES,
            code=SOURCE_POS,
            day=self._local_day_sql(SQL("po.date_order")),
            local=self._local_sql(SQL("po.date_order")),
            where=self._pos_order_where(company),
        )

    @api.model
    def _where_invoice_purchase(self, company=None):
        if self.env.context.get("client_base_pos_uninstall"):
            return super()._where_invoice_purchase(company)
        # an invoiced POS order is counted as the POS order
        return SQL(
            "%s AND NOT EXISTS (SELECT 1 FROM pos_order invoiced"
            " WHERE invoiced.account_move = move.id)",
            super()._where_invoice_purchase(company),
        )
