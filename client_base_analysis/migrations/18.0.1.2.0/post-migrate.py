"""18.0.1.2.0: the XYZ limits of product demand (10% / 25%) put nearly every
client in Z; companies still on them get the client limits. A company that
chose its own keeps them; past analyses keep the limits they were run with."""

from odoo.tools import SQL

OLD = (10.0, 25.0)
NEW = (100.0, 250.0)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """UPDATE res_company SET client_xyz_x = %s, client_xyz_y = %s
                WHERE client_xyz_x = %s AND client_xyz_y = %s""",
            *NEW,
            *OLD,
        )
    )
