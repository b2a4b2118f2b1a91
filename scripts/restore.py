# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Restore a backup made by scripts/backup (or Odoo's database manager) into a NEW database,
with its filestore, through Odoo's own restore. The copy is neutralised by default (outgoing mail
servers, scheduled jobs and webhooks off) so that it sends nothing to clients or providers; it
gets a new database uuid. An existing database is never overwritten."""

import argparse
import sys

from odoo.service import db as odoo_db
from odoo.tools import config


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("-c", "--config", required=True, help="rendered odoo.conf")
    p.add_argument("-d", "--database", required=True, help="the new database")
    p.add_argument("backup", help="the zip written by scripts/backup")
    p.add_argument(
        "--keep-active",
        action="store_true",
        help="do not neutralise the copy (a real recovery of production, not a drill)",
    )
    args = p.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    if odoo_db.exp_db_exist(args.database):
        sys.exit(f"Database {args.database} exists: restore into a new name, never over it.")
    # Odoo's restore is guarded by list_db, the switch of the web database manager, which the
    # suite's configuration keeps off; this script runs on the server with its owner's rights.
    config["list_db"] = True
    odoo_db.restore_db(
        args.database,
        args.backup,
        copy=not args.keep_active,
        neutralize_database=not args.keep_active,
    )
    print(args.database)


if __name__ == "__main__":
    main()
