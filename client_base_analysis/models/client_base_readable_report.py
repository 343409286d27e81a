from odoo import api, models
from odoo.tools import SQL


class ClientBaseReadableReport(models.AbstractModel):
    """How the suite's analyses read in a pivot or a graph:

    - groups of a selection field come in the selection's own order (High,
      Medium, Low; Monday to Sunday; Champions to Need attention), not in the
      alphabetical order of their keys, the ORM's default; rows without a
      value come last;
    - the amounts named in ``_currency_amounts`` carry the current company's
      currency in their label (a pivot shows a monetary measure without its
      symbol), so a cell reads "Revenue ($)": the suite's reports give their
      amounts in the current company's currency.
    """

    _name = "client.base.readable.report"
    _description = "Client Base Report Read in Logical Order and Currency"
    _currency_amounts = ()

    def _read_group_orderby(self, order, groupby_terms, query):
        ordered = dict(groupby_terms)
        for spec, sql in groupby_terms.items():
            field = self._fields.get(spec.split(":", 1)[0])
            if (
                field
                and field.type == "selection"
                and isinstance(field.selection, list)
            ):
                ordered[spec] = SQL(
                    "array_position(%s::text[], (%s)::text)",
                    [key for key, _label in field.selection],
                    sql,
                )
        return super()._read_group_orderby(order, ordered, query)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        fields = super().fields_get(allfields, attributes)
        symbol = self.env.company.currency_id.symbol
        for name in self._currency_amounts:
            if "string" in fields.get(name, {}):
                fields[name]["string"] = f"{fields[name]['string']} ({symbol})"
        return fields
