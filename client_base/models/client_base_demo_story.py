"""The demo story of Client Base, and the generator of large bases for benchmarks.

A few hundred clients of a wholesale and retail distributor over three years of
orders: a handful of large wholesale clients bring most of the revenue, regulars
buy every few weeks, seasonal clients come back each spring and autumn, one-off
buyers never return, some clients stopped buying months ago, new clients arrived
recently, and prospects have no order yet. Everything is drawn from a seeded random
generator, so the same seed, scale and day always give the same base.

Rows are written set-based (one INSERT per table and chunk, with ids reserved from
the sequences up front): Odoo's confirmation would reset ``date_order`` to now, and
one ORM write per order would take hours at benchmark scale.
"""

import logging
import random
from collections import namedtuple
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

DEFAULT_SEED = 20240917
HISTORY_DAYS = 3 * 365
CHUNK = 50_000

# profile: (share of clients, company share)
PROFILES = {
    "prospect": (0.12, 0.5),
    "one_off": (0.24, 0.3),
    "regular": (0.11, 0.75),
    "steady": (0.05, 0.8),
    "seasonal": (0.09, 0.6),
    "occasional": (0.18, 0.5),
    "stopped": (0.16, 0.55),
    "new": (0.05, 0.5),
}

COMPANY_WORDS = (
    "Codru",
    "Nistru",
    "Prut",
    "Carpați",
    "Dacia",
    "Orhei",
    "Bucovina",
    "Moldova",
    "Volga",
    "Ural",
    "Sever",
    "Iskra",
    "Zarya",
    "Raduga",
    "Vostok",
    "Bereg",
    "Aurora",
    "Delta",
    "Granit",
    "Leader",
    "Optima",
    "Prima",
    "Terra",
    "Vita",
)
COMPANY_KINDS = (
    "Market",
    "Trade",
    "Distribuție",
    "Horeca",
    "Agro",
    "Service",
    "Logistic",
    "Food",
    "Torg",
    "Snab",
    "Grup",
    "Impex",
)
COMPANY_FORMS = ("SRL", "SA", "ÎI", "OOO", "AO", "IP")
FIRST_NAMES = (
    "Ana",
    "Elena",
    "Maria",
    "Ioana",
    "Cristina",
    "Natalia",
    "Olga",
    "Svetlana",
    "Tatiana",
    "Irina",
    "Andrei",
    "Ion",
    "Mihai",
    "Vasile",
    "Alexandru",
    "Dmitri",
    "Sergei",
    "Nikolai",
    "Pavel",
    "Victor",
    "Igor",
    "Oleg",
    "Doina",
    "Galina",
)
LAST_NAMES = (
    "Popescu",
    "Rusu",
    "Ciobanu",
    "Munteanu",
    "Lungu",
    "Cebotari",
    "Rotaru",
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Sokolov",
    "Volkov",
    "Morozov",
    "Moraru",
    "Botnari",
    "Sârbu",
    "Turcan",
    "Guțu",
    "Melnic",
)
# the language clients of each country read, when installed
LANGUAGES = {"MD": "ro_RO", "RO": "ro_RO", "RU": "ru_RU"}
CITIES = {
    "MD": ("Chișinău", "Bălți", "Orhei", "Cahul", "Ungheni", "Soroca"),
    "RO": ("Iași", "București", "Cluj-Napoca", "Suceava", "Brașov"),
    "RU": ("Москва", "Санкт-Петербург", "Казань", "Воронеж"),
}
CATALOGUE = {
    "Beverages": (
        ("Mineral water 0.5 l, pack of 12", 48.0),
        ("Apple juice 1 l", 22.0),
        ("Black tea, 100 bags", 65.0),
        ("Ground coffee 1 kg", 310.0),
    ),
    "Dairy": (
        ("Butter 82%, 5 kg block", 640.0),
        ("Cheese 'Cașcaval', 1 kg", 160.0),
        ("Yoghurt 0.5 l, crate of 20", 210.0),
    ),
    "Bakery": (
        ("Flour, 50 kg sack", 390.0),
        ("Sugar, 50 kg sack", 720.0),
        ("Yeast 500 g", 38.0),
    ),
    "Household": (
        ("Dish soap 5 l", 95.0),
        ("Paper towels, 12 rolls", 120.0),
        ("Garbage bags 120 l, 50 pcs", 85.0),
    ),
    "Office": (
        ("Copy paper A4, box of 5 reams", 280.0),
        ("Ballpoint pens, 50 pcs", 90.0),
        ("Toner cartridge", 950.0),
    ),
    "Equipment": (
        ("Espresso machine", 14500.0),
        ("Refrigerated display case", 28900.0),
        ("Coffee grinder", 3900.0),
    ),
}

