from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TODAY, ClientBaseCommon, load_languages, shipped_translation


@tagged("post_install", "-at_install")
@freeze_time(TODAY)  # Monday 15 June 2026
class TestClientBadge(ClientBaseCommon):
    """The client at a glance: its status and a round date of the next days,
    for the person served and its client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._create_client(
            "Jubilee Foods SRL", client_foundation_date=date(2016, 6, 18)
        )
        cls.chef = cls.env["res.partner"].create(
            {
                "name": "Elena Rusu",
                "parent_id": cls.client.id,
                "client_birthday": date(1986, 6, 16),  # 40 tomorrow
            }
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Ion Popa",
                "parent_id": cls.client.id,
                "client_birthday": date(1991, 6, 30),  # 35, but in 15 days
            }
        )
        cls.walk_in = cls.env["res.partner"].create(
            {"name": "Walk-in", "customer_rank": 1}
        )
        cls._order_on(cls.client, days_ago=20)

    def test_status_and_the_nearest_round_date(self):
        self._refresh()
        people = self.chef | self.buyer | self.walk_in | self.cb_user.partner_id
        badges = people._client_badge()
        self.assertNotIn(self.cb_user.partner_id.id, badges, "Staff: no client")
        self.assertEqual(
            badges[self.chef.id],
            [
                {"kind": "status", "value": "new", "label": "New"},
                {
                    "kind": "occasion",
                    "value": "birthday",
                    "label": "Birthday tomorrow",
                },
            ],
        )
        # the colleague's birthday is too far: the client's 10th anniversary
        # on Thursday is the nearest date for him
        self.assertEqual(
            badges[self.buyer.id][1],
            {
                "kind": "occasion",
                "value": "foundation",
                "label": "Company Anniversary (10) on Thursday",
            },
        )
        self.assertEqual(
            badges[self.walk_in.id],
            [{"kind": "status", "value": "potential", "label": "Potential"}],
        )

    def test_in_the_users_language(self):
        load_languages(self.env, ["client_base"])
        self._refresh()
        badge = self.buyer.with_context(lang="ru_RU")._client_badge()[self.buyer.id]
        self.assertEqual(
            badge[0]["label"], shipped_translation("client_base", "ru_RU", "New")
        )
        anniversary = shipped_translation("client_base", "ru_RU", "Company Anniversary")
        self.assertEqual(badge[1]["label"], f"{anniversary} (10) — четверг")
