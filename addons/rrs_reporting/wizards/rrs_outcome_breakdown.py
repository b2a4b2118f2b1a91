# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from ..models.rrs_logic_model_outcome import (
    INDICATORS,
    in_scope,
    indicator_counts,
    indicator_domains,
)
from ..models.rrs_report_mixin import SUPPRESSED

DIMENSIONS = [
    ("gender", "Gender"),
    ("age_band", "Age on arrival"),
    ("country", "Country of origin"),
    ("language", "Primary language"),
    ("category", "Immigration category"),
    ("need_level", "Need level"),
    ("program", "Program"),
]
# what each dimension groups by, on people (rrs.case.member) and on goals (rrs.service.goal);
# on households (rrs.case) without the case_id. of the path
GROUPBY = {
    "gender": {"rrs.case.member": "partner_id.gender"},
    "age_band": {"rrs.case.member": "arrival_age"},
    "country": "case_id.country_of_origin_id",
    "language": "case_id.primary_language_id",
    "category": "case_id.immigration_category_id",
    "need_level": "case_id.need_level_id",
    "program": "case_id.program_id",
}
# age on arrival, in full years: (from, to), to None for "and over"
AGE_BANDS = (
    (0, 4),
    (5, 11),
    (12, 17),
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, None),
)


def suppress(cells, threshold):
    """The indexes of the cells to hide (rule OUT-2).

    A cell of fewer than ``threshold`` people is hidden. The total is published, so a lone
    hidden cell would be the total minus the others: the smallest other cells are hidden with
    it until the hidden cells hold at least ``threshold`` people together (hence never one
    alone, as a small cell holds fewer). What a reader can work out is then the sum of the
    hidden cells, never one of them.
    ``cells``: the sizes (denominators), in the report's order.
    """
    hidden = {index for index, size in enumerate(cells) if size < threshold}
    while hidden and sum(cells[index] for index in hidden) < threshold:
        shown = [index for index in range(len(cells)) if index not in hidden]
        if not shown:
            break
        hidden.add(min(shown, key=lambda index: (cells[index], index)))
    return hidden


