# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models
from odoo.fields import Command, Domain

from ..wizards.rrs_outcome_breakdown import DIMENSIONS
from .rrs_logic_model_outcome import (
    HOUSEHOLD_INDICATORS,
    REACHED,
    WINDOWS,
    in_scope,
    indicator_domains,
)

PERSON_DIMENSIONS = ("gender", "age_band")


def line_dimension(indicator, dimension):
    """Goals and need levels are the household's: a person's characteristic falls back to the
    program."""
    if indicator in HOUSEHOLD_INDICATORS and dimension in PERSON_DIMENSIONS:
        return "program"
    return dimension


class RrsDashboardOutcomes(models.TransientModel):
    """Every desired outcome of the active logic models against its target, and the group
    furthest below it for one characteristic (rule OUT-2): small groups are hidden as in the
    breakdown, so the furthest group shown is never a small one."""

    _name = "rrs.dashboard.outcomes"
    _inherit = ["rrs.dashboard.mixin"]
    _description = "Outcomes and disparities"

    dimension = fields.Selection(
        DIMENSIONS, string="Disparities by", required=True, default="gender"
    )
    met_count = fields.Integer(string="Targets met", readonly=True)
    missed_count = fields.Integer(string="Targets missed", readonly=True)
    gap_count = fields.Integer(
        string="Groups below target",
        readonly=True,
        help="Outcomes where at least one group shown is below the target.",
    )
    line_ids = fields.One2many(
        "rrs.dashboard.outcome.line", "dashboard_id", string="Outcomes", readonly=True
    )

    def _rrs_title(self):
        return self.env._("Outcomes and disparities")

    def _rrs_figures(self):
        return {}

    def _rrs_kept_values(self):
        return {"dimension": self.dimension}

    def _rrs_refresh_values(self, scope):
        # sudo(): the outcomes of the company's active logic models, whatever the reader may
        # open: their figures below are counted over the reader's scope only
        outcomes = (
            self.env["rrs.logic.model.outcome"]
            .sudo()
            .search_fetch(
                [
                    ("logic_model_id.state", "=", "active"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                ["name", "indicator", "date_from", "date_to", "target", "program_id"],
            )
        )
        counts = self._rrs_outcome_counts(outcomes, scope)
        threshold = self.company_id.rrs_small_cell_threshold
        Breakdown = self.env["rrs.outcome.breakdown"]
        values = {"met_count": 0, "missed_count": 0, "gap_count": 0}
        lines = []
        for outcome in outcomes:
            breakdown = Breakdown.new(
                {
                    "indicator": outcome.indicator,
                    "dimension": line_dimension(outcome.indicator, self.dimension),
                }
            )
            total, groups = breakdown._rrs_groups(counts[outcome.id], threshold)
            shown = [group for group in groups if not group["hidden"]]
            # a single group shown is the whole, not a group behind it
            lowest = min(shown, key=lambda group: group["value"]) if len(shown) > 1 else None
            line = {
                "outcome_id": outcome.id,
                "name": outcome.name,
                "program_name": outcome.program_id.name,
                "hidden": total["hidden"],
                "target": outcome.target,
            }
            if not total["hidden"]:
                met = total["value"] >= outcome.target
                values["met_count" if met else "missed_count"] += 1
                line.update(
                    numerator=total["numerator"],
                    denominator=total["denominator"],
                    value=total["value"],
                    met=met,
                )
                if lowest:
                    line.update(
                        lowest_group=lowest["label"],
                        lowest_value=lowest["value"],
                        gap=lowest["value"] - total["value"],
                    )
                    if lowest["value"] < outcome.target:
                        values["gap_count"] += 1
            lines.append(Command.create(line))
        values["line_ids"] = lines
        return values

    def _rrs_outcome_counts(self, outcomes, scope):
        """{outcome id: {grouped value: [reached, counted]}}: one grouped query per indicator
        whatever the number of outcomes and cases. The rows are grouped by program and by
        the day that places a record in an outcome's period (the arrival, or the goal's
        target date), so each outcome takes the rows of its program and period."""
        today = fields.Date.context_today(self)
        counts = {outcome.id: {} for outcome in outcomes}
        by_indicator = defaultdict(list)
        for outcome in outcomes:
            if outcome.program_id:
                by_indicator[outcome.indicator].append(outcome)
        Breakdown = self.env["rrs.outcome.breakdown"]
        for indicator, members in by_indicator.items():
            windows = []
            denominators = []
            for outcome in members:
                program = outcome.program_id
                model, _num, denominator = indicator_domains(
                    indicator, program, outcome.date_from, outcome.date_to, today
                )
                denominators.append(denominator)
                windows.append((outcome, program.id, *self._rrs_window(outcome, today)))
            dimension = line_dimension(indicator, self.dimension)
            groupby = Breakdown.new({"indicator": indicator, "dimension": dimension})
            groupby = groupby._rrs_groupby(model)
            day = {
                "rrs.service.goal": "target_date:day",
                "rrs.case": "need_last_date:day",
            }.get(model, "case_id.arrival_date:day")
            program_path = "program_id" if model == "rrs.case" else "case_id.program_id"
            field, reached = REACHED[indicator]
            # sudo(): counted over the scope rrs_report_scope() gave for the user's role;
            # restricted cases are counted, never listed; small groups are hidden (OUT-2)
            rows = (
                self.env[model]
                .sudo()
                ._read_group(
                    Domain.OR(denominators) & in_scope(self.env, model, scope),
                    [program_path, day, groupby, field],
                    ["__count"],
                )
            )
            for program, on_day, value, reached_value, count in rows:
                for outcome, program_id, start, end in windows:
                    if program.id != program_id or not start <= on_day <= end:
                        continue
                    pair = counts[outcome.id].setdefault(value, [0, 0])
                    pair[1] += count
                    if reached_value in reached:
                        pair[0] += count
        return counts

    @staticmethod
    def _rrs_window(outcome, today):
        """The days that place a record in the outcome (as ``indicator_domains`` counts)."""
        if outcome.indicator in HOUSEHOLD_INDICATORS:
            return outcome.date_from, outcome.date_to
        days = WINDOWS[outcome.indicator][0]
        end = min(outcome.date_to, today)
        return outcome.date_from - timedelta(days=days), end - timedelta(days=days)


class RrsDashboardOutcomeLine(models.TransientModel):
    _name = "rrs.dashboard.outcome.line"
    _description = "Outcome on the dashboard"
    _order = "id"

    dashboard_id = fields.Many2one("rrs.dashboard.outcomes", required=True, ondelete="cascade")
    outcome_id = fields.Many2one("rrs.logic.model.outcome", readonly=True)
    name = fields.Char(string="Desired outcome", readonly=True)
    program_name = fields.Char(string="Program", readonly=True)
    hidden = fields.Boolean(readonly=True)
    numerator = fields.Integer(string="Reached", readonly=True)
    denominator = fields.Integer(string="Counted", readonly=True)
    value = fields.Float(string="Result (%)", digits=(5, 1), readonly=True)
    target = fields.Float(string="Target (%)", digits=(5, 1), readonly=True)
    met = fields.Boolean(string="Target met", readonly=True)
    lowest_group = fields.Char(string="Furthest behind", readonly=True)
    lowest_value = fields.Float(string="Its result (%)", digits=(5, 1), readonly=True)
    gap = fields.Float(string="Difference (points)", digits=(5, 1), readonly=True)

    def action_disaggregate(self):
        """The outcome by the dashboard's characteristic."""
        self.ensure_one()
        action = self.outcome_id.action_disaggregate()
        breakdown = self.env["rrs.outcome.breakdown"].browse(action["res_id"])
        breakdown.dimension = line_dimension(self.outcome_id.indicator, self.dashboard_id.dimension)
        breakdown.action_compute()
        return action

    def action_view_counted(self):
        self.ensure_one()
        return self.outcome_id.action_view_denominator()
