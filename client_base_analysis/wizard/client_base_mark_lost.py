from odoo import models


class ClientBaseMarkLost(models.TransientModel):
    """Marking clients lost names the ABC×XYZ class of the large ones."""

    _inherit = "client.base.mark.lost"

    def _client_classes(self, clients):
        classes = super()._client_classes(clients)
        for client in clients.with_company(self.company_id):
            if client.client_abc_xyz_class:
                classes[client.id] = client.client_abc_xyz_class
        return classes
