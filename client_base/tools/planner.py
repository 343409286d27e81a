from contextlib import contextmanager

import psycopg2

from odoo.tools import SQL


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
