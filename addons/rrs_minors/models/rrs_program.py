# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RrsProgram(models.Model):
    _inherit = "rrs.program"

    # Numbers of the ORR PRS guide, as data (rules PRS-1, PRS-3, PRS-4)
    prs_start_days = fields.Integer(
        string="PRS start within (days)",
        default=2,
        help="Services start within this many days of release (TVPRA and home-study cases) or "
        "of accepting the referral (other cases), rule PRS-3.",
    )
    prs_safety_call_days = fields.Integer(
        string="Safety call after (days)",
        default=30,
        help="The Safety and Well-Being Follow-Up Call is made this many days after release "
        "(rule PRS-1).",
    )
    prs_checkin_after_days = fields.Integer(
        string="Monthly check-ins after (days)",
        default=365,
        help="TVPRA cases active this long with no major concerns may move to monthly "
        "check-ins (rule PRS-4).",
    )
