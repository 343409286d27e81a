"""The story's salespeople and clients: companies and people, their contacts,
languages, sources and opportunities."""

from odoo import fields
from odoo.tools import SQL

from .story_data import (
    CATALOGUE,
    CITIES,
    COMPANY_FORMS,
    COMPANY_KINDS,
    COMPANY_WORDS,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    PROFILES,
    Client,
)


class StoryClients:
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
