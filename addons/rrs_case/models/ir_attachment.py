# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .rrs_guard_mixin import is_disposing


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _rrs_signed_letters(self):
        """Signed or sent letters whose kept copy is one of these files (rule REC-2)."""
        # sudo(): only checks whether a file is the copy of a signed letter; nothing is
        # returned to the user but the refusal.
        return (
            self.env["rrs.case.note"]
            .sudo()
            .search(
                [
                    ("letter_attachment_ids", "in", self.ids),
                    ("letter_state", "in", ("signed", "sent")),
                ],
                limit=1,
            )
        )

    def write(self, vals):
        if {"datas", "raw", "db_datas", "store_fname"} & set(vals) and self._rrs_signed_letters():
            raise UserError(
                self.env._("This file is the kept copy of a signed letter: it cannot change.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_letter_copy(self):
        if not is_disposing() and self._rrs_signed_letters():
            raise UserError(
                self.env._("This file is the kept copy of a signed letter: it is never deleted.")
            )
