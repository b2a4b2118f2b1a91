# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.rrs_assessment.models.rrs_assessment_schedule_line import SCHEDULE_POINTS
from odoo.exceptions import UserError

POINT_ORDER = {point: index for index, (point, _label) in enumerate(SCHEDULE_POINTS)}


class RrsCase(models.Model):
    _inherit = "rrs.case"

    # Stored so that the need-level outcome (OUT-1) counts households in one grouped query: the
    # household's need level at its first completed Needs Assessment Matrix and how the
    # latest compares, the level of a point being the highest need of the adults assessed.
    need_first_level_id = fields.Many2one(
        "rrs.need.level",
        string="First need level",
        compute="_compute_need_change",
        store=True,
        help="The household's need level at its first completed Needs Assessment Matrix.",
    )
    need_change = fields.Selection(
        [("improved", "Less need"), ("same", "No change"), ("worse", "More need")],
        string="Need since the first assessment",
        compute="_compute_need_change",
        store=True,
        index=True,
        help="The need level of the latest completed Needs Assessment Matrix against the "
        "first; empty until two have been completed.",
    )
    need_last_date = fields.Date(
        string="Latest assessment",
        compute="_compute_need_change",
        store=True,
        index=True,
    )
    employment_ids = fields.One2many(
        "rrs.employment",
        "case_id",
        string="Jobs",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    school_enrolment_ids = fields.One2many(
        "rrs.school.enrolment",
        "case_id",
        string="School enrolments",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    employment_count = fields.Integer(
        string="Number of jobs",
        compute="_compute_outcome_fact_counts",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    school_enrolment_count = fields.Integer(
        string="Number of school enrolments",
        compute="_compute_outcome_fact_counts",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    self_sufficiency_ids = fields.One2many(
        "rrs.self.sufficiency",
        "case_id",
        string="Self-sufficiency",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    satisfaction_input_ids = fields.One2many(
        "survey.user_input",
        "rrs_case_id",
        string="Satisfaction questionnaires",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    self_sufficiency_count = fields.Integer(
        compute="_compute_kpi_counts",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )
    satisfaction_input_count = fields.Integer(
        string="Questionnaires",
        compute="_compute_kpi_counts",
        groups="rrs_case.group_case_worker,rrs_case.group_auditor",
    )

    @api.depends(
        "assessment_ids.state",
        "assessment_ids.need_level_id",
        "assessment_ids.completion_date",
        "assessment_ids.kind",
        "assessment_ids.point",
    )
    def _compute_need_change(self):
        for case in self:
            done = case.assessment_ids.filtered(
                lambda a: a.state == "done" and a.kind == "matrix" and a.need_level_id
            )
            by_key = {}
            for assessment in done:
                key = (
                    assessment.completion_date,
                    POINT_ORDER.get(assessment.point, len(POINT_ORDER)),
                )
                by_key[key] = by_key.get(key, assessment.browse()) | assessment
            keys = sorted(by_key)
            case.need_last_date = keys[-1][0] if keys else False
            if not keys:
                case.need_first_level_id = case.need_change = False
                continue
            first, last = (
                by_key[key].need_level_id.sorted("sequence")[:1] for key in (keys[0], keys[-1])
            )
            case.need_first_level_id = first
            if len(keys) < 2:
                case.need_change = False
            elif last.sequence > first.sequence:  # 1 is the highest need
                case.need_change = "improved"
            elif last.sequence < first.sequence:
                case.need_change = "worse"
            else:
                case.need_change = "same"

    def _compute_outcome_fact_counts(self):
        for model, fname in (
            ("rrs.employment", "employment_count"),
            ("rrs.school.enrolment", "school_enrolment_count"),
        ):
            counts = {}
            if self.env[model].has_access("read"):
                counts = dict(
                    self.env[model]._read_group(
                        [("case_id", "in", self.ids)], ["case_id"], ["__count"]
                    )
                )
            for case in self:
                case[fname] = counts.get(case._origin, 0)

    def _action_outcome_facts(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_view_employments(self):
        return self._action_outcome_facts("rrs_reporting.rrs_employment_action")

    def action_view_school_enrolments(self):
        return self._action_outcome_facts("rrs_reporting.rrs_school_enrolment_action")

    def _compute_kpi_counts(self):
        for model, link, fname in (
            ("rrs.self.sufficiency", "case_id", "self_sufficiency_count"),
            ("survey.user_input", "rrs_case_id", "satisfaction_input_count"),
        ):
            counts = {}
            if self.env[model].has_access("read"):
                counts = dict(
                    self.env[model]._read_group([(link, "in", self.ids)], [link], ["__count"])
                )
            for case in self:
                case[fname] = counts.get(case._origin, 0)

    # ------------------------------------------------------- satisfaction (OUT-3)
    def _rrs_invite_to_satisfaction_survey(self, occasion):
        """The questionnaire of each case for ``occasion`` (created once): the client answers
        it through its link, on paper typed in by the worker, or on the worker's tablet."""
        survey = self.env["survey.survey"]._rrs_satisfaction_survey()
        if not survey:
            return self.env["survey.user_input"]
        # sudo(): created by the system on a step of the case the caller was allowed to take
        # (closing, A4), or by its case staff from the case; case staff have no right on
        # surveys themselves, the answers are read under the case's rules
        Input = self.env["survey.user_input"].sudo()
        existing = Input.search([("rrs_case_id", "in", self.ids), ("rrs_occasion", "=", occasion)])
        answers = existing
        today = fields.Date.context_today(self)
        for case in self - existing.rrs_case_id:
            answers |= survey._create_answer(
                partner=case.head_partner_id,
                check_attempts=False,
                rrs_case_id=case.id,
                rrs_occasion=occasion,
                rrs_invited_date=today,
            )
        return answers

    def _rrs_after_move(self, source, target):
        res = super()._rrs_after_move(source, target)
        if source == "closing" and target == "closed":
            self._rrs_invite_to_satisfaction_survey("closing")
        return res

    def action_satisfaction_survey(self):
        """Open the client's questionnaire to fill it in with them (the survey's interview on
        the worker's tablet, or answers given on paper)."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("rrs_case.group_case_worker"):
            raise UserError(self.env._("The case's staff ask the client's satisfaction."))
        # sudo(): the case's own questionnaires, to reopen the one not answered yet
        pending = self.sudo().satisfaction_input_ids.filtered(lambda a: a.state != "done")
        answer = pending[:1] or self._rrs_invite_to_satisfaction_survey("worker")
        if not answer:
            raise UserError(
                self.env._("No client satisfaction questionnaire is active: ask your manager.")
            )
        if answer.state == "done":
            raise UserError(
                self.env._(
                    "The client of case %(case)s already answered the questionnaire.",
                    case=self.name,
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": answer.get_start_url(),
            "target": "new",
        }

    def _action_kpi_records(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(xmlid)
        field = "rrs_case_id" if xmlid.endswith("satisfaction_input_action") else "case_id"
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {"default_case_id": self.id} if field == "case_id" else {}
        return action

    def action_view_self_sufficiency(self):
        return self._action_kpi_records("rrs_reporting.rrs_self_sufficiency_action")

    def action_view_satisfaction_inputs(self):
        return self._action_kpi_records("rrs_reporting.rrs_satisfaction_input_action")
