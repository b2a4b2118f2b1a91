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


@contextlib.contextmanager
def environment(args):
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
