# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    rrs_assistance_request_id = fields.Many2one(
        "rrs.assistance.request",
        string="Assistance request",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )

    def _rrs_assistance_bills(self):
        return self.filtered(lambda m: m.rrs_assistance_request_id and m.move_type == "in_invoice")

    def _post(self, soft=True):
        # rule FIN-1: every expense line of an assistance bill names its grant.
        plan = self.env.ref("rrs_assistance.analytic_plan_funding")
        for move in self._rrs_assistance_bills():
            for line in move.invoice_line_ids.filtered(lambda x: x.display_type == "product"):
                distribution = line.analytic_distribution or {}
                accounts = self.env["account.analytic.account"].browse(
                    int(i) for key in distribution for i in key.split(",")
                )
                if not accounts.filtered(lambda a: a.root_plan_id == plan):
                    raise UserError(
                        self.env._(
                            "Bill %(bill)s pays assistance request %(request)s: each line "
                            "needs its grant (Funding sources) in the analytic distribution.",
                            bill=move.display_name,
                            request=move.rrs_assistance_request_id.name,
                        )
                    )
        return super()._post(soft=soft)

    def button_draft(self):
        # rule FIN-3: a posted assistance bill is reversed through its request, never reset.
        bills = self._rrs_assistance_bills().filtered(lambda m: m.state == "posted")
        if bills:
            raise UserError(
                self.env._(
                    "Bill %(bill)s pays assistance request %(request)s: cancel the request to "
                    "reverse it; it is not reset to draft.",
                    bill=bills[0].name,
                    request=bills[0].rrs_assistance_request_id.name,
                )
            )
        return super().button_draft()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_assistance_bill(self):
        bills = self.filtered("rrs_assistance_request_id")
        if bills:
            raise UserError(
                self.env._(
                    "Bill %(bill)s pays assistance request %(request)s: financial records are "
                    "never deleted (FIN-3).",
                    bill=bills[0].display_name,
                    request=bills[0].rrs_assistance_request_id.name,
                )
            )
