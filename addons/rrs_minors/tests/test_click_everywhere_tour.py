# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's click-everywhere bot in the suite's app, as each demo role, in headless Chromium.

The bot opens every menu of the Resettlement app the user sees, every view of each action and
every filter, and fails on any error or warning the web client shows. The file name ends in
``_tour`` so that it runs with the browser tours (``-k tour``), not with the quick tests.
"""

from odoo.tests import HttpCase, tagged

ROLES = ("worker1", "supervisor", "manager", "finance", "auditor")


@tagged("post_install", "-at_install")
class TestClickEverywhereByRole(HttpCase):
    def test_click_everywhere_in_the_suite_as_each_role(self):
        root = self.env.ref("rrs_case.rrs_menu_root")
        users = self.env["res.users"].search([("login", "in", ROLES)])
        if len(users) != len(ROLES):
            self.skipTest("The click-everywhere test runs on the demo data.")
        if "tour_enabled" in users._fields:
            users.write({"tour_enabled": False})
        # Build the web client's and the bot's bundles first: built during the first run they
        # hold the test cursor long enough for the bot's parallel requests to time out.
        for bundle in ("web.assets_web", "web.assets_clickbot"):
            assets = self.env["ir.qweb"]._get_asset_bundle(bundle)
            assets.js()
            assets.css()
        for user in users:
            with self.subTest(login=user.login):
                self.browser_js(
                    "/odoo",
                    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
                    f".startClickEverywhere('{root.get_external_id()[root.id]}');",
                    "odoo.isReady === true",
                    login=user.login,
                    timeout=900,
                    success_signal="clickbot test succeeded",
                )
