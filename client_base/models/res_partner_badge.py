# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import models
from odoo.tools import format_date

# a round date this many days ahead is worth telling whoever serves the client
BADGE_DAYS_AHEAD = 7


class ResPartner(models.Model):
    """The client at a glance: what anyone serving a client (a cashier, a
    salesperson picking up a call) should know before the first word, in a
    few short parts. Other addons add theirs (class, tier)."""

    _inherit = "res.partner"

    def _client_badge(self):
        """{partner id: [{"kind", "value", "label"}, ...]} for these partners
        in the current company, labels in the user's language; read as
        superuser (whoever serves the client may not read the suite), for
        the whole set in a few queries. Partners that are not clients get
        none."""
        partners = self.sudo()
        clients = partners.search(
            partners._get_client_domain(among=partners.commercial_partner_id.ids)
        )
        labels = dict(self._fields["client_status"]._description_selection(self.env))
        badges = {}
        for partner in partners:
            client = partner.commercial_partner_id
            if client not in clients:
                continue
            status = client.client_status or "potential"
            badges[partner.id] = [
                {"kind": "status", "value": status, "label": labels[status]}
            ]
        occasions = partners.filtered(
            lambda p: p.id in badges
        )._client_badge_occasions()
        for partner_id, occasion in occasions.items():
            badges[partner_id].append(occasion)
        return badges

    def _client_badge_occasions(self):
        """{partner id: part} the nearest round date of the person or of its
        client within the next days ("Birthday on Friday")."""
        if not self:
            return {}
        RoundDate = self.env["client.base.round.date"].sudo()
        # fetched with the search: the view's rows are found through its
        # conditions, not read back by their computed ids (a scan of the view)
        dates = RoundDate.search_fetch(
            [
                ("days_left", "<=", BADGE_DAYS_AHEAD),
                ("is_round", "=", True),
                ("company_id", "in", [False, self.env.company.id]),
                "|",
                ("partner_id", "in", self.ids),
                "&",
                ("kind", "!=", "birthday"),
                ("client_id", "in", self.commercial_partner_id.ids),
            ],
            ["partner_id", "client_id", "kind", "date", "days_left", "years"],
            order="days_left, id",
        )
        kinds = dict(RoundDate._fields["kind"]._description_selection(self.env))
        occasions = {}
        for partner in self:
            occasion = next(
                (
                    date
                    for date in dates
                    if date.partner_id == partner
                    or (
                        date.kind != "birthday"
                        and date.client_id == partner.commercial_partner_id
                    )
                ),
                None,
            )
            if not occasion:
                continue
            if occasion.days_left == 0:
                when = self.env._("today")
            elif occasion.days_left == 1:
                when = self.env._("tomorrow")
            else:
                when = self.env._(
                    "on %(weekday)s",
                    weekday=format_date(self.env, occasion.date, date_format="EEEE"),
                )
            # a person's age is theirs: a birthday without its years
            label = (
                self.env._(
                    "%(occasion)s %(when)s", occasion=kinds[occasion.kind], when=when
                )
                if occasion.kind == "birthday"
                else self.env._(
                    "%(occasion)s (%(years)s) %(when)s",
                    occasion=kinds[occasion.kind],
                    years=occasion.years,
                    when=when,
                )
            )
            occasions[partner.id] = {
                "kind": "occasion",
                "value": occasion.kind,
                "label": label,
            }
        return occasions
