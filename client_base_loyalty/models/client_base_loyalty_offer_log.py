from odoo import fields, models


class ClientBaseLoyaltyOfferLog(models.Model):
    """One row per person, offer and occasion: the claim that makes a second
    send impossible. The row is inserted before the coupon is made, in the
    same transaction as the coupon and the queued email and SMS, under a
    unique key that a partner merge does not touch."""

    _name = "client.base.loyalty.offer.log"
    _description = "Occasion Offer Sent"
    _order = "occasion_date desc, id desc"
    _rec_name = "partner_id"

    offer_id = fields.Many2one(
        "client.base.loyalty.offer", required=True, ondelete="cascade", index=True
    )
    occasion = fields.Selection(related="offer_id.occasion", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="cascade", index=True
    )
    client_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    occasion_date = fields.Date(required=True)
    occasion_key = fields.Char(
        required=True,
        readonly=True,
        help="Offer, person and occasion as they were at the send.",
    )
    card_id = fields.Many2one("loyalty.card", string="Coupon", ondelete="set null")
    email_sent = fields.Boolean(string="Email")
    sms_sent = fields.Boolean(string="SMS")

    _sql_constraints = [  # noqa: RUF012
        (
            "occasion_key_unique",
            "UNIQUE (occasion_key)",
            "This occasion offer was already sent.",
        ),
    ]
