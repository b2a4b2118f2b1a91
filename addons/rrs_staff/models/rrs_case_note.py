# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RrsCaseNote(models.Model):
    _name = "rrs.case.note"
    _inherit = ["rrs.case.note", "rrs.interpreter.use.mixin"]
