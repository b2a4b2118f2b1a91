# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsCase(models.Model):
    _inherit = "rrs.case"

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