class RrsOutcomeBreakdown(models.TransientModel):
    """An outcome indicator broken down by one characteristic of the people (or families)
    counted, to reveal disparities an aggregate hides (rule OUT-2); groups smaller than the
    company's threshold are hidden and cannot be worked out from the totals."""

    _name = "rrs.outcome.breakdown"
    _inherit = ["rrs.report.mixin"]
    _description = "Outcome by group"
    _rrs_report_pdf = "rrs_reporting.action_report_outcome_breakdown_pdf"
    _rrs_report_xlsx = "rrs_reporting.action_report_outcome_breakdown_xlsx"

    outcome_id = fields.Many2one("rrs.logic.model.outcome", ondelete="cascade")
    indicator = fields.Selection(INDICATORS, required=True, default="employed_90")
    dimension = fields.Selection(
        DIMENSIONS, string="Break down by", required=True, default="gender"
    )
    target = fields.Float(string="Target (%)", digits=(5, 1))
    threshold = fields.Integer(
        string="Smallest group shown",
        related="company_id.rrs_small_cell_threshold",
        help="Set by the program manager in the settings (Resettlement, Reports).",
    )
    line_ids = fields.One2many("rrs.outcome.breakdown.line", "breakdown_id", string="Groups")
    numerator = fields.Integer(string="Reached", readonly=True)
    denominator = fields.Integer(string="Counted", readonly=True)
    value = fields.Float(string="Result (%)", digits=(5, 1), readonly=True)
    total_hidden = fields.Boolean(readonly=True)

    @api.onchange("outcome_id")
    def _onchange_outcome_id(self):
        if self.outcome_id:
            self.indicator = self.outcome_id.indicator
            self.date_from = self.outcome_id.date_from
            self.date_to = self.outcome_id.date_to
            self.program_ids = self.outcome_id.logic_model_id.program_id
            self.target = self.outcome_id.target

    # ------------------------------------------------------------ the figures
    def _rrs_groupby(self, model):
        spec = GROUPBY[self.dimension]
        groupby = spec.get(model) if isinstance(spec, dict) else spec
        if not groupby:
            raise UserError(
                self.env._(
                    "Service plan goals and need levels are the household's: break them down by "
                    "origin, language, immigration category, need level or program."
                )
            )
        if model == "rrs.case":
            groupby = groupby.removeprefix("case_id.")
        return groupby

    def _rrs_group_key(self, value):
        """(sort key, label, domain of the group) of one value of the grouping."""
        if self.dimension == "age_band":
            start, end = self._age_band(value)
            label = f"{start}+" if end is None else f"{start}-{end}"
            domain = Domain("arrival_age", ">=", start)
            if end is not None:
                domain &= Domain("arrival_age", "<=", end)
            return (start, label), label, domain
        groupby = self._rrs_groupby(self._rrs_model())
        if isinstance(value, models.BaseModel):
            if not value:
                label = self.env._("Not recorded")
                return (1, label), label, Domain(groupby, "=", False)
            return (0, value.display_name), value.display_name, Domain(groupby, "=", value.id)
        if not value:
            label = self.env._("Not recorded")
            return (1, label), label, Domain(groupby, "=", False)
        selection = dict(self.env["res.partner"]._fields["gender"]._description_selection(self.env))
        label = selection.get(value, value)
        return (0, label), label, Domain(groupby, "=", value)

    @staticmethod
    def _age_band(age):
        for start, end in AGE_BANDS:
            if age >= start and (end is None or age <= end):
                return start, end
        return AGE_BANDS[0]

    def _rrs_model(self):
        return {"goals_achieved": "rrs.service.goal", "need_improved": "rrs.case"}.get(
            self.indicator, "rrs.case.member"
        )

    def _rrs_breakdown(self, scope=None):
        """(total, groups) of the indicator over the user's report scope, each a dict of
        ``label``, ``numerator``, ``denominator``, ``value``, ``hidden`` and the group's
        ``domain``; the groups in order, the "not recorded" group last. ``scope``: the user's
        scope when the caller already has it (``res.users.rrs_report_scope``)."""
        self.ensure_one()
        if scope is None:
            scope, _label = self.env.user.rrs_report_scope()
        programs = self._rrs_programs()
        model, _numerator, denominator = indicator_domains(
            self.indicator,
            programs,
            self.date_from,
            self.date_to,
            fields.Date.context_today(self),
        )
        groupby = self._rrs_groupby(model)
        # sudo(): rrs_report_scope() checked the user's role and gives the cases their reports
        # aggregate; restricted cases among them are counted, never listed, and small groups
        # are hidden below (OUT-2). One grouped query.
        Model = self.env[model].sudo()
        counts = indicator_counts(
            Model, self.indicator, denominator & in_scope(self.env, model, scope), groupby
        )
        return self._rrs_groups(counts)

    def _rrs_groups(self, counts, threshold=None):
        """(total, groups) from {grouped value: [reached, counted]}, small groups hidden."""
        groups = {}
        for value, (num, den) in counts.items():
            key, label, domain = self._rrs_group_key(value)
            group = groups.setdefault(
                key, {"label": label, "domain": domain, "numerator": 0, "denominator": 0}
            )
            group["denominator"] += den
            group["numerator"] += num
        groups = [groups[key] for key in sorted(groups)]
        if threshold is None:
            threshold = self.company_id.rrs_small_cell_threshold
        hidden = suppress([group["denominator"] for group in groups], threshold)
        for index, group in enumerate(groups):
            group["hidden"] = index in hidden
            group["value"] = (
                100.0 * group["numerator"] / group["denominator"] if group["denominator"] else 0.0
            )
        num = sum(group["numerator"] for group in groups)
        den = sum(group["denominator"] for group in groups)
        total = {
            "label": self.env._("All"),
            "numerator": num,
            "denominator": den,
            "value": 100.0 * num / den if den else 0.0,
            "hidden": den < threshold,
        }
        return total, groups

    def action_compute(self):
        """Compute the groups for the screen, where each shown figure opens its records."""
        for breakdown in self:
            total, groups = breakdown._rrs_breakdown()
            breakdown.line_ids.unlink()
            breakdown.write(
                {
                    "numerator": 0 if total["hidden"] else total["numerator"],
                    "denominator": 0 if total["hidden"] else total["denominator"],
                    "value": 0.0 if total["hidden"] else total["value"],
                    "total_hidden": total["hidden"],
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "sequence": index,
                                "name": group["label"],
                                "hidden": group["hidden"] or total["hidden"],
                                "numerator": 0 if group["hidden"] else group["numerator"],
                                "denominator": 0 if group["hidden"] else group["denominator"],
                                "value": 0.0 if group["hidden"] else group["value"],
                                "gap": 0.0 if group["hidden"] else group["value"] - total["value"],
                                "group_domain": repr(list(group["domain"])),
                            },
                        )
                        for index, group in enumerate(groups)
                    ],
                }
            )
        return self._rrs_form_action()

    # ------------------------------------------------------------- the report
    def _rrs_report_title(self):
        return self.env._("Outcome by group")

    def _rrs_report_filters(self):
        indicators = dict(self._fields["indicator"]._description_selection(self.env))
        dimensions = dict(self._fields["dimension"]._description_selection(self.env))
        filters = [(self.env._("Indicator"), indicators[self.indicator])]
        if self.outcome_id:
            filters.append((self.env._("Desired outcome"), self.outcome_id.name))
        filters += super()._rrs_report_filters()
        filters += [
            (self.env._("Broken down by"), dimensions[self.dimension]),
            (
                self.env._("Smallest group shown"),
                self.env._("%(count)s people", count=self.company_id.rrs_small_cell_threshold),
            ),
        ]
        if self.target:
            filters.append((self.env._("Target"), f"{self.target:.1f} %"))
        return filters

    def _rrs_report_sections(self):
        total, groups = self._rrs_breakdown()
        dimensions = dict(self._fields["dimension"]._description_selection(self.env))
        columns = [
            {"label": dimensions[self.dimension], "type": "text"},
            {"label": self.env._("Reached"), "type": "int"},
            {"label": self.env._("Counted"), "type": "int"},
            {"label": self.env._("Result"), "type": "percent"},
            {"label": self.env._("Difference from all (points)"), "type": "float"},
        ]

        def row(group, gap):
            if group["hidden"] or total["hidden"]:
                return [group["label"], SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]
            return [
                group["label"],
                group["numerator"],
                group["denominator"],
                group["value"],
                gap,
            ]

        notes = [
            self.env._(
                "%(mark)s hidden: a group of fewer than %(count)s, or hidden with it so that it "
                "cannot be worked out from the total.",
                mark=SUPPRESSED,
                count=self.company_id.rrs_small_cell_threshold,
            )
        ]
        if self.target and not total["hidden"]:
            below = [
                group["label"]
                for group in groups
                if not group["hidden"] and group["value"] < self.target
            ]
            if below:
                notes.append(self.env._("Below the target: %(groups)s.", groups=", ".join(below)))
        return [
            {
                "title": dimensions[self.dimension],
                "columns": columns,
                "rows": [row(group, group["value"] - total["value"]) for group in groups],
                "total": row(total, None),
                "notes": notes,
            }
        ]


