# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.rrs_case.models.rrs_case import CASE_FILE_GROUPS

SCHEDULED_STATES = ("active", "closing")
SCHEDULE_FIELDS = {"service_start_date", "extension", "state", "program_id", "member_ids"}


class RrsCase(models.Model):
    _inherit = "rrs.case"

    assessment_ids = fields.One2many(
        "rrs.assessment", "case_id", string="Assessments", groups=CASE_FILE_GROUPS
    )
    assessment_count = fields.Integer(compute="_compute_assessment_stats")
    assessment_overdue_count = fields.Integer(compute="_compute_assessment_stats")
    need_level_id = fields.Many2one(
        "rrs.need.level",
        string="Need level",
        compute="_compute_need_level_id",
        store=True,
        index=True,
        help="Need level of the latest completed Needs Assessment Matrix.",
    )
    factor_comparison_ids = fields.One2many(
        "rrs.assessment.factor.comparison",
        "case_id",
        string="Change by factor",
        groups=CASE_FILE_GROUPS,
    )

    @api.depends(
        "assessment_ids.state",
        "assessment_ids.need_level_id",
        "assessment_ids.completion_date",
        "assessment_ids.kind",
    )
    def _compute_need_level_id(self):
        for case in self:
            done = case.assessment_ids.filtered(lambda a: a.state == "done" and a.kind == "matrix")
            if not done:
                case.need_level_id = False
                continue
            latest_date = max(done.mapped("completion_date"))
            latest = done.filtered(lambda a, d=latest_date: a.completion_date == d)
            # several adults assessed the same day: the household's level is the highest need
            case.need_level_id = latest.need_level_id.sorted("sequence")[:1]

    def _compute_assessment_stats(self):
        Assessment = self.env["rrs.assessment"]
        if not Assessment.has_access("read"):
            self.assessment_count = self.assessment_overdue_count = 0
            return
        groups = Assessment._read_group(
            [("case_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["case_id", "is_overdue"],
            ["__count"],
        )
        total, overdue = {}, {}
        for case, is_overdue, count in groups:
            total[case.id] = total.get(case.id, 0) + count
            if is_overdue:
                overdue[case.id] = count
        for case in self:
            case.assessment_count = total.get(case.id, 0)
            case.assessment_overdue_count = overdue.get(case.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases.filtered(lambda c: c.state in SCHEDULED_STATES)._sync_assessment_schedule()
        return cases

    def write(self, vals):
        res = super().write(vals)
        if SCHEDULE_FIELDS & set(vals):
            self._sync_assessment_schedule()
        return res

    def action_view_assessments(self):
        return self._action_related("rrs_assessment.rrs_assessment_action")

    def _schedule_months(self):
        """Length of service in months, extension included."""
        self.ensure_one()
        program = self.program_id
        total = program.service_duration + (self.extension or 0)
        return total if program.duration_unit == "month" else -(-total // 30)

    def _sync_assessment_schedule(self):
        """Create, move or cancel the scheduled assessments of in-service cases (rule ASM-2).

        Idempotent: never duplicates an assessment (one per person and point of the
        schedule); completed and skipped assessments never move; an assessment that no
        longer applies (extension withdrawn) is cancelled, not deleted.
        """
        # The caller changed the case with their own rights (the case's write checked them);
        # the schedule is the program's: the system plans, moves and cancels its assessments.
        with self.env["rrs.assessment"]._rrs_system_write():
            self._apply_assessment_schedule()

    def _apply_assessment_schedule(self):
        Assessment = self.env["rrs.assessment"]
        Instrument = self.env["rrs.assessment.instrument"]
        instruments = {
            i.code: i
            for i in Instrument.search([("state", "=", "published")], order="version desc")[::-1]
        }
        to_create = []
        for case in self:
            lines = case.program_id.assessment_schedule_ids
            scheduled = case.state in SCHEDULED_STATES and case.service_start_date and lines
            existing = {
                (a.point, a.member_id): a
                for a in case.assessment_ids
                if a.state != "cancelled" and a.point != "adhoc"
            }
            wanted = set()
            if scheduled:
                months = case._schedule_months()
                for line in lines:
                    instrument = instruments.get(line.instrument_code)
                    if not instrument or line.month > months:
                        continue
                    if line.only_if_extended and not case.extension:
                        continue
                    due = case.service_start_date + relativedelta(months=line.month)
                    for member in case._members_for(line, instrument, due):
                        wanted.add((line.point, member))
                        assessment = existing.get((line.point, member))
                        if not assessment:
                            to_create.append(
                                {
                                    "case_id": case.id,
                                    "member_id": member.id,
                                    "point": line.point,
                                    "instrument_id": instrument.id,
                                    "schedule_line_id": line.id,
                                    "due_date": due,
                                    "user_id": case.user_id.id,
                                }
                            )
                        elif (
                            assessment.state in ("planned", "in_progress")
                            and assessment.due_date != due
                        ):
                            assessment.due_date = due
            for key, assessment in existing.items():
                if (
                    key not in wanted
                    and assessment.state == "planned"
                    and assessment.schedule_line_id
                ):
                    assessment.state = "cancelled"
        if to_create:
            Assessment.flush_model(["state", "due_date"])  # cancellations first: unique per point
            Assessment.create(to_create)

    def _members_for(self, line, instrument, on_date):
        self.ensure_one()
        if not line.per_person:
            return self.member_ids.filtered("is_head")
        members = self.member_ids
        if instrument.adults_only:
            members = members.filtered(lambda m: m.is_adult_on(on_date))  # rule ASM-4
        return members
