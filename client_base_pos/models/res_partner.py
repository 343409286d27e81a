from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Loaded by the till with its customers: readable by every POS user (a
    # field the cashier cannot read would empty the whole customer load).
    client_pos_badge = fields.Json(
        string="Client at the Till",
        compute="_compute_client_pos_badge",
        groups="point_of_sale.group_pos_user",
        help="Status, tier, class and a round date soon, shown to the cashier.",
    )

    @api.depends_context("company", "lang")
    def _compute_client_pos_badge(self):
        badges = self._client_badge()
        for partner in self:
            partner.client_pos_badge = badges.get(partner.id, [])

    @api.model
    def _client_base_open_fields(self):
        # whoever stands at the till serves every client: the badge is shown
        # to every POS user, whosever client it is (its parts only)
        return super()._client_base_open_fields() | {"client_pos_badge"}

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "client_pos_badge"]

    def _client_base_refresh_purchases(self, before=frozenset()):
        # who may be a client changed for these partners' commercial
        # partners: the till's days where they bought are counted anew
        res = super()._client_base_refresh_purchases(before)
        if before:
            self.env["client.base.pos.till.day"]._client_base_refresh_clients(
                set(before) | self._client_base_purchase_clients()
            )
        return res

    @api.model
    def _get_client_buyer_conditions(self, buyer):
        # a customer of the till buys: a client like one of the sales team
        self.env["pos.order"].flush_model(["partner_id"])
        return [
            *super()._get_client_buyer_conditions(buyer),
            SQL(
                "EXISTS (SELECT 1 FROM pos_order po WHERE po.partner_id = %s)",
                SQL.identifier(buyer, "id"),
            ),
        ]
