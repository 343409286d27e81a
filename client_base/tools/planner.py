from contextlib import contextmanager

import psycopg2

from odoo.tools import SQL
from odoo.tools.query import Query


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
