from markupsafe import Markup

from odoo import fields, models
from odoo.tools import formatLang


class ClientBaseLoyaltyTierHistory(models.Model):
    """One row per tier change of a card: written by the tier refresh in the
    same statement that changes the card, never rewritten."""

    _name = "client.base.loyalty.tier.history"
    _description = "Loyalty Tier Change"
    _order = "date desc, id desc"
    _rec_name = "card_id"

    card_id = fields.Many2one(
        "loyalty.card", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, ondelete="cascade", index=True
    )
    program_id = fields.Many2one("loyalty.program", required=True)
    company_id = fields.Many2one("res.company", index=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    old_tier_id = fields.Many2one("client.base.loyalty.tier", string="From Tier")
    new_tier_id = fields.Many2one("client.base.loyalty.tier", string="To Tier")
    direction = fields.Selection(
        [("up", "Promoted"), ("down", "Demoted")], required=True
    )
    spend = fields.Monetary(string="Spend Over the Period")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    trigger = fields.Selection(
        [
            ("job", "Scheduled job"),
            ("order", "Order confirmation"),
            ("cancel", "Order cancellation"),
            ("invoice", "Invoice posted, reset or cancelled"),
        ],
        required=True,
    )

    def _log_on_clients(self):
        """One note per client on its chatter for the changes just made."""
        bodies = {}
        for change in self:
            # a job's note, in the language of the client's salesperson
            change = change.with_context(lang=change.partner_id._client_staff_lang())
            env = change.env
            line = env._(
                "%(program)s, %(direction)s: %(old)s to %(new)s "
                "(spend %(spend)s over the tier period).",
                program=change.program_id.name,
                direction=dict(self._fields["direction"]._description_selection(env))[
                    change.direction
                ],
                old=change.old_tier_id.name or env._("no tier"),
                new=change.new_tier_id.name or env._("no tier"),
                spend=formatLang(env, change.spend, currency_obj=change.currency_id),
            )
            bodies.setdefault(change.partner_id.id, []).append(line)
        if bodies:
            self.env["res.partner"].browse(list(bodies))._message_log_batch(
                {
                    partner_id: Markup("<br/>").join(lines)
                    for partner_id, lines in bodies.items()
                }
            )
