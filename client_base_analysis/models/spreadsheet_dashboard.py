from odoo import api, models

DASHBOARDS = (
    "client_base_analysis.spreadsheet_dashboard_client_base",
    "client_base_analysis.spreadsheet_dashboard_my_clients",
)
# the amounts' formats of the Client Base dashboards end with this currency
# placeholder (scripts/dashboard-json): the company's is put in at opening
CURRENCY_PLACEHOLDER = "[$¤]"


class SpreadsheetDashboard(models.Model):
    """The Client Base dashboards open from Base Health: the company's for a
    Client Base manager, the own clients' for a salesperson. Their amounts
    read in the company's currency."""

    _inherit = "spreadsheet.dashboard"

    @api.model
    def action_open_client_base(self):
        manager = self.env.user.has_group("client_base.group_client_base_manager")
        dashboard = self.env.ref(DASHBOARDS[0] if manager else DASHBOARDS[1])
        return {
            "type": "ir.actions.client",
            "tag": "action_spreadsheet_dashboard",
            "name": dashboard.name,
            "params": {"dashboard_id": dashboard.id},
        }

    def get_readonly_dashboard(self):
        data = super().get_readonly_dashboard()
        ours = {
            self.env.ref(xmlid, raise_if_not_found=False).id
            for xmlid in DASHBOARDS
            if self.env.ref(xmlid, raise_if_not_found=False)
        }
        if self.id in ours:
            formats = data["snapshot"].get("formats") or {}
            for key, value in formats.items():
                if value.endswith(CURRENCY_PLACEHOLDER):
                    formats[key] = self._client_base_currency_format(
                        value.removesuffix(CURRENCY_PLACEHOLDER)
                    )
        return data

    @api.model
    def _client_base_currency_format(self, number_format):
        """``number_format`` in the company's currency, its symbol where the
        currency puts it."""
        currency = self.env.company.currency_id
        symbol = (currency.symbol or currency.name).replace('"', "").replace("]", "")
        if currency.position == "before":
            return f"[${symbol}]{number_format}"
        return f"{number_format}[${symbol}]"
