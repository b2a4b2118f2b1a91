# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _rrs_sync_assistance(self, moves):
        # sudo(): the accountant reconciled the bill with their own rights on it; the request
        # only follows the bill's payment state (a system move, no data is returned).
        requests = moves.sudo().rrs_assistance_request_id.filtered(
            lambda r: r.state in ("validated", "paid")
        )
        if requests:
            requests._rrs_sync_payment()

    def reconcile(self):
        moves = self.move_id
        result = super().reconcile()
        self._rrs_sync_assistance(moves)
        return result

    def remove_move_reconcile(self):
        moves = (
            self.matched_debit_ids.debit_move_id | self.matched_credit_ids.credit_move_id
        ).move_id
        moves |= self.move_id
        result = super().remove_move_reconcile()
        self._rrs_sync_assistance(moves)
        return result
