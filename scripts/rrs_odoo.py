# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Open an Odoo environment on a database from a rendered odoo.conf (used by populate, bench)."""

import argparse
import contextlib

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("-c", "--config", required=True, help="rendered odoo.conf")
    p.add_argument("-d", "--database", required=True)
    return p


def _registry(args):
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    return Registry(args.database)


@contextlib.contextmanager
def environment(args):
    with _registry(args).cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})


def vacuum_analyze(args):
    """``VACUUM (ANALYZE)`` of the whole database, outside a transaction (PostgreSQL refuses it
    inside one): the planner's statistics, and the visibility map that lets an index answer a
    count alone. Autovacuum would come minutes later, table by table; a benchmark started
    before it compares a database half vacuumed with one that is not (issue 17)."""
    with _registry(args).cursor() as cr:
        cr.commit()
        cr._cnx.autocommit = True  # noqa: SLF001 - VACUUM needs a connection outside a transaction
        try:
            cr.execute("VACUUM (ANALYZE)")
        finally:
            cr._cnx.autocommit = False  # noqa: SLF001 - the pooled connection as it was lent
