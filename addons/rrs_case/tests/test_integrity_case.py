# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity of the case itself: its stages and the fields the system sets, tried by a plain
write or create and through the buttons, as every role (rules CON-1, CLO-2, ELIG-2, REC-3)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .integrity import OK, SYSTEM_SET, IntegrityCommon, Row, writers

NOT_A_MOVE = ("rule", "cannot go from")

CASE_ROWS = (
    Row(
        "CON-1",
        "start services by writing the stage, forms missing",
        "rrs.case",
        "_case_in_assessment",
        vals={"state": "active"},
        expect=writers(("rule", "once these forms are signed")),
    ),
    Row(
        "CON-1",
        "start services by writing the stage, forms signed: the same move as the button",
        "rrs.case",
        "_case_signed_in_assessment",
        vals={"state": "active"},
        expect=writers(OK),
        check="_check_started",
    ),
    Row(
        "CON-1",
        "start services by the button, forms missing",
        "rrs.case",
        "_case_in_assessment",
        action="action_start_service",
        expect=writers(("rule", "once these forms are signed")),
    ),
    Row(
        "INT-2",
        "jump from intake straight to in service",
        "rrs.case",
        "_case_in_intake",
        vals={"state": "active"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "CLO-2",
        "close an active case by writing the stage, skipping the closing step",
        "rrs.case",
        "_active_case_fixture",
        vals={"state": "closed"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "CLO-2",
        "a closed case back to in service by writing the stage: only a recorded reopening",
        "rrs.case",
        "_closed_case",
        vals={"state": "active"},
        expect={
            "worker": ("access", "Only a supervisor or a program manager reopens a case"),
            "supervisor": OK,
            "manager": OK,
        },
        check="_check_reopened",
    ),
    Row(
        "CLO-2",
        "reopen by the button",
        "rrs.case",
        "_closed_case",
        action="action_reopen",
        expect={
            "worker": ("access", "Only a supervisor or a program manager reopens a case"),
            "supervisor": OK,
            "manager": OK,
        },
        check="_check_reopened",
    ),
    Row(
        "REC-3",
        "back-date the closing date (disposal at once)",
        "rrs.case",
        "_closed_case",
        vals={"closing_date": "1990-01-01"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-3",
        "set a closing date on an open case",
        "rrs.case",
        "_active_case_fixture",
        vals={"closing_date": "2026-01-01"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "CLO-2",
        "forge the reopening trace",
        "rrs.case",
        "_active_case_fixture",
        vals={"reopen_count": 0, "reopened_date": "2020-01-01"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "MIN-1",
        "clear the restricted (minors') flag",
        "rrs.case",
        "_active_case_fixture",
        vals={"restricted": True},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-3",
        "dispose of a closed case past its retention (a sudo() after the manager check)",
        "rrs.case",
        "_case_past_retention",
        action="action_dispose",
        expect={"manager": OK},
        default=("access", "Only a program manager disposes of case records"),
        check="_check_disposed",
    ),
    Row(
        "REC-3",
        "put a case on litigation hold",
        "rrs.case",
        "_active_case_fixture",
        vals={"litigation_hold": True},
        expect=writers(
            ("rule", "Only a program manager puts records on litigation hold"), manager=OK
        ),
    ),
    Row(
        "ELIG-2",
        "reassign the primary worker",
        "rrs.case",
        "_active_case_fixture",
        vals={"user_id": "worker_other"},
        expect=writers(OK, worker=("rule", "Only a supervisor or a program manager assigns")),
    ),
    Row(
        "CON-1",
        "create a case directly in service",
        "rrs.case",
        "_vals_case_in_service",
        create=True,
        expect=writers(("rule", "cannot be created in “In service”")),
    ),
    Row(
        "REC-3",
        "create a case with a closing date",
        "rrs.case",
        "_vals_case_closing_date",
        create=True,
        expect={"worker": SYSTEM_SET, "supervisor": SYSTEM_SET, "manager": SYSTEM_SET},
    ),
)


@tagged("post_install", "-at_install")
class TestIntegrityCase(IntegrityCommon):
    ROWS = CASE_ROWS

    # ---------------------------------------------------------------- fixtures
    def _case_in_intake(self):
        return self._case()

    def _case_in_assessment(self):
        return self._accepted_case()

    def _case_signed_in_assessment(self):
        case = self._accepted_case()
        self._sign_all(case)
        return case

    def _active_case_fixture(self):
        return self._active_case()

    def _closed_case(self):
        case = self._active_case()
        case.action_start_closing()
        case.write({"closing_reason": "moved", "closing_summary": "Moved", **self._aftercare()})
        case.action_close()
        return case

    def _vals_case_in_service(self):
        head = self._person("Head", age=40)
        return {
            "program_id": self.program.id,
            "user_id": self.worker.id,
            "state": "active",
            "member_ids": [(0, 0, {"partner_id": head.id, "relationship": "head"})],
        }

    def _vals_case_closing_date(self):
        return {
            "program_id": self.program.id,
            "user_id": self.worker.id,
            "closing_date": "1990-01-01",
        }

    def _case_past_retention(self):
        case = self._closed_case()
        # as superuser: a closing long ago, past the program's retention period
        case.write({"closing_date": "2001-01-02", "aftercare_plan_date": "2001-01-01"})
        case.note_ids.write({"contact_date": "2001-01-01", "written_date": "2001-01-01"})
        self.assertLess(case.retention_until_date, self.today)
        self._disposed_name = case.name
        return case

    # ------------------------------------------------------------------ checks
    def _check_disposed(self, case):
        self.assertFalse(case.exists(), "the case is destroyed")
        proof = self.env["rrs.record.disposal"].search([("name", "=", self._disposed_name)])
        self.assertEqual(len(proof), 1, "the disposal leaves its proof")

    def _check_started(self, case):
        self.assertEqual(case.state, "active")
        self.assertEqual(case.service_start_date, self.today, "the system dates the start")

    def _check_reopened(self, case):
        self.assertEqual(case.state, "active")
        self.assertEqual(case.reopen_count, 1)
        self.assertEqual(case.reopened_date, self.today)
        self.assertFalse(case.closing_date)

    # ------------------------------------------------------------------- tests
    def test_integrity_table(self):
        # rules CON-1, INT-2, CLO-2, REC-3, MIN-1 by every role, through write, create and action
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])

    def test_context_cannot_grant(self):
        # A client controls the context: no key in it lets a system field through.
        case = self._active_case().with_user(self.worker)
        for key in ("rrs_granted", "rrs_disposal", "rrs_transition", "install_mode"):
            with self.assertRefused("is set by the system", UserError):
                case.with_context(**{key: True}).write({"closing_date": "1990-01-01"})

    def test_move_refused_before_anything_is_written(self):
        # An impossible move writes none of the other values given with it.
        case = self._case().with_user(self.worker)
        with self.assertRefused("cannot go from", UserError):
            case.write({"state": "active", "closing_summary": "x"})
        self.assertFalse(case.closing_summary)
