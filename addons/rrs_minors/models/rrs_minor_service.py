# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date


class RrsMinorService(models.Model):
    """A service to a separated minor (rule MIN-3): family tracing, a health check with its
    referral, heritage and adjustment work, or caregiver education."""

    _name = "rrs.minor.service"
    _description = "Service to a Separated Minor"
    _inherit = ["rrs.guard.mixin", "rrs.access.logged.mixin"]
    _order = "service_date desc, id desc"
    _check_company_auto = True
    _rrs_parent_field = "member_id"

    member_id = fields.Many2one(
        "rrs.case.member",
        string="Minor",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('separated_minor_category', '!=', False)]",
    )
    case_id = fields.Many2one(related="member_id.case_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.case_id.company_id", store=True, index=True)
    service_type = fields.Selection(
        [
            ("tracing", "Family tracing and reunification"),
            ("health_physical", "Physical health assessment"),
            ("health_mental", "Mental health assessment"),
            ("health_dental", "Dental assessment"),
            ("heritage", "Heritage and cultural attitudes"),
            ("adjustment", "Adjustment and personal goals"),
            ("caregiver_education", "Caregiver education"),
        ],
        required=True,
        index=True,
    )
    service_date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    status = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("closed", "Closed without result")],
        required=True,
        default="open",
    )
    # family tracing
    relative_name = fields.Char(string="Relative sought")
    tracing_partner_id = fields.Many2one(
        "res.partner",
        string="Tracing organisation",
        help="Red Cross family links, UNHCR ...",
        index="btree_not_null",
    )
    # health: practical requirements only, never a diagnosis (rule REC-1)
    referral_id = fields.Many2one(
        "rrs.referral", domain="[('case_id', '=', case_id)]", index="btree_not_null"
    )
    topic_ids = fields.Many2many("rrs.minor.caregiver.topic", string="Topics covered")
    caregiver_partner_id = fields.Many2one(
        "res.partner", string="Caregiver", index="btree_not_null"
    )
    summary = fields.Text(help="What was done and what follows, in practical terms (rule REC-1).")

    @api.depends("service_type", "service_date")
    def _compute_display_name(self):
        labels = dict(self._fields["service_type"]._description_selection(self.env))
        for service in self:
            service.display_name = self.env._(
                "%(service)s, %(date)s",
                service=labels.get(service.service_type, ""),
                date=format_date(self.env, service.service_date),
            )
