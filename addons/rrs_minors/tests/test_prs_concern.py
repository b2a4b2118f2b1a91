# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RrsMinorsCommon


@tagged("post_install", "-at_install")
class TestPrsConcern(RrsMinorsCommon):
    def _concern(self, case, user=None, **vals):
        values = {
            "case_id": case.id,
            "category": "running_away",
            "description": "The child did not come home last night.",
        }
        values.update(vals)
        return self.env["rrs.prs.concern"].with_user(user or self.worker).create(values)

    def test_prs7_filing_alerts_the_supervisor_at_once(self):
        # rule PRS-7
        case = self._prs_case()
        concern = self._concern(case)
        activity = concern.activity_ids
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("rrs_minors.mail_activity_type_prs_concern")
        )
        notified = concern.message_ids.filtered(
            lambda m: self.supervisor.partner_id in m.partner_ids
        )
        self.assertTrue(notified, "the supervisor is notified, not only assigned")
        self.assertEqual(concern.reported_by_id, self.worker)

    def test_prs7_never_deleted_not_even_by_a_manager(self):
        # rule PRS-7
        case = self._prs_case()
        concern = self._concern(case)
        for user in (self.worker, self.supervisor, self.manager):
            with self.assertRaisesRegex(
                AccessError, "not allowed to delete 'Notification of Concern'"
            ):
                concern.with_user(user).unlink()
        with self.assertRefused("never deleted", UserError):
            concern.sudo().unlink()
        # the case cannot take its concerns with it: it goes only by disposal
        with self.assertRefused("part of the agency's records", UserError):
            case.sudo().unlink()
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env.cr.execute("DELETE FROM rrs_case WHERE id = %s", [case.id])
        self.assertTrue(concern.exists())

    def test_prs7_only_grows_by_amendment(self):
        # rule PRS-7
        case = self._prs_case()
        police = self.env["res.partner"].create({"name": "City police", "is_company": True})
        cps = self.env["res.partner"].create({"name": "Child protective services"})
        concern = self._concern(case, agency_ids=[Command.set(police.ids)])
        as_worker = concern.with_user(self.worker)
        with self.assertRefused("stays as it was filed", UserError):
            as_worker.write({"description": "Rewritten"})
        with self.assertRefused("stays as it was filed", UserError):
            concern.with_user(self.manager).write({"category": "other"})
        with self.assertRefused("never remove one", UserError):
            as_worker.write({"agency_ids": [Command.set(cps.ids)]})
        as_worker.write({"agency_ids": [Command.link(cps.id)]})
        self.assertEqual(concern.agency_ids, police | cps)
        as_worker.action_notify_orr()
        notified = concern.orr_notified_date
        self.assertTrue(notified)
        with self.assertRefused("recorded once", UserError):
            as_worker.write({"orr_notified_date": False})
        amendment = (
            self.env["rrs.prs.concern.amendment"]
            .with_user(self.worker)
            .create(
                {"concern_id": concern.id, "text": "The child came back in the morning, unharmed."}
            )
        )
        self.assertEqual(concern.amendment_ids, amendment)
        with self.assertRaisesRegex(
            AccessError, "not allowed to modify 'Notification of Concern Amendment'"
        ):
            amendment.with_user(self.worker).write({"text": "changed"})
        with self.assertRaisesRegex(
            AccessError, "not allowed to delete 'Notification of Concern Amendment'"
        ):
            amendment.with_user(self.manager).unlink()

    def test_prs7_fast_form_needs_only_category_and_what_happened(self):
        # rule PRS-7: fast to file during a crisis
        case = self._prs_case()
        action = case.with_user(self.worker).action_new_prs_concern()
        self.assertEqual(action["target"], "new")
        required = {
            name
            for name, field in self.env["rrs.prs.concern"]._fields.items()
            if field.required and not field.default and not field.related
        }
        self.assertEqual(required, {"case_id", "category", "description"})

    def test_rec3_disposal_removes_concerns_with_proof(self):
        # rule REC-3: at the end of retention the concerns go with the case, with proof
        self.program_prs.closing_requirement = "evaluation"
        case = self._prs_case()
        self._concern(case)
        case.write({"state": "closing"})
        case.write(
            {
                "closing_reason": "end_of_period",
                "closing_summary": "90 days completed",
                "closing_evaluation": "Safe placement",
                "unmet_needs": "None",
                "state": "closed",
            }
        )
        name = case.name
        with freeze_time(case.retention_until_date + relativedelta(days=1)):
            case.with_user(self.manager).action_dispose()
        proof = self.env["rrs.record.disposal"].search([("name", "=", name)])
        self.assertIn("notifications of concern: 1", proof.record_counts)
