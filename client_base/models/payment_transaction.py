from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        # The quotations Odoo is about to confirm (same conditions as in sale):
        # those below their minimum get an automatic, logged override first.
        for tx in self:
            if len(tx.sale_order_ids) != 1:
                continue
            quotation = tx.sale_order_ids.filtered(
                lambda order: order.state in ("draft", "sent")
            )
            if quotation and quotation._is_confirmation_amount_reached():
                quotation._client_threshold_confirm_paid(tx)
        return super()._check_amount_and_confirm_order()
