# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Contacts with the child or the sponsor, on which service areas are reported (rule PRS-5).
PRS_CONTACTS = ("meeting", "home_visit", "quarterly_checkin", "office_visit", "phone")


class RrsCaseNote(models.Model):
    _inherit = "rrs.case.note"

    is_prs = fields.Boolean(related="case_id.is_prs")
    prs_service_area_ids = fields.Many2many(
        "rrs.prs.service.area",
        string="Service areas",
        help="PRS service areas this contact dealt with (rule PRS-5).",
    )

    @api.constrains("prs_service_area_ids", "contact_type", "case_id")
    def _check_prs_service_areas(self):
        for note in self:
            if note.case_id.is_prs and note.contact_type in PRS_CONTACTS:
                if not note.prs_service_area_ids:
                    raise ValidationError(
                        self.env._(
                            "Record the service areas this contact dealt with (placement "
                            "stability and safety, education, legal services, ...): ORR "
                            "receives them for every contact."
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        prs = notes.filtered(lambda n: n.case_id.is_prs)
        prs.filtered(lambda n: n.contact_type == "home_visit").case_id._prs_close_clock_activities(
            "home_visit"
        )
        prs.filtered(lambda n: n.contact_type in ("home_visit", "meeting")).case_id.filtered(
            "prs_checkin_since"
        )._prs_close_clock_activities("checkin")
        return notes
