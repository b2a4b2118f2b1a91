# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsVolunteerStepType(models.Model):
    """An onboarding step of the agency's screening: application, interview, police check
    (vulnerable sector), confidentiality form, orientation training (rule VOL-1)."""

    _name = "rrs.volunteer.step.type"
    _description = "Volunteer onboarding step"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    blocking = fields.Boolean(
        default=True,
        help="A volunteer is active and matched only while this step is done and not expired.",
    )
    validity_months = fields.Integer(
        string="Valid for (months)",
        default=0,
        help="0: the step does not expire. A police check is usually renewed every 36 months.",
    )
    needs_document = fields.Boolean(
        string="Document required",
        help="The step is recorded with the document (the check's certificate, the signed form).",
    )
    active = fields.Boolean(default=True)

    _validity_positive = models.Constraint(
        "CHECK(validity_months >= 0)", "A step's validity is a number of months, 0 or more."
    )
