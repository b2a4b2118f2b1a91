# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.2.0 (issue 17): the supervisor's contact rule searches the people of the team's
cases through ``res.partner.rrs_case_worker_user_ids`` instead of the path through every
member's case, which read every case of the database. The rule is ``noupdate`` data: a
database installed before keeps its old domain unless it is rewritten here; a rule an
administrator has changed since is left as it is."""

import logging

from odoo.addons.rrs_case.upgrade import rewrite_rules

_logger = logging.getLogger(__name__)

RULES = {
    "res_partner_rule_supervisor": (
        "[('rrs_member_ids.case_id.worker_user_ids', 'in', user.rrs_supervised_user_ids())]",
        "[('rrs_case_worker_user_ids', 'in', user.rrs_supervised_user_ids())]",
    ),
}


def migrate(cr, version):
    rewrite_rules(cr, RULES, "19.0.1.2.0", _logger)
