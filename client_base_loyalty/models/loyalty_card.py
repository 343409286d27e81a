from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    # a card's tier and spend are its holder's client data (the access
    # principle, client.base.client.data), first so that it wraps Odoo's reads
    _inherit = ["client.base.client.data", "loyalty.card"]  # noqa: RUF012

    client_issue_kind = fields.Selection(related="program_id.client_issue_kind")
    client_tier_id = fields.Many2one(
        "client.base.loyalty.tier", string="Tier", readonly=True, index=True
    )
    client_tier_spend = fields.Monetary(
        string="Spend Over the Tier Period",
        readonly=True,
        currency_field="currency_id",
    )
    client_tier_date = fields.Datetime(string="Tier Since", readonly=True)
    client_tier_history_ids = fields.One2many(
        "client.base.loyalty.tier.history", "card_id", string="Tier Changes"
    )

    def _client_base_client_sql(self, alias):
        return SQL.identifier(alias, "partner_id")

    def _client_base_visible(self):
        if self._client_base_sees_all():
            return self
        holders = self.sudo().partner_id
        visible = holders.with_env(self.env)._client_base_visible()
        return self.filtered(
            lambda card: not card.sudo().partner_id or card.sudo().partner_id in visible
        )

    @api.constrains("partner_id", "program_id")
    def _check_one_card_per_client(self):
        """A client keeps one card of a card program, whichever of its contacts
        holds it: the card is the client's, its contacts share it."""
        cards = self.filtered(
            lambda card: card.partner_id and card.program_id.client_issue_kind == "card"
        )
        if not cards:
            return
        clients = cards.partner_id.commercial_partner_id
        held = self.sudo().search(
            [
                ("program_id", "in", cards.program_id.ids),
                ("partner_id", "child_of", clients.ids),
            ]
        )
        seen = set()
        for card in held:
            key = (card.program_id, card.partner_id.commercial_partner_id)
            if key in seen:
                raise ValidationError(
                    self.env._(
                        "%(client)s already holds a card of %(program)s: a client "
                        "keeps one card of a card program.",
                        client=key[1].display_name,
                        program=key[0].name,
                    )
                )
            seen.add(key)

    # ------------------------------------------------------------------
    # Tiers
    # ------------------------------------------------------------------
    @api.model
    def _cron_client_tier_refresh(self):
        self._client_tier_refresh(trigger="job")

    @api.model
    def _client_tier_scope(self, programs):
        """The companies whose orders count for each program, with the factor
        that turns an amount in that company's currency into the program's:
        a program of a company counts the company and its branches, a program
        without company counts every company. Amounts are converted at today's
        rate (orders are first valued in their company's currency at their own
        date). Returns ``[(program_id, company_id, factor)]``."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        scope = []
        for program in programs:
            counted = companies
            if program.company_id:
                counted = companies.filtered(
                    lambda c, program=program: program.company_id in c.parent_ids
                )
            for company in counted:
                factor = 1.0
                if company.currency_id != program.currency_id:
                    factor = company.currency_id._get_conversion_rate(
                        company.currency_id, program.currency_id, company, today
                    )
                scope.append((program.id, company.id, factor))
        return scope

    @api.model
    def _client_tier_refresh(self, companies=None, partner_ids=None, trigger="job"):
        """Promote and demote the cards of tiered programs in one statement:
        spend per card (its client's purchases over the program's period, in
        the program's currency, see ``_client_tier_scope``), the highest
        tier reached, the cards whose tier changed updated and their history
        rows inserted.

        ``companies`` limits the refresh to the programs whose spend their
        orders count in (their own, their parents', shared ones); ``None``
        refreshes every program. ``partner_ids`` limits it to the cards of
        those clients (order confirmation or cancellation). Returns the
        history rows written.
        """
        domain = [("client_issue_kind", "=", "card"), ("client_tier_ids", "!=", False)]
        if companies is not None:
            domain.append(
                ("company_id", "in", companies.parent_ids.ids + [False]),
            )
        programs = self.env["loyalty.program"].search(domain)
        History = self.env["client.base.loyalty.tier.history"]
        if not programs:
            return History
        # the spend is the clients' purchases (client.base.purchase), a view
        self.env.flush_all()
        clients = SQL("TRUE")
        if partner_ids is not None:
            clients = SQL(
                "holder.commercial_partner_id = ANY(%s)", list(partner_ids) or [0]
            )
        scope = SQL(", ").join(
            SQL("(%s, %s, %s::float8)", program_id, company_id, factor)
            for program_id, company_id, factor in self._client_tier_scope(programs)
        )
        self.env.cr.execute(
            SQL(
                """
                WITH scope(program_id, company_id, factor) AS (VALUES %(scope)s),
                cards AS (
                    SELECT card.id, card.program_id, prog.company_id,
                           holder.commercial_partner_id AS client_id,
                           %(now)s::timestamp
                               - make_interval(months => prog.client_tier_months)
                               AS since
                      FROM loyalty_card card
                      JOIN loyalty_program prog ON prog.id = card.program_id
                      JOIN res_partner holder ON holder.id = card.partner_id
                     WHERE card.program_id = ANY(%(programs)s) AND %(clients)s
                ), spend AS (
                    SELECT cards.id, cards.program_id, cards.client_id,
                           cards.company_id,
                           ROUND(COALESCE(SUM(purchase.amount * scope.factor), 0)
                               ::numeric, 2) AS amount
                      FROM cards
                      LEFT JOIN client_base_purchase purchase
                        ON purchase.partner_id = cards.client_id
                       AND purchase.date >= cards.since
                      LEFT JOIN scope
                        ON scope.program_id = cards.program_id
                       AND scope.company_id = purchase.company_id
                     GROUP BY cards.id, cards.program_id, cards.client_id,
                              cards.company_id
                ), target AS (
                    SELECT spend.*, (
                        SELECT tier.id FROM client_base_loyalty_tier tier
                         WHERE tier.program_id = spend.program_id
                           AND tier.minimum_spend <= spend.amount
                         ORDER BY tier.minimum_spend DESC LIMIT 1) AS tier_id
                      FROM spend
                ), changed AS (
                    UPDATE loyalty_card card
                       SET client_tier_id = target.tier_id,
                           client_tier_spend = target.amount,
                           client_tier_date = CASE
                               WHEN old.client_tier_id IS DISTINCT FROM target.tier_id
                               THEN %(now)s
                               ELSE old.client_tier_date END
                      FROM target, loyalty_card old
                     WHERE card.id = target.id AND old.id = target.id
                       AND (old.client_tier_id IS DISTINCT FROM target.tier_id
                            OR old.client_tier_spend IS DISTINCT FROM target.amount)
                 RETURNING card.id, target.program_id, target.client_id,
                           old.client_tier_id AS old_tier_id,
                           target.tier_id AS new_tier_id, target.amount,
                           target.company_id
                )
                INSERT INTO client_base_loyalty_tier_history
                       (card_id, partner_id, program_id, company_id, old_tier_id,
                        new_tier_id, direction, spend, date, trigger,
                        create_uid, create_date, write_uid, write_date)
                SELECT changed.id, changed.client_id, changed.program_id,
                       changed.company_id,
                       changed.old_tier_id, changed.new_tier_id,
                       CASE WHEN COALESCE(new.minimum_spend, 0)
                                 > COALESCE(old.minimum_spend, 0)
                            THEN 'up' ELSE 'down' END,
                       changed.amount, %(now)s, %(trigger)s,
                       %(uid)s, %(now)s,
                       %(uid)s, %(now)s
                  FROM changed
                  LEFT JOIN client_base_loyalty_tier old
                    ON old.id = changed.old_tier_id
                  LEFT JOIN client_base_loyalty_tier new
                    ON new.id = changed.new_tier_id
                 WHERE changed.old_tier_id IS DISTINCT FROM changed.new_tier_id
             RETURNING id
                """,
                scope=scope,
                programs=programs.ids,
                clients=clients,
                trigger=trigger,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        history = History.browse(row[0] for row in self.env.cr.fetchall())
        self.invalidate_model(
            [
                "client_tier_id",
                "client_tier_spend",
                "client_tier_date",
                "client_tier_history_ids",
            ]
        )
        self.env["res.partner"].invalidate_model(
            ["client_loyalty_tier_history_ids", "client_loyalty_tier_ids"]
        )
        history._log_on_clients()
        return history
