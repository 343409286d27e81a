from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _routing_handle_bounce(self, email_message, message_dict):
        # Odoo's mass mailing blocks an address that bounced too often: the
        # address is dead, the person opted out of nothing (no withdrawal row).
        # The next implementation runs with the flag, hence super() of another
        # recordset than self.
        bounce = self.with_context(client_base_bounce=True)
        return super(MailThread, bounce)._routing_handle_bounce(
            email_message, message_dict
        )
