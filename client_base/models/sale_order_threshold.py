# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount


class SaleOrder(models.Model):
    """Minimum order thresholds (client.base.order.threshold): which rule covers
    a quotation, whether it is the client's first order, the check at
    confirmation and what it records for the statistics."""

    _inherit = "sale.order"

    # Minimum order thresholds (client.base.order.threshold), for quotations.
    client_threshold_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Minimum Order Currency"
    )

    client_threshold_rule_id = fields.Many2one(
        "client.base.order.threshold",
        string="Minimum Order Rule",
        compute="_compute_client_threshold",
    )

    client_threshold = fields.Monetary(
        string="Minimum Order",
        compute="_compute_client_threshold",
        currency_field="client_threshold_currency_id",
    )

    client_threshold_order_amount = fields.Monetary(
        string="Amount Counted",
        compute="_compute_client_threshold",
        currency_field="client_threshold_currency_id",
        help="Untaxed, discounts and rewards included, delivery and down payments "
        "excluded, in company currency at the order's rate.",
    )

    client_threshold_gap = fields.Monetary(
        string="Missing Amount",
        compute="_compute_client_threshold",
        currency_field="client_threshold_currency_id",
    )

    client_threshold_first_order = fields.Boolean(
        string="First Order", compute="_compute_client_threshold"
    )

    client_below_threshold = fields.Boolean(
        string="Below Minimum Order",
        compute="_compute_client_threshold",
        search="_search_client_below_threshold",
    )

    # Recorded when confirmed, for the managers' statistics.
    client_threshold_outcome = fields.Selection(
        [("above", "At or Above the Minimum"), ("overridden", "Overridden")],
        string="Minimum Order Outcome",
        readonly=True,
        copy=False,
        help="How the order met its minimum when confirmed; empty when no "
        "minimum order rule applied.",
    )

    client_threshold_confirmed_rule_id = fields.Many2one(
        "client.base.order.threshold",
        string="Minimum Order Rule When Confirmed",
        readonly=True,
        copy=False,
    )

    client_threshold_confirmed_first = fields.Boolean(
        string="First Order When Confirmed", readonly=True, copy=False
    )

    client_threshold_confirmed_amount = fields.Monetary(
        string="Amount Counted When Confirmed",
        currency_field="client_threshold_currency_id",
        readonly=True,
        copy=False,
    )

    client_threshold_confirmed_minimum = fields.Monetary(
        string="Minimum When Confirmed",
        currency_field="client_threshold_currency_id",
        readonly=True,
        copy=False,
    )

    client_threshold_override_ids = fields.One2many(
        "client.base.threshold.override", "order_id", string="Minimum Overrides"
    )

    @api.model
    def _client_threshold_amounts_sql(self, orders_where):
        """(order_id, amount) of the orders matching ``orders_where`` (on ``so``):
        the amount compared with the thresholds, untaxed, delivery and down
        payments excluded, in company currency at the order's rate. Set-based:
        one pass over the lines of those orders."""
        counted = SQL(
            "line.display_type IS NULL AND NOT COALESCE(line.is_downpayment, FALSE)"
        )
        if "is_delivery" in self.env["sale.order.line"]._fields:
            counted = SQL("%s AND NOT COALESCE(line.is_delivery, FALSE)", counted)
        return SQL(
            """
            SELECT so.id AS order_id,
                   COALESCE(lines.subtotal, 0)
                       / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
              FROM sale_order so
              LEFT JOIN (
                  SELECT line.order_id, SUM(line.price_subtotal) AS subtotal
                    FROM sale_order_line line
                   WHERE %(counted)s AND line.order_id IN (
                         SELECT so.id FROM sale_order so WHERE %(where)s)
                   GROUP BY line.order_id
              ) lines ON lines.order_id = so.id
             WHERE %(where)s
            """,
            counted=counted,
            where=orders_where,
        )

    @api.model
    def _client_threshold_order_columns(self):
        """Columns of the checked orders ``o`` that the rule scopes read, as SQL
        over the order ``so`` and its client ``client``."""
        return [SQL("client.client_status ->> so.company_id::text AS status")]

    @api.model
    def _client_threshold_scopes(self):
        """The scopes of a rule, from the most specific to the least, as
        (column of the rule, condition matching order ``o``); the same order as
        ``client.base.order.threshold._scope_fields()``."""
        return [
            ("partner_id", SQL("rule.partner_id = o.client_id")),
            ("pricelist_id", SQL("rule.pricelist_id = o.pricelist_id")),
            (
                "category_id",
                SQL(
                    """rule.category_id IN (
                        SELECT category_id FROM res_partner_res_partner_category_rel
                         WHERE partner_id = o.client_id)"""
                ),
            ),
            ("client_status", SQL("rule.client_status = o.status")),
        ]

    @api.model
    def _client_threshold_rule_sql(self, preview_rule_id=None):
        """The rule applying to order ``o``: the most specific, then by
        sequence. ``preview_rule_id`` counts that rule as active."""
        scopes = self._client_threshold_scopes()
        column = SQL.identifier
        return SQL(
            """
            SELECT rule.id, rule.amount_first, rule.amount_repeat
              FROM client_base_order_threshold rule
             WHERE (rule.active OR rule.id = %(preview)s)
               AND rule.company_id = o.company_id AND %(match)s
             ORDER BY %(specific)s, rule.sequence, rule.id
             LIMIT 1
            """,
            preview=preview_rule_id or 0,
            match=SQL(" AND ").join(
                SQL("(%s IS NULL OR %s)", column("rule", fname), condition)
                for fname, condition in scopes
            ),
            specific=SQL(", ").join(
                SQL("%s IS NULL", column("rule", fname)) for fname, __ in scopes
            ),
        )

    @api.model
    def _client_threshold_sql(self, orders_where, history=False, preview_rule_id=None):
        """(order id, rule id, first order?, amount, threshold, overridden?) of
        the orders matching ``orders_where`` (on ``so``), in one statement.

        Quotations (the default): an order is its client's first when the
        client has no other purchase in the company (client.base.purchase: its
        confirmed orders or its invoices, its purchases at the till) and no
        other confirmed order, a property of
        the quotation alone, whichever orders are checked with it (form, list
        filter, worklist, statistics and confirmation agree). ``history``:
        confirmed orders as they were confirmed (the threshold preview), an
        order is first when its client has no earlier confirmed order.
        """
        if history:
            first_order = SQL(
                """o.id IN (
                       SELECT DISTINCT ON (so.company_id, buyer.commercial_partner_id)
                              so.id
                         FROM sale_order so
                         JOIN res_partner buyer ON buyer.id = so.partner_id
                        WHERE so.state = 'sale'
                          AND buyer.commercial_partner_id IN (SELECT client_id FROM o)
                        ORDER BY so.company_id, buyer.commercial_partner_id,
                                 so.date_order, so.id)"""
            )
        else:
            # neither a purchase (client.base.purchase: an invoice, the till)
            # nor another confirmed order, not yet invoiced on the invoice
            # basis: a client who ordered before is no new client
            first_order = SQL(
                """NOT EXISTS (
                       SELECT 1 FROM client_base_purchase purchase
                        WHERE purchase.company_id = o.company_id
                          AND purchase.partner_id = o.client_id
                          AND purchase.counted
                          AND (purchase.res_model, purchase.res_id)
                              != ('sale.order', o.id))
                   AND NOT EXISTS (
                       SELECT 1 FROM sale_order other
                         JOIN res_partner buyer ON buyer.id = other.partner_id
                        WHERE other.state = 'sale' AND other.company_id = o.company_id
                          AND buyer.commercial_partner_id = o.client_id
                          AND other.id != o.id)"""
            )
        return SQL(
            """
            WITH o AS (
                SELECT so.id, so.company_id, so.pricelist_id, so.date_order,
                       client.id AS client_id, %(columns)s, amounts.amount
                  FROM sale_order so
                  JOIN res_partner partner ON partner.id = so.partner_id
                  JOIN res_partner client ON client.id = partner.commercial_partner_id
                  JOIN (%(amounts)s) amounts ON amounts.order_id = so.id
                 WHERE %(where)s
            )
            , checked AS (
            SELECT o.id, rule.id AS rule_id, rule.amount_first, rule.amount_repeat,
                   %(first_order)s AS first_order,
                   o.amount,
                   EXISTS (
                       SELECT 1 FROM client_base_threshold_override override
                        WHERE override.order_id = o.id
                          AND ROUND(override.amount, 2) <= ROUND(o.amount, 2)
                   ) AS overridden
              FROM o
              JOIN LATERAL (%(rule)s) rule ON TRUE
            )
            SELECT id, rule_id, first_order, amount,
                   CASE WHEN first_order THEN amount_first ELSE amount_repeat END,
                   overridden
              FROM checked
            """,
            columns=SQL(", ").join(self._client_threshold_order_columns()),
            amounts=self._client_threshold_amounts_sql(orders_where),
            where=orders_where,
            first_order=first_order,
            rule=self._client_threshold_rule_sql(preview_rule_id),
        )

    def _client_threshold_check(self):
        """{order: (rule, first order?, amount, threshold, overridden?)} for
        the orders of ``self`` that a rule covers."""
        orders = self.filtered("id")
        if not orders:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            self._client_threshold_sql(SQL("so.id IN %s", tuple(orders.ids)))
        )
        Rule = self.env["client.base.order.threshold"]
        return {
            self.browse(order_id): (Rule.browse(rule_id), *values)
            for order_id, rule_id, *values in self.env.cr.fetchall()
        }

    def _client_threshold_blocked(self, checked=None):
        """{order: (rule, first, amount, threshold)} of the orders of ``self``
        below their threshold and not overridden (from ``checked``, the result
        of ``_client_threshold_check()``, when given)."""
        if checked is None:
            checked = self._client_threshold_check()
        return {
            order: (rule, first, amount, threshold)
            for order, (rule, first, amount, threshold, overridden) in checked.items()
            if not overridden
            and order.company_id.currency_id.compare_amounts(amount, threshold) < 0
        }

    @api.depends(
        "order_line.price_subtotal",
        "partner_id",
        "pricelist_id",
        "company_id",
        "state",
        "client_threshold_outcome",
        "client_threshold_confirmed_amount",
    )
    @api.depends_context("company")
    def _compute_client_threshold(self):
        quotations = self.filtered(lambda order: order.state in ("draft", "sent"))
        checked = quotations._client_threshold_check()
        for order in self - quotations:  # as it was when confirmed
            checked[order] = (
                order.client_threshold_confirmed_rule_id,
                order.client_threshold_confirmed_first,
                order.client_threshold_confirmed_amount,
                order.client_threshold_confirmed_minimum,
                order.client_threshold_outcome == "overridden",
            )
        for order in self:
            rule, first, amount, threshold, overridden = checked.get(
                order, (False, False, 0.0, 0.0, False)
            )
            gap = max(threshold - amount, 0.0)
            order.client_threshold_rule_id = rule
            order.client_threshold_first_order = first
            order.client_threshold_order_amount = amount
            order.client_threshold = threshold
            order.client_threshold_gap = gap
            order.client_below_threshold = bool(
                rule
                and not overridden
                and order.company_id.currency_id.compare_amounts(amount, threshold) < 0
            )

    def _search_client_below_threshold(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        self.env.flush_all()
        below = SQL(
            """(SELECT id FROM (%s) checked(id, rule_id, first_order, amount,
                                            threshold, overridden)
                 WHERE NOT overridden AND ROUND(amount, 2) < ROUND(threshold, 2))""",
            self._client_threshold_sql(SQL("so.state IN ('draft', 'sent')")),
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", below)]

    def _client_threshold_message(self, blocked):
        lines = []
        for order, (rule, first, amount, threshold) in blocked.items():
            currency = order.company_id.currency_id
            lines.append(
                self.env._(
                    "%(order)s: %(amount)s of a %(kind)s minimum of %(threshold)s "
                    "(rule “%(rule)s”): %(gap)s missing.",
                    order=order.name,
                    amount=format_amount(self.env, amount, currency),
                    kind=self.env._("first order")
                    if first
                    else self.env._("repeat order"),
                    threshold=format_amount(self.env, threshold, currency),
                    rule=rule.name,
                    gap=format_amount(self.env, threshold - amount, currency),
                )
            )
        if not self.env.user.has_group(
            "client_base.group_client_base_threshold_override"
        ):
            lines.append(
                self.env._(
                    "Complete the order, or use “Ask a Manager” on the quotation: "
                    "a Client Base manager may confirm it below the minimum."
                )
            )
        return "\n".join(
            [self.env._("These orders are below their minimum order amount:"), *lines]
        )

    def _client_threshold_close_requests(self):
        """A request to confirm below the minimum is answered once the order
        is confirmed, by a manager's exception or above the minimum."""
        request_type = self.env.ref(
            "client_base.mail_activity_type_threshold_request", raise_if_not_found=False
        )
        if not request_type or not self:
            return
        requests = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", request_type.id),
                ]
            )
        )
        if requests:
            requests.action_feedback(
                feedback=self.env._("Confirmed by %s.", self.env.user.name)
            )

    def action_confirm(self):
        checked = self._client_threshold_check()
        blocked = self._client_threshold_blocked(checked)
        if blocked:
            raise UserError(self._client_threshold_message(blocked))
        res = super().action_confirm()
        self._client_threshold_close_requests()
        # what the minimum was when confirmed: managers' statistics keep it
        # whatever the rules become
        for order, (rule, first, amount, threshold, overridden) in checked.items():
            order.write(
                {
                    "client_threshold_outcome": "overridden" if overridden else "above",
                    "client_threshold_confirmed_rule_id": rule.id,
                    "client_threshold_confirmed_first": first,
                    "client_threshold_confirmed_amount": amount,
                    "client_threshold_confirmed_minimum": threshold,
                }
            )
        return res
