# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .rrs_guard_mixin import is_disposing

# What a kept copy is: its content ...
KEPT_CONTENT = frozenset({"datas", "raw", "db_datas", "store_fname", "type", "url", "mimetype"})
# ... and the record it belongs to.
KEPT_LINK = ("res_model", "res_id", "res_field")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _rrs_kept_copies(self):
        """The files among these that are the kept copy of a signed record, as
        ``(domain on the record's model, model, message if changed, message if deleted)``; an
        upper addon adds its own kept copies (rules REC-2, PLAN-3, PLAN-5)."""
        env = self.env
        return [
            (
                "rrs.case.note",
                [
                    ("letter_attachment_ids", "in", self.ids),
                    ("letter_state", "in", ("signed", "sent")),
                ],
                env._("This file is the kept copy of a signed letter: it cannot change."),
                env._("This file is the kept copy of a signed letter: it is never deleted."),
            ),
            (
                "rrs.service.plan",
                [("agreement_attachment_id", "in", self.ids)],
                env._(
                    "This file is the signed service agreement kept on the plan: it cannot change."
                ),
                env._(
                    "This file is the signed service agreement kept on the plan: it is never "
                    "deleted."
                ),
            ),
        ]

    def _rrs_check_kept_copy(self, deleting=False):
        if not self.ids or is_disposing():
            return
        for model, domain, changed, deleted in self._rrs_kept_copies():
            # sudo(): only checks whether a file is a kept copy; nothing is returned to the
            # user but the refusal, which holds for every user.
            if self.env[model].sudo().search_count(domain, limit=1):
                raise UserError(deleted if deleting else changed)

    def write(self, vals):
        if KEPT_CONTENT & set(vals) or any(f in vals for f in KEPT_LINK):
            # The caller's right comes first: a role that may not write gets the access error.
            self.check_access("write")
        if KEPT_CONTENT & set(vals):
            self._rrs_check_kept_copy()
        elif any(f in vals for f in KEPT_LINK):
            moved = self.filtered(
                lambda a: any(
                    f in vals and (a[f] or False) != (vals[f] or False) for f in KEPT_LINK
                )
            )
            moved._rrs_check_kept_copy()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_copy(self):
        self._rrs_check_kept_copy(deleting=True)
