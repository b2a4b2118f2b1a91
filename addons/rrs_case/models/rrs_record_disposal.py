# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class RrsRecordDisposal(models.Model):
    """Proof that a case's records were destroyed at the end of their retention (REC-3).

    It keeps no personal data: the case number, the program, the dates, who disposed of the
    records, on which authority, and how many records of each kind were destroyed.
    """

    _name = "rrs.record.disposal"
    _description = "Record Disposal"
    _inherit = ["rrs.guard.mixin"]
    _order = "disposed_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Case number", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    program_id = fields.Many2one("rrs.program", readonly=True, check_company=True)
    closing_date = fields.Date(readonly=True)
    retention_until_date = fields.Date(string="Kept until", readonly=True)
    disposed_date = fields.Datetime(string="Disposed on", required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Disposed by", required=True, readonly=True)
    authority = fields.Char(
        required=True,
        readonly=True,
        help="The retention rule or the decision under which the records were destroyed.",
    )
    record_counts = fields.Text(string="Records destroyed", readonly=True)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("The proof of a disposal stays as it was recorded."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The proof of a disposal is never deleted."))
