from odoo import api, models

from .story_shop import ShopStory


class ClientBaseDemoStory(models.AbstractModel):
    _inherit = "client.base.demo.story"

    @api.model
    def _demo_shop(self, seed=None, holders=14, today=None):
        return ShopStory(self.env)._demo_shop(
            holders=holders, today=today, **({"seed": seed} if seed is not None else {})
        )

    @api.model
    def _bench_till(self, share=0.5):
        return ShopStory(self.env)._bench_till(share=share)
