# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RrsConsent(models.Model):
    _inherit = "rrs.consent"

    def _rrs_after_move(self, source, target):
        """A family that revokes the release naming a volunteer ends the match it allowed: the
        volunteer loses access at once (rules CON-2, VOL-2)."""
        res = super()._rrs_after_move(source, target)
        if self.revoked:
            # sudo(): the revocation was made by someone allowed to (checked by its move); the
            # matches it allowed end with it.
            matches = (
                self.env["rrs.volunteer.match"]
                .sudo()
                .search([("consent_id", "in", self.ids), ("state", "=", "active")])
            )
            with matches._rrs_system_write():
                matches.write({"end_reason": self.env._("The family revoked its consent.")})
                matches._rrs_move("ended")
        return res
