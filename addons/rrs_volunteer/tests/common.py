# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from dateutil.relativedelta import relativedelta

from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.tests import new_test_user

PDF = base64.b64encode(b"%PDF-1.4 test")
COORDINATOR = "rrs_volunteer.group_volunteer_coordinator"


class RrsVolunteerCommon(RrsCaseCommon):
    """A coordinator, a screened volunteer with a portal login, and helpers to match them
    with a family through the real actions of each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = new_test_user(
            cls.env, login="rrs_coordinator", groups=COORDINATOR, name="Vol Coordinator"
        )
        cls.step_types = cls.env["rrs.volunteer.step.type"].search([("blocking", "=", True)])
        cls.police_check = cls.env.ref("rrs_volunteer.step_type_police_check")
        cls.confidentiality = cls.env.ref("rrs_volunteer.step_type_confidentiality")
        cls.application = cls.env.ref("rrs_volunteer.step_type_application")
        cls.task_mentoring = cls.env.ref("rrs_volunteer.task_type_mentoring")
        cls.task_transport = cls.env.ref("rrs_volunteer.task_type_transport")

        cls.portal_user = new_test_user(
            cls.env, login="rrs_vol_portal", groups="base.group_portal", name="Paula Portal"
        )
        cls.vol = cls._volunteer("Paula Portal", partner=cls.portal_user.partner_id)
        cls.portal_user_other = new_test_user(
            cls.env, login="rrs_vol_portal2", groups="base.group_portal", name="Otto Other"
        )
        cls.vol_other = cls._volunteer("Otto Other", partner=cls.portal_user_other.partner_id)

    # ----------------------------------------------------------------- helpers
    @classmethod
    def _step_vals(cls, step_type, done_date):
        vals = {"done_date": done_date}
        if step_type.needs_document:
            vals.update(document=PDF, document_name="scan.pdf")
        return vals

    @classmethod
    def _volunteer(cls, name, screened=True, partner=None, **steps_overrides):
        """A volunteer created and screened by the coordinator.

        Each blocking step is done 100 days ago unless ``steps_overrides`` gives, by the
        step type's xml name (``police_check=date`` or ``police_check=False`` for not done),
        another date. ``screened`` activates the volunteer (it must then pass VOL-1)."""
        partner = partner or cls.env["res.partner"].create({"name": name})
        Volunteer = cls.env["rrs.volunteer"].with_user(cls.coordinator)
        volunteer = Volunteer.create({"partner_id": partner.id})
        done = cls.today - relativedelta(days=100)
        for step in volunteer.step_ids:
            key = step.type_id.get_external_id()[step.type_id.id].split(".step_type_")[-1]
            done_date = steps_overrides.get(key, done)
            if done_date:
                step.write(cls._step_vals(step.type_id, done_date))
        if screened:
            volunteer.action_activate()
        return volunteer.with_env(cls.env)

    @classmethod
    def _step(cls, volunteer, step_type):
        return volunteer.step_ids.filtered(lambda s: s.type_id == step_type)

    @classmethod
    def _release(cls, case, partner, expiry_date=None, signature_date=None):
        """A release of information of the case's head naming ``partner``, signed by the
        client and recorded by the case worker (rule CON-2)."""
        head = case.member_ids.filtered(lambda m: m.relationship == "head")
        return (
            cls.env["rrs.consent"]
            .with_user(case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "consent_type": "release",
                    "member_id": head.id,
                    "signer_role": "client",
                    "signer_partner_id": head.partner_id.id,
                    "signature_date": signature_date or cls.today,
                    "party_partner_id": partner.id,
                    "scope": "First names and the meeting place, for mentoring",
                    "expiry_date": expiry_date or cls.today + relativedelta(years=1),
                }
            )
            .with_env(cls.env)
        )

    @classmethod
    def _match(cls, case, volunteer=None, task=None, propose=True, **vals):
        """A match asked for by the case's worker; proposed by the coordinator when
        ``volunteer`` is given and ``propose``."""
        Match = cls.env["rrs.volunteer.match"]
        values = {"task_type_id": (task or cls.task_mentoring).id}
        if case:
            values["case_id"] = case.id
            Match = Match.with_user(case.user_id)
        else:
            Match = Match.with_user(cls.coordinator)
        values.update(vals)
        match = Match.create(values)
        if volunteer:
            match = match.with_user(cls.coordinator)
            match.write({"volunteer_id": volunteer.id})
            if propose:
                match.action_propose()
        return match.with_env(cls.env)

    @classmethod
    def _active_match(cls, case, volunteer=None, release=True, **vals):
        """A match approved by the family's case worker under a release naming the volunteer."""
        volunteer = volunteer or cls.vol
        match = cls._match(case, volunteer, **vals)
        if release and case:
            cls._release(case, volunteer.partner_id)
        approver = case.user_id if case else cls.coordinator
        match = match.with_user(approver)
        match.write({"meeting_place": "Public library, main entrance"})
        match.action_approve()
        return match.with_env(cls.env)
