from contextlib import contextmanager

from odoo.tools import SQL


@contextmanager
def without_jit(cr):
    """Run the statements of the block with PostgreSQL's JIT compilation off.

    The suite's whole-base statements (a status run, a contact refresh) carry
    many expressions over a few hundred thousand rows: compiling them costs
    PostgreSQL more than it saves (about 1.8 s of a 4 s status run on 100,000
    clients). Set for the transaction and restored after the block; a failed
    block leaves the restore to the rollback that follows it (a savepoint's
    rollback undoes ``set_config`` too)."""
    cr.execute(SQL("SELECT current_setting('jit'), set_config('jit', 'off', true)"))
    previous = cr.fetchone()[0]
    yield
    cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))
