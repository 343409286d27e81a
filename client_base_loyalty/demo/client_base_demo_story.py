from odoo import api, models

from .story_loyalty import LoyaltyStory


class ClientBaseDemoStory(models.AbstractModel):
    _inherit = "client.base.demo.story"

    @api.model
    def _demo_loyalty(self, seed=None, cards=45):
        return LoyaltyStory(self.env)._demo_loyalty(
            cards=cards, **({"seed": seed} if seed is not None else {})
        )
