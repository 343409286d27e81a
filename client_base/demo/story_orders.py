"""The story's products and three years of orders, written set-based."""

from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .story_data import (
    CATALOGUE,
    CHUNK,
    HISTORY_DAYS,
)


class StoryOrders:
    # ------------------------------------------------------------------
    # Reference data, through the ORM: a handful of records
    # ------------------------------------------------------------------
    def _demo_products(self):
        """The catalogue: {category name: product.product recordset}."""
        Category = self.env["product.category"]
        parent = Category.search([("name", "=", "Client Base Demo")], limit=1)
        if not parent:
            parent = Category.create({"name": "Client Base Demo"})
        result = {}
        for categ_name, items in CATALOGUE.items():
            categ = Category.search(
                [("name", "=", categ_name), ("parent_id", "=", parent.id)], limit=1
            ) or Category.create({"name": categ_name, "parent_id": parent.id})
            existing = self.env["product.product"].search([("categ_id", "=", categ.id)])
            missing = [item for item in items if item[0] not in existing.mapped("name")]
            existing |= self.env["product.product"].create(
                [
                    {
                        "name": name,
                        "categ_id": categ.id,
                        "type": "consu",
                        "list_price": price,
                        "standard_price": round(price * 0.72, 2),
                        "taxes_id": [],
                    }
                    for name, price in missing
                ]
            )
            result[categ_name] = existing.sorted("id")
        return result

    # ------------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------------
    def _demo_order_days(self, rnd, client, today):
        """Days (offsets back from today) on which the client ordered, oldest first."""
        start = HISTORY_DAYS
        profile = client.profile
        days = []
        if profile == "prospect":
            return days
        if profile == "one_off":
            return [rnd.randint(20, start)]
        if profile == "new":
            first = rnd.randint(3, 75)
            days = [first]
            if rnd.random() < 0.4:
                days.append(rnd.randint(0, first - 1))
            return days
        if profile == "steady":
            # The same order around the 10th of every month, for three years.
            first_of_month = today.replace(day=1)
            for months_back in range(36):
                day = (first_of_month - relativedelta(months=months_back)).replace(
                    day=10 + rnd.randint(-3, 3)
                )
                if day <= today:
                    days.append((today - day).days)
            return sorted(days, reverse=True)
        if profile == "seasonal":
            # Each spring and autumn, a few orders around the same weeks.
            for year_back in range(3, -1, -1):
                for month in (4, 10):
                    peak = datetime(today.year - year_back, month, 10).date()
                    offset = (today - peak).days
                    for _n in range(rnd.randint(1, 3)):
                        day = offset + rnd.randint(-12, 12)
                        if 0 <= day <= start:
                            days.append(day)
            return sorted(set(days), reverse=True)
        gap = {"regular": (18, 40), "occasional": (55, 160), "stopped": (15, 60)}[
            profile
        ]
        first = rnd.randint(int(start * 0.6), start)
        end = rnd.randint(100, 550) if profile == "stopped" else 0
        day = first
        while day > end:
            days.append(day)
            day -= rnd.randint(*gap)
        if profile != "stopped" and rnd.random() < 0.8:
            days.append(max(0, day + rnd.randint(0, gap[0])))
        return days

    def _demo_insert_orders(self, rnd, clients, products, company, today):
        team = self.env["crm.team"].search(
            [("company_id", "in", (company.id, False))], order="sequence, id", limit=1
        )
        uom_unit = self.env.ref("uom.product_uom_unit").id
        catalogue = {
            categ: [
                (
                    p.id,
                    p.display_name,
                    p.list_price,
                    p.standard_price,
                    p.uom_id.id or uom_unit,
                )
                for p in prods
            ]
            for categ, prods in products.items()
        }
        orders = []
        midnight = datetime.combine(today, time())
        counts = {"orders": 0, "lines": 0, "quotations": 0, "cancelled": 0}
        for client in clients:
            days = self._demo_order_days(rnd, client, today)
            states = ["sale"] * len(days)
            if client.profile == "prospect" and rnd.random() < 0.5:
                days, states = [rnd.randint(0, 40)], ["draft"]
            elif days and rnd.random() < 0.08:
                states[rnd.randrange(len(days))] = "cancel"
            if client.profile in ("regular", "occasional") and rnd.random() < 0.3:
                days.append(rnd.randint(0, 10))
                states.append("draft")
            for day, state in zip(days, states, strict=True):
                if client.is_company:
                    hour = rnd.choice((7, 7, 8, 8, 8, 9, 10, 11, 12, 13))
                    date = midnight - timedelta(days=day)
                    while date.weekday() >= 5:
                        date -= timedelta(days=1)
                else:
                    hour = rnd.choice((8, 10, 12, 14, 15, 16, 16, 17, 17, 18))
                    date = midnight - timedelta(days=day)
                date += timedelta(hours=hour, minutes=rnd.randint(0, 59))
                partner_id = client.id
                if client.contact_ids and rnd.random() < 0.6:
                    partner_id = rnd.choice(client.contact_ids)
                order_lines = []
                steady = client.profile == "steady"
                n_lines = (
                    2 if steady else rnd.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]
                )
                for line_index in range(n_lines):
                    if steady:  # the same consumables every month
                        usual = [
                            item
                            for categ in client.categories
                            if categ != "Equipment"
                            for item in catalogue[categ]
                        ] or catalogue["Beverages"]
                        product = usual[line_index % len(usual)]
                    else:
                        product = rnd.choice(catalogue[rnd.choice(client.categories)])
                    # steady clients: half very even (X), half fairly even (Y)
                    even = int(client.size * 1000) % 2  # drawn, not the db id
                    sigma = (0.06 if even else 0.2) if steady else 0.5
                    noise = rnd.lognormvariate(0.0, sigma)
                    spend = 400.0 * client.size * noise
                    qty = max(1, round(spend / product[2]))
                    order_lines.append((product, float(qty)))
                orders.append((client, partner_id, date, state, order_lines))
                counts[
                    "orders"
                    if state == "sale"
                    else "quotations"
                    if state == "draft"
                    else "cancelled"
                ] += 1
        counts["lines"] = sum(len(o[4]) for o in orders)
        orders.sort(key=lambda o: o[2])
        for start in range(0, len(orders), CHUNK):
            chunk = orders[start : start + CHUNK]
            order_ids = self._reserve_ids("sale_order", len(chunk))
            order_rows, line_rows = [], []
            for order_id, (client, partner_id, date, state, order_lines) in zip(
                order_ids, chunk, strict=True
            ):
                untaxed = margin = 0.0
                for product, qty in order_lines:
                    product_id, name, price, cost, uom_id = product
                    subtotal = round(qty * price, 2)
                    untaxed += subtotal
                    margin += subtotal - cost * qty
                    line_rows.append(
                        (order_id, product_id, name, qty, price, subtotal, cost, uom_id)
                    )
                order_rows.append(
                    (
                        order_id,
                        f"S{date.year}-{order_id:07d}",
                        partner_id,
                        date,
                        state,
                        client.user_id,
                        round(untaxed, 2),
                        round(margin, 2),
                    )
                )
            self._insert_order_chunk(order_rows, line_rows, company, team, today)
        # written around the ORM: the planner learns the new rows, and the
        # purchases' summary is rebuilt once
        self.env.cr.execute(SQL("ANALYZE sale_order, sale_order_line, res_partner"))
        self.env["client.base.purchase.day"]._client_base_refresh(company=company)
        return counts

    def _optional_columns(self, table, company):
        """(columns, values) SQL of the optional companions' columns of
        ``table`` (see ``client.base.demo.story._client_base_optional_columns``)."""
        columns = self.env["client.base.demo.story"]._client_base_optional_columns(
            table, company
        )
        return (
            SQL("").join(SQL(", %s", SQL.identifier(name)) for name in columns),
            SQL("").join(SQL(", %s", value) for value in columns.values()),
        )

    def _insert_order_chunk(self, order_rows, line_rows, company, team, today):
        cr = self.env.cr
        order_columns, order_values = self._optional_columns("sale_order", company)
        line_columns, line_values = self._optional_columns("sale_order_line", company)
        o = list(zip(*order_rows, strict=True))
        cr.execute(
            SQL(
                """
            INSERT INTO sale_order (
                id, name, partner_id, partner_invoice_id, partner_shipping_id,
                    date_order,
                state, user_id, amount_untaxed, amount_tax, amount_total, company_id,
                currency_id, currency_rate, team_id, invoice_status, locked,
                require_signature, require_payment, prepayment_percent, validity_date,
                create_uid, write_uid, create_date, write_date %(optional_columns)s)
            SELECT t.id, t.name, t.partner_id, t.partner_id, t.partner_id, t.date_order,
                   t.state, t.user_id, t.amount, 0, t.amount, %(company)s,
                       %(currency)s, 1.0,
                   %(team)s, 'no',
                   t.state = 'sale' AND t.date_order < %(lock_before)s,
                   FALSE, FALSE, 1.0, (t.date_order + interval '30 days')::date,
                   %(uid)s, %(uid)s, t.date_order, t.date_order %(optional_values)s
              FROM unnest(%(ids)s::int[], %(names)s::varchar[], %(partners)s::int[],
                          %(dates)s::timestamp[], %(states)s::varchar[],
                              %(users)s::int[],
                          %(amounts)s::numeric[], %(margins)s::numeric[])
                AS t(id, name, partner_id, date_order, state, user_id, amount, margin)
            """,
                company=company.id,
                currency=company.currency_id.id,
                team=team.id or None,
                optional_columns=order_columns,
                optional_values=order_values,
                lock_before=datetime.combine(today - timedelta(days=90), time()),
                uid=self.env.uid,
                ids=list(o[0]),
                names=list(o[1]),
                partners=list(o[2]),
                dates=list(o[3]),
                states=list(o[4]),
                users=list(o[5]),
                amounts=list(o[6]),
                margins=list(o[7]),
            )
        )
        lo = list(zip(*line_rows, strict=True))
        cr.execute(
            SQL(
                """
            INSERT INTO sale_order_line (
                order_id, product_id, name, product_uom_qty, product_uom, price_unit,
                technical_price_unit, discount, price_subtotal, price_tax, price_total,
                price_reduce_taxexcl, price_reduce_taxinc, customer_lead, sequence,
                currency_id, company_id, order_partner_id, salesman_id, state,
                qty_delivered_method, qty_delivered, qty_invoiced, qty_to_invoice,
                invoice_status, untaxed_amount_invoiced, untaxed_amount_to_invoice,
                is_downpayment, is_expense, create_uid, write_uid, create_date,
                    write_date
                %(optional_columns)s)
            SELECT t.order_id, t.product_id, t.name, t.qty, t.uom_id, t.price,
                t.price, 0,
                   t.subtotal, 0, t.subtotal, t.price, t.price, 0, 10,
                   so.currency_id, so.company_id, so.partner_id, so.user_id, so.state,
                   'manual', CASE WHEN so.state = 'sale' THEN t.qty ELSE 0 END, 0, 0,
                   'no', 0, 0, FALSE, FALSE, %(uid)s, %(uid)s, so.date_order,
                       so.date_order
                   %(optional_values)s
              FROM unnest(%(order_ids)s::int[], %(product_ids)s::int[],
                  %(names)s::text[],
                          %(qtys)s::numeric[], %(prices)s::numeric[],
                              %(subtotals)s::numeric[],
                          %(costs)s::numeric[], %(uoms)s::int[])
                AS t(order_id, product_id, name, qty, price, subtotal, cost, uom_id)
              JOIN sale_order so ON so.id = t.order_id
            """,
                optional_columns=line_columns,
                optional_values=line_values,
                uid=self.env.uid,
                order_ids=list(lo[0]),
                product_ids=list(lo[1]),
                names=list(lo[2]),
                qtys=list(lo[3]),
                prices=list(lo[4]),
                subtotals=list(lo[5]),
                costs=list(lo[6]),
                uoms=list(lo[7]),
            )
        )
