from odoo import api, models

from .story_analysis import AnalysisStory


class ClientBaseDemoStory(models.AbstractModel):
    _inherit = "client.base.demo.story"

    @api.model
    def _demo_analysis(self, seed=None):
        return AnalysisStory(self.env)._demo_analysis(
            **({"seed": seed} if seed is not None else {})
        )
