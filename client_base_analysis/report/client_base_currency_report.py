from odoo import fields, models, tools
from odoo.tools import SQL


class ClientBaseCurrencyReport(models.AbstractModel):
    """A SQL report whose rows carry amounts in their company's currency,
    read in the current company's currency at current rates through Odoo's
    currency table (as sale.report does), so sums over several companies add
    like with like.

    A report inherits it, names its amount fields in ``_currency_amounts`` and
    returns its rows from ``_company_rows_sql()``: they are kept as the view
    ``<table>_company``; the report's other stored fields are read as they
    are, the amounts multiplied by the rate. Amounts are Monetary fields of
    ``currency_id``, the current company's currency, which their labels name
    too (client.base.readable.report)."""

    _name = "client.base.currency.report"
    _inherit = "client.base.readable.report"
    _description = "Report in the Current Company's Currency"
    _auto = False
    _currency_amounts = ()

    currency_id = fields.Many2one(
        "res.currency",
        readonly=True,
        help="The current company's: the report's amounts are converted to it.",
    )

    def _company_rows_sql(self):
        """SELECT of the report's rows, amounts in each company's currency."""
        raise NotImplementedError

    @property
    def _table_query(self):
        return self._currency_rows_sql(SQL.identifier(f"{self._table}_company"))

    def _currency_rows_sql(self, company_rows):
        """SELECT of the report's rows from ``company_rows`` (SQL: the view
        of ``_company_rows_sql()``, or a query of the same columns), amounts
        in the current company's currency."""
        table = self.env["res.currency"]._get_simple_currency_table(self.env.companies)
        columns = [
            SQL.identifier("company_rows", name)
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and name not in self._currency_amounts
            and name != "currency_id"
        ]
        amounts = [
            SQL(
                "%s * account_currency_table.rate AS %s",
                SQL.identifier("company_rows", name),
                SQL.identifier(name),
            )
            for name in self._currency_amounts
        ]
        currency = SQL("%s AS currency_id", self.env.company.currency_id.id)
        return SQL(
            """SELECT %s FROM %s company_rows
                 JOIN %s
                   ON account_currency_table.company_id = company_rows.company_id""",
            SQL(", ").join([*columns, *amounts, currency]),
            company_rows,
            table,
        )

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        tools.drop_view_if_exists(self.env.cr, f"{self._table}_company")
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s)",
                SQL.identifier(f"{self._table}_company"),
                self._company_rows_sql(),
            )
        )
