# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Back up one database with its filestore the way Odoo's database manager does: a zip holding
``dump.sql`` (pg_dump), ``filestore/`` and ``manifest.json`` (Odoo version, installed modules).
Prints the path of the file written."""

import argparse
import datetime
import os
import sys

from odoo.service import db as odoo_db
from odoo.tools import config


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("-c", "--config", required=True, help="rendered odoo.conf")
    p.add_argument("-d", "--database", required=True)
    p.add_argument("-o", "--output-dir", default=".", help="where the zip is written")
    args = p.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    # Odoo's dump is guarded by list_db, the switch of the web database manager, which the
    # suite's configuration keeps off; this script runs on the server with its owner's rights.
    config["list_db"] = True
    if not odoo_db.exp_db_exist(args.database):
        sys.exit(f"Database {args.database} does not exist.")
    os.makedirs(args.output_dir, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = os.path.join(os.path.abspath(args.output_dir), f"{args.database}-{stamp}.zip")
    # Written next to its final name, then renamed: a half-written backup never looks whole.
    partial = path + ".part"
    with open(partial, "wb") as stream:
        odoo_db.dump_db(args.database, stream, "zip", with_filestore=True)
    os.replace(partial, path)
    print(path)


if __name__ == "__main__":
    main()
