# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RrsAssistancePerCapita(models.Model):
    """The per-capita terms of a program's agreement for one fiscal year (rule FIN-4): each
    arrived person carries ``amount_per_capita``, of which at least ``direct_minimum`` goes to
    direct assistance within ``days_after_arrival`` days. The numbers come from the agreement
    (for Reception & Placement, the year's cooperative agreement), never from code."""

    _name = "rrs.assistance.per.capita"
    _description = "Per-capita assistance agreement"
    _order = "program_id, date_from desc"

    name = fields.Char(
        required=True, help="The agreement, e.g. “R&P cooperative agreement FY2027”."
    )
    program_id = fields.Many2one("rrs.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    date_from = fields.Date(string="Fiscal year from", required=True)
    date_to = fields.Date(string="Fiscal year to", required=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    amount_per_capita = fields.Monetary(string="Per-capita amount", required=True)
    direct_minimum = fields.Monetary(
        string="Minimum for direct assistance",
        required=True,
        help="Part of the per-capita amount that must be spent on direct assistance to the family.",
    )
    days_after_arrival = fields.Integer(string="Within days of arrival", required=True, default=90)
    note = fields.Text(help="Where the numbers come from (the agreement's section).")

    @api.constrains("date_from", "date_to", "amount_per_capita", "direct_minimum", "program_id")
    def _check_terms(self):
        for rule in self:
            if rule.date_to < rule.date_from:
                raise ValidationError(
                    self.env._("The fiscal year of %(name)s ends before it starts.", name=rule.name)
                )
            if rule.direct_minimum < 0 or rule.direct_minimum > rule.amount_per_capita:
                raise ValidationError(
                    self.env._(
                        "The minimum for direct assistance of %(name)s must be between 0 and the "
                        "per-capita amount.",
                        name=rule.name,
                    )
                )
            if rule.days_after_arrival <= 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the number of days after arrival must be positive.",
                        name=rule.name,
                    )
                )
            overlap = self.search_count(
                [
                    ("id", "!=", rule.id),
                    ("program_id", "=", rule.program_id.id),
                    ("date_from", "<=", rule.date_to),
                    ("date_to", ">=", rule.date_from),
                ]
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "%(program)s already has per-capita terms for part of %(start)s – "
                        "%(end)s; fiscal years cannot overlap.",
                        program=rule.program_id.display_name,
                        start=rule.date_from,
                        end=rule.date_to,
                    )
                )

    @api.model
    def _for_cases(self, cases):
        """{case id: terms} for the cases with an arrival date: their program's, for the fiscal
        year of their arrival (fiscal years do not overlap). One search for all the cases."""
        arrived = cases.filtered("arrival_date")
        if not arrived:
            return {}
        terms = self.search([("program_id", "in", arrived.program_id.ids)])
        return {
            case.id: found
            for case in arrived
            for found in terms
            if found.program_id == case.program_id
            and found.date_from <= case.arrival_date <= found.date_to
        }
