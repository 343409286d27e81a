from odoo.fields import Command

from odoo.addons.client_base.tests.common import ClientBaseCommon


def card_program_values(name, reward, points_at_issue=0, **values):
    """A client card program of the usual discount card: every order earns
    the point its 5% discount spends."""
    return {
        "name": name,
        "program_type": "loyalty",
        "applies_on": "both",
        "trigger": "auto",
        "portal_visible": True,
        "portal_point_name": "Points",
        "client_issue_kind": "card",
        "client_points_at_issue": points_at_issue,
        "rule_ids": [
            Command.clear(),
            Command.create(
                {
                    "reward_point_mode": "order",
                    "reward_point_amount": 1,
                    "minimum_amount": 0,
                    "minimum_qty": 0,
                }
            ),
        ],
        "reward_ids": [
            Command.clear(),
            Command.create(
                {
                    "reward_type": "discount",
                    "discount": 5,
                    "discount_mode": "percent",
                    "discount_applicability": "order",
                    "required_points": 1,
                    "description": reward,
                }
            ),
        ],
        "communication_plan_ids": [Command.clear()],
        **values,
    }


class LoyaltyCommon(ClientBaseCommon):
    """A card program with a 5% discount earned back by every order, a coupon
    program for occasion offers, and builders for consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Program = cls.env["loyalty.program"]
        cls.card_program = Program.create(
            card_program_values("Test Honoured Card", "Card 5%", points_at_issue=1)
        )
        cls.coupon_program = Program.create(
            {
                "name": "Test Occasion Coupon",
                "program_type": "coupons",
                "applies_on": "current",
                "trigger": "with_code",
                "portal_visible": False,
                "portal_point_name": "Coupon",
                "rule_ids": [Command.clear()],
                "reward_ids": [
                    Command.clear(),
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                            "required_points": 1,
                            "description": "Occasion 10%",
                        }
                    ),
                ],
                "communication_plan_ids": [Command.clear()],
            }
        )

    @classmethod
    def _consent(cls, person, channel, state="granted"):
        return cls.env["client.base.consent"].create(
            {"partner_id": person.id, "channel": channel, "state": state}
        )

    @classmethod
    def _issue_card(cls, client, program=None, user=None, **values):
        wizard = (
            cls.env["client.base.card.issue"]
            .with_user(user or cls.cb_user)
            .create(
                {
                    "partner_id": client.id,
                    "program_id": (program or cls.card_program).id,
                    **values,
                }
            )
        )
        return wizard.action_issue()
