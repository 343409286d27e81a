from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _get_client_domain(self):
        """Domain of the partners the suite treats as clients.

        A client is a commercial entity (a company, or a person without a parent)
        that buys or may buy: it has a customer rank, sale orders (its own or its
        contacts'), or opportunities. Partners of users and of the companies
        themselves are never clients. Every feature of the suite calls this hook,
        so an integrator can widen or narrow the base in one place.
        """
        own_partners = self.env["res.company"].sudo().search([]).partner_id
        return [
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            "|",
            "|",
            "|",
            ("customer_rank", ">", 0),
            ("sale_order_ids", "!=", False),
            ("child_ids.sale_order_ids", "!=", False),
            ("opportunity_ids", "!=", False),
            ("user_ids", "=", False),
            ("id", "not in", own_partners.ids),
        ]

    @api.model
    def action_open_clients(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.res_partner_action_clients"
        )
        action["domain"] = self._get_client_domain()
        return action
