# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class RrsCase(models.Model):
    _inherit = "rrs.case"

    assistance_request_ids = fields.One2many("rrs.assistance.request", "case_id")
    assistance_count = fields.Integer(compute="_compute_assistance_count")
    per_capita_id = fields.Many2one(
        "rrs.assistance.per.capita", compute="_compute_per_capita", string="Per-capita terms"
    )
    per_capita_persons = fields.Integer(compute="_compute_per_capita", string="Persons arrived")
    per_capita_required = fields.Monetary(
        compute="_compute_per_capita", string="Direct assistance due"
    )
    per_capita_spent = fields.Monetary(
        compute="_compute_per_capita", string="Direct assistance given"
    )
    per_capita_deadline = fields.Date(compute="_compute_per_capita", string="Due by")
    per_capita_status = fields.Selection(
        [("met", "Met"), ("open", "Still to give"), ("missed", "Missed")],
        compute="_compute_per_capita",
        string="Per-capita minimum",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def _compute_assistance_count(self):
        if not self.env["rrs.assistance.request"].has_access("read"):
            self.assistance_count = 0
            return
        counts = dict(
            self.env["rrs.assistance.request"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.assistance_count = counts.get(case, 0)

    @api.depends("arrival_date", "program_id", "member_ids")
    def _compute_per_capita(self):
        """rule FIN-4: each arrived person carries the agreement's minimum for direct
        assistance, to be given within its number of days of arrival."""
        PerCapita = self.env["rrs.assistance.per.capita"]
        today = fields.Date.context_today(self)
        spent = {}
        real = self.filtered("id")
        if real:
            # sudo(): sums the case's validated and paid assistance for a figure on the case
            # the caller reads; no request is returned.
            for case, day, amount in (
                self.env["rrs.assistance.request"]
                .sudo()
                ._read_group(
                    [("case_id", "in", real.ids), ("state", "in", ("validated", "paid"))],
                    ["case_id", "validated_date:day"],
                    ["amount:sum"],
                )
            ):
                spent.setdefault(case.id, []).append((day, amount))
        # sudo(): the programs' per-capita terms, configuration every reader of the case may
        # see through the case's figures.
        terms_of = PerCapita.sudo()._for_cases(self)
        for case in self:
            terms = terms_of.get(case.id, PerCapita)
            case.per_capita_id = terms
            if not terms:
                case.per_capita_persons = 0
                case.per_capita_required = 0.0
                case.per_capita_spent = 0.0
                case.per_capita_deadline = False
                case.per_capita_status = False
                continue
            deadline = case.arrival_date + relativedelta(days=terms.days_after_arrival)
            persons = len(case.member_ids)
            required = persons * terms.direct_minimum
            given = sum(
                amount
                for day, amount in spent.get(case.id, [])
                if day and fields.Date.to_date(day) <= deadline
            )
            case.per_capita_persons = persons
            case.per_capita_required = required
            case.per_capita_spent = given
            case.per_capita_deadline = deadline
            if given >= required:
                case.per_capita_status = "met"
            elif today > deadline:
                case.per_capita_status = "missed"
            else:
                case.per_capita_status = "open"

    def _get_disposal_counts(self):
        counts = super()._get_disposal_counts()
        if self.assistance_request_ids:
            counts.append((self.env._("assistance requests"), len(self.assistance_request_ids)))
        return counts

    def _before_disposal(self):
        """rule REC-3 / FIN-3: at the end of the case's retention, its assistance requests (who
        was helped, why) go with the case; the accounting stays in the books: posted bills,
        credit notes and payments keep the case number in their labels, no longer the link."""
        self.assistance_request_ids.unlink()
        return super()._before_disposal()

    def action_view_assistance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "rrs_assistance.rrs_assistance_request_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
