from odoo import http
from odoo.exceptions import ValidationError

from odoo.addons.sale.controllers import portal


class PaymentPortal(portal.PaymentPortal):
    @http.route()
    def portal_order_transaction(self, order_id, access_token, **kwargs):
        # The pay button is hidden below the minimum order (``_has_to_be_paid``);
        # a direct call to the route is refused as well, once access is granted.
        order_sudo = self._document_check_access("sale.order", order_id, access_token)
        if order_sudo.client_below_threshold:
            raise ValidationError(order_sudo._client_threshold_portal_message())
        return super().portal_order_transaction(order_id, access_token, **kwargs)
