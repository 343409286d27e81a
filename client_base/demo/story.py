"""The demo story of Client Base, and the generator of large bases for benchmarks.

A few hundred clients of a wholesale and retail distributor over three years of
orders: a handful of large wholesale clients bring most of the revenue, regulars
buy every few weeks, seasonal clients come back each spring and autumn, one-off
buyers never return, some clients stopped buying months ago, new clients arrived
recently, and prospects have no order yet. Everything is drawn from a seeded random
generator, so the same seed, scale and day always give the same base.

Rows are written set-based (one INSERT per table and chunk, with ids reserved from
the sequences up front): Odoo's confirmation would reset ``date_order`` to now, and
one ORM write per order would take hours at benchmark scale.
"""

import logging
import random

from odoo import fields
from odoo.tools import SQL

from .story_clients import StoryClients
from .story_data import DEFAULT_SEED
from .story_events import StoryEvents
from .story_orders import StoryOrders

_logger = logging.getLogger(__name__)


class DemoStory(StoryClients, StoryOrders, StoryEvents):
    """The story, written into ``env``'s company with ``env``'s rights.

    Plain Python: the demo data's ``<function>`` calls reach it through the
    ``client.base.demo.story`` entry point, benchmarks call ``_generate``
    there too. It writes through the public ORM, and set-based into Odoo's
    tables where the ORM would take hours at benchmark scale (partners,
    orders and their lines): the columns it writes are listed in
    ``story_clients`` and ``story_orders``; an optional companion's columns
    (stock, margins) come from
    ``client.base.demo.story._client_base_optional_columns()``.
    """

    def __init__(self, env):
        self.env = env

    def _day(self, today=None):
        """The story's today: ``today`` (a date or its string), else the user's."""
        return (
            fields.Date.to_date(today)
            if today
            else fields.Date.context_today(self.env.user)
        )

    def _clients(self):
        """The clients of the base, in a stable order."""
        return self.env["res.partner"].search(
            [("client_base_is_client", "=", True)], order="id"
        )

    def _generate(self, scale=1.0, seed=DEFAULT_SEED, today=None):
        """Write the story into the current company and return what was written.

        :param scale: 1.0 gives about 300 clients; 333 gives about 100,000 clients
            and 2,000,000 order lines for benchmarks.
        :param seed: seed of the random generator: same seed, same base.
        :param today: the story's "today" (a date); history runs three years back.
        """
        today = self._day(today)
        rnd = random.Random(seed)
        company = self.env.company
        products = self._demo_products()
        users = self._demo_salespeople()
        self.env.flush_all()
        clients = self._demo_insert_clients(
            rnd, round(300 * scale), users, company, today
        )
        counts = self._demo_insert_orders(rnd, clients, products, company, today)
        self._demo_sources(rnd, clients)
        counts["clients"] = len(clients)
        self._demo_opportunities(rnd, clients, users)
        self.env["res.partner"].invalidate_model()
        self.env["sale.order"].invalidate_model()
        self.env["sale.order.line"].invalidate_model()
        _logger.info("Client Base demo story written: %s", counts)
        return counts

    def _reserve_ids(self, table, count):
        """Take ``count`` ids from the table's sequence in one query."""
        if not count:
            return []
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"{table}_id_seq",
                count,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
