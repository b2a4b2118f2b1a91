# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class RrsStaffWorkload(models.Model):
    _inherit = "rrs.staff.workload"

    # rule STF-2: a case weighs the hours of its need level; not assessed yet, the
    # 'not_assessed' weight
    def _weight_code_sql(self):
        return SQL("coalesce(nl.code, 'not_assessed')")

    def _case_join_sql(self):
        return SQL("LEFT JOIN rrs_need_level nl ON nl.id = c.need_level_id")
