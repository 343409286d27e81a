from odoo import tools
from odoo.tools import SQL


def replace_view(cr, name, query):
    """Create or replace the view ``name`` as ``query``.

    Replaced in place when its columns stay the same (a source added by a
    bridge), so that the views built on it keep standing; dropped with them
    and created anew when its columns change (an upgrade, which recreates
    those views as well)."""
    cr.execute(
        SQL(
            """
            SELECT attname, atttypid FROM pg_attribute
             WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped
             ORDER BY attnum
            """,
            name,
        )
    )
    current = cr.fetchall()
    if current:
        cr.execute(SQL("SELECT * FROM (%s) q LIMIT 0", query))
        if [(column.name, column.type_code) for column in cr.description] != [
            tuple(row) for row in current
        ]:
            tools.drop_view_if_exists(cr, name)
    cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(name), query))
