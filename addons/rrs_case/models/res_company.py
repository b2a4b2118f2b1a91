# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

# Markup of constant text written here, never of user data.
DEFAULT_CONFLICT_POLICY = Markup(
    "<p>Our staff and volunteers act only in your interest. They do not accept gifts, money or "
    "favours from you or your family, do not do private business with you, and do not serve "
    "a relative or a close friend. When a conflict of interest could arise, the worker tells "
    "the supervisor, who assigns another worker.</p>"
)
DEFAULT_INFORMATION_POLICY = Markup(
    "<p>We collect only the information the program needs. It is kept confidential and used "
    "to provide and coordinate your services. We share it with another organisation only with "
    "your written consent, naming that organisation, except where the law requires it: a risk "
    "of harm to you or to others, suspected abuse of a child, or a court order. You may see "
    "your file and ask for a correction. Records are kept for the period the program requires "
    "and then destroyed securely.</p>"
)


class ResCompany(models.Model):
    _inherit = "res.company"

    # rule PLAN-3: the policies given to the client with the signed plan
    rrs_conflict_of_interest_policy = fields.Html(
        string="Conflict of interest policy", default=DEFAULT_CONFLICT_POLICY, translate=True
    )
    rrs_client_information_policy = fields.Html(
        string="Use and protection of client information",
        default=DEFAULT_INFORMATION_POLICY,
        translate=True,
    )
    # rule REC-4: the longest a case opened in an emergency stays open
    rrs_emergency_access_hours = fields.Integer(
        string="Emergency access (hours)",
        default=4,
        help="How long a supervisor who opens a case outside the team in an emergency may read "
        "it, at most.",
    )

    _rrs_emergency_access_hours_positive = models.Constraint(
        "CHECK(rrs_emergency_access_hours > 0)",
        "Emergency access lasts at least one hour.",
    )

    # rule REC-4: how many case files outside one's caseload opened in a day is unusual
    rrs_access_outside_threshold = fields.Integer(
        string="Unusual access (case files a day)",
        default=30,
        help="A user who opens this many case files outside their caseload in a day is shown "
        "in the next morning's access review.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # The contact rules of the users who work in every company read the companies of the
        # database once (res.partner._rrs_every_company_id). Odoo clears its caches before
        # inserting a company; a rule checked in between would keep the list without it and
        # let the users who do not work in it read its people served. Odoo's own writes
        # after the insert (the creator's companies, defaults) clear them again today: the
        # suite does not count on it.
        self.env.registry.clear_cache()
        return companies
