from odoo import api, models
from odoo.tools import SQL

# the columns of client.base.purchase that the summary by day does not read
SUMMARY_IGNORES = frozenset(
    {"name", "user_id", "team_id", "invoice_user_id", "crm_team_id"}
)


class ClientBasePurchaseSource(models.AbstractModel):
    """A model whose records make purchases (``client.base.purchase`` depends
    on its fields): a change of those fields computes anew the purchase days
    (``client.base.purchase.day``) of the clients whose purchases the records
    made before it or make after it, in one statement.

    Mixed into the documents (sale orders, invoices, a bridge's POS orders)
    and into what decides who a client is (partners, users, companies). The
    changes are caught at the lowest level (``_create``, ``_write_multi``,
    ``unlink``), so that a stored computed amount recomputed by the ORM counts
    like a field written by hand. Override ``_client_base_purchase_clients_sql``
    or ``_client_base_refresh_purchases`` where the records are not
    documents."""

    _name = "client.base.purchase.source"
    _description = "Source of Client Purchases"
    # whether a record created may already make purchases (a new partner
    # has no documents yet)
    _client_base_purchases_at_create = True

    @api.model
    def _client_base_purchase_fields(self):
        """The fields of this model that the purchases' summary by day is
        computed from (what ``client.base.purchase`` depends on, less the
        labels it shows: the document's name, salesperson and team)."""
        return [
            name
            for name in self.env["client.base.purchase"]._depends.get(self._name, ())
            if name not in SUMMARY_IGNORES
        ]

    def _client_base_purchase_clients_sql(self):
        """SQL: the clients whose purchases these records make now."""
        return SQL(
            "SELECT DISTINCT partner_id FROM client_base_purchase"
            " WHERE res_model = %s AND res_id = ANY(%s)",
            self._name,
            list(self.ids),
        )

    def _client_base_purchase_clients(self):
        """The ids of the clients whose purchases these records make now."""
        if not self.ids:
            return set()
        self.env.cr.execute(self._client_base_purchase_clients_sql())
        return {row[0] for row in self.env.cr.fetchall() if row[0]}

    def _client_base_refresh_purchases(self, before=frozenset()):
        """Compute anew the purchase days of the clients whose purchases these
        records made (``before``, their ids) or make now."""
        self.env["client.base.purchase.day"]._client_base_refresh_clients(
            set(before) | self._client_base_purchase_clients()
        )

    @api.model
    def _create(self, data_list):
        records = super()._create(data_list)
        if self._client_base_purchases_at_create:
            records._client_base_refresh_purchases()
        return records

    def _write_multi(self, vals_list):
        watched = self._client_base_purchase_fields()
        if not (self and any(name in vals for vals in vals_list for name in watched)):
            super()._write_multi(vals_list)
            return
        before = self._client_base_purchase_clients()
        super()._write_multi(vals_list)
        self._client_base_refresh_purchases(before)

    def unlink(self):
        # what the records make now, with this transaction's changes
        self.env.flush_all()
        before = self._client_base_purchase_clients()
        res = super().unlink()
        self.env["client.base.purchase.day"]._client_base_refresh_clients(before)
        return res
