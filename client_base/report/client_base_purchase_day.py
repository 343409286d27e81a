from odoo import api, fields, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import PART_ROWS
from .client_base_grouped_parts import grouped_parts

# the summaries by period kept beside the days, finest first: (table, the
# column of the period's first day, named after its unit)
PERIOD_TABLES = (
    ("client_base_purchase_month", "month"),
    ("client_base_purchase_year", "year"),
)
# the date granularities whose groups a summary by period gives: its periods
# fall within theirs
PERIOD_GRANULARITIES = {
    "month": {"month", "quarter", "year"},
    "year": {"year"},
}
# what a group of days read from a summary by period may filter on, group by
# and sum: the client and the company, the days' period, their sums
PERIOD_FILTERED = {"partner_id", "company_id"}
PERIOD_AGGREGATES = {"__count", "orders:sum", "amount:sum"}


class ClientBasePurchaseDay(models.Model):
    """Purchases summed per client, company and day: the summary that the
    statuses, the base health views and the predictions read instead of
    every document behind them.

    Kept equal to ``client.base.purchase`` grouped by company, client and day
    (``orders``: the purchases that are purchase occasions, refunds left out;
    ``amount`` and ``margin``: all of them, refunds lowering them) by the
    writes that change a purchase: the documents and partners that
    ``client.base.purchase`` depends on compute the days of the clients they
    touch anew, in one statement per write (``client.base.purchase.source``),
    in the write's own transaction and savepoint; a read of the summary
    writes this transaction's pending changes of those documents first, as
    Odoo flushes before it reads. Installing or removing a source of purchases (a
    bridge addon), or a company changing its basis or time zone, rebuilds
    them; a daily job checks them against the documents and repairs a
    difference (a document changed by SQL). Reading never writes here.

    Beside it, and kept by the same writes right after it, the table
    ``client_base_purchase_client``: one row per client and company with its
    first and last purchase day (purchase occasions only), its purchase
    occasions and amount in all, and ``months``, bit *d* set when the client
    bought *d* months after the month of its first purchase (up to 62). The
    health reports read per client there what they would otherwise compute
    from every day of every client on each request. And the table
    ``client_base_purchase_month``: the days summed per client, company and
    month (``id``, ``partner_id``, ``company_id``, ``month`` (its first
    day), ``orders``, ``amount``, ``days``: the purchase days summed), what
    the month-by-month reports group; and ``client_base_purchase_year``, the
    months summed likewise per year (``year``: its first day), what the
    year-by-year reports read. A pivot of the days by month, quarter or year
    (by client and company, without a condition on the day) reads them too.
    """

    _name = "client.base.purchase.day"
    _inherit = "client.base.grouped.parts"
    _description = "Client Purchases by Day"
    _log_access = False
    _order = "day desc, id desc"
    _rec_name = "day"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # found by client through the unique index, which starts with it
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, readonly=True, ondelete="cascade"
    )
    day = fields.Date(
        required=True,
        readonly=True,
        help="The purchases' day in the company's time zone.",
    )
    orders = fields.Integer(
        string="Purchases",
        readonly=True,
        help="Purchase occasions of the day; refunds are not counted.",
    )
    amount = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Untaxed, in the company's currency; refunds lower it.",
    )
    margin = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="Gross margin in the company's currency, where Odoo knows it.",
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "client_day_unique",
            "UNIQUE (partner_id, company_id, day)",
            "A client has one summary per company and day.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS client_base_purchase_client (
                    partner_id integer NOT NULL
                        REFERENCES res_partner(id) ON DELETE CASCADE,
                    company_id integer NOT NULL
                        REFERENCES res_company(id) ON DELETE CASCADE,
                    first_day date,
                    last_day date,
                    orders integer NOT NULL,
                    amount numeric,
                    months bigint NOT NULL,
                    PRIMARY KEY (partner_id, company_id)
                )
                """
            )
        )
        for table, column in PERIOD_TABLES:
            self.env.cr.execute(
                SQL(
                    """
                    CREATE TABLE IF NOT EXISTS %(table)s (
                        id bigserial PRIMARY KEY,
                        partner_id integer NOT NULL
                            REFERENCES res_partner(id) ON DELETE CASCADE,
                        company_id integer NOT NULL
                            REFERENCES res_company(id) ON DELETE CASCADE,
                        %(period)s date NOT NULL,
                        orders integer NOT NULL,
                        amount numeric,
                        days integer NOT NULL DEFAULT 0,
                        UNIQUE (partner_id, company_id, %(period)s)
                    );
                    ALTER TABLE %(table)s
                        ADD COLUMN IF NOT EXISTS days integer NOT NULL DEFAULT 0;
                    CREATE INDEX IF NOT EXISTS %(index)s ON %(table)s (%(period)s)
                    """,
                    table=SQL.identifier(table),
                    period=SQL.identifier(column),
                    index=SQL.identifier(f"{table}_{column}_index"),
                )
            )
        # built from the days where they are missing (the module upgraded)
        self._client_base_refresh_summaries(lambda alias: SQL("TRUE"))

    # -- keeping it in line ---------------------------------------------------
    @api.model
    def _client_base_refresh_clients(self, client_ids):
        """Compute these commercial partners' purchase days anew (in every
        company), now: what a write that changes their purchases calls,
        within its own transaction and savepoint."""
        client_ids = sorted({client_id for client_id in client_ids if client_id})
        if client_ids:
            self._client_base_refresh(client_ids=client_ids)

    @api.model
    def _client_base_flush_sources(self):
        """Write this transaction's pending changes of what purchases are
        computed from (``client.base.purchase``'s dependencies)."""
        for model_name, field_names in self.env[
            "client.base.purchase"
        ]._depends.items():
            self.env[model_name].flush_model(field_names)

    @api.model
    def _client_base_refresh(self, company=None, client_ids=None):
        """One statement: the purchase days of ``client_ids`` (in every
        company) or of ``company`` (all its clients), or of the whole base
        (neither), computed from ``client.base.purchase`` and written where
        they differ; days that have no purchase left are deleted. Returns
        the number of rows written or deleted."""
        Purchase = self.env["client.base.purchase"]

        def scope(alias):
            if client_ids is not None:
                return SQL(
                    "%s = ANY(%s)",
                    SQL.identifier(alias, "partner_id"),
                    list(client_ids),
                )
            if company is not None:
                return SQL("%s = %s", SQL.identifier(alias, "company_id"), company.id)
            return SQL("TRUE")

        self.env.cr.execute(
            SQL(
                """
                WITH fresh AS (
                    SELECT purchase.company_id, purchase.partner_id, purchase.day,
                           count(*) FILTER (WHERE purchase.counted) AS orders,
                           sum(purchase.amount) AS amount,
                           sum(purchase.margin) AS margin
                      FROM (%(purchases)s) purchase
                     WHERE purchase.partner_id IS NOT NULL
                       AND purchase.day IS NOT NULL
                       AND %(purchase_scope)s
                     GROUP BY 1, 2, 3
                ),
                -- what differs, in one pass over both (a hash join): rows to
                -- add (no summary yet), to change, and gone (no purchase left)
                diff AS (
                    SELECT summary.id AS summary_id, fresh.partner_id IS NULL AS gone,
                           fresh.company_id, fresh.partner_id, fresh.day,
                           fresh.orders, fresh.amount, fresh.margin
                      FROM fresh
                      FULL JOIN (
                          SELECT * FROM client_base_purchase_day summary
                           WHERE %(summary_scope)s
                      ) summary
                        ON summary.partner_id = fresh.partner_id
                       AND summary.company_id = fresh.company_id
                       AND summary.day = fresh.day
                     WHERE summary.id IS NULL OR fresh.partner_id IS NULL
                        OR (summary.orders, summary.amount, summary.margin)
                           IS DISTINCT FROM (fresh.orders, fresh.amount, fresh.margin)
                ),
                gone AS (
                    DELETE FROM client_base_purchase_day summary
                     USING diff
                     WHERE summary.id = diff.summary_id AND diff.gone
                    RETURNING 1
                ),
                changed AS (
                    UPDATE client_base_purchase_day summary
                       SET orders = diff.orders, amount = diff.amount,
                           margin = diff.margin
                      FROM diff
                     WHERE summary.id = diff.summary_id AND NOT diff.gone
                    RETURNING 1
                ),
                added AS (
                    INSERT INTO client_base_purchase_day AS summary
                           (company_id, partner_id, day, orders, amount, margin)
                    SELECT company_id, partner_id, day, orders, amount, margin
                      FROM diff
                     WHERE diff.summary_id IS NULL
                    -- a concurrent transaction's row for the same day: a
                    -- serialization failure at Odoo's isolation, retried
                    ON CONFLICT (partner_id, company_id, day) DO UPDATE
                       SET orders = EXCLUDED.orders, amount = EXCLUDED.amount,
                           margin = EXCLUDED.margin
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM changed)
                       + (SELECT count(*) FROM added)
                """,
                purchases=Purchase._purchase_query(company),
                purchase_scope=scope("purchase"),
                summary_scope=scope("summary"),
            )
        )
        changed = self.env.cr.fetchone()[0]
        if changed:
            self.invalidate_model(flush=False)
            self._client_base_refresh_summaries(scope)
        return changed

    @api.model
    def _client_base_refresh_summaries(self, scope):
        """The summaries kept beside the days, by client and by month, of
        the clients in ``scope`` (``alias -> SQL`` condition on a row with
        ``partner_id`` and ``company_id``) computed from their days anew."""
        self._client_base_refresh_summary_clients(scope)
        self._client_base_refresh_summary_periods(scope)

    @api.model
    def _client_base_refresh_summary_periods(self, scope):
        """The rows of ``client_base_purchase_month`` in ``scope`` computed
        from their days, then those of ``client_base_purchase_year`` from
        their months, each in one statement, written where they differ;
        periods with nothing left are deleted."""
        source, source_column = "client_base_purchase_day", "day"
        for table, column in PERIOD_TABLES:
            self._client_base_refresh_summary_period(
                scope, table, column, source, source_column
            )
            source, source_column = table, column

    @api.model
    def _client_base_refresh_summary_period(
        self, scope, table, column, source, source_column
    ):
        """One statement: the rows of the summary ``table`` (its period's
        first day in ``column``, the unit its name) in ``scope``, summed from
        the finer summary ``source`` by its ``source_column``."""
        period = SQL.identifier("period_row", column)
        self.env.cr.execute(
            SQL(
                """
                WITH fresh AS (
                    SELECT summary.partner_id, summary.company_id,
                           date_trunc(%(unit)s, %(source_period)s)::date AS period,
                           sum(summary.orders) AS orders,
                           sum(summary.amount) AS amount, %(days)s AS days
                      FROM %(source)s summary
                     WHERE %(source_scope)s
                     GROUP BY 1, 2, 3
                ),
                diff AS (
                    SELECT period_row.id AS period_id,
                           fresh.partner_id IS NULL AS gone,
                           fresh.partner_id, fresh.company_id, fresh.period,
                           fresh.orders, fresh.amount, fresh.days
                      FROM fresh
                      FULL JOIN (
                          SELECT * FROM %(table)s period_row
                           WHERE %(period_scope)s
                      ) period_row
                        ON period_row.partner_id = fresh.partner_id
                       AND period_row.company_id = fresh.company_id
                       AND %(period)s = fresh.period
                     WHERE period_row.id IS NULL OR fresh.partner_id IS NULL
                        OR (period_row.orders, period_row.amount, period_row.days)
                           IS DISTINCT FROM (fresh.orders, fresh.amount, fresh.days)
                ),
                gone AS (
                    DELETE FROM %(table)s period_row
                     USING diff
                     WHERE period_row.id = diff.period_id AND diff.gone
                ),
                changed AS (
                    UPDATE %(table)s period_row
                       SET orders = diff.orders, amount = diff.amount,
                           days = diff.days
                      FROM diff
                     WHERE period_row.id = diff.period_id AND NOT diff.gone
                )
                INSERT INTO %(table)s AS period_row
                       (partner_id, company_id, %(column)s, orders, amount, days)
                SELECT partner_id, company_id, period, orders, amount, days
                  FROM diff
                 WHERE diff.period_id IS NULL
                -- a concurrent transaction's row for the same period
                ON CONFLICT (partner_id, company_id, %(column)s) DO UPDATE
                   SET orders = EXCLUDED.orders, amount = EXCLUDED.amount,
                       days = EXCLUDED.days
                """,
                unit=column,
                # the days of a month, the months' days of a year
                days=SQL("count(*)")
                if source == self._table
                else SQL("sum(summary.days)"),
                source_period=SQL.identifier("summary", source_column),
                source=SQL.identifier(source),
                source_scope=scope("summary"),
                table=SQL.identifier(table),
                column=SQL.identifier(column),
                period=period,
                period_scope=scope("period_row"),
            )
        )

    @api.model
    def _client_base_refresh_summary_clients(self, scope):
        """One statement: the rows of ``client_base_purchase_client`` in
        ``scope`` (``alias -> SQL`` condition on a row with ``partner_id``
        and ``company_id``), computed from their days and written where
        they differ."""
        self.env.cr.execute(
            SQL(
                """
                WITH days AS (
                    SELECT summary.partner_id, summary.company_id, summary.day,
                           summary.orders, summary.amount,
                           (date_part('year', summary.day) * 12
                               + date_part('month', summary.day))::int AS month_index
                      FROM client_base_purchase_day summary
                     WHERE %(day_scope)s
                ),
                firsts AS (
                    SELECT days.*,
                           min(month_index) FILTER (WHERE orders > 0)
                               OVER (PARTITION BY partner_id, company_id)
                               AS first_index
                      FROM days
                ),
                fresh AS (
                    SELECT partner_id, company_id,
                           min(day) FILTER (WHERE orders > 0) AS first_day,
                           max(day) FILTER (WHERE orders > 0) AS last_day,
                           COALESCE(sum(orders), 0) AS orders, sum(amount) AS amount,
                           COALESCE(bit_or(1::bigint
                               << LEAST(month_index - first_index, 62))
                               FILTER (WHERE orders > 0), 0) AS months
                      FROM firsts
                     GROUP BY partner_id, company_id
                ),
                -- the clients in scope: those of its days, or known here
                -- with no day left
                scoped AS (
                    SELECT client.partner_id, client.company_id
                      FROM client_base_purchase_client client
                     WHERE %(client_scope)s
                ),
                diff AS (
                    SELECT COALESCE(fresh.partner_id, scoped.partner_id) AS partner_id,
                           COALESCE(fresh.company_id, scoped.company_id) AS company_id,
                           fresh.partner_id IS NULL AS gone,
                           fresh.first_day, fresh.last_day, fresh.orders,
                           fresh.amount, fresh.months
                      FROM fresh
                      FULL JOIN scoped
                        ON scoped.partner_id = fresh.partner_id
                       AND scoped.company_id = fresh.company_id
                ),
                gone AS (
                    DELETE FROM client_base_purchase_client client
                     USING diff
                     WHERE diff.gone AND client.partner_id = diff.partner_id
                       AND client.company_id = diff.company_id
                )
                INSERT INTO client_base_purchase_client AS client
                       (partner_id, company_id, first_day, last_day, orders,
                        amount, months)
                SELECT partner_id, company_id, first_day, last_day, orders,
                       amount, months
                  FROM diff
                 WHERE NOT diff.gone
                ON CONFLICT (partner_id, company_id) DO UPDATE
                   SET first_day = EXCLUDED.first_day,
                       last_day = EXCLUDED.last_day, orders = EXCLUDED.orders,
                       amount = EXCLUDED.amount, months = EXCLUDED.months
                 WHERE (client.first_day, client.last_day, client.orders,
                        client.amount, client.months)
                       IS DISTINCT FROM (EXCLUDED.first_day, EXCLUDED.last_day,
                        EXCLUDED.orders, EXCLUDED.amount, EXCLUDED.months)
                """,
                day_scope=scope("summary"),
                client_scope=scope("client"),
            )
        )

    @api.model
    def _cron_client_base_check(self):
        """The daily check: every company's purchase days against its
        documents, repaired where a document was changed around the ORM (or
        two transactions changed one client's purchases at once, each blind
        to the other's change)."""
        Company = self.env["res.company"].with_context(active_test=False)
        for company in Company.search([]):
            if not self._client_base_refresh(company=company):
                # the days are right, and the summaries by client and month
                # are checked against them all the same: two transactions
                # writing days of one client at once each summed only their own
                self._client_base_refresh_summaries(
                    lambda alias, company=company: SQL(
                        "%s = %s", SQL.identifier(alias, "company_id"), company.id
                    )
                )

    # -- reading it -----------------------------------------------------------
    def flush_model(self, fnames=None):
        # a report built on the summary flushes it: the documents' changes
        # still in the cache are written first, which computes their clients'
        # days (nothing is written when nothing changed)
        self._client_base_flush_sources()
        return super().flush_model(fnames)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._client_base_flush_sources()
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if period := grouped_parts(self.env):
            # the days' groups summed from the summary by period
            table, column = period
            query._tables[query.table] = SQL(
                "(SELECT id, partner_id, company_id, %s AS day, orders, amount,"
                " days AS %s FROM %s)",
                SQL.identifier(column),
                SQL.identifier(PART_ROWS),
                SQL.identifier(table),
            )
        return query

    @api.model
    def _client_base_period_table(self, domain, groupby, aggregates):
        """``(table, column)`` of the coarsest summary by period
        (``PERIOD_TABLES``) whose rows give the groups of these days as
        ``_read_group(domain, groupby, aggregates)`` groups them: grouped by
        client, company and the day's month, quarter or year, summing their
        purchases and amounts, and filtered (the domain and the user's record
        rules) on the client and the company only; else None."""
        granularities = set()
        for spec in groupby:
            fname, property_name, granularity = parse_read_group_spec(spec)
            if fname == "day" and granularity and not property_name:
                granularities.add(granularity)
            elif fname not in PERIOD_FILTERED or granularity or property_name:
                return None
        if not set(aggregates) <= PERIOD_AGGREGATES:
            return None
        rules = self.env["ir.rule"]._compute_domain(self._name, "read") or []
        for leaf in [*expression.normalize_domain(domain), *rules]:
            if not expression.is_leaf(leaf) or leaf in (
                expression.TRUE_LEAF, expression.FALSE_LEAF,
            ):  # fmt: skip
                continue
            if str(leaf[0]).split(".", 1)[0] not in PERIOD_FILTERED:
                return None
        for table, column in reversed(PERIOD_TABLES):
            if granularities <= PERIOD_GRANULARITIES[column]:
                return table, column
        return None

    @api.model
    def _client_base_grouped_parts(self, domain, groupby, aggregates):
        # a pivot of every client's days by year read from one row per client
        # and year, when those rows give the same groups
        return self._client_base_period_table(domain, groupby, aggregates)
