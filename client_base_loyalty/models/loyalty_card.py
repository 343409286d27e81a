from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

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
        for company in self.env["res.company"].search([]):
            self._client_tier_refresh(company, trigger="job")

    @api.model
    def _client_tier_spend_sql(self):
        """SQL condition on ``so`` of the orders that count as spend for the
        card ``cards``: confirmed orders of the program's company, of every
        company for a program shared by all. A hook."""
        return SQL(
            "so.state = 'sale' AND (cards.company_id IS NULL"
            " OR so.company_id = cards.company_id)"
        )

    @api.model
    def _client_tier_refresh(self, company, partner_ids=None, trigger="job"):
        """Promote and demote the cards of the company's tiered programs in one
        statement: spend per card (its client's untaxed orders over the
        program's period, in company currency), the highest tier reached, the
        cards whose tier changed updated and their history rows inserted.

        ``partner_ids`` limits the refresh to the cards of those clients (order
        confirmation). Returns the history rows written.
        """
        programs = self.env["loyalty.program"].search(
            [
                ("client_issue_kind", "=", "card"),
                ("client_tier_ids", "!=", False),
                ("company_id", "in", [company.id, False]),
            ]
        )
        History = self.env["client.base.loyalty.tier.history"]
        if not programs:
            return History
        for model in ("loyalty.card", "client.base.loyalty.tier", "sale.order"):
            self.env[model].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        clients = SQL("TRUE")
        if partner_ids is not None:
            clients = SQL(
                "holder.commercial_partner_id = ANY(%s)", list(partner_ids) or [0]
            )
        self.env.cr.execute(
            SQL(
                """
                WITH cards AS (
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
                           COALESCE(SUM(so.amount_untaxed
                               / COALESCE(NULLIF(so.currency_rate, 0), 1)), 0)
                               AS amount
                      FROM cards
                      LEFT JOIN res_partner buyer
                        ON buyer.commercial_partner_id = cards.client_id
                      LEFT JOIN sale_order so
                        ON so.partner_id = buyer.id AND so.date_order >= cards.since
                       AND %(orders)s
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
                       COALESCE(changed.company_id, %(company)s),
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
                programs=programs.ids,
                clients=clients,
                orders=self._client_tier_spend_sql(),
                company=company.id,
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
