# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .rrs_guard_mixin import is_disposing


class RrsBreach(models.Model):
    """A breach of the case files' confidentiality (rule REC-4), managed by a program manager:
    what was exposed, whose records, when it was found, who was informed and when, what was
    done, and the access log entries that show it. Open, then contained (the exposure stopped,
    with the actions taken), then closed (the people concerned and the authorities informed, or
    why not). Closed, it stays as it is; it is never deleted.
    """

    _name = "rrs.breach"
    _description = "Confidentiality Breach"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.guard.mixin"]
    _order = "found_date desc, id desc"
    _check_company_auto = True
    _rrs_state_field = "state"
    _rrs_frozen_states = ("closed",)
    _rrs_system_fields = ("name", "contained_date", "closed_date", "closed_by_id")
    _rrs_number_sequence = "rrs.breach"

    name = fields.Char(string="Reference", default="/", readonly=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="Managed by",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("rrs_case.group_program_manager").ids)
        ],
    )
    found_date = fields.Datetime(
        string="Found on", required=True, default=fields.Datetime.now, tracking=True
    )
    occurred_from = fields.Datetime(string="Exposed from")
    occurred_to = fields.Datetime(string="Exposed until")
    description = fields.Text(
        string="What was exposed",
        required=True,
        help="Which information, in which form (files, emails, paper, a device), how and to whom.",
    )
    cause = fields.Text(string="How it happened")
    case_ids = fields.Many2many(
        "rrs.case", string="Whose records", help="The cases whose records were exposed."
    )
    person_count = fields.Integer(
        string="People concerned",
        compute="_compute_person_count",
        help="The members of the households whose records were exposed.",
    )
    access_log_ids = fields.Many2many(
        "rrs.access.log",
        string="Access log entries",
        help="The entries of the access log that show the exposure.",
    )
    actions = fields.Text(
        string="Actions taken", help="What was done to stop the exposure and prevent another."
    )
    informed = fields.Text(
        string="Who was informed",
        help="The people concerned, the funder (ORR, IRCC ...), the data protection authority, "
        "the police: who, when, how.",
    )
    clients_informed_date = fields.Date(string="People concerned informed on", tracking=True)
    authority_informed_date = fields.Date(string="Authorities informed on", tracking=True)
    no_notice_reason = fields.Text(
        string="Why no one was informed",
        help="When neither the people concerned nor an authority are informed, why.",
    )
    state = fields.Selection(
        [("open", "Open"), ("contained", "Contained"), ("closed", "Closed")],
        required=True,
        default="open",
        index=True,
        tracking=True,
    )
    contained_date = fields.Datetime(string="Contained on", copy=False)
    closed_date = fields.Datetime(string="Closed on", copy=False)
    closed_by_id = fields.Many2one("res.users", string="Closed by", copy=False)

    @api.depends("case_ids")
    def _compute_person_count(self):
        for breach in self:
            # sudo(): a count of people, for the program manager managing the breach
            breach.person_count = len(breach.sudo().case_ids.member_ids)

    # --------------------------------------------------------------------- CRUD
    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if is_disposing():
            return
        raise UserError(self.env._("A breach record is never deleted."))

    # -------------------------------------------------------------------- moves
    def _rrs_moves(self):
        return {
            ("open", "contained"): "_check_contain",
            ("contained", "closed"): "_check_close",
            ("contained", "open"): "_check_reopen",
        }

    def _check_manager(self):
        if not self.env.user.has_group("rrs_case.group_program_manager"):
            raise AccessError(self.env._("Only a program manager manages a breach."))

    def _check_contain(self, target):
        self._check_manager()
        if not (self.actions or "").strip():
            raise UserError(
                self.env._("Record the actions taken to stop the exposure before containing it.")
            )
        return {"contained_date": fields.Datetime.now()}

    def _check_reopen(self, target):
        """The exposure is found to go on: the breach is open again."""
        self._check_manager()
        return {"contained_date": False}

    def _check_close(self, target):
        self._check_manager()
        informed = self.clients_informed_date or self.authority_informed_date
        if not informed and not (self.no_notice_reason or "").strip():
            raise UserError(
                self.env._(
                    "Record when the people concerned or the authorities were informed, or why "
                    "no one was, before closing the breach."
                )
            )
        if informed and not (self.informed or "").strip():
            raise UserError(self.env._("Say who was informed, when and how."))
        return {"closed_date": fields.Datetime.now(), "closed_by_id": self.env.user.id}

    def _rrs_frozen_message(self):
        return self.env._("A closed breach stays as it was closed.")

    # ------------------------------------------------------------------ actions
    def action_contain(self):
        for breach in self:
            breach._rrs_move("contained")
        return True

    def action_reopen(self):
        for breach in self:
            breach._rrs_move("open")
        return True

    def action_close(self):
        for breach in self:
            breach._rrs_move("closed")
        return True
