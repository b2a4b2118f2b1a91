# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RrsHomeVisit(models.Model):
    _name = "rrs.home.visit"
    _inherit = ["rrs.home.visit", "rrs.interpreter.use.mixin"]
