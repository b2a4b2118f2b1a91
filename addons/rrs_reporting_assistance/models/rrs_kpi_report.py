# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models
from odoo.addons.rrs_assistance.models.rrs_assistance_request import ANOMALY_KINDS, LIVE_STATES
from odoo.addons.rrs_reporting.models.rrs_logic_model_outcome import in_scope
from odoo.fields import Domain


class RrsKpiReport(models.TransientModel):
    _inherit = "rrs.kpi.report"

    def _rrs_report_sections(self):
        sections = super()._rrs_report_sections()
        scope = self._rrs_scope()
        programs = self._rrs_programs().sorted("name")
        sections.append(self._rrs_section_assistance(scope, programs))
        return sections

    def _rrs_anomaly_labels(self):
        return {
            "duplicate": self.env._("Possible duplicates"),
            "unusual": self.env._("Unusual amounts"),
            "staff_payee": self.env._("Payee linked to staff"),
            "split": self.env._("Possible split purchases"),
        }

    def _rrs_section_assistance(self, scope, programs):
        """Financial assistance requested in the period (submitted and on, neither rejected
        nor cancelled) and the requests the anomaly checks flagged, by kind (rule OUT-3)."""
        domain = in_scope(self.env, "rrs.assistance.request", scope) & Domain(
            [
                ("program_id", "in", programs.ids),
                ("state", "in", LIVE_STATES),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ]
        )
        # sudo(): rrs_report_scope() checked the user's role; the requests of the cases in
        # that scope are counted and summed in one grouped query, never listed
        groups = (
            self.env["rrs.assistance.request"]
            .sudo()
            ._read_group(domain, ["program_id", "anomaly_kinds"], ["__count", "amount:sum"])
        )
        figures = defaultdict(lambda: defaultdict(float))
        for program, kinds, count, amount in groups:
            row = figures[program]
            row["count"] += count
            row["amount"] += amount
            if kinds:
                row["flagged"] += count
                row["flagged_amount"] += amount
                for kind in kinds.split():
                    row[kind] += count
        labels = self._rrs_anomaly_labels()
        rows = []
        for program in programs:
            row = figures[program]
            rows.append(
                [
                    program.name,
                    int(row["count"]),
                    row["amount"],
                    int(row["flagged"]),
                    row["flagged_amount"],
                    *(int(row[kind]) for kind in ANOMALY_KINDS),
                ]
            )
        return {
            "title": self.env._("Financial assistance and anomalies"),
            "columns": [
                {"label": self.env._("Program"), "type": "text"},
                {"label": self.env._("Requests"), "type": "int"},
                {"label": self.env._("Amount"), "type": "float"},
                {"label": self.env._("Flagged"), "type": "int"},
                {"label": self.env._("Flagged amount"), "type": "float"},
                *({"label": labels[kind], "type": "int"} for kind in ANOMALY_KINDS),
            ],
            "rows": rows,
            "total": None,
            "notes": [
                self.env._(
                    "Requests dated in the period, submitted and not rejected or cancelled. A "
                    "request is flagged when it was submitted or validated; one request may be "
                    "flagged for several reasons. Finance reviews the flagged requests in "
                    "Financial assistance, Flagged."
                )
            ],
        }
