# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build the web client's asset bundles of a database once, and commit them (scripts/test).

Odoo builds a bundle at the first request for it and keeps it as an attachment. In a browser
tour that request runs inside the test's transaction, which is rolled back after the test:
every tour built the bundles again (10-20 s on a 2-core machine, more under load), holding
the test cursor's lock while the browser's other requests waited for it, and a request that
waits more than 20 s fails the tour. Built once here, before the tests, every tour finds them.
The bundles are the ones the tours' pages ask for: the web client's (``web.webclient_bootstrap``,
right to left too for the tours in Arabic), the tours' own (``web.assets_tests``), those the
client loads later (the bus's worker, the emoji, ``web.assets_backend_lazy``) and the login
page's.
"""

import time

from rrs_odoo import environment, parser

BUNDLES = (  # name, type, right to left
    ("web.assets_web", "js", False),
    ("web.assets_web", "css", False),
    ("web.assets_web", "css", True),
    ("web.assets_web_print", "css", False),
    ("web.assets_web_print", "css", True),
    ("web.assets_tests", "js", False),
    ("bus.websocket_worker_assets", "js", False),
    ("web.assets_emoji", "js", False),
    ("web.assets_backend_lazy", "js", False),
    ("web.assets_backend_lazy", "css", False),
    ("web.assets_frontend", "js", False),
    ("web.assets_frontend", "css", False),
)


def main():
    args = parser(__doc__.splitlines()[0]).parse_args()
    started = time.time()
    with environment(args) as env:
        QWeb = env["ir.qweb"]
        for name, kind, rtl in BUNDLES:
            bundle = QWeb._get_asset_bundle(name, css=kind == "css", js=kind == "js", rtl=rtl)
            if not (bundle.css() if kind == "css" else bundle.js()):
                raise SystemExit(f"The bundle {name} ({kind}) built nothing.")
    print(f"Web client bundles built in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