CHURN_NOTES = (
    "Said a competitor offered the same goods 7% cheaper with delivery included.",
    "Complained twice about late deliveries before the holidays.",
    "The owner closed the shop and moved abroad.",
    "Now buys directly from the producer.",
    "Did not answer three calls; the new buyer does not know us.",
    "Reorganised their menu and no longer uses our products.",
)

Client = namedtuple(
    "Client", "id profile is_company size user_id contact_ids categories"
)


class ClientBaseDemoStory(models.AbstractModel):
    _name = "client.base.demo.story"
    _description = "Client Base demo story"

    @api.model
    def _generate(self, scale=1.0, seed=DEFAULT_SEED, today=None):
        """Write the story into the current company and return what was written.

        :param scale: 1.0 gives about 300 clients; 333 gives about 100,000 clients
            and 2,000,000 order lines for benchmarks.
        :param seed: seed of the random generator: same seed, same base.
        :param today: the story's "today" (a date); history runs three years back.
        """
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        rnd = random.Random(seed)
        company = self.env.company
        products = self._demo_products()
        users = self._demo_salespeople()
        self.env.flush_all()
        clients = self._demo_insert_clients(
            rnd, round(300 * scale), users, company, today
        )
        counts = self._demo_insert_orders(rnd, clients, products, company, today)
        self._demo_sources(rnd, clients)
        counts["clients"] = len(clients)
        self._demo_opportunities(rnd, clients, users)
        self.env["res.partner"].invalidate_model()
        self.env["sale.order"].invalidate_model()
        self.env["sale.order.line"].invalidate_model()
        _logger.info("Client Base demo story written: %s", counts)
        return counts

    @api.model
    def _demo_statuses_and_churn(self, seed=DEFAULT_SEED, today=None):
        """Replay the last year month by month, so the status history tells how
        clients moved (regulars going dormant, clients won back), then record the
        churn reasons salespeople found for some of the silent clients."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        company = self.env.company
        Partner = self.env["res.partner"].with_company(company)
        for months_back in range(12, 0, -1):
            Partner._client_base_refresh_status(
                company, cause="silence", today=today - timedelta(days=30 * months_back)
            )
        Partner._client_base_refresh_status(company, cause="silence", today=today)
        reasons = self.env["client.base.churn.reason"].search(
            [("is_system", "=", False)]
        )
        if not reasons:
            return
        rnd = random.Random(seed + 1)
        silent = Partner.search(
            [("ref", "=like", "CB%"), ("client_status", "in", ("dormant", "lost"))],
            order="id",
        )
        by_reason = {}
        for partner in silent:
            if rnd.random() < 0.5:
                reason = rnd.choices(
                    reasons, weights=[5, 2, 4, 4, 2, 1, 3][: len(reasons)] or None
                )[0]
                by_reason.setdefault(reason, Partner.browse())
                by_reason[reason] |= partner
        for reason, partners in by_reason.items():
            for partner in partners:
                partner.sudo().write(
                    {
                        "client_lost_manual": True,
                        "client_lost_date": min(
                            today,
                            partner.client_last_order_date
                            + timedelta(days=rnd.randint(40, 150)),
                        ),
                        "client_churn_reason_id": reason.id,
                    }
                )
            Partner._client_base_refresh_status(
                company,
                cause="manual",
                partner_ids=partners.ids,
                today=today,
                reason=reason,
                note=rnd.choice(CHURN_NOTES),
            )

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

    @api.model
    def _demo_questionnaires(self, seed=DEFAULT_SEED, answered=24, sent=12):
        """Some clients answered the questionnaire (their answers filled their
        fields), others received it and have not answered yet."""
        rnd = random.Random(seed)
        survey = self.env.ref("client_base.survey_client_questionnaire")
        self.env.company.client_questionnaire_id = survey
        questions = {
            question.question_type: question
            for question in survey.question_ids
            if question.question_type in ("date", "multiple_choice")
        }
        choices = [
            question
            for question in survey.question_ids
            if question.question_type == "simple_choice"
        ]
        clients = self.env["res.partner"].search(
            [("client_base_is_client", "=", True)], order="id"
        )
        people = clients.child_ids.filtered(lambda child: not child.is_company)
        people = people or clients
        picked = people[: answered + sent]
        for index, person in enumerate(picked):
            answer = survey._create_answer(partner=person, check_attempts=False)
            if index >= answered:
                continue  # sent, not answered yet
            answer._save_lines(
                questions["date"],
                fields.Date.to_string(
                    date(
                        rnd.randint(1960, 1998), rnd.randint(1, 12), rnd.randint(1, 28)
                    )
                ),
            )
            for question in choices:
                answer._save_lines(
                    question, rnd.choice(question.suggested_answer_ids).id
                )
            interests = questions["multiple_choice"].suggested_answer_ids
            answer._save_lines(
                questions["multiple_choice"],
                rnd.sample(interests.ids, rnd.randint(1, len(interests))),
            )
            answer._mark_done()

    @api.model
    def _demo_feedback(self, seed=DEFAULT_SEED, count=40):
        """Clients rated some recent orders: mostly happy, a few not, whose
        salespeople got an activity."""
        rnd = random.Random(seed)
        orders = self.env["sale.order"].search(
            [("company_id", "=", self.env.company.id), ("state", "=", "sale")],
            order="date_order desc, id desc",
            limit=count,
        )
        comments = {
            1: "The delivery came a week late and nobody called.",
            2: "Two boxes were damaged.",
            3: "Fine, but the invoice had a mistake.",
            4: "Good, as usual.",
            5: "Perfect, thank you!",
        }
        for order in orders:
            score = rnd.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 10, 13])[0]
            order.rating_apply(
                score,
                token=order._rating_get_access_token(),
                feedback=comments[score] if rnd.random() < 0.6 else False,
            )

    @api.model
    def _demo_round_dates(self, seed=DEFAULT_SEED, today=None):
        """Birthdays of the clients' people and foundation dates of client
        companies, a few of them round and within the next weeks, so the
        Upcoming Dates list has something to celebrate."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        rnd = random.Random(seed)
        clients = self.env["res.partner"].search(
            [("client_base_is_client", "=", True)], order="id"
        )
        for index, client in enumerate(clients):
            soon = index % 12 == 0  # about one client in twelve: within 40 days
            day = (
                today + timedelta(days=rnd.randint(1, 40))
                if soon
                else today + timedelta(days=rnd.randint(41, 365))
            )
            if client.is_company:
                years = 5 * rnd.randint(1, 6) if soon else rnd.randint(2, 40)
                client.client_foundation_date = day - relativedelta(years=years)
            people = client.child_ids.filtered(lambda child: not child.is_company)
            for person in people[:1] or (client if not client.is_company else []):
                age = 5 * rnd.randint(5, 12) if soon else rnd.randint(24, 66)
                person.client_birthday = day - relativedelta(years=age)

    @api.model
    def _demo_verifications(self, seed=DEFAULT_SEED, today=None):
        """When salespeople last checked their clients' data: spread over the
        last ten months, some never; with a six-month standard about a third
        are due."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        rnd = random.Random(seed)
        clients = self.env["res.partner"].search(
            [("client_base_is_client", "=", True)], order="id"
        )
        checked = [client for client in clients if rnd.random() < 0.8]
        for client in checked:
            client.client_last_verified_date = today - timedelta(
                days=rnd.randint(0, 300)
            )

    @api.model
    def _demo_small_orders(self, count=6, overrides=3):
        """Small repeat quotations below the minimum order, the sales manager
        letting a few through, each for a reason: the minimum order banner,
        filter and statistics have a story to tell."""
        company = self.env.company
        small = min(  # one sack or box: about 300
            (product for products in self._demo_products().values()
             for product in products),
            key=lambda product: abs(product.list_price - 300),
        )  # fmt: skip
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, MAX(so.user_id)
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %s
                 GROUP BY 1 HAVING COUNT(*) BETWEEN 2 AND 4
                 ORDER BY 1
                 LIMIT %s
                """,
                company.id,
                count,
            )
        )
        quotations = self.env["sale.order"].create(
            [
                {
                    "partner_id": client_id,
                    "user_id": user_id,
                    "company_id": company.id,
                    "order_line": [
                        fields.Command.create(
                            {"product_id": small.id, "product_uom_qty": 1}
                        )
                    ],
                }
                for client_id, user_id in self.env.cr.fetchall()
            ]
        )
        reasons = [
            ("strategic", "A chain we want in the north: its new store."),
            ("clearance", "Last boxes of the old packaging."),
            ("complaint", "Replaces the damaged part of the previous delivery."),
        ]
        Wizard = self.env["client.base.threshold.override.wizard"]
        # each checked alone, as the wizard does
        blocked = (order for order in quotations if order._client_threshold_blocked())
        for order, (reason, note) in zip(blocked, reasons[:overrides], strict=False):
            Wizard.create(
                {"order_ids": [fields.Command.set(order.ids)], "reason": reason,
                 "note": note}
            ).action_confirm()  # fmt: skip

    def _demo_salespeople(self):
        users = self.env["res.users"]
        group = self.env.ref("client_base.group_client_base_user")
        installed = dict(self.env["res.lang"].get_installed())
        for login, name, lang in (
            ("ana.popescu", "Ana Popescu", "ro_RO"),
            ("ivan.petrov", "Ivan Petrov", "ru_RU"),
        ):
            user = users.search([("login", "=", login)], limit=1)
            if not user:
                user = users.with_context(no_reset_password=True).create(
                    {
                        "name": name,
                        "login": login,
                        "password": login,
                        "email": f"{login}@example.com",
                        "groups_id": [fields.Command.link(group.id)],
                        **({"lang": lang} if lang in installed else {}),
                    }
                )
            users |= user
        return users

    # ------------------------------------------------------------------
    # Clients
    # ------------------------------------------------------------------
    def _demo_insert_clients(self, rnd, count, users, company, today):
        countries = {
            c.code: c.id
            for c in self.env["res.country"].search([("code", "in", list(CITIES))])
        }
        industries = self.env["res.partner.industry"].search([], order="id").ids or [
            None
        ]
        profile_names = list(PROFILES)
        weights = [PROFILES[p][0] for p in profile_names]
        ids = self._reserve_ids("res_partner", count)
        rows, clients = [], []
        contact_rows = []
        for seq, partner_id in enumerate(ids, 1):
            profile = rnd.choices(profile_names, weights)[0]
            is_company = rnd.random() < PROFILES[profile][1]
            code = rnd.choices(("MD", "RO", "RU"), (6, 3, 2))[0]
            if is_company:
                word, kind = rnd.choice(COMPANY_WORDS), rnd.choice(COMPANY_KINDS)
                name = f"{word} {kind} {rnd.choice(COMPANY_FORMS)}"
            else:
                name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
            # Pareto-distributed size: a few clients carry most of the revenue.
            size = min(rnd.paretovariate(1.6), 40.0) * (3.0 if is_company else 1.0)
            user_id = users[seq % len(users)].id
            slug = "".join(ch for ch in name.lower() if ch.isalnum())[:18]
            rows.append(
                (
                    partner_id,
                    name,
                    is_company,
                    user_id,
                    countries.get(code),
                    rnd.choice(CITIES[code]),
                    f"{slug}{seq}@example.com",
                    self._demo_phone(rnd),
                    rnd.choice(industries) if is_company else None,
                    f"CB{seq:06d}",
                    None,
                    name,
                )
            )
            contact_ids = []
            if is_company and rnd.random() < 0.35:
                for _n in range(rnd.randint(1, 2)):
                    contact_ids.append(
                        (
                            name,
                            f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                            user_id,
                        )
                    )
            categories = rnd.sample(sorted(CATALOGUE), k=rnd.randint(1, 3))
            if not is_company and "Equipment" in categories:
                categories.remove("Equipment")
                categories = categories or ["Beverages"]
            clients.append(
                Client(
                    partner_id,
                    profile,
                    is_company,
                    size,
                    user_id,
                    contact_ids,
                    categories,
                )
            )
        self._insert_partners(rows)
        # Contacts of companies: their orders roll up to the company.
        flat = [(c.id, contact) for c in clients for contact in c.contact_ids]
        contact_ids = self._reserve_ids("res_partner", len(flat))
        for new_id, (parent_id, (company_name, person, user_id)) in zip(
            contact_ids, flat, strict=True
        ):
            contact_rows.append(
                (
                    new_id,
                    person,
                    False,
                    user_id,
                    None,
                    None,
                    f"{person.split()[0].lower()}.{new_id}@example.com",
                    None,
                    None,
                    None,
                    parent_id,
                    f"{company_name}, {person}",
                )
            )
        self._insert_partners(contact_rows)
        self._demo_partner_languages(ids + contact_ids)
        by_parent = {}
        for new_id, (parent_id, _contact) in zip(contact_ids, flat, strict=True):
            by_parent.setdefault(parent_id, []).append(new_id)
        return [c._replace(contact_ids=by_parent.get(c.id, [])) for c in clients]

    def _demo_partner_languages(self, partner_ids):
        """Clients read their country's language where it is installed, the
        people of a company its language: offers and invitations go out in
        Romanian and Russian."""
        installed = dict(self.env["res.lang"].get_installed())
        languages = {
            code: lang for code, lang in LANGUAGES.items() if lang in installed
        }
        if not languages:
            return
        self.env.cr.execute(
            SQL(
                """
            UPDATE res_partner p
               SET lang = l.lang
              FROM res_partner client
              JOIN res_country country ON country.id = client.country_id
              JOIN unnest(%(codes)s::varchar[], %(langs)s::varchar[]) AS l(code, lang)
                ON l.code = country.code
             WHERE p.id = ANY(%(ids)s) AND client.id = p.commercial_partner_id
            """,
                codes=list(languages),
                langs=list(languages.values()),
                ids=list(partner_ids),
            )
        )
        self.env["res.partner"].invalidate_model(["lang"])

    def _insert_partners(self, rows):
        """Insert partner rows: (id, name, is_company, user_id, country_id, city,
        email, phone, industry_id, ref, parent_id, complete_name)."""
        if not rows:
            return
        uid = self.env.uid
        (
            ids, names, is_company, user_ids, country_ids, cities, emails, phones,
            industry_ids, refs, parents, complete_names,
        ) = (list(column) for column in zip(*rows, strict=True))  # fmt: skip
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO res_partner (
                id, name, complete_name, is_company, user_id, country_id, city, email,
                email_normalized, phone, industry_id, ref, parent_id,
                commercial_partner_id, type, active,
                customer_rank, supplier_rank, partner_share, autopost_bills, color,
                create_uid, write_uid, create_date, write_date)
            SELECT t.id, t.name, t.complete_name, t.is_company, t.user_id, t.country_id,
                   t.city, t.email, lower(t.email), t.phone, t.industry_id, t.ref,
                   t.parent_id,
                   COALESCE(t.parent_id, t.id), 'contact', TRUE,
                   CASE WHEN t.parent_id IS NULL THEN 1 ELSE 0 END, 0, TRUE, 'ask', 0,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM unnest(%(ids)s::int[], %(names)s::varchar[], %(complete)s::varchar[],
                          %(is_company)s::bool[], %(user_ids)s::int[],
                              %(country_ids)s::int[],
                          %(cities)s::varchar[], %(emails)s::varchar[],
                              %(phones)s::varchar[],
                          %(industry_ids)s::int[], %(refs)s::varchar[],
                              %(parents)s::int[])
                AS t(id, name, complete_name, is_company, user_id, country_id, city,
                    email,
                     phone, industry_id, ref, parent_id)
            """,
                uid=uid,
                ids=list(ids),
                names=list(names),
                complete=list(complete_names),
                is_company=list(is_company),
                user_ids=list(user_ids),
                country_ids=list(country_ids),
                cities=list(cities),
                emails=list(emails),
                phones=list(phones),
                industry_ids=list(industry_ids),
                refs=list(refs),
                parents=list(parents),
            )
        )

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
        margin = "purchase_price" in self.env["sale.order.line"]._fields
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
                untaxed = 0.0
                for product, qty in order_lines:
                    product_id, name, price, cost, uom_id = product
                    subtotal = round(qty * price, 2)
                    untaxed += subtotal
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
                    )
                )
            self._insert_order_chunk(
                order_rows, line_rows, company, team, margin, today
            )
        return counts

    def _demo_stock_order_columns(self, company):
        """Columns Odoo's sale_stock requires on orders, when it is installed:
        the history delivers nothing, from the company's warehouse."""
        if "picking_policy" not in self.env["sale.order"]._fields:
            return {"stock_columns": SQL(), "stock_values": SQL()}
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        return {
            "stock_columns": SQL(", picking_policy, warehouse_id"),
            "stock_values": SQL(", 'direct', %s", warehouse.id),
        }

    def _insert_order_chunk(self, order_rows, line_rows, company, team, margin, today):
        cr = self.env.cr
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
                create_uid, write_uid, create_date, write_date %(stock_columns)s)
            SELECT t.id, t.name, t.partner_id, t.partner_id, t.partner_id, t.date_order,
                   t.state, t.user_id, t.amount, 0, t.amount, %(company)s,
                       %(currency)s, 1.0,
                   %(team)s, 'no',
                   t.state = 'sale' AND t.date_order < %(lock_before)s,
                   FALSE, FALSE, 1.0, (t.date_order + interval '30 days')::date,
                   %(uid)s, %(uid)s, t.date_order, t.date_order %(stock_values)s
              FROM unnest(%(ids)s::int[], %(names)s::varchar[], %(partners)s::int[],
                          %(dates)s::timestamp[], %(states)s::varchar[],
                              %(users)s::int[],
                          %(amounts)s::numeric[])
                AS t(id, name, partner_id, date_order, state, user_id, amount)
            """,
                company=company.id,
                currency=company.currency_id.id,
                team=team.id or None,
                **self._demo_stock_order_columns(company),
                lock_before=datetime.combine(today - timedelta(days=90), time()),
                uid=self.env.uid,
                ids=list(o[0]),
                names=list(o[1]),
                partners=list(o[2]),
                dates=list(o[3]),
                states=list(o[4]),
                users=list(o[5]),
                amounts=list(o[6]),
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
                %(margin_columns)s)
            SELECT t.order_id, t.product_id, t.name, t.qty, t.uom_id, t.price,
                t.price, 0,
                   t.subtotal, 0, t.subtotal, t.price, t.price, 0, 10,
                   so.currency_id, so.company_id, so.partner_id, so.user_id, so.state,
                   'manual', CASE WHEN so.state = 'sale' THEN t.qty ELSE 0 END, 0, 0,
                   'no', 0, 0, FALSE, FALSE, %(uid)s, %(uid)s, so.date_order,
                       so.date_order
                   %(margin_values)s
              FROM unnest(%(order_ids)s::int[], %(product_ids)s::int[],
                  %(names)s::text[],
                          %(qtys)s::numeric[], %(prices)s::numeric[],
                              %(subtotals)s::numeric[],
                          %(costs)s::numeric[], %(uoms)s::int[])
                AS t(order_id, product_id, name, qty, price, subtotal, cost, uom_id)
              JOIN sale_order so ON so.id = t.order_id
            """,
                margin_columns=SQL(", purchase_price, margin, margin_percent")
                if margin
                else SQL(),
                margin_values=SQL(
                    ", t.cost, t.subtotal - t.cost * t.qty,"
                    " CASE WHEN t.subtotal = 0 THEN 0"
                    " ELSE (t.subtotal - t.cost * t.qty) / t.subtotal END"
                )
                if margin
                else SQL(),
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
        if margin:
            cr.execute(
                SQL(
                    """
                UPDATE sale_order so
                   SET margin = l.margin,
                       margin_percent = CASE WHEN so.amount_untaxed = 0 THEN 0
                                             ELSE l.margin / so.amount_untaxed END
                  FROM (SELECT order_id, SUM(margin) AS margin FROM sale_order_line
                         WHERE order_id = ANY(%s) GROUP BY order_id) l
                 WHERE so.id = l.order_id
                """,
                    list(o[0]),
                )
            )

    def _demo_sources(self, rnd, clients):
        """Where the clients came from: referrals and walk-ins for retail, lead
        generation, cold calls and a purchased database for wholesale."""
        sources = self.env["client.base.source"].search([], order="sequence, id")
        by_kind = {source.kind: source.id for source in sources}
        if not by_kind:
            return
        b2b = (
            "lead_generation",
            "cold_calling",
            "purchased_database",
            "referral",
            "website",
        )
        b2c = ("walk_in", "referral", "advertising", "website", "open_sources")
        ids, source_ids = [], []
        for client in clients:
            kinds = b2b if client.is_company else b2c
            kind = rnd.choices(kinds, (4, 3, 2, 3, 2))[0]
            if rnd.random() < 0.85 and kind in by_kind:
                ids.append(client.id)
                source_ids.append(by_kind[kind])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p SET client_source_id = t.source_id
                  FROM unnest(%s::int[], %s::int[]) AS t(id, source_id)
                 WHERE p.id = t.id
                """,
                ids,
                source_ids,
            )
        )

    def _demo_opportunities(self, rnd, clients, users):
        """A few open opportunities on prospects, so the pipeline is not empty."""
        prospects = [c for c in clients if c.profile == "prospect"][:60]
        if not prospects:
            return
        partners = self.env["res.partner"].browse([c.id for c in prospects])
        self.env["crm.lead"].with_context(
            tracking_disable=True, mail_create_nolog=True
        ).create(
            [
                {
                    "name": f"First order: {partner.name}",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "user_id": client.user_id,
                    "expected_revenue": round(
                        1000 * client.size * rnd.uniform(0.5, 2.0), -2
                    ),
                    "probability": rnd.choice((10, 20, 40, 60)),
                }
                for client, partner in zip(prospects, partners, strict=True)
            ]
        )

    @staticmethod
    def _demo_phone(rnd):
        operator, block, number = (
            rnd.randint(60, 79),
            rnd.randint(0, 999),
            rnd.randint(0, 999),
        )
        return f"+373 {operator:02d} {block:03d} {number:03d}"

    def _reserve_ids(self, table, count):
        """Take ``count`` ids from the table's sequence in one query."""
        if not count:
            return []
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"{table}_id_seq",
                count,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
