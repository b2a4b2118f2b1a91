# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.addons.rrs_case.models.rrs_guard_mixin import is_disposing
from odoo.exceptions import UserError


class RrsPrsConcern(models.Model):
    """A Notification of Concern (rule PRS-7): fast to file, never lost.

    Filing alerts the supervisor at once. A notification is never deleted, by anyone, and its
    case cannot be deleted either; once filed it only grows: later facts are amendments, more
    agencies may be added, and the time ORR was notified is recorded once.
    """

    _name = "rrs.prs.concern"
    _description = "Notification of Concern"
    _inherit = ["mail.thread", "mail.activity.mixin", "rrs.guard.mixin", "rrs.access.logged.mixin"]
    _order = "reported_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "case_id"
    # rule PRS-7: who filed it and when, and when ORR was notified, are the system's
    _rrs_system_fields = ("reported_date", "reported_by_id", "orr_notified_date")

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "rrs.case",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_prs', '=', True)]",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="case_id.user_id", string="Case worker", store=True)
    category = fields.Selection(
        [
            ("trafficking", "Trafficking"),
            ("gang", "Gang involvement"),
            ("running_away", "Running away"),
            ("abuse", "Abuse or neglect"),
            ("other", "Other immediate danger"),
        ],
        required=True,
        index=True,
    )
    description = fields.Text(string="What happened", required=True)
    incident_id = fields.Many2one(
        "rrs.incident",
        string="Incident report",
        index="btree_not_null",
        ondelete="restrict",
        help="The incident report this notification was started from (rule REC-5).",
    )
    reported_date = fields.Datetime(
        string="Filed on",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        index=True,
        copy=False,
    )
    reported_by_id = fields.Many2one(
        "res.users",
        string="Filed by",
        readonly=True,
        default=lambda self: self.env.user,
        copy=False,
    )
    agency_ids = fields.Many2many(
        "res.partner",
        string="Reported to",
        ondelete="restrict",
        help="Investigative agencies the concern was reported to (police, child protective "
        "services, ...).",
    )
    agency_note = fields.Char(
        string="Other agencies", help="Agencies reached by phone that are not in the contacts."
    )
    orr_notified_date = fields.Datetime(
        string="ORR notified on", readonly=True, tracking=True, copy=False
    )
    amendment_ids = fields.One2many(
        "rrs.prs.concern.amendment", "concern_id", string="Amendments", readonly=True
    )

    @api.depends("case_id.name", "category")
    def _compute_name(self):
        labels = dict(self._fields["category"].selection)
        for concern in self:
            concern.name = self.env._(
                "Concern %(case)s: %(category)s",
                case=concern.case_id.name,
                category=labels.get(concern.category, ""),
            )

    @api.model_create_multi
    def create(self, vals_list):
        concerns = super().create(vals_list)
        concerns._alert_supervisor()
        return concerns

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            for concern in self:
                concern._check_growth(vals)
        return super().write(vals)

    def _check_growth(self, vals):
        """Rule PRS-7: a filed notification only grows."""
        allowed = {"agency_ids", "agency_note", "orr_notified_date", "activity_ids"}
        allowed |= {f for f in vals if f.startswith("message_")}
        changed = set(vals) - allowed
        if changed:
            raise UserError(
                self.env._(
                    "A notification of concern stays as it was filed. Add an amendment with "
                    "what changed."
                )
            )
        if "orr_notified_date" in vals and self.orr_notified_date:
            raise UserError(self.env._("The time ORR was notified is recorded once."))
        if (
            "agency_note" in vals
            and self.agency_note
            and not ((vals["agency_note"] or "").startswith(self.agency_note))
        ):
            raise UserError(self.env._("Add agencies to the list; never remove one."))
        for command in vals.get("agency_ids", ()):
            if command[0] in (Command.CREATE, Command.LINK) or (
                command[0] == Command.SET and set(self.agency_ids.ids) <= set(command[2])
            ):
                continue
            raise UserError(self.env._("Add agencies to the list; never remove one."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if is_disposing():
            return  # rule REC-3: destroyed with the case at the end of retention, with proof
        raise UserError(
            self.env._(
                "A notification of concern is never deleted. Add an amendment to correct it."
            )
        )

    def _alert_supervisor(self):
        """Filing alerts the supervisor immediately: an activity and a notification."""
        for concern in self:
            case = concern.case_id
            # sudo(): the supervisor from the employee hierarchy, which a program manager
            # without HR rights may not read; only who is alerted is taken from it
            supervisor = case.sudo().supervisor_user_id.with_env(self.env) or case.user_id
            concern.activity_schedule(
                "rrs_minors.mail_activity_type_prs_concern",
                user_id=supervisor.id,
                summary=self.env._("Notification of concern filed: review now"),
            )
            concern.message_post(
                body=self.env._(
                    "Notification of concern filed by %(user)s for case %(case)s.",
                    user=concern.reported_by_id.name,
                    case=case.name,
                ),
                partner_ids=supervisor.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
            )

    def action_notify_orr(self):
        """Record that ORR was notified, now, once (rule PRS-7)."""
        self.check_access("write")
        todo = self.filtered(lambda c: not c.orr_notified_date)
        # the caller may write these notifications (checked above); the time is the system's
        with todo._rrs_system_write():
            todo.write({"orr_notified_date": fields.Datetime.now()})
        return True

    def action_amend(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rrs.prs.concern.amendment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_concern_id": self.id},
        }
