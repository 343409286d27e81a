"""The floors the benchmarks measure against: bare SQL over the same rows."""

from odoo.tools import SQL


def purchases_by_month_sql(env, company):
    """Revenue by month over the company's confirmed order lines and, with
    Odoo's Point of Sale, the till's: what every report aggregating all
    purchases reads at the least."""
    till = SQL(
        """
        UNION ALL
        SELECT po.date_order, l.price_subtotal
          FROM pos_order po
          JOIN pos_order_line l ON l.order_id = po.id
         WHERE po.state IN ('paid', 'done', 'invoiced') AND po.company_id = %s
        """,
        company.id,
    ) if "pos.order" in env else SQL()  # fmt: skip
    return SQL(
        """
        SELECT date_trunc('month', day), SUM(amount) FROM (
            SELECT so.date_order AS day, l.price_subtotal AS amount
              FROM sale_order so
              JOIN sale_order_line l ON l.order_id = so.id
             WHERE so.state = 'sale' AND so.company_id = %s
            %s
        ) lines GROUP BY 1
        """,
        company.id, till,
    )  # fmt: skip
