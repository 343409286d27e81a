from odoo import api, models
from odoo.models import parse_read_group_spec
from odoo.tools import SQL

from ..tools import part_rows_count


class GroupedParts:
    """The plan of a grouping from parts, in the context of the grouping
    only: a value no request's context can carry (JSON has no such type)."""

    __slots__ = ("plan",)

    def __init__(self, plan):
        self.plan = plan


def grouped_parts(env):
    """The plan that ``env``'s grouping from parts runs under, or None."""
    parts = env.context.get("client_base_grouped_parts")
    return parts.plan if isinstance(parts, GroupedParts) else None


def extra_aggregates(groupby, aggregates, having, order):
    """The aggregates that ``having`` and ``order`` of a ``_read_group`` name
    beside its ``aggregates`` (its groups and ``__count`` left out)."""
    terms = [leaf[0] for leaf in having or () if isinstance(leaf, (list, tuple))]
    terms += [part.split()[0] for part in (order or "").split(",") if part.strip()]
    return [
        term
        for term in dict.fromkeys(terms)
        if term != "__count" and term not in groupby and term not in aggregates
    ]


class ClientBaseGroupedParts(models.AbstractModel):
    """A report whose groups may be summed from groups of its parts: the
    groups of each branch of a union, or the rows of a coarser summary. Its
    ``_read_group`` asks ``_client_base_grouped_parts`` for a plan under which
    its ``_search`` reads such rows (``grouped_parts``), each counting the
    rows it stands for in ``PART_ROWS``; the groups are Odoo's own,
    ``__count`` their sum."""

    _name = "client.base.grouped.parts"
    _description = "Report Grouped From Its Parts"

    @api.model
    def _client_base_grouped_parts(self, domain, groupby, aggregates):
        """The plan under which ``_search`` gives rows that are groups of the
        rows ``domain`` matches, from which ``_read_group`` gives the same
        ``groupby`` groups and ``aggregates`` (every aggregate it reads, its
        ``having`` and ``order`` included); None to group the report's own
        rows."""
        return

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None,
        order=None,
    ):  # fmt: skip
        read = [*aggregates, *extra_aggregates(groupby, aggregates, having, order)]
        plan = self._client_base_grouped_parts(domain, groupby, read)
        if plan is None:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        grouped = self.with_context(client_base_grouped_parts=GroupedParts(plan))
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
        if grouped_parts(self.env) is None:
            return super()._read_group_select(aggregate_spec, query)
        if aggregate_spec == "__count":
            return part_rows_count(query.table)
        term = super()._read_group_select(aggregate_spec, query)
        fname, _property, function = parse_read_group_spec(aggregate_spec)
        if function == "sum" and self._fields[fname].type == "integer":
            # a sum of integer sums is numeric: an integer, as Odoo's sum
            return SQL("(%s)::bigint", term)
        return term
