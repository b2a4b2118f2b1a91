# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity rows of financial assistance: each move and each system-set field of a request,
by a plain write as every role (rules FIN-1, FIN-2, FIN-3)."""

from odoo.addons.rrs_case.tests.integrity import (
    ACCESS,
    OK,
    SYSTEM_SET,
    IntegrityCommon,
    Row,
    writers,
)
from odoo.tests import tagged

from .common import RrsAssistanceCommon

FROZEN = ("rule", "it stays as it is")
NOT_REVIEWER = ("rule", "approved once every approval tier has approved it")
FINANCE_ONLY = ("access", "Only finance validates an approved assistance request")
ASSISTANCE_ROWS = (
    Row(
        "FIN-2",
        "submit a draft request",
        "rrs.assistance.request",
        "_draft",
        vals={"state": "submitted"},
        expect=writers(OK),
    ),
    Row(
        "FIN-2",
        "approve a submitted request by writing its stage",
        "rrs.assistance.request",
        "_submitted_request",
        vals={"state": "approved"},
        expect=writers(NOT_REVIEWER, finance=ACCESS),
    ),
    Row(
        "FIN-2",
        "approve through the button",
        "rrs.assistance.request",
        "_submitted_request",
        action="action_approve",
        expect={
            "supervisor": OK,
            "manager": OK,
            "worker": ("rule", "is not waiting for your approval"),
            "finance": ("rule", "is not waiting for your approval"),
            "auditor": ("rule", "is not waiting for your approval"),
        },
    ),
    Row(
        "FIN-2",
        "reject by writing the stage",
        "rrs.assistance.request",
        "_submitted_request",
        vals={"state": "rejected"},
        expect=writers(("rule", "by itself when its conditions are met")),
    ),
    Row(
        "FIN-2",
        "validate an approved request (posts the bill)",
        "rrs.assistance.request",
        "_approved_request",
        vals={"state": "validated"},
        expect=writers(FINANCE_ONLY, finance=OK),
    ),
    Row(
        "FIN-1",
        "mark a validated request paid by hand",
        "rrs.assistance.request",
        "_validated_request",
        vals={"state": "paid"},
        expect=writers(
            ("rule", "by itself when its conditions are met"),
            finance=("rule", "by itself when its conditions are met"),
        ),
    ),
    Row(
        "FIN-3",
        "cancel a validated request (reverses the bill)",
        "rrs.assistance.request",
        "_validated_request",
        vals={"state": "cancelled"},
        expect=writers(("access", "has a posted bill: only finance cancels it"), finance=OK),
    ),
    Row(
        "FIN-3",
        "change the amount of a submitted request",
        "rrs.assistance.request",
        "_submitted_request",
        vals={"amount": 999.0},
        expect=writers(FROZEN),
    ),
    Row(
        "FIN-1",
        "change the grant of a validated request",
        "rrs.assistance.request",
        "_validated_request",
        vals={"grant_id": None},
        expect=writers(FROZEN, finance=FROZEN),
    ),
    Row(
        "FIN-1",
        "point a request at another bill",
        "rrs.assistance.request",
        "_draft",
        vals={"move_id": None},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "FIN-2",
        "write who validated a request",
        "rrs.assistance.request",
        "_approved_request",
        vals={"validated_by_id": "finance"},
        expect=writers(SYSTEM_SET, finance=SYSTEM_SET),
    ),
    Row(
        "FIN-2",
        "record a limit override by writing it",
        "rrs.assistance.request",
        "_submitted_request",
        vals={"override_user_id": "manager"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "FIN-2",
        "clear an anomaly flag",
        "rrs.assistance.request",
        "_submitted_request",
        vals={"has_anomaly": True},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "FIN-2",
        "create a request already approved",
        "rrs.assistance.request",
        "_approved_vals",
        create=True,
        expect=writers(("rule", "starts in “Draft”; it cannot be created in “Approved”")),
    ),
    Row(
        "FIN-2",
        "raise a program's assistance limit",
        "rrs.assistance.policy",
        "_policy",
        vals={"request_limit": 100000.0},
        expect={"manager": OK},
    ),
    Row(
        "FIN-4",
        "change the per-capita minimum of an agreement",
        "rrs.assistance.per.capita",
        "_per_capita",
        vals={"direct_minimum": 1.0},
        expect={"manager": OK},
    ),
    Row(
        "FIN-1",
        "change a purpose's expense account",
        "rrs.assistance.purpose",
        "_purpose",
        vals={"needs_period": True},
        expect={"manager": OK, "finance": OK},
    ),
    Row(
        "FIN-1",
        "change a grant's budget",
        "crossovered.budget.lines",
        "_budget_line",
        vals={"planned_amount": 1.0},
        expect={"finance": OK},
    ),
    Row(
        "FIN-2",
        "move a request to another case",
        "rrs.assistance.request",
        "_draft",
        vals={"case_id": None},
        expect=writers(("rule", "stays with the Case it was created for")),
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityAssistance(IntegrityCommon, RrsAssistanceCommon):
    ROWS = ASSISTANCE_ROWS

    def _resolve(self, vals):
        resolved = super()._resolve(vals)
        if "grant_id" in resolved and resolved["grant_id"] is None:
            resolved["grant_id"] = (
                self.env["account.analytic.account"]
                .create({"name": "Other grant", "plan_id": self.plan.id})
                .id
            )
        if "move_id" in resolved and resolved["move_id"] is None:
            resolved["move_id"] = self.env["account.move"].search([], limit=1).id or 1
        if "case_id" in resolved and resolved["case_id"] is None:
            resolved["case_id"] = self._case().id
        return resolved

    def _policy(self):
        return self.env["rrs.assistance.policy"].create(
            {"program_id": self.program.id, "request_limit": 500.0}
        )

    def _per_capita(self):
        return self.env["rrs.assistance.per.capita"].create(
            {
                "name": "Agreement",
                "program_id": self.program.id,
                "date_from": self.year_start,
                "date_to": self.year_end,
                "amount_per_capita": 2000.0,
                "direct_minimum": 1000.0,
                "days_after_arrival": 90,
            }
        )

    def _purpose(self):
        return self.furniture

    def _budget_line(self):
        return self.line

    def _draft(self):
        return self.env["rrs.assistance.request"].create(self._vals(50.0))

    def _submitted_request(self):
        return self._submitted(50.0)

    def _approved_request(self):
        return self._approved(50.0)

    def _validated_request(self):
        return self._validated(50.0)

    def _approved_vals(self):
        return self._vals(50.0, state="approved")

    def test_integrity_table(self):
        counts = self.run_table()
        self.assertGreater(counts["refused"], 40)
        self.assertGreater(counts["allowed"], 5)
