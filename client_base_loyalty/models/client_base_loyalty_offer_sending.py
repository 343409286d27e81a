# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_date

BATCH = 200


class ClientBaseLoyaltyOffer(models.Model):
    """Sending occasion offers: the clients whose birthday, foundation day or
    anniversary with us falls due, with consent, each offered once a year."""

    _inherit = "client.base.loyalty.offer"

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_occasion_offers(self, today=None):
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        remaining = 0
        done = 0
        for offer in self.search([]):
            sent, left = offer.with_company(offer.company_id)._send_due(today)
            done += sent
            remaining += left
        if remaining:
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _occasions_sql(self, today):
        """(partner_id, client_id, occasion_date) of the people due for this
        offer between ``today`` and ``today + days_before``, not yet sent. The
        occasion falls on the same day and month each year (29 February on
        the 28th in other years)."""
        self.ensure_one()
        company = self.company_id.id
        if self.occasion == "birthday":
            people = SQL(
                """
                SELECT person.id AS partner_id, client.id AS client_id,
                       person.client_birthday AS origin
                  FROM res_partner person
                  JOIN res_partner client ON client.id = person.commercial_partner_id
                 WHERE person.active AND person.client_birthday IS NOT NULL
                   AND %(current)s
                """,
                current=self._current_client_sql(),
            )
        else:
            people = SQL(
                """
                SELECT client.id AS partner_id, client.id AS client_id,
                       (client.client_first_order_date ->> %(company)s)::date
                           AS origin
                  FROM res_partner client
                 WHERE %(current)s
                   AND client.client_first_order_date ->> %(company)s IS NOT NULL
                """,
                company=str(company),
                current=self._current_client_sql(),
            )
        until = today + timedelta(days=self.days_before)
        return SQL(
            """
            WITH people AS (%(people)s),
            occasions AS (
                SELECT people.partner_id, people.client_id,
                       make_date(years.y, extract(month FROM people.origin)::int,
                           LEAST(extract(day FROM people.origin)::int,
                                 extract(day FROM make_date(years.y,
                                     extract(month FROM people.origin)::int, 1)
                                     + interval '1 month - 1 day')::int))
                           AS occasion_date,
                       years.y - extract(year FROM people.origin)::int AS years
                  FROM people
                 CROSS JOIN (VALUES (%(year)s), (%(next_year)s)) AS years(y)
            )
            SELECT o.partner_id, o.client_id, o.occasion_date
              FROM occasions o
             WHERE o.occasion_date BETWEEN %(today)s AND %(until)s
               AND (%(birthday)s OR o.years > 0)
               AND NOT EXISTS (
                   SELECT 1 FROM client_base_loyalty_offer_log log
                    WHERE log.offer_id = %(offer)s
                      AND log.partner_id = o.partner_id
                      AND log.occasion_date = o.occasion_date)
             ORDER BY o.occasion_date, o.partner_id
            """,
            people=people,
            year=today.year,
            next_year=today.year + 1,
            today=today,
            until=until,
            birthday=self.occasion == "birthday",
            offer=self.id,
        )

    def _current_client_sql(self):
        """Condition on ``client``: an active client buying from the offer's
        company now. Potential clients never bought, lost ones ended the
        relationship: neither has an occasion to celebrate with a coupon."""
        return SQL(
            "client.active AND client.client_status ->> %s IN %s",
            str(self.company_id.id),
            ("new", "regular", "occasional", "dormant"),
        )

    def _count_without_date(self):
        self.ensure_one()
        Partner = self.env["res.partner"].sudo()
        if self.occasion == "birthday":
            self.env.cr.execute(
                SQL(
                    """
                    SELECT count(*) FROM res_partner person
                      JOIN res_partner client
                        ON client.id = person.commercial_partner_id
                     WHERE person.active AND NOT person.is_company
                       AND person.client_birthday IS NULL
                       AND %s
                    """,
                    self._current_client_sql(),
                )
            )
            return self.env.cr.fetchone()[0]
        return Partner.search_count(
            [("client_status", "!=", False), ("client_first_order_date", "=", False)]
        )

    def _send_due(self, today):
        """Send this offer to the people due today, at most a batch per run.

        The claim comes first: log rows inserted under their unique key (a
        concurrent run waits on the key and then skips it). Coupons, emails
        and SMS are made in the same transaction and go out only once it
        commits, through Odoo's mail and SMS queues: a crash rolls all of it
        back, a rerun finds nothing claimed twice. Returns (sent, remaining).
        """
        self.ensure_one()
        for model in ("res.partner", "client.base.loyalty.offer.log"):
            self.env[model].flush_model()
        self.env.cr.execute(self._occasions_sql(today))
        due = self.env.cr.fetchall()
        people = self.env["res.partner"].sudo().browse({row[0] for row in due})
        channels = {}
        skipped = 0
        for person in people:
            email = person.client_consent_email == "granted" and bool(
                person.email_normalized
            )
            sms = person.client_consent_sms == "granted" and bool(
                person.mobile or person.phone
            )
            if email or sms:
                channels[person.id] = (email, sms)
            else:
                skipped += 1
        sendable = [row for row in due if row[0] in channels]
        batch, remaining = sendable[:BATCH], len(sendable) - BATCH
        claimed = self._claim(batch)
        if claimed:
            self._issue_and_send(claimed, channels)
        self.sudo().write(
            {
                "last_run_date": fields.Datetime.now(),
                "last_sent_count": len(claimed),
                "last_skipped_consent_count": skipped,
                "last_skipped_no_date_count": self._count_without_date(),
            }
        )
        return len(claimed), max(remaining, 0)

    def _claim(self, rows):
        """Insert the log rows; those already claimed by another run are
        skipped. Returns [(log_id, partner_id, client_id, occasion_date)]."""
        if not rows:
            return []
        keys = [f"{self.id}-{partner}-{occasion}" for partner, _c, occasion in rows]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_base_loyalty_offer_log
                       (offer_id, occasion, partner_id, client_id, company_id,
                        occasion_date, occasion_key, email_sent, sms_sent,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(offer)s, %(occasion)s, r.partner_id, r.client_id,
                       %(company)s, r.occasion_date, r.occasion_key, FALSE, FALSE,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(partners)s::int[], %(clients)s::int[],
                              %(dates)s::date[], %(keys)s::varchar[])
                       AS r(partner_id, client_id, occasion_date, occasion_key)
                    ON CONFLICT (occasion_key) DO NOTHING
             RETURNING id, partner_id, client_id, occasion_date
                """,
                offer=self.id,
                occasion=self.occasion,
                company=self.company_id.id,
                uid=self.env.uid,
                partners=[row[0] for row in rows],
                clients=[row[1] for row in rows],
                dates=[row[2] for row in rows],
                keys=keys,
            )
        )
        return self.env.cr.fetchall()

    def _issue_and_send(self, claimed, channels):
        program = self.program_id
        points = min(program.reward_ids.mapped("required_points"), default=1)
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .with_context(loyalty_no_mail=True, tracking_disable=True)
            .create(
                [
                    {
                        "program_id": program.id,
                        "partner_id": partner_id,
                        "points": points,
                        "expiration_date": occasion_date
                        + timedelta(days=self.validity_days),
                    }
                    for _log, partner_id, _client, occasion_date in claimed
                ]
            )
        )
        email_cards = cards.filtered(lambda c: channels[c.partner_id.id][0])
        sms_cards = cards.filtered(lambda c: channels[c.partner_id.id][1])
        if self.mail_template_id and email_cards:
            self.mail_template_id.sudo().send_mail_batch(
                email_cards.ids, email_layout_xmlid="mail.mail_notification_light"
            )
        if self.sms_template_id and sms_cards:
            self.env["sms.composer"].sudo().create(
                {
                    "composition_mode": "mass",
                    "res_model": "loyalty.card",
                    "res_ids": repr(sms_cards.ids),
                    "template_id": self.sms_template_id.id,
                    "mass_keep_log": True,
                    "mass_force_send": False,
                }
            )._action_send_sms()
        self.env.cr.execute(
            SQL(
                """
                UPDATE client_base_loyalty_offer_log log
                   SET card_id = r.card_id, email_sent = r.email, sms_sent = r.sms
                  FROM unnest(%(logs)s::int[], %(cards)s::int[], %(emails)s::bool[],
                              %(sms)s::bool[]) AS r(log_id, card_id, email, sms)
                 WHERE log.id = r.log_id
                """,
                logs=[row[0] for row in claimed],
                cards=cards.ids,
                emails=[
                    bool(self.mail_template_id) and c in email_cards for c in cards
                ],
                sms=[bool(self.sms_template_id) and c in sms_cards for c in cards],
            )
        )
        self.env["client.base.loyalty.offer.log"].invalidate_model()
        bodies = {}
        Partner = self.env["res.partner"]
        for card, (_log, _partner, client_id, occasion_date) in zip(
            cards, claimed, strict=True
        ):
            # a job's note, in the language of the client's salesperson
            env = self.with_context(
                lang=Partner.browse(client_id)._client_staff_lang()
            ).env
            sent = [
                label
                for label, flag in (
                    (env._("email"), card in email_cards),
                    (env._("SMS"), card in sms_cards),
                )
                if flag
            ]
            bodies.setdefault(client_id, []).append(
                env._(
                    "%(offer)s: coupon %(code)s for %(person)s (occasion "
                    "%(date)s) sent by %(channels)s.",
                    offer=self.name,
                    code=card.code,
                    person=card.partner_id.name,
                    date=format_date(env, occasion_date),
                    channels=", ".join(sent) or env._("no channel"),
                )
            )
        self.env["res.partner"].browse(list(bodies))._message_log_batch(
            {cid: Markup("<br/>").join(lines) for cid, lines in bodies.items()}
        )
