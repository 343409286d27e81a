# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models


class ResPartner(models.Model):
    """What follows a status change: an activity to find out why a client was
    lost after a long silence, and the company's win-back plan for clients
    turning dormant, capped per day."""

    _inherit = "res.partner"

    @api.model
    def _client_base_after_status_changes(self, company, changes, today):
        """Follow-ups of status changes. Nothing follows an initial computation.

        Clients lost after a long silence get one activity for their salesperson,
        who has to find the real churn reason.
        """
        activity_type = self.env.ref(
            "client_base.mail_activity_type_find_churn_reason", raise_if_not_found=False
        )
        auto_lost = [
            change
            for change in changes
            if change["status_to"] == "lost"
            and change["cause"] not in ("initial", "manual")
            and change["user_id"]
        ]
        if activity_type and auto_lost:
            self._client_base_schedule_churn_activities(activity_type, auto_lost, today)
        newly_dormant = [
            change["partner_id"]
            for change in changes
            if change["status_to"] == "dormant" and change["cause"] != "initial"
        ]
        if company.client_base_winback_plan_id and newly_dormant:
            self._client_base_launch_winback(company, newly_dormant, today)

    @api.model
    def _client_base_schedule_churn_activities(self, activity_type, auto_lost, today):
        model_id = self.env["ir.model"]._get_id("res.partner")
        users = self.env["res.users"].sudo().browse({c["user_id"] for c in auto_lost})
        summaries = {
            user.id: self.with_context(lang=user.lang).env._(
                "Lost after a long silence: find out why"
            )
            for user in users
        }
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": change["partner_id"],
                    "activity_type_id": activity_type.id,
                    "user_id": change["user_id"],
                    "date_deadline": today
                    + timedelta(days=activity_type.delay_count or 3),
                    "summary": summaries[change["user_id"]],
                }
                for change in auto_lost
            ]
        )

    @api.model
    def _client_base_launch_winback(self, company, partner_ids, today):
        """Launch the company's win-back plan for newly dormant clients.

        At most the daily cap per company and day: plans already launched today
        (their start is logged on the client) count against it, so reruns and
        several status runs in one day cannot exceed it. The largest clients
        come first.
        """
        plan = company.client_base_winback_plan_id
        started_today = (
            self.env["client.base.status.history"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", company.id),
                    ("winback_plan_id", "=", plan.id),
                    ("date", ">=", fields.Datetime.to_datetime(today)),
                ]
            )
        )
        room = company.client_base_winback_daily_cap - started_today
        if room <= 0:
            return
        clients = (
            self.sudo()
            .with_company(company)
            .browse(partner_ids)
            .filtered("user_id")
            .sorted(lambda partner: -partner.client_order_count)[:room]
        )
        if not clients:
            return
        scheduler = (
            self.env["mail.activity.schedule"]
            .sudo()
            .with_company(company)
            .with_context(active_model="res.partner", active_ids=clients.ids)
            .create(
                {"res_model": "res.partner", "plan_id": plan.id, "plan_date": today}
            )
        )
        scheduler.action_schedule_plan()
        self.env["client.base.status.history"].sudo().search(
            [
                ("partner_id", "in", clients.ids),
                ("company_id", "=", company.id),
                ("status_to", "=", "dormant"),
                ("date", ">=", fields.Datetime.to_datetime(today)),
                ("winback_plan_id", "=", False),
            ]
        ).write({"winback_plan_id": plan.id})
