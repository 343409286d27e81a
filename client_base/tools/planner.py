from contextlib import contextmanager

import psycopg2

from odoo.models import parse_read_group_spec
from odoo.tools import SQL
from odoo.tools.query import Query

# aggregates whose value over a group the values over its parts give: the sum
# of the parts' sums, the least of their minima, ...
PART_AGGREGATES = frozenset({"sum", "min", "max", "bool_and", "bool_or"})
# date granularities that give the first day of the date's period: the first
# day of a period grouped again by the same granularity stays itself
TRUNCATING_GRANULARITIES = frozenset({"day", "week", "month", "quarter", "year"})
# the column of a branch's group that holds the rows it counts
PART_ROWS = "client_base_part_rows"


@contextmanager
def without_jit(cr):
    """Run the statements of the block with PostgreSQL's JIT compilation off.

    The suite's whole-base statements (a status run, a contact refresh) carry
    many expressions over a few hundred thousand rows: compiling them costs
    PostgreSQL more than it saves (about 1.8 s of a 4 s status run on 100,000
    clients). Set for the transaction and restored after the block; a failed
    block leaves the restore to the rollback that follows it (a savepoint's
    rollback undoes ``set_config`` too). For whole-base statements only: a
    statement over a few clients costs less than the two settings' queries."""
    cr.execute(SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)"))
    previous = cr.fetchone()[0]
    try:
        yield
    except psycopg2.Error:
        # the transaction is aborted: its rollback restores the setting
        raise
    except Exception:
        cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))
        raise
    cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))


def page_per_branch(query, branches):
    """Make ``query`` (an ORM ``Query`` over a report that is a UNION ALL of
    ``branches``, SELECTs of its columns, with a ``limit``) read its page
    from each branch's first rows: each branch under the query's own joins,
    conditions and order, limited to ``offset + limit`` rows, and the page
    taken from their union. The same rows as the page of the whole union.

    PostgreSQL keeps a branch with a join or a condition as a subquery that
    it plans for every row: a page of a union of such branches (the newest
    purchases) reads and sorts every row of each, where a branch limited
    itself reads its first rows from an index. The query's main table is
    replaced, its flush metadata kept."""
    alias = query.table
    table = query._tables[alias]
    rows = (query.offset or 0) + query.limit
    pages = []
    for branch in branches:
        page = Query(query._env, alias, SQL("(%s)", branch))
        page._joins = dict(query._joins)
        page._where_clauses = list(query._where_clauses)
        page.order = query.order
        page.limit = rows
        pages.append(SQL("(%s)", page.select(SQL("%s.*", SQL.identifier(alias)))))
    flush = SQL().join(SQL(to_flush=field) for field in table.to_flush)
    query._tables[alias] = SQL("(%s)%s", SQL(" UNION ALL ").join(pages), flush)


def groups_per_branch(model, groupby, aggregates):
    """Whether ``model._read_group(domain, groupby, aggregates)`` over a report
    that is a UNION ALL of branches can group the groups of each branch
    (``group_per_branch``): the same groups and values when every aggregate
    is one whose parts give it (a sum of sums; not an average, a count of
    values or a list), each field is either grouped or aggregated once, and a
    date grouped by a period is grouped by that one period (a timestamp's
    period depends on the reader's time zone: not grouped in the branches).
    Returns the branches' ``(groupby, aggregates)``, else None."""
    grouped = {}
    for spec in groupby:
        fname, property_name, granularity = parse_read_group_spec(spec)
        field = model._fields.get(fname)
        if property_name or field is None or not field.store:
            return None
        if field.type in ("many2many", "one2many", "properties", "datetime"):
            return None
        if granularity and not (
            field.type == "date" and granularity in TRUNCATING_GRANULARITIES
        ):
            return None
        grouped.setdefault(fname, set()).add(spec)
    if any(len(specs) > 1 for specs in grouped.values()):
        return None
    measures = {}
    for spec in aggregates:
        if spec == "__count":
            continue
        fname, property_name, function = parse_read_group_spec(spec)
        field = model._fields.get(fname)
        if property_name or field is None or not field.store:
            return None
        if function not in PART_AGGREGATES or fname in grouped or fname in measures:
            return None
        measures[fname] = spec
    return [spec for (spec,) in grouped.values()], list(measures.values())


def group_per_branch(model, query, branches, groupby, aggregates):
    """Make ``query`` (an ORM ``Query`` of ``model``, a report that is a UNION
    ALL of ``branches``, SELECTs of its columns, about to be grouped by
    ``_read_group``) read the union of each branch's own groups instead of
    every row: each branch under the query's joins and conditions, grouped by
    ``groupby`` with ``aggregates`` (as ``groups_per_branch`` gives them) in
    their fields' columns, and its rows counted in ``PART_ROWS``. The
    query's joins and conditions move into the branches; its main table is
    replaced, its flush metadata kept. The model counts ``__count`` as the
    sum of ``PART_ROWS``.

    PostgreSQL groups a union's rows after it has produced every one of them
    in a single stream: a branch grouped itself aggregates where it reads."""
    alias = query.table
    table = query._tables[alias]
    parts = []
    for branch in branches:
        part = Query(query._env, alias, SQL("(%s)", branch))
        part._joins = dict(query._joins)
        part._where_clauses = list(query._where_clauses)
        groups = [model._read_group_groupby(spec, part) for spec in groupby]
        part.groupby = SQL(", ").join(groups) if groups else None
        columns = [
            SQL("%s AS %s", term, SQL.identifier(parse_read_group_spec(spec)[0]))
            for spec, term in zip(groupby, groups, strict=True)
        ] + [
            SQL(
                "%s AS %s",
                model._read_group_select(spec, part),
                SQL.identifier(parse_read_group_spec(spec)[0]),
            )
            for spec in aggregates
        ]
        columns.append(SQL("COUNT(*) AS %s", SQL.identifier(PART_ROWS)))
        parts.append(SQL("(%s)", part.select(*columns)))
    flush = SQL().join(SQL(to_flush=field) for field in table.to_flush)
    query._tables[alias] = SQL("(%s)%s", SQL(" UNION ALL ").join(parts), flush)
    query._joins.clear()
    query._where_clauses.clear()


def part_rows_count(alias):
    """SQL: ``__count`` of a group of branch groups (``group_per_branch``)."""
    return SQL("COALESCE(SUM(%s), 0)::bigint", SQL.identifier(alias, PART_ROWS))
