from odoo import api, models

from ..tools import part_rows_count


class ClientBaseGroupedParts(models.AbstractModel):
    """A report whose groups may be summed from groups of its parts: the
    groups of each branch of a union, or the rows of a coarser summary. Its
    ``_read_group`` asks ``_client_base_grouped_parts`` under which context
    its ``_search`` reads such rows, each counting the rows it stands for in
    ``PART_ROWS``; the groups are Odoo's own, ``__count`` their sum."""

    _name = "client.base.grouped.parts"
    _description = "Report Grouped From Its Parts"

    @api.model
    def _client_base_grouped_parts(self, domain, groupby, aggregates):
        """The context (a dict) under which ``_search`` gives rows that are
        groups of the rows ``domain`` matches, from which ``_read_group``
        gives the same ``groupby`` groups and ``aggregates``; None to group
        the report's own rows."""
        return

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None,
        order=None,
    ):  # fmt: skip
        parts = self._client_base_grouped_parts(domain, groupby, aggregates)
        if parts is None:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        grouped = self.with_context(client_base_grouped_parts=True, **parts)
        rows = super(ClientBaseGroupedParts, grouped)._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )
        # the groups' records in the caller's environment, not the grouping's
        return [
            tuple(
                value.with_env(self.env) if isinstance(value, models.BaseModel)
                else value
                for value in row
            )
            for row in rows
        ]  # fmt: skip

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == "__count" and self.env.context.get(
            "client_base_grouped_parts"
        ):
            return part_rows_count(query.table)
        return super()._read_group_select(aggregate_spec, query)
