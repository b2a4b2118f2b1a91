# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _rrs_demo_install(self, codes):
        """Demo data (demo/res_lang_demo.xml): install the languages the demo's documents and
        staff use, with the terms of every installed module. A language already installed is
        left as it is, so that updating the demo costs nothing."""
        missing = [code for code in codes if not self._get_data(code=code).active]
        for code in missing:
            self._activate_lang(code)
        if missing:
            installed = self.env["ir.module.module"].search([("state", "=", "installed")])
            installed._update_translations(missing)
        return True