class RrsOutcomeBreakdownLine(models.TransientModel):
    _name = "rrs.outcome.breakdown.line"
    _description = "Outcome of one group"
    _order = "breakdown_id, sequence, id"

    breakdown_id = fields.Many2one("rrs.outcome.breakdown", required=True, ondelete="cascade")
    sequence = fields.Integer()
    name = fields.Char(string="Group", readonly=True)
    hidden = fields.Boolean(readonly=True, help="A small group, or hidden with one.")
    numerator = fields.Integer(string="Reached", readonly=True)
    denominator = fields.Integer(string="Counted", readonly=True)
    value = fields.Float(string="Result (%)", digits=(5, 1), readonly=True)
    gap = fields.Float(string="Difference (points)", digits=(5, 1), readonly=True)
    group_domain = fields.Char(readonly=True)

    def _action_records(self, reached):
        """The records behind a shown figure, with the user's own rights: a restricted case
        the user may not read is counted but not listed."""
        self.ensure_one()
        if self.hidden:
            raise UserError(self.env._("This group is too small to be shown."))
        breakdown = self.breakdown_id
        scope, _label = self.env.user.rrs_report_scope()
        model, numerator, denominator = indicator_domains(
            breakdown.indicator,
            breakdown._rrs_programs(),
            breakdown.date_from,
            breakdown.date_to,
            fields.Date.context_today(self),
        )
        Model = self.env[model]
        if not Model.has_access("read"):
            raise UserError(self.env._("You may not read the records behind this outcome."))
        group = Domain(safe_eval(self.group_domain))
        domain = (numerator if reached else denominator) & group & in_scope(self.env, model, scope)
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": model,
            "domain": list(domain),
            "views": [(False, "list"), (False, "pivot")],
            "context": {"create": False},
        }

    def action_view_reached(self):
        return self._action_records(reached=True)

    def action_view_counted(self):
        return self._action_records(reached=False)
