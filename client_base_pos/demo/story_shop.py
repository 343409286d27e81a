"""The story's shop: walk-in card holders at the bakery's till."""

import random
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tools import SQL

from odoo.addons.client_base.demo.story_data import FIRST_NAMES, LAST_NAMES

DEMO_SEED = 1907


class ShopStory:
    def __init__(self, env):
        self.env = env

    def _shop_config(self):
        """The till of the story: Odoo's demo bakery (or its main shop), else
        a bakery of its own."""
        return (
            self.env.ref("point_of_sale.pos_config_bakery", raise_if_not_found=False)
            or self.env.ref("point_of_sale.pos_config_main", raise_if_not_found=False)
            or self.env["pos.config"].search([("name", "=", "Corner Bakery")], limit=1)
            or self.env["pos.config"].create({"name": "Corner Bakery"})
        )

    def _shop_products(self, company):
        """What the shop sells: the till's products, else a bakery's few."""
        Product = self.env["product.product"]
        return Product.search(
            [
                ("available_in_pos", "=", True),
                ("list_price", ">", 0),
                ("company_id", "in", [False, company.id]),
            ],
            order="id",
            limit=12,
        ) or Product.create(
            [
                {"name": name, "list_price": price, "available_in_pos": True}
                for name, price in (
                    ("Rye Bread", 2.4),
                    ("Croissant", 1.6),
                    ("Honey Cake", 14.0),
                    ("Coffee Beans 250 g", 6.9),
                )
            ]
        )

    def _demo_shop(self, seed=DEMO_SEED, holders=14, today=None):
        """A year at the shop's till: walk-in card holders buying weekly or
        monthly, some of them with an email they agreed to be written at, and
        about a third of the sales to nobody known (card penetration). Their
        statuses follow. Returns the counts written."""
        config = self._shop_config()
        rnd = random.Random(seed)
        company = config.company_id
        today = today or company._client_base_today()
        products = self._shop_products(company)
        Partner = self.env["res.partner"]
        people = Partner.create(
            [
                {
                    "name": f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                    "ref": f"CBSHOP{index:02d}",
                    "email": f"shop.client{index:02d}@example.com",
                    "mobile": f"+3736910{index:04d}",
                    "customer_rank": 1,
                }
                for index in range(1, holders + 1)
            ]
        )
        self.env["client.base.consent"].create(
            [
                {"partner_id": person.id, "channel": "email", "method": "form"}
                for person in people
                if rnd.random() < 0.6
            ]
        )
        session = (
            self.env["pos.session"]
            .with_context(onboarding_creation=True)
            .create(
                {
                    "config_id": config.id,
                    "user_id": self.env.uid,
                    "start_at": fields.Datetime.now() - timedelta(days=365),
                }
            )
        )
        sales = []
        for person in people:
            every = rnd.choice([7, 7, 30])  # weekly, or monthly
            day = today - timedelta(days=rnd.randint(200, 360))
            stop = today - timedelta(days=rnd.choice([0, 0, 0, 90]))  # a few left
            while day <= stop:
                sales.append((person, day))
                day += timedelta(days=max(1, every + rnd.randint(-2, 2)))
        for _index in range(len(sales) // 2):
            sales.append((False, today - timedelta(days=rnd.randint(0, 364))))
        payment_method = config.payment_method_ids[:1]
        orders = []
        for person, day in sorted(sales, key=lambda sale: sale[1]):
            moment = datetime.combine(day, time(rnd.randint(8, 19), rnd.randint(0, 59)))
            lines = []
            for product in rnd.sample(
                list(products), k=rnd.randint(1, min(3, len(products)))
            ):
                qty = rnd.randint(1, 3)
                amount = round(product.list_price * qty, 2)
                lines.append(
                    {
                        "product_id": product.id,
                        "full_product_name": product.display_name,
                        "qty": qty,
                        "price_unit": product.list_price,
                        "price_subtotal": amount,
                        "price_subtotal_incl": amount,
                    }
                )
            total = round(sum(line["price_subtotal"] for line in lines), 2)
            orders.append(
                {
                    "session_id": session.id,
                    "partner_id": person.id if person else False,
                    "state": "paid",
                    "date_order": moment,
                    "amount_total": total,
                    "amount_tax": 0.0,
                    "amount_paid": total,
                    "amount_return": 0.0,
                    "lines": [(0, 0, line) for line in lines],
                    "payment_ids": [
                        (
                            0,
                            0,
                            {
                                "payment_method_id": payment_method.id,
                                "amount": total,
                                "payment_date": moment,
                            },
                        )
                    ]
                    if payment_method
                    else [],
                }
            )
        self.env["pos.order"].create(orders)
        self.env["res.partner"].with_company(company)._client_base_refresh_status(
            company, cause="initial", partner_ids=people.ids, today=today
        )
        return {"card_holders": len(people), "sales": len(orders)}

    def _bench_till(self, share=0.5):
        """Purchases at the till beside the story's sale orders, for the
        benchmarks: for about ``share`` of the company's confirmed orders, a
        purchase of the same customer at the till a few days later (a third
        of all purchases with 0.5), one line, at a shop's opening hours;
        written set-based. Returns the number of POS orders written."""
        company = self.env.company
        config = self.env["pos.config"].search(
            [("company_id", "=", company.id)], limit=1
        ) or self.env["pos.config"].create({"name": "Bench Shop"})
        session = (
            self.env["pos.session"]
            .with_context(onboarding_creation=True)
            .create({"config_id": config.id, "user_id": self.env.uid})
        )
        product = self.env["product.product"].search(
            [("sale_ok", "=", True), ("company_id", "in", [False, company.id])],
            order="id",
            limit=1,
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO pos_order
                       (name, session_id, company_id, partner_id, user_id, state,
                        date_order, amount_tax, amount_total, amount_paid,
                        amount_return, currency_rate, create_uid, create_date,
                        write_uid, write_date)
                SELECT 'Bench/' || so.id, %(session)s, so.company_id, so.partner_id,
                       %(uid)s, 'paid',
                       LEAST(date_trunc('day', so.date_order)
                             + make_interval(days => 1 + mod(so.id, 6),
                                             hours => 8 + mod(so.id, 11)),
                             now() AT TIME ZONE 'UTC'),
                       0, round(so.amount_untaxed * 0.3, 2),
                       round(so.amount_untaxed * 0.3, 2), 0, 1,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM sale_order so
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND mod(so.id::bigint * 7919, 100) < %(percent)s
                """,
                session=session.id,
                uid=self.env.uid,
                company=company.id,
                percent=round(share * 100),
            )
        )
        written = self.env.cr.rowcount
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO pos_order_line
                       (name, order_id, company_id, product_id, full_product_name, qty,
                        price_unit, price_subtotal, price_subtotal_incl,
                        create_uid, create_date, write_uid, write_date)
                SELECT po.name || '/1', po.id, po.company_id, %(product)s,
                       %(product_name)s, 1,
                       po.amount_total, po.amount_total, po.amount_total,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM pos_order po
                 WHERE po.session_id = %(session)s
                """,
                product=product.id,
                product_name=product.display_name,
                session=session.id,
                uid=self.env.uid,
            )
        )
        self.env["pos.order"]._client_base_fill_purchase_columns(
            SQL("po.session_id = %s", session.id)
        )
        self.env["pos.order"].invalidate_model()
        # written around the ORM: the planner learns the new rows, and the
        # purchases' summary is rebuilt once
        self.env.cr.execute(SQL("ANALYZE pos_order, pos_order_line"))
        self.env["client.base.purchase.day"]._client_base_refresh(
            company=self.env.company
        )
        return written
