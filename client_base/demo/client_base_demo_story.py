from odoo import api, models
from odoo.tools import SQL

from .story import DemoStory


class ClientBaseDemoStory(models.AbstractModel):
    """The entry point of the demo story (``story.DemoStory``, plain Python):
    what the demo data's ``<function>`` calls and the benchmarks' base
    builder reach, and the one hook of Odoo's optional companions' columns."""

    _name = "client.base.demo.story"
    _description = "Client Base demo story"

    @api.model
    def _story(self):
        return DemoStory(self.env)

    @api.model
    def _generate(self, scale=1.0, seed=None, today=None):
        """Write the story into the current company; see ``DemoStory._generate``."""
        return self._story()._generate(scale=scale, today=today, **_seed(seed))

    @api.model
    def _demo_statuses_and_churn(self, seed=None, today=None, months=24):
        return self._story()._demo_statuses_and_churn(
            today=today, months=months, **_seed(seed)
        )

    @api.model
    def _demo_questionnaires(self, seed=None, answered=24, sent=12):
        return self._story()._demo_questionnaires(
            answered=answered, sent=sent, **_seed(seed)
        )

    @api.model
    def _demo_feedback(self, seed=None, count=40):
        return self._story()._demo_feedback(count=count, **_seed(seed))

    @api.model
    def _demo_round_dates(self, seed=None, today=None):
        return self._story()._demo_round_dates(today=today, **_seed(seed))

    @api.model
    def _demo_verifications(self, seed=None, today=None):
        return self._story()._demo_verifications(today=today, **_seed(seed))

    @api.model
    def _demo_small_orders(self, count=6, overrides=3):
        return self._story()._demo_small_orders(count=count, overrides=overrides)

    @api.model
    def _client_base_optional_columns(self, table, company):
        """``{column: SQL value}`` that Odoo's optional companions require or
        fill on the rows the story writes set-based into ``table``
        (``sale_order`` or ``sale_order_line``), for those installed: stock
        (``sale_stock``: the history delivers nothing, from the company's
        warehouse) and margins (``sale_margin``, as its computes give them).
        The story runs when client_base's demo data loads, before any bridge
        addon: the companions are known here, by their fields.

        The values are SQL over the story's rows: ``t`` with, for
        ``sale_order``, ``id, name, partner_id, date_order, state, user_id,
        amount, margin``; for ``sale_order_line``, ``order_id, product_id,
        name, qty, price, subtotal, cost, uom_id`` and ``so``, its order."""
        model = {"sale_order": "sale.order", "sale_order_line": "sale.order.line"}
        installed = self.env[model[table]]._fields
        columns = {}
        if table == "sale_order" and "warehouse_id" in installed:
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            columns.update(
                picking_policy=SQL("'direct'"), warehouse_id=SQL("%s", warehouse.id)
            )
        if (
            table == "sale_order_line"
            and "warehouse_id" in installed
            and installed["warehouse_id"].store
        ):
            # the warehouse an open quotation's confirmation procures from
            columns.update(warehouse_id=SQL("so.warehouse_id"))
        if table == "sale_order" and "margin" in installed:
            columns.update(
                margin=SQL("t.margin"),
                margin_percent=SQL(
                    "CASE WHEN t.amount = 0 THEN 0 ELSE t.margin / t.amount END"
                ),
            )
        if table == "sale_order_line" and "purchase_price" in installed:
            columns.update(
                purchase_price=SQL("t.cost"),
                margin=SQL("t.subtotal - t.cost * t.qty"),
                margin_percent=SQL(
                    "CASE WHEN t.subtotal = 0 THEN 0"
                    " ELSE (t.subtotal - t.cost * t.qty) / t.subtotal END"
                ),
            )
        return columns


def _seed(seed):
    return {"seed": seed} if seed is not None else {}
