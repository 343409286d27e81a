from odoo.tools import SQL


class CorrelatedSQL(SQL):
    """A subquery of ids for a domain leaf ``("id", "in", subquery)`` that
    also knows itself as a condition on the row searched: ``correlated``,
    ``alias -> SQL``. A model inheriting ``client.base.client.data`` writes
    the leaf as that condition (``_condition_to_sql``), so that a list's
    first page and its count probe the rows they read by index, instead of
    computing the subquery over the whole base first; anywhere else it is
    the plain subquery, with the same rows."""

    __slots__ = ("correlated",)

    @classmethod
    def make(cls, subquery, correlated):
        sql = cls(subquery)
        sql.correlated = correlated
        return sql
