from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_date

KINDS = [
    ("birthday", "Birthday"),
    ("foundation", "Company Anniversary"),
    ("cooperation", "Years of Cooperation"),
]


class ClientBaseRoundDate(models.Model):
    """Upcoming dates to congratulate clients on («круглые даты»): birthdays of
    persons, foundation anniversaries of companies and years of cooperation
    since the client's first confirmed order in the company; each at its next
    occurrence from today, with the years it marks.

    Round: every fifth year of a birthday or of a foundation (5, 10, 15 ...),
    every year of cooperation. A person born on 29 February is congratulated on
    the 28th in other years. Ids are stable: partner, kind and company.
    """

    _name = "client.base.round.date"
    _description = "Client Round Date"
    _auto = False
    _order = "date, id"
    _rec_name = "partner_id"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "res.partner": [
            "client_birthday", "client_foundation_date", "client_first_order_date",
            "commercial_partner_id", "user_id", "company_id", "is_company", "active",
        ],
    }  # fmt: skip

    partner_id = fields.Many2one(
        "res.partner", string="Person or Company", readonly=True
    )
    client_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    origin = fields.Date(string="Since", readonly=True)
    date = fields.Date(readonly=True)
    years = fields.Integer(readonly=True)
    is_round = fields.Boolean(string="Round", readonly=True)
    days_left = fields.Integer(string="In (days)", readonly=True)

    @api.model
    def _next_occurrence_sql(self, origin, today):
        """The next anniversary of date ``origin`` from ``today`` (SQL), 29
        February falling on the 28th in other years."""
        this_year = SQL(
            """make_date(%(year)s, EXTRACT(MONTH FROM %(origin)s)::int,
                         LEAST(EXTRACT(DAY FROM %(origin)s)::int,
                               EXTRACT(DAY FROM (make_date(%(year)s,
                                   EXTRACT(MONTH FROM %(origin)s)::int, 1)
                                   + INTERVAL '1 month - 1 day'))::int))""",
            year=today.year,
            origin=origin,
        )
        next_year = SQL(
            """make_date(%(year)s, EXTRACT(MONTH FROM %(origin)s)::int,
                         LEAST(EXTRACT(DAY FROM %(origin)s)::int,
                               EXTRACT(DAY FROM (make_date(%(year)s,
                                   EXTRACT(MONTH FROM %(origin)s)::int, 1)
                                   + INTERVAL '1 month - 1 day'))::int))""",
            year=today.year + 1,
            origin=origin,
        )
        return SQL(
            "CASE WHEN %(this)s >= %(today)s THEN %(this)s ELSE %(next)s END",
            this=this_year,
            next=next_year,
            today=today,
        )

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        rows = SQL(
            """
            SELECT p.id AS partner_id, p.commercial_partner_id AS client_id,
                   p.company_id, client.user_id, 'birthday' AS kind,
                   p.client_birthday AS origin, 5 AS round_every
              FROM res_partner p
              JOIN res_partner client ON client.id = p.commercial_partner_id
             WHERE p.active AND p.client_birthday IS NOT NULL AND NOT p.is_company
            UNION ALL
            SELECT p.id, p.id, p.company_id, p.user_id, 'foundation',
                   p.client_foundation_date, 5
              FROM res_partner p
             WHERE p.active AND p.client_foundation_date IS NOT NULL AND p.is_company
            UNION ALL
            SELECT p.id, p.id, company.id, p.user_id, 'cooperation',
                   (p.client_first_order_date ->> company.id::text)::date, 1
              FROM res_partner p
              JOIN res_company company
                ON p.client_first_order_date ? company.id::text
             WHERE p.active
               AND (p.client_first_order_date ->> company.id::text) IS NOT NULL
            """
        )
        occurrence = self._next_occurrence_sql(SQL("origin"), today)
        return SQL(
            """
            SELECT partner_id::bigint * 4096 + CASE kind
                       WHEN 'birthday' THEN 0 WHEN 'foundation' THEN 1
                       ELSE 2 + company_id END AS id, *,
                   mod(years, round_every) = 0 AS is_round,
                   date - %(today)s AS days_left
              FROM (
                SELECT partner_id, client_id, company_id, user_id, kind, origin,
                       round_every, %(occurrence)s AS date,
                       EXTRACT(YEAR FROM %(occurrence)s)::int
                           - EXTRACT(YEAR FROM origin)::int AS years
                  FROM (%(rows)s) dated
              ) upcoming
             WHERE years > 0
            """,
            today=today,
            occurrence=occurrence,
            rows=rows,
        )

    @api.model
    def _cron_round_date_activities(self, today=None):
        """Daily: an activity for the salesperson ahead of each round date, at
        the company's number of days ahead, once per occasion (kept done
        activities count), the due ones of every company in one batch."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        activity_type = self.env.ref("client_base.mail_activity_type_round_date")
        model_id = self.env["ir.model"]._get_id("res.partner")
        languages = [code for code, __ in self.env["res.lang"].get_installed()]
        values = []
        for company in self.env["res.company"].search(
            [("client_round_date_days_ahead", ">", 0)]
        ):
            horizon = today + timedelta(days=company.client_round_date_days_ahead)
            dates = (
                self.sudo()
                .with_context(tz="UTC")
                .search(
                    [
                        ("is_round", "=", True),
                        ("date", "<=", horizon),
                        ("user_id", "!=", False),
                        "|",
                        ("company_id", "=", company.id),
                        ("company_id", "=", False),
                    ]
                )
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT res_id, date_deadline, summary FROM mail_activity
                     WHERE res_model = 'res.partner' AND activity_type_id = %s
                       AND res_id = ANY(%s) AND date_deadline >= %s
                    """,
                    activity_type.id,
                    dates.client_id.ids,
                    today,
                )
            )
            done = set(self.env.cr.fetchall())
            for occasion in dates:
                # In the salesperson's language; an occasion reminded in another
                # language (the user switched since) is still the same occasion.
                summaries = {
                    lang: occasion.with_context(lang=lang)._activity_summary()
                    for lang in languages
                }
                summary = summaries.get(occasion.user_id.lang) or summaries["en_US"]
                if any(
                    (occasion.client_id.id, occasion.date, text) in done
                    for text in summaries.values()
                ):
                    continue
                done.add((occasion.client_id.id, occasion.date, summary))
                values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": occasion.client_id.id,
                        "activity_type_id": activity_type.id,
                        "user_id": occasion.user_id.id,
                        "date_deadline": occasion.date,
                        "summary": summary,
                        "automated": True,
                    }
                )
        Activity = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        # Odoo subscribes each batch's assignees to its records at once and
        # inserts a follower twice when one client appears twice in a batch: a
        # client's second and third occasion go in a batch of their own.
        batches, seen = [], {}
        for vals in values:
            number = seen.get(vals["res_id"], 0)
            seen[vals["res_id"]] = number + 1
            if number == len(batches):
                batches.append([])
            batches[number].append(vals)
        for batch in batches:
            Activity.create(batch)

    def _activity_summary(self):
        self.ensure_one()
        values = {
            "name": self.partner_id.name,
            "years": self.years,
            "date": format_date(self.env, self.date),
        }
        if self.kind == "birthday":
            return self.env._("%(name)s turns %(years)s on %(date)s", **values)
        if self.kind == "foundation":
            return self.env._(
                "%(name)s: %(years)s years since its foundation on %(date)s", **values
            )
        return self.env._(
            "%(name)s: %(years)s years of cooperation on %(date)s", **values
        )
