from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from ..report.client_base_pos_till_day import TILL_FIELDS


class PosOrder(models.Model):
    """A POS order with a customer is a purchase (``client.base.purchase``):
    what it brings is kept on the order, so that purchases read one row per
    order instead of summing its lines on every read."""

    _name = "pos.order"
    _inherit = ["pos.order", "client.base.purchase.source"]  # noqa: RUF012

    client_base_purchase_kind = fields.Selection(
        [("purchase", "Purchase"), ("refund", "Refund")],
        string="Counts As",
        compute="_compute_client_base_purchase",
        store=True,
        readonly=True,
        help="What the order is among the customer's purchases: a purchase, "
        "or a refund, which lowers the amount and is no purchase occasion; "
        "nothing when all its lines settle sale orders (those count through "
        "the sale order).",
    )
    client_base_amount_untaxed = fields.Monetary(
        string="Amount Bought at the Till",
        compute="_compute_client_base_purchase",
        store=True,
        readonly=True,
        currency_field="currency_id",
        help="Untaxed total of the lines bought at the till, in the order's "
        "currency: the lines settling a sale order are left out.",
    )

    def _auto_init(self):
        self._client_base_init_purchase_columns()
        return super()._auto_init()

    @api.model
    def _client_base_init_purchase_columns(self):
        """Create both purchase columns where they are missing (the module
        installed), filled for the orders already there in one statement
        instead of computed by the ORM order by order. Called by the
        purchases' view too, which reads them and is set up first."""
        cr = self.env.cr
        if not column_exists(cr, self._table, "client_base_purchase_kind"):
            create_column(cr, self._table, "client_base_purchase_kind", "varchar")
            create_column(cr, self._table, "client_base_amount_untaxed", "numeric")
            self._client_base_fill_purchase_columns(SQL("TRUE"))

    def _client_base_own_lines(self):
        """The lines bought at the till: the Python twin of
        ``client.base.purchase._pos_line_where``."""
        return self.lines.filtered(lambda line: not line.sale_order_line_id)

    # through a field of the settled and the refunded line: a line deleted
    # clears the link in the database (ON DELETE SET NULL), which the ORM
    # follows only from the deleted record's own fields
    @api.depends(
        "lines.price_subtotal",
        "lines.sale_order_line_id.order_id",
        "lines.refunded_orderline_id.order_id",
    )
    def _compute_client_base_purchase(self):
        for order in self:
            lines = order._client_base_own_lines()
            order.client_base_amount_untaxed = sum(lines.mapped("price_subtotal"))
            if not lines:
                order.client_base_purchase_kind = False
            elif lines.filtered("refunded_orderline_id"):
                order.client_base_purchase_kind = "refund"
            else:
                order.client_base_purchase_kind = "purchase"

    @api.model
    def _client_base_fill_purchase_columns(self, where):
        """Write both purchase columns of the orders ``po`` matching ``where``
        (SQL) from their lines, in one statement: for orders written around
        the ORM (installation, generated data)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE pos_order po
                   SET client_base_amount_untaxed = COALESCE(own.amount, 0),
                       client_base_purchase_kind = CASE
                           WHEN own.order_id IS NULL THEN NULL
                           WHEN own.refund THEN 'refund' ELSE 'purchase' END
                  FROM pos_order target
                  LEFT JOIN (
                      SELECT line.order_id, SUM(line.price_subtotal) AS amount,
                             bool_or(line.refunded_orderline_id IS NOT NULL) AS refund
                        FROM pos_order_line line
                       WHERE %(lines)s
                       GROUP BY line.order_id
                  ) own ON own.order_id = target.id
                 WHERE target.id = po.id AND %(where)s
                """,
                lines=self.env["client.base.purchase"]._pos_line_where(),
                where=where,
            )
        )

    # -- the till's summary by shop and day ------------------------------------
    def _client_base_till_keys(self):
        """The (company, shop, day) of the till's summary these orders count
        in now."""
        if not self.ids:
            return set()
        return self.env["client.base.pos.till.day"]._client_base_keys(
            SQL("po.id = ANY(%s)", list(self.ids))
        )

    @api.model
    def _create(self, data_list):
        orders = super()._create(data_list)
        self.env["client.base.pos.till.day"]._client_base_refresh(
            keys=orders._client_base_till_keys()
        )
        return orders

    def _write_multi(self, vals_list):
        if not (
            self and any(name in vals for vals in vals_list for name in TILL_FIELDS)
        ):
            super()._write_multi(vals_list)
            return
        before = self._client_base_till_keys()
        super()._write_multi(vals_list)
        self.env["client.base.pos.till.day"]._client_base_refresh(
            keys=before | self._client_base_till_keys()
        )

    def unlink(self):
        self.env.flush_all()
        before = self._client_base_till_keys()
        res = super().unlink()
        self.env["client.base.pos.till.day"]._client_base_refresh(keys=before)
        return res

    def _client_base_purchase_clients_sql(self):
        # an invoiced POS order counts instead of its invoice: the invoice's
        # client too, whichever of the two was written first
        return SQL(
            "%s UNION SELECT move.commercial_partner_id FROM pos_order po"
            " JOIN account_move move ON move.id = po.account_move"
            " WHERE po.id = ANY(%s)",
            super()._client_base_purchase_clients_sql(),
            list(self.ids),
        )

    def action_pos_order_paid(self):
        # a paid POS order (or refund) is a purchase: the customer's status
        # follows at once, as after a sale order's confirmation
        res = super().action_pos_order_paid()
        self._client_base_refresh_status("order")
        for order in self.filtered("partner_id"):
            # whatever the basis: a purchase at the till is one
            self.env["res.partner"]._client_questionnaire_at_first_purchase(
                order.company_id, order.partner_id
            )
        return res

    def _client_base_refresh_status(self, cause):
        """Recompute the status of these orders' customers, per company."""
        Partner = self.env["res.partner"]
        orders = self.filtered("partner_id")
        for company in orders.company_id:
            Partner._client_base_refresh_status(
                company,
                cause=cause,
                partner_ids=orders.filtered(
                    lambda order, company=company: order.company_id == company
                ).partner_id.commercial_partner_id.ids,
            )
