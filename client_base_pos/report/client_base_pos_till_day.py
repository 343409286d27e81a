from odoo import api, fields, models
from odoo.tools import SQL

# what a sale at the till is counted from here
TILL_FIELDS = (
    "state",
    "date_order",
    "company_id",
    "partner_id",
    "session_id",
    "currency_rate",
    "client_base_amount_untaxed",
    "client_base_purchase_kind",
)


class ClientBasePosTillDay(models.Model):
    """The till's sales summed per company, shop and day, those of identified
    clients apart from the rest: what card penetration reads instead of
    every sale at the till.

    A row per company, shop (``pos.config``), day in the company's time zone
    and ``identified`` (the customer may be a client, as purchases say:
    ``client.base.purchase._client_condition``): the revenue (untaxed, in the
    company's currency at the order's rate, refunds lowering it, lines
    settling a sale order left out) and the sales (refunds not counted).

    Kept in line by the writes that change it, in their own transaction: a
    POS order's fields computes its shop's day anew, before and after the
    write (``pos.order``); a change of who may be a client (a partner, a
    user, a company) the days of the sales of the clients it touches; the
    company's purchase days rebuilt (installation, a change of its time
    zone, the daily check) its whole till. Reading never writes here: a
    read writes this transaction's pending changes of the documents first,
    as Odoo flushes before it reads."""

    _name = "client.base.pos.till.day"
    _description = "Till Sales by Shop and Day"
    _log_access = False
    _order = "day desc, shop_id"
    _rec_name = "day"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    shop_id = fields.Many2one(
        "pos.config", required=True, readonly=True, ondelete="cascade"
    )
    day = fields.Date(
        required=True, readonly=True, help="The sales' day in the company's time zone."
    )
    identified = fields.Boolean(
        string="Identified Client", readonly=True, help="Sales to clients of the base."
    )
    amount = fields.Monetary(
        string="Revenue", readonly=True, currency_field="currency_id"
    )
    orders = fields.Integer(
        string="Sales", readonly=True, help="Refunds are not counted."
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "shop_day_unique",
            "UNIQUE (shop_id, day, identified, company_id)",
            "A shop has one summary per company, day and kind of customer.",
        ),
    ]

    def init(self):
        # the orders' purchase columns are read here: made first where the
        # module is installed (pos.order may be set up after this model)
        self.env["pos.order"]._client_base_init_purchase_columns()
        self._client_base_refresh()

    # -- keeping it in line ---------------------------------------------------
    @api.model
    def _client_base_keys_sql(self, orders_where):
        """SQL: the (company, shop, day) of the POS orders ``po`` matching
        ``orders_where``."""
        return SQL(
            """
            SELECT DISTINCT po.company_id, session.config_id, %(day)s
              FROM pos_order po
              JOIN pos_session session ON session.id = po.session_id
              JOIN res_company company ON company.id = po.company_id
             WHERE %(where)s
            """,
            day=self.env["client.base.purchase"]._local_day_sql(SQL("po.date_order")),
            where=orders_where,
        )

    @api.model
    def _client_base_keys(self, orders_where):
        self.env.cr.execute(self._client_base_keys_sql(orders_where))
        return set(self.env.cr.fetchall())

    @api.model
    def _client_base_refresh_clients(self, client_ids):
        """Compute anew the days of the shops where these commercial partners
        (or their contacts) bought: who may be a client changed for them."""
        client_ids = sorted({client_id for client_id in client_ids if client_id})
        if not client_ids:
            return
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self._client_base_refresh(
            keys=self._client_base_keys(
                SQL(
                    "po.partner_id IN (SELECT id FROM res_partner"
                    " WHERE commercial_partner_id = ANY(%s))",
                    client_ids,
                )
            )
        )

    @api.model
    def _client_base_refresh(self, company=None, keys=None):
        """One statement: the rows of ``keys`` ((company id, shop id, day)
        tuples), or of ``company``'s till, or of every till (neither),
        computed from the POS orders and written where they differ; rows
        with no sale left are deleted. Returns the number of rows written or
        deleted."""
        if keys is not None and not keys:
            return 0
        Purchase = self.env["client.base.purchase"]
        local_day = Purchase._local_day_sql(SQL("po.date_order"))
        if keys is not None:
            companies, shops, days = zip(*sorted(keys), strict=True)
            # each key's orders found by the index on their date: a day
            # either side of the company's local day
            key_join = SQL(
                """
                JOIN (SELECT * FROM unnest(%s::int[], %s::int[], %s::date[])
                        AS k(company_id, shop_id, day)) scope
                  ON scope.company_id = po.company_id
                 AND po.date_order >= scope.day - 1
                 AND po.date_order < scope.day + 2
                 AND scope.shop_id = session.config_id
                 AND scope.day = %s
                """,
                list(companies), list(shops), list(days), local_day,
            )  # fmt: skip
            summary_scope = SQL(
                "(summary.company_id, summary.shop_id, summary.day) IN"
                " (SELECT * FROM unnest(%s::int[], %s::int[], %s::date[]))",
                list(companies), list(shops), list(days),
            )  # fmt: skip
            order_scope = SQL("TRUE")
        else:
            key_join = SQL()
            summary_scope = (
                SQL("summary.company_id = %s", company.id) if company else SQL("TRUE")
            )
            order_scope = (
                SQL("po.company_id = %s", company.id) if company else SQL("TRUE")
            )
        self.env.cr.execute(
            SQL(
                """
                WITH fresh AS (
                    SELECT po.company_id, session.config_id AS shop_id,
                           %(day)s AS day, client.id IS NOT NULL AS identified,
                           SUM(po.client_base_amount_untaxed
                               / COALESCE(NULLIF(po.currency_rate, 0), 1)) AS amount,
                           COUNT(*) FILTER (
                               WHERE po.client_base_purchase_kind != 'refund'
                           ) AS orders
                      FROM pos_order po
                      JOIN pos_session session ON session.id = po.session_id
                      JOIN res_company company ON company.id = po.company_id
                      %(key_join)s
                      LEFT JOIN res_partner client
                        ON client.id = po.partner_id
                       AND %(may_be_client)s
                     WHERE po.client_base_purchase_kind IS NOT NULL
                       AND po.state IN ('paid', 'done', 'invoiced')
                       AND %(order_scope)s
                     GROUP BY 1, 2, 3, 4
                ),
                diff AS (
                    SELECT summary.id AS summary_id, fresh.shop_id IS NULL AS gone,
                           fresh.company_id, fresh.shop_id, fresh.day,
                           fresh.identified, fresh.amount, fresh.orders
                      FROM fresh
                      FULL JOIN (
                          SELECT * FROM client_base_pos_till_day summary
                           WHERE %(summary_scope)s
                      ) summary
                        ON summary.company_id = fresh.company_id
                       AND summary.shop_id = fresh.shop_id
                       AND summary.day = fresh.day
                       AND summary.identified = fresh.identified
                     WHERE summary.id IS NULL OR fresh.shop_id IS NULL
                        OR (summary.amount, summary.orders)
                           IS DISTINCT FROM (fresh.amount, fresh.orders)
                ),
                gone AS (
                    DELETE FROM client_base_pos_till_day summary
                     USING diff
                     WHERE summary.id = diff.summary_id AND diff.gone
                    RETURNING 1
                ),
                changed AS (
                    UPDATE client_base_pos_till_day summary
                       SET amount = diff.amount, orders = diff.orders
                      FROM diff
                     WHERE summary.id = diff.summary_id AND NOT diff.gone
                    RETURNING 1
                ),
                added AS (
                    INSERT INTO client_base_pos_till_day AS summary
                           (company_id, shop_id, day, identified, amount, orders)
                    SELECT company_id, shop_id, day, identified, amount, orders
                      FROM diff
                     WHERE diff.summary_id IS NULL
                    -- a concurrent transaction's row for the same day: a
                    -- serialization failure at Odoo's isolation, retried
                    ON CONFLICT (shop_id, day, identified, company_id) DO UPDATE
                       SET amount = EXCLUDED.amount, orders = EXCLUDED.orders
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM changed)
                       + (SELECT count(*) FROM added)
                """,
                day=local_day,
                key_join=key_join,
                may_be_client=Purchase._client_condition(
                    SQL("client.commercial_partner_id")
                ),
                order_scope=order_scope,
                summary_scope=summary_scope,
            )
        )
        changed = self.env.cr.fetchone()[0]
        if changed:
            self.invalidate_model(flush=False)
        return changed

    # -- reading it -----------------------------------------------------------
    @api.model
    def _client_base_flush_sources(self):
        """Write this transaction's pending changes of the POS orders and of
        who may be a client."""
        self.env["pos.order"].flush_model(TILL_FIELDS)
        self.env["client.base.purchase.day"]._client_base_flush_sources()

    def flush_model(self, fnames=None):
        self._client_base_flush_sources()
        return super().flush_model(fnames)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._client_base_flush_sources()
        return super()._search(domain, offset=offset, limit=limit, order=order)
