from datetime import date

from odoo import models
from odoo.tools import format_date, formatLang


class ClientBaseYearlyReview(models.TransientModel):
    _inherit = "client.base.yearly.review"

    def _review_data(self):
        data = super()._review_data()
        data["till"] = self._till_penetration()
        return data

    def _till_penetration(self):
        """Card penetration of the year against the previous one: per shop
        (revenue at the till, the share identified clients bring) and per
        month of the year, formatted; None without sales at the till."""
        self.ensure_one()
        Penetration = self.env["client.base.pos.penetration"].sudo()
        company, year = self.company_id, self.year

        def of_year(year, groupby):
            rows = Penetration._penetration_by(
                company, date(year, 1, 1), date(year, 12, 31), groupby
            )
            return {key: (amount, share) for key, amount, _known, share in rows}

        shops, previous = of_year(year, "shop_id"), of_year(year - 1, "shop_id")
        if not shops and not previous:
            return None

        def money(value):
            return formatLang(self.env, value or 0.0, currency_obj=company.currency_id)

        def percent(value):
            if value is None:
                return "—"
            return formatLang(self.env, value, digits=1) + " %"

        configs = self.env["pos.config"].sudo().browse(sorted({*shops, *previous}))
        return {
            "shops": [
                (
                    shop.name,
                    money(shops.get(shop.id, (0.0, None))[0]),
                    percent(shops.get(shop.id, (0.0, None))[1]),
                    percent(previous.get(shop.id, (0.0, None))[1]),
                )
                for shop in configs
            ],
            "months": [
                (format_date(self.env, month, date_format="MMM"), percent(share))
                for month, (_amount, share) in sorted(of_year(year, "month").items())
            ],
        }
