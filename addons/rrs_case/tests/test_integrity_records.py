# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity of the records of a case: letters and notes, service plans with their goals and
participants, reviews, consents, referrals and the files kept as signed. Each row tries one move
or one field only the system sets, by a plain write or create (as an API client, an import or a
server action would) and through the button, as every role (rules REC-2, PLAN-1, PLAN-3, PLAN-4,
PLAN-5, CON-1, CON-2, VIS-4, REC-3).

A value written as ``"@name"`` in a row is the id of the fixture ``name`` of the test class; a
callable is called with the test.
"""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .integrity import OK, SYSTEM_SET, IntegrityCommon, Row, writers

NOT_A_MOVE = ("rule", "cannot go from")
MOVED = ("rule", "stays with the")
OTHER_CASE = ("rule", "must belong to case")
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
OTHER_SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
    "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
# Roles that may not even read the file of a case's record.
NO_FILE_ACCESS = {
    role: ("access", "doesn't have 'read' access|not allowed")
    for role in ("volunteer", "finance", "portal")
}
LETTER_SIGNED = ("rule", "stays as the supervisor signed it")
PLAN_SIGNED = ("rule", "stays as it was signed")
GOALS_SIGNED = ("rule", "goals stay as they were signed")
SIGNER_ONLY = {
    "worker": ("access", "its author cannot sign it"),
    "supervisor": OK,
    "manager": OK,
}

LATE_CORRECTION = {
    "worker": ("access", "cannot correct the contact of a note written late as its supervisor"),
    "supervisor": OK,
    "manager": OK,
}
NOTE_ROWS = (
    Row(
        "REC-2",
        "sign a letter by writing its stage",
        "rrs.case.note",
        "_letter_to_sign",
        vals={"letter_state": "signed"},
        expect=SIGNER_ONLY,
        check="_check_letter_signed",
    ),
    Row(
        "REC-2",
        "sign a letter by the button",
        "rrs.case.note",
        "_letter_to_sign",
        action="action_sign_letter",
        expect=SIGNER_ONLY,
        check="_check_letter_signed",
    ),
    Row(
        "REC-2",
        "forge the supervisor's signature on a letter awaiting it",
        "rrs.case.note",
        "_letter_to_sign",
        vals={"letter_signer_id": "@supervisor", "letter_signed_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-2",
        "create a letter already signed",
        "rrs.case.note",
        "_vals_letter_signed",
        create=True,
        expect=writers(("rule", "cannot be created in “Signed”")),
    ),
    Row(
        "REC-2",
        "create a letter with the supervisor as signer",
        "rrs.case.note",
        "_vals_letter_signer",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-2",
        "ask for the signature by writing the stage",
        "rrs.case.note",
        "_letter_draft",
        vals={"letter_state": "to_sign"},
        expect=writers(OK),
        check="_check_letter_to_sign",
    ),
    Row(
        "REC-2",
        "ask for the signature by the button",
        "rrs.case.note",
        "_letter_draft",
        action="action_request_signature",
        expect=writers(OK),
        check="_check_letter_to_sign",
    ),
    Row(
        "REC-2",
        "send a letter awaiting the signature by writing the stage",
        "rrs.case.note",
        "_letter_to_sign",
        vals={"letter_state": "sent"},
        expect=writers(("rule", "needs the supervisor's dated signature")),
    ),
    Row(
        "REC-2",
        "a signed letter back to draft",
        "rrs.case.note",
        "_letter_signed",
        vals={"letter_state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "REC-2",
        "a sent letter back to draft",
        "rrs.case.note",
        "_letter_sent",
        vals={"letter_state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "REC-2",
        "edit a signed letter",
        "rrs.case.note",
        "_letter_signed",
        vals={"body": "<p>Changed after the signature</p>"},
        expect=writers(LETTER_SIGNED),
    ),
    Row(
        "REC-2",
        "change the legal exception of a sent letter",
        "rrs.case.note",
        "_letter_sent",
        vals={"legal_exception": "subpoena", "legal_exception_detail": "Invented later"},
        expect=writers(LETTER_SIGNED),
    ),
    Row(
        "REC-2",
        "delete a signed letter",
        "rrs.case.note",
        "_letter_signed",
        action="unlink",
        expect={"manager": ("rule", "A signed letter is kept")},
    ),
    Row(
        "CON-2",
        "send a signed letter without a release by writing the stage",
        "rrs.case.note",
        "_letter_signed",
        vals={"letter_state": "sent"},
        expect=writers(("rule", "No valid release of information names")),
    ),
    Row(
        "CON-2",
        "send a signed letter without a release by the button",
        "rrs.case.note",
        "_letter_signed",
        action="action_mark_sent",
        expect=writers(("rule", "No valid release of information names")),
    ),
    Row(
        "REC-2",
        "mark a signed letter sent (auditors and others may not)",
        "rrs.case.note",
        "_letter_signed_with_release",
        action="action_mark_sent",
        expect=writers(OK),
        check="_check_letter_sent",
    ),
    Row(
        "REC-2",
        "send a signed letter with a release by writing the stage",
        "rrs.case.note",
        "_letter_signed_with_release",
        vals={"letter_state": "sent"},
        expect=writers(OK),
        check="_check_letter_sent",
    ),
    Row(
        "CON-2",
        "forge the sending and the release used",
        "rrs.case.note",
        "_letter_signed",
        vals={"letter_sent_date": "2026-01-05", "letter_consent_id": "@release_far"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "CON-2",
        "forge the release a consultation relied on",
        "rrs.case.note",
        "_note",
        vals={"consent_id": "@release_far"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "VIS-4",
        "back-date a late note's “Written on”",
        "rrs.case.note",
        "_late_note",
        vals={"written_date": "2020-01-02"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "VIS-4",
        "clear the late flag",
        "rrs.case.note",
        "_late_note",
        vals={"is_late": False},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "VIS-4",
        "clear the late flag by moving the contact date",
        "rrs.case.note",
        "_late_note",
        vals={"contact_date": lambda test: test.today - relativedelta(days=1)},
        expect=LATE_CORRECTION,
    ),
    Row(
        "VIS-4",
        "clear the late flag by changing the kind of contact",
        "rrs.case.note",
        "_late_note",
        vals={"contact_type": "phone"},
        expect=LATE_CORRECTION,
    ),
    Row(
        "VIS-4",
        "write a note as written by someone else",
        "rrs.case.note",
        "_note",
        vals={"author_id": "@supervisor"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "VIS-4",
        "create a note written earlier than today",
        "rrs.case.note",
        "_vals_note_backdated",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "REC-2",
        "move a note to another worker's case",
        "rrs.case.note",
        "_note",
        vals={"case_id": "@case_far"},
        expect=writers(MOVED),
    ),
)

PLAN_ROWS = (
    Row(
        "PLAN-1",
        "sign a draft plan by writing its stage",
        "rrs.service.plan",
        "_plan_draft",
        vals={"state": "signed"},
        expect=writers(("rule", "is signed once the client or guardian")),
    ),
    Row(
        "PLAN-1",
        "create a plan already signed",
        "rrs.service.plan",
        "_vals_plan_signed",
        create=True,
        expect=writers(("rule", "cannot be signed yet|is signed once the client or guardian")),
    ),
    Row(
        "PLAN-1",
        "forge the supervisor's signature",
        "rrs.service.plan",
        "_plan_draft",
        vals={"supervisor_signer_id": "@supervisor", "supervisor_signature_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-1",
        "forge the worker's signature",
        "rrs.service.plan",
        "_plan_draft",
        vals={"worker_signer_id": "@worker", "worker_signature_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-1",
        "forge the date of the client's signature",
        "rrs.service.plan",
        "_plan_draft",
        vals={"client_signature_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-5",
        "forge the signing date",
        "rrs.service.plan",
        "_plan_draft",
        vals={"signed_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-5",
        "forge the version",
        "rrs.service.plan",
        "_plan_draft",
        vals={"version": 7},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-5",
        "forge the plan it revises",
        "rrs.service.plan",
        "_plan_draft",
        vals={"previous_plan_id": "@plan_far"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-5",
        "create a plan with the worker's signature",
        "rrs.service.plan",
        "_vals_plan_worker_signed",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-3",
        "forge the kept agreement",
        "rrs.service.plan",
        "_plan_signed",
        vals={"agreement_attachment_id": "@attachment"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-3",
        "date the agreement given to the client by hand",
        "rrs.service.plan",
        "_plan_signed",
        vals={"agreement_given_date": "2020-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-3",
        "record the agreement given by the button",
        "rrs.service.plan",
        "_plan_signed",
        action="action_mark_agreement_given",
        expect=writers(OK),
        check="_check_agreement_given",
    ),
    Row(
        "PLAN-1",
        "the supervisor signs by the button, where the program asks for it",
        "rrs.service.plan",
        "_plan_awaiting_supervisor",
        action="action_sign_supervisor",
        expect={
            "worker": ("access", "cannot sign this plan as its supervisor"),
            "supervisor": OK,
            "manager": OK,
        },
        check="_check_plan_signed_by_supervisor",
    ),
    Row(
        "PLAN-1",
        "the worker signs by the button",
        "rrs.service.plan",
        "_plan_client_signed",
        action="action_sign_worker",
        expect={
            "worker": OK,
            "supervisor": ("access", "Only a case worker assigned"),
            "manager": ("access", "Only a case worker assigned"),
        },
        check="_check_plan_signed_by_worker",
    ),
    Row(
        "PLAN-1",
        "the client signs an incomplete plan (issue 9)",
        "rrs.service.plan",
        "_plan_incomplete",
        vals={"client_signature": SIGNATURE},
        expect=writers(("rule", "cannot be signed yet")),
    ),
    Row(
        "PLAN-1",
        "the client signs a complete plan",
        "rrs.service.plan",
        "_plan_draft",
        vals={"client_signature": SIGNATURE},
        expect=writers(OK),
    ),
    Row(
        "PLAN-1",
        "replace the client's recorded signature",
        "rrs.service.plan",
        "_plan_client_signed",
        vals={"client_signature": OTHER_SIGNATURE},
        expect=writers(("rule", "the signature stays as it was given")),
    ),
    Row(
        "PLAN-5",
        "a signed plan back to draft",
        "rrs.service.plan",
        "_plan_signed",
        vals={"state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "PLAN-5",
        "supersede a signed plan by hand",
        "rrs.service.plan",
        "_plan_signed",
        vals={"state": "superseded"},
        expect=writers(("rule", "cannot be set by hand")),
    ),
    Row(
        "PLAN-5",
        "edit a signed plan",
        "rrs.service.plan",
        "_plan_signed",
        vals={"crisis_procedure": "Changed after the signatures"},
        expect=writers(PLAN_SIGNED),
    ),
    Row(
        "PLAN-5",
        "delete a signed plan",
        "rrs.service.plan",
        "_plan_signed",
        action="unlink",
        expect=writers(("rule", "never deleted")),
    ),
    Row(
        "PLAN-5",
        "revise a signed plan by the button",
        "rrs.service.plan",
        "_plan_signed",
        action="action_revise",
        expect=writers(OK),
        check="_check_revised",
    ),
    Row(
        "PLAN-5",
        "move a plan to another worker's case",
        "rrs.service.plan",
        "_plan_draft",
        vals={"case_id": "@case_far"},
        expect=writers(MOVED),
    ),
    Row(
        "PLAN-5",
        "edit a goal of a signed plan",
        "rrs.service.goal",
        "_goal_signed",
        vals={"desired_outcome": "Changed after the signatures"},
        expect=writers(GOALS_SIGNED),
    ),
    Row(
        "PLAN-5",
        "record progress on a goal of a signed plan",
        "rrs.service.goal",
        "_goal_signed",
        vals={"status": "in_progress", "progress": 50},
        expect=writers(OK),
    ),
    Row(
        "PLAN-5",
        "add a goal to a signed plan",
        "rrs.service.goal",
        "_vals_goal_on_signed_plan",
        create=True,
        expect=writers(GOALS_SIGNED),
    ),
    Row(
        "PLAN-5",
        "delete a goal of a signed plan",
        "rrs.service.goal",
        "_goal_signed",
        action="unlink",
        expect=writers(GOALS_SIGNED),
    ),
    Row(
        "PLAN-5",
        "move a goal to another plan",
        "rrs.service.goal",
        "_goal_draft",
        vals={"plan_id": "@plan_far"},
        expect=writers(MOVED),
    ),
    Row(
        "PLAN-5",
        "change who took part in a signed plan",
        "rrs.service.plan.participant",
        "_participant_signed",
        vals={"took_part": False, "reason_not": "absent"},
        expect=writers(PLAN_SIGNED),
    ),
    Row(
        "PLAN-5",
        "delete who took part in a signed plan",
        "rrs.service.plan.participant",
        "_participant_signed",
        action="unlink",
        expect=writers(PLAN_SIGNED),
    ),
    Row(
        "PLAN-5",
        "add someone who took part in a signed plan",
        "rrs.service.plan.participant",
        "_vals_participant_on_signed_plan",
        create=True,
        expect=writers(PLAN_SIGNED),
    ),
    Row(
        "PLAN-2",
        "move who took part to another plan",
        "rrs.service.plan.participant",
        "_participant_draft",
        vals={"plan_id": "@plan_far"},
        expect=writers(MOVED),
    ),
    Row(
        "PLAN-2",
        "list a member of another case as taking part",
        "rrs.service.plan.participant",
        "_participant_draft",
        vals={"member_id": "@member_far"},
        expect=writers(OTHER_CASE),
    ),
    Row(
        "PLAN-3",
        "rewrite the kept agreement's file",
        "ir.attachment",
        "_agreement_file",
        vals={"type": "url", "url": "https://example.com/forged.pdf"},
        expect=writers(("rule", "signed service agreement kept on the plan: it cannot change")),
    ),
    Row(
        "PLAN-3",
        "delete the kept agreement's file",
        "ir.attachment",
        "_agreement_file",
        action="unlink",
        expect=writers(
            ("rule", "signed service agreement kept on the plan: it is never deleted"),
            **NO_FILE_ACCESS,
        ),
    ),
    Row(
        "REC-2",
        "rewrite the kept copy of a signed letter",
        "ir.attachment",
        "_letter_file",
        vals={"type": "url", "url": "https://example.com/forged.pdf"},
        expect=writers(("rule", "kept copy of a signed letter: it cannot change")),
    ),
    Row(
        "REC-2",
        "delete the kept copy of a signed letter",
        "ir.attachment",
        "_letter_file",
        action="unlink",
        expect=writers(
            ("rule", "kept copy of a signed letter: it is never deleted"), **NO_FILE_ACCESS
        ),
    ),
)

REVIEWER_ONLY = {
    "worker": ("access", "cannot review this case as its supervisor"),
    "supervisor": OK,
    "manager": OK,
}
REVIEW_ROWS = (
    Row(
        "PLAN-4",
        "complete a review by writing its stage",
        "rrs.case.review",
        "_review_draft",
        vals={"state": "done"},
        expect=REVIEWER_ONLY,
        check="_check_review_done",
    ),
    Row(
        "PLAN-4",
        "complete a review by the button",
        "rrs.case.review",
        "_review_draft",
        action="action_done",
        expect=REVIEWER_ONLY,
        check="_check_review_done",
    ),
    Row(
        "PLAN-4",
        "create a review already done",
        "rrs.case.review",
        "_vals_review_done",
        create=True,
        expect=REVIEWER_ONLY,
    ),
    Row(
        "PLAN-4",
        "forge the reviewer and the date",
        "rrs.case.review",
        "_review_draft",
        vals={"reviewer_id": "@supervisor", "review_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-4",
        "take a self-review out of the supervisor's sample",
        "rrs.case.review",
        "_review_sampled",
        vals={"sampled": False},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-4",
        "forge the supervisor's sample check",
        "rrs.case.review",
        "_review_sampled",
        vals={"sample_checked_by_id": "@supervisor", "sample_checked_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-4",
        "check the sample by the button",
        "rrs.case.review",
        "_review_sampled",
        action="action_check_sample",
        expect={
            "worker": ("access", "cannot check this review as its supervisor"),
            "supervisor": OK,
            "manager": OK,
        },
        check="_check_sample_checked",
    ),
    Row(
        "PLAN-4",
        "write the supervisor's comment on the sample",
        "rrs.case.review",
        "_review_sampled",
        vals={"sample_comment": "Thorough review"},
        expect={
            "worker": ("access", "cannot comment on this review as its supervisor"),
            "supervisor": OK,
            "manager": OK,
        },
    ),
    Row(
        "PLAN-4",
        "a done review back to draft",
        "rrs.case.review",
        "_review_done",
        vals={"state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "PLAN-4",
        "edit a done review",
        "rrs.case.review",
        "_review_done",
        vals={"decisions": "Changed after the review"},
        expect=writers(("rule", "is done: it stays as recorded")),
    ),
    Row(
        "PLAN-4",
        "delete a done review",
        "rrs.case.review",
        "_review_done",
        action="unlink",
        expect={
            "supervisor": ("rule", "never deleted"),
            "manager": ("rule", "never deleted"),
        },
    ),
    Row(
        "PLAN-4",
        "move a review to another worker's case",
        "rrs.case.review",
        "_review_draft",
        vals={"case_id": "@case_far"},
        expect=writers(MOVED),
    ),
    Row(
        "PLAN-4",
        "review the plan of another case",
        "rrs.case.review",
        "_review_draft",
        vals={"plan_id": "@plan_far"},
        expect=writers(OTHER_CASE),
    ),
)

CONSENT_ROWS = (
    Row(
        "CON-1",
        "forge a staff countersignature",
        "rrs.consent",
        "_confidentiality_form",
        vals={"countersign_user_id": "@supervisor", "countersign_date": "2026-01-05"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "CON-1",
        "create a form already countersigned",
        "rrs.consent",
        "_vals_form_countersigned",
        create=True,
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "CON-1",
        "countersign by the button",
        "rrs.consent",
        "_confidentiality_form",
        action="action_countersign",
        expect=writers(OK),
        check="_check_countersigned",
    ),
    Row(
        "CON-1",
        "countersign a form one signed oneself",
        "rrs.consent",
        "_interpreter_form_of_worker",
        action="action_countersign",
        expect={
            "worker": ("access", "signed this form and cannot countersign it"),
            "supervisor": OK,
            "manager": OK,
        },
        check="_check_countersigned",
    ),
    Row(
        "CON-2",
        "revoke a release by writing it",
        "rrs.consent",
        "_release_valid",
        vals={"revoked": True},
        expect=writers(OK),
        check="_check_revoked",
    ),
    Row(
        "CON-2",
        "revoke a release by the button",
        "rrs.consent",
        "_release_valid",
        action="action_revoke",
        expect=writers(OK),
        check="_check_revoked",
    ),
    Row(
        "CON-2",
        "a revoked release back to valid",
        "rrs.consent",
        "_release_revoked",
        vals={"revoked": False},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "CON-2",
        "clear the date of a revocation",
        "rrs.consent",
        "_release_revoked",
        vals={"revoked_date": False},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "CON-2",
        "extend a revoked release",
        "rrs.consent",
        "_release_revoked",
        vals={"expiry_date": "2099-12-31"},
        expect=writers(("rule", "revocation is final")),
    ),
    Row(
        "CON-2",
        "move a form to another worker's case",
        "rrs.consent",
        "_release_valid",
        vals={"case_id": "@case_far"},
        expect=writers(MOVED),
    ),
)

REFERRAL_ROWS = (
    Row(
        "CON-2",
        "send with an expired release by writing the stage",
        "rrs.referral",
        "_referral_expired_release",
        vals={"state": "sent"},
        expect=writers(("rule", "No valid release of information names")),
    ),
    Row(
        "CON-2",
        "send with an expired release by the button",
        "rrs.referral",
        "_referral_expired_release",
        action="action_send",
        expect=writers(("rule", "No valid release of information names")),
    ),
    Row(
        "CON-2",
        "create a referral already sent, the release expired",
        "rrs.referral",
        "_vals_referral_sent",
        create=True,
        expect=writers(("rule", "No valid release of information names")),
    ),
    Row(
        "CON-2",
        "send with a valid release by writing the stage",
        "rrs.referral",
        "_referral_with_release",
        vals={"state": "sent"},
        expect=writers(OK),
        check="_check_referral_sent",
    ),
    Row(
        "CON-2",
        "send with a valid release by the button",
        "rrs.referral",
        "_referral_with_release",
        action="action_send",
        expect=writers(OK),
        check="_check_referral_sent",
    ),
    Row(
        "CON-2",
        "link the release of another case",
        "rrs.referral",
        "_referral_expired_release",
        vals={"consent_id": "@release_far"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "PLAN-6",
        "forge the dates of the steps",
        "rrs.referral",
        "_referral_sent",
        vals={"sent_date": "2026-01-05", "response_date": "2026-01-06"},
        expect=writers(SYSTEM_SET),
    ),
    Row(
        "CON-2",
        "send a sent referral to another provider",
        "rrs.referral",
        "_referral_sent",
        vals={"provider_id": "@provider_other"},
        expect=writers(("rule", "what was sent stays as it is")),
    ),
    Row(
        "PLAN-6",
        "jump from draft to completed",
        "rrs.referral",
        "_referral_with_release",
        vals={"state": "completed"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "PLAN-6",
        "complete without the outcome by writing the stage",
        "rrs.referral",
        "_referral_accepted",
        vals={"state": "completed"},
        expect=writers(("rule", "Record the outcome")),
    ),
    Row(
        "PLAN-6",
        "decline without a reason by writing the stage",
        "rrs.referral",
        "_referral_sent",
        vals={"state": "declined"},
        expect=writers(("rule", "why the provider declined")),
    ),
    Row(
        "PLAN-6",
        "a sent referral back to draft",
        "rrs.referral",
        "_referral_sent",
        vals={"state": "draft"},
        expect=writers(NOT_A_MOVE),
    ),
    Row(
        "PLAN-6",
        "move a referral to another worker's case",
        "rrs.referral",
        "_referral_with_release",
        vals={"case_id": "@case_far"},
        expect=writers(MOVED),
    ),
)


class RecordsIntegrityCommon(IntegrityCommon):
    """Fixtures of the case records, built as superuser on a case of ``worker``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.landlord = Partner.create({"name": "Maple Street Apartments", "is_company": True})
        cls.provider = Partner.create(
            {"name": "Legal Aid Clinic", "is_company": True, "rrs_is_provider": True}
        )
        cls.provider_other = Partner.create(
            {"name": "Other Legal Clinic", "is_company": True, "rrs_is_provider": True}
        )
        cls.legal = cls.env.ref("rrs_case.service_category_legal")
        cls.case = cls._active_case()
        cls.case_far = cls._active_case(user=cls.worker_far)
        cls.member_far = cls.case_far.member_ids[:1]
        cls.release_far = cls._make_release(cls.case_far, cls.landlord)
        cls.plan_far = cls.env["rrs.service.plan"].create(
            {**cls._plan_values(cls.case_far), "state": "signed"}
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "forged.pdf", "raw": b"%PDF-1.4 forged"}
        )
        cls.program_icm.plan_supervisor_signature = True
        cls.program.self_review_sample_percent = 100
        cls.env["hr.employee"].search([("user_id", "=", cls.worker.id)]).rrs_self_review = True

    def _run_row(self, row, role):
        if row.vals:
            row = row._replace(vals={k: self._resolve(v) for k, v in row.vals.items()})
        return super()._run_row(row, role)

    def _resolve(self, value):
        if isinstance(value, str) and value.startswith("@"):
            return getattr(self, value[1:]).id
        if callable(value):
            return value(self)
        return value

    # ------------------------------------------------------------- notes
    @classmethod
    def _make_release(cls, case, party, expiry=None):
        head = case.member_ids.filtered("is_head")
        return cls.env["rrs.consent"].create(
            {
                "case_id": case.id,
                "consent_type": "release",
                "member_id": head.id,
                "signer_role": "client",
                "signer_partner_id": head.partner_id.id,
                "signature_date": cls.today - relativedelta(months=2),
                "party_partner_id": party.id,
                "scope": "Housing conditions and tenancy",
                "expiry_date": expiry or cls.today + relativedelta(months=6),
            }
        )

    def _note(self):
        return self.env["rrs.case.note"].create(
            {"case_id": self.case.id, "subject": "Meeting", "author_id": self.worker.id}
        )

    def _late_note(self):
        note = self.env["rrs.case.note"].create(
            {
                "case_id": self.case.id,
                "subject": "Home visit",
                "contact_type": "home_visit",
                "contact_date": self.today - relativedelta(days=30),
                "author_id": self.worker.id,
            }
        )
        self.assertTrue(note.is_late)
        return note

    def _letter_values(self, **vals):
        return {
            "case_id": self.case.id,
            "subject": "Letter to the landlord: repairs",
            "contact_type": "correspondence",
            "direction": "out",
            "channel": "letter",
            "purpose": "Ask for the heating to be repaired",
            "correspondent_partner_id": self.landlord.id,
            "on_behalf_of_client": True,
            "body": "<p>The family has had no heating since November ...</p>",
            **vals,
        }

    def _letter_draft(self):
        return self.env["rrs.case.note"].create(self._letter_values(author_id=self.worker.id))

    def _letter_to_sign(self):
        letter = self._letter_draft()
        letter.with_user(self.worker).action_request_signature()
        return letter

    def _letter_signed(self):
        letter = self._letter_to_sign()
        letter.with_user(self.supervisor).action_sign_letter()
        return letter

    def _letter_signed_with_release(self):
        self._make_release(self.case, self.landlord)
        return self._letter_signed()

    def _letter_sent(self):
        letter = self._letter_signed_with_release()
        letter.with_user(self.worker).action_mark_sent()
        return letter

    def _letter_file(self):
        letter = self._letter_draft()
        copy = self.env["ir.attachment"].create(
            {
                "name": "letter.pdf",
                "raw": b"%PDF-1.4 signed letter",
                "res_model": "rrs.case.note",
                "res_id": letter.id,
            }
        )
        letter.letter_attachment_ids = [Command.set(copy.ids)]
        letter.with_user(self.worker).action_request_signature()
        letter.with_user(self.supervisor).action_sign_letter()
        return copy

    def _vals_letter_signed(self):
        return self._letter_values(letter_state="signed")

    def _vals_letter_signer(self):
        return self._letter_values(letter_signer_id=self.supervisor.id)

    def _vals_note_backdated(self):
        return {
            "case_id": self.case.id,
            "subject": "Meeting",
            "contact_date": "2020-01-01",
            "written_date": "2020-01-02",
        }

    def _check_letter_to_sign(self, letter):
        self.assertEqual(letter.letter_state, "to_sign")

    def _check_letter_signed(self, letter):
        self.assertEqual(letter.letter_state, "signed")
        self.assertIn(letter.letter_signer_id, self.supervisor | self.manager)
        self.assertEqual(letter.letter_signed_date, self.today)

    def _check_letter_sent(self, letter):
        self.assertEqual(letter.letter_state, "sent")
        self.assertEqual(letter.letter_sent_date, self.today)
        self.assertEqual(letter.letter_consent_id.case_id, self.case)

    # ------------------------------------------------------------- plans
    @classmethod
    def _plan_values(cls, case, **vals):
        return {
            "case_id": case.id,
            "summary": "From the intake assessment",
            "family_network": "Weekly call with relatives",
            "crisis_procedure": "Office line, then the worker within one working day",
            "self_sufficiency_pathway": "English, then work in logistics",
            "self_sufficiency_barriers": "No local work history",
            "goal_ids": [
                Command.create(
                    {
                        "name": "Paid work",
                        "desired_outcome": "Full-time job that covers the rent",
                        "target_date": cls.today + relativedelta(months=6),
                        "services": "Job readiness, placement",
                        "provider_type": "provider",
                        "provider_id": cls.provider.id,
                    }
                )
            ],
            **vals,
        }

    def _plan_draft(self, case=None, **vals):
        case = case or self.case
        return (
            self.env["rrs.service.plan"]
            .with_user(case.user_id)
            .create(self._plan_values(case, **vals))
            .with_env(self.env)
        )

    def _plan_incomplete(self):
        return self._plan_draft(family_network=False)

    def _plan_client_signed(self, case=None):
        plan = self._plan_draft(case).with_user((case or self.case).user_id)
        plan.client_signature = SIGNATURE
        plan.action_sign_client()
        return plan.with_env(self.env)

    def _plan_signed(self):
        plan = self._plan_client_signed()
        plan.with_user(self.worker).action_sign_worker()
        self.assertEqual(plan.state, "signed")
        return plan

    def _plan_awaiting_supervisor(self):
        case = self._active_case(program=self.program_icm, immigration_category_id=self.cat_gar.id)
        plan = self._plan_client_signed(case)
        plan.with_user(self.worker).action_sign_worker()
        self.assertEqual(plan.state, "draft")
        return plan

    def _vals_plan_signed(self):
        return self._plan_values(self.case, state="signed")

    def _vals_plan_worker_signed(self):
        return self._plan_values(
            self.case, worker_signer_id=self.worker.id, worker_signature_date=self.today
        )

    def _goal_signed(self):
        return self._plan_signed().goal_ids

    def _goal_draft(self):
        return self._plan_draft().goal_ids

    def _vals_goal_on_signed_plan(self):
        return {
            "plan_id": self._plan_signed().id,
            "name": "Driving licence",
            "desired_outcome": "Licence obtained",
            "target_date": self.today + relativedelta(months=3),
            "services": "Driving lessons",
        }

    def _participant_signed(self):
        return self._plan_signed().participant_ids[:1]

    def _participant_draft(self):
        return self._plan_draft().participant_ids[:1]

    def _vals_participant_on_signed_plan(self):
        plan = self._plan_signed()
        child = self._person("Newborn", age=0)
        self.case.member_ids = [Command.create({"partner_id": child.id, "relationship": "child"})]
        member = self.case.member_ids.filtered(lambda m: m.partner_id == child)
        return {"plan_id": plan.id, "member_id": member.id, "took_part": False}

    def _agreement_file(self):
        attachment = self._plan_signed().agreement_attachment_id
        self.assertTrue(attachment)
        return attachment

    def _check_agreement_given(self, plan):
        self.assertEqual(plan.agreement_given_date, self.today)

    def _check_plan_signed_by_supervisor(self, plan):
        self.assertEqual(plan.state, "signed")
        self.assertIn(plan.supervisor_signer_id, self.supervisor | self.manager)
        self.assertEqual(plan.supervisor_signature_date, self.today)
        self.assertEqual(plan.signed_date, self.today)
        self.assertTrue(plan.agreement_attachment_id)

    def _check_plan_signed_by_worker(self, plan):
        self.assertEqual(plan.worker_signer_id, self.worker)
        self.assertEqual(plan.state, "signed")

    def _check_revised(self, plan):
        revision = plan.search([("previous_plan_id", "=", plan.id)])
        self.assertEqual(revision.version, plan.version + 1)
        self.assertEqual(revision.state, "draft")
        self.assertFalse(revision.client_signature)
        self.assertEqual(plan.state, "signed", "in force until the revision is signed")

    # ----------------------------------------------------------- reviews
    def _review_values(self, **vals):
        return {
            "case_id": self.case.id,
            "coordination": "Providers coordinated by the worker",
            "progress": "Two of three goals on track",
            "appropriateness": "appropriate",
            "decisions": "Continue",
            **vals,
        }

    def _review_draft(self):
        return self.env["rrs.case.review"].create(self._review_values())

    def _review_done(self):
        review = self._review_draft()
        review.with_user(self.supervisor).action_done()
        return review

    def _review_sampled(self):
        review = self.env["rrs.case.review"].create(self._review_values(reviewer_type="self"))
        review.with_user(self.worker).action_done()
        self.assertTrue(review.sampled)
        return review

    def _vals_review_done(self):
        return self._review_values(state="done")

    def _check_review_done(self, review):
        self.assertEqual(review.state, "done")
        self.assertIn(review.reviewer_id, self.supervisor | self.manager)
        self.assertEqual(review.review_date, self.today)
        self.assertFalse(review.sampled)

    def _check_sample_checked(self, review):
        self.assertIn(review.sample_checked_by_id, self.supervisor | self.manager)
        self.assertEqual(review.sample_checked_date, self.today)

    # ---------------------------------------------------------- consents
    def _form_values(self, **vals):
        head = self.case.member_ids.filtered("is_head")
        return {
            "case_id": self.case.id,
            "consent_type": "confidentiality",
            "member_id": head.id,
            "signer_role": "client",
            "signer_partner_id": head.partner_id.id,
            **vals,
        }

    def _confidentiality_form(self):
        return self.env["rrs.consent"].create(self._form_values())

    def _interpreter_form_of_worker(self):
        return self.env["rrs.consent"].create(
            self._form_values(
                member_id=False,
                signer_role="interpreter",
                signer_partner_id=self.worker.partner_id.id,
            )
        )

    def _vals_form_countersigned(self):
        return self._form_values(countersign_user_id=self.worker.id, countersign_date=self.today)

    def _release_valid(self):
        return self._make_release(self.case, self.landlord)

    def _release_revoked(self):
        release = self._release_valid()
        release.with_user(self.worker).action_revoke()
        self.assertTrue(release.revoked)
        return release

    def _check_countersigned(self, form):
        self.assertIn(form.countersign_user_id, self.worker | self.supervisor | self.manager)
        self.assertNotEqual(form.countersign_user_id.partner_id, form.signer_partner_id)
        self.assertEqual(form.countersign_date, self.today)

    def _check_revoked(self, release):
        self.assertTrue(release.revoked)
        self.assertEqual(release.revoked_date, self.today)
        self.assertFalse(self.case.get_valid_release(self.landlord))

    # --------------------------------------------------------- referrals
    def _referral_values(self, **vals):
        return {
            "case_id": self.case.id,
            "provider_id": self.provider.id,
            "service_category_id": self.legal.id,
            "reason": "Advice on family sponsorship",
            **vals,
        }

    def _referral_expired_release(self):
        self._make_release(self.case, self.provider, expiry=self.today - relativedelta(days=1))
        return self.env["rrs.referral"].create(self._referral_values())

    def _referral_with_release(self):
        self._make_release(self.case, self.provider)
        return self.env["rrs.referral"].create(self._referral_values())

    def _referral_sent(self):
        referral = self._referral_with_release()
        referral.with_user(self.worker).action_send()
        return referral

    def _referral_accepted(self):
        referral = self._referral_sent()
        referral.with_user(self.worker).action_accept()
        return referral

    def _vals_referral_sent(self):
        self._make_release(self.case, self.provider, expiry=self.today - relativedelta(days=1))
        return self._referral_values(state="sent")

    def _check_referral_sent(self, referral):
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.sent_date, self.today)
        self.assertEqual(referral.consent_id.case_id, self.case)
        self.assertEqual(referral.consent_id.party_partner_id, self.provider)


class RecordsTableMixin:
    def test_integrity_table(self):
        counts = self.run_table()
        self.assertEqual(sum(counts.values()), len(self.ROWS) * 7)
        self.assertGreater(counts["allowed"], 0)
        self.assertGreater(counts["refused"], counts["allowed"])


@tagged("post_install", "-at_install")
class TestIntegrityNotes(RecordsTableMixin, RecordsIntegrityCommon):
    # rules REC-2, CON-2, VIS-4 by every role, through write, create and the buttons
    ROWS = NOTE_ROWS

    def test_context_gives_no_default_to_system_fields(self):
        # rule REC-2: a client's context is no way to create a letter signed or sent
        Note = self.env["rrs.case.note"].with_user(self.worker)
        letter = Note.with_context(
            default_letter_state="sent",
            default_letter_signer_id=self.supervisor.id,
            default_letter_signed_date="2026-01-05",
            default_author_id=self.supervisor.id,
            default_written_date="2020-01-02",
        ).create(self._letter_values())
        self.assertEqual(letter.letter_state, "draft")
        self.assertFalse(letter.letter_signer_id)
        self.assertFalse(letter.letter_signed_date)
        self.assertEqual(letter.author_id, self.worker)
        self.assertEqual(letter.written_date, self.today)

    def test_system_fields_of_a_note_do_not_move_with_an_edit(self):
        # rule VIS-4: an ordinary edit leaves who wrote the note, and when, as they were
        note = self._late_note().with_user(self.worker)
        note.write({"body": "<p>Completed</p>", "author_id": self.worker.id})
        self.assertTrue(note.is_late)
        self.assertEqual(note.written_date, self.today)

    def test_case_links_cover_the_releases(self):
        # rule CON-2: a release linked to a record belongs to the same case
        self.assertTrue(
            {"consent_id", "letter_consent_id", "member_id"}
            <= set(self.env["rrs.case.note"]._rrs_case_links())
        )
        self.assertIn("consent_id", self.env["rrs.referral"]._rrs_case_links())
        self.assertIn("plan_id", self.env["rrs.case.review"]._rrs_case_links())
        self.assertIn("member_id", self.env["rrs.service.plan.participant"]._rrs_case_links())

    def test_letter_signed_and_sent_by_the_system_only_after_checks(self):
        # rules REC-2, CON-2: the whole flow as the roles that take each step
        letter = self._letter_draft().with_user(self.worker)
        letter.action_request_signature()
        with self.assertRefused("its author cannot sign it", AccessError):
            letter.write({"letter_state": "signed"})
        with self.assertRefused("doesn.t have .read. access", AccessError):
            letter.with_user(self.supervisor_other).action_sign_letter()
        letter.with_user(self.supervisor).write({"letter_state": "signed"})
        self.assertEqual(letter.letter_signer_id, self.supervisor)
        signature = self.env.ref("rrs_case.mail_activity_type_letter_signature")
        self.assertFalse(
            self.case.activity_ids.filtered(lambda a: a.activity_type_id == signature),
            "the signature closes the supervisor's activity",
        )
        with self.assertRefused("not allowed to", AccessError):
            letter.with_user(self.auditor).action_mark_sent()
        self.assertEqual(letter.letter_state, "signed")


@tagged("post_install", "-at_install")
class TestIntegrityPlans(RecordsTableMixin, RecordsIntegrityCommon):
    # rules PLAN-1, PLAN-2, PLAN-3, PLAN-5, REC-2 by every role, through write, create, buttons
    ROWS = PLAN_ROWS

    def test_client_signature_with_the_last_parts_in_one_save(self):
        # rule PLAN-1 (issue 9): the form saves the missing part and the signature together
        plan = self._plan_incomplete().with_user(self.worker)
        plan.write({"family_network": "Cousin in Ohio", "client_signature": SIGNATURE})
        plan.action_sign_client()
        self.assertEqual(plan.client_signature_date, self.today)

    def test_client_signature_refused_while_the_plan_is_incomplete(self):
        # rule PLAN-1 (issue 9): the signature is refused before it is stored, on create too
        missing = "(?s)cannot be signed yet.*Family and informal networks"
        with self.assertRefused(missing, UserError):
            self._plan_draft(family_network=False, client_signature=SIGNATURE)
        plan = self._plan_incomplete().with_user(self.worker)
        with self.assertRefused("cannot be signed yet", UserError):
            plan.client_signature = SIGNATURE
        self.assertFalse(plan.client_signature)

    def test_each_signature_given_once(self):
        # rule PLAN-1: a second signature does not replace the first signer
        plan = self._plan_client_signed()
        with self.assertRefused("already has the signature of the client", UserError):
            plan.with_user(self.worker).action_sign_client()
        plan = self._plan_awaiting_supervisor()
        plan.with_user(self.supervisor).action_sign_supervisor()
        with self.assertRefused("already", UserError):
            plan.with_user(self.manager).action_sign_supervisor()
        self.assertEqual(plan.supervisor_signer_id, self.supervisor)

    def test_context_gives_no_default_to_system_fields(self):
        # rules PLAN-1, PLAN-5: a client's context is no way to create a signed plan
        plan = (
            self.env["rrs.service.plan"]
            .with_user(self.worker)
            .with_context(
                default_state="signed",
                default_worker_signer_id=self.worker.id,
                default_supervisor_signer_id=self.supervisor.id,
                default_version=9,
            )
            .create(self._plan_values(self.case))
        )
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.worker_signer_id | plan.supervisor_signer_id)
        self.assertEqual(plan.version, 1)

    def test_kept_agreement_file_cannot_change_even_as_superuser(self):
        # rules PLAN-3, PLAN-5: the signed agreement is kept as it was printed
        attachment = self._agreement_file()
        for vals in ({"raw": b"forged"}, {"datas": "Zm9yZ2Vk"}, {"res_id": self.plan_far.id}):
            with self.assertRefused("it cannot change", UserError):
                attachment.with_user(self.worker).write(vals)
            with self.assertRefused("it cannot change", UserError):
                attachment.sudo().write(vals)
        with self.assertRefused("it is never deleted", UserError):
            attachment.sudo().unlink()
        attachment.with_user(self.worker).write({"name": "Service agreement.pdf"})

    def test_revision_versions_and_supersedes(self):
        # rule PLAN-5: the version chain and the superseding are the system's
        first = self._plan_signed()
        action = first.with_user(self.worker).action_revise()
        revision = first.browse(action["res_id"]).with_user(self.worker)
        self.assertEqual((revision.version, revision.previous_plan_id), (2, first))
        revision.client_signature = SIGNATURE
        revision.action_sign_client()
        revision.action_sign_worker()
        self.assertEqual((first.state, revision.state), ("superseded", "signed"))
        with self.assertRefused("cannot go from", UserError):
            first.with_user(self.worker).write({"state": "signed"})

    def test_goal_members_belong_to_the_case(self):
        # rule PLAN-1: a goal is for members of the plan's household
        goal = self._goal_draft()
        with self.assertRefused("doesn.t have .read. access", AccessError):
            goal.with_user(self.worker).member_ids = [Command.link(self.member_far.id)]
        # a program manager reads both households, and still cannot mix them
        with self.assertRefused("is not a member of case", ValidationError):
            goal.with_user(self.manager).member_ids = [Command.link(self.member_far.id)]
        goal.with_user(self.worker).member_ids = [Command.link(self.case.member_ids[:1].id)]


@tagged("post_install", "-at_install")
class TestIntegrityReviews(RecordsTableMixin, RecordsIntegrityCommon):
    # rule PLAN-4 by every role, through write, create and the buttons
    ROWS = REVIEW_ROWS

    def test_sample_comment_only_until_the_check(self):
        # rule PLAN-4: the supervisor's comment, then the check, then nothing changes
        review = self._review_sampled().with_user(self.supervisor)
        review.sample_comment = "Good self-review"
        review.action_check_sample()
        with self.assertRefused("not waiting for a sample check", UserError):
            review.sample_comment = "Changed afterwards"
        self.assertEqual(review.sample_comment, "Good self-review")


@tagged("post_install", "-at_install")
class TestIntegrityConsents(RecordsTableMixin, RecordsIntegrityCommon):
    # rules CON-1, CON-2 by every role, through write, create and the buttons
    ROWS = CONSENT_ROWS

    def test_revoked_form_is_not_countersigned(self):
        # rule CON-2: revocation is final, even for a countersignature
        form = self._confidentiality_form()
        form.with_user(self.worker).action_revoke()
        with self.assertRefused("revocation is final", UserError):
            form.with_user(self.supervisor).action_countersign()
        self.assertFalse(form.countersign_user_id)


@tagged("post_install", "-at_install")
class TestIntegrityReferrals(RecordsTableMixin, RecordsIntegrityCommon):
    # rules CON-2, PLAN-6 by every role, through write, create and the buttons
    ROWS = REFERRAL_ROWS

    def test_context_gives_no_default_to_the_stage(self):
        # rule CON-2: no context sends a referral without the check
        self._make_release(self.case, self.provider, expiry=self.today - relativedelta(days=1))
        referral = (
            self.env["rrs.referral"]
            .with_user(self.worker)
            .with_context(default_state="sent", default_sent_date="2026-01-05")
            .create(self._referral_values())
        )
        self.assertEqual((referral.state, referral.sent_date), ("draft", False))
        with self.assertRefused("No valid release", UserError):
            referral.action_send()


@tagged("post_install", "-at_install")
class TestIntegrityDisposal(RecordsIntegrityCommon):
    def test_rec3_disposal_takes_the_signed_records_and_their_files(self):
        # rule REC-3: what no one may change or delete in normal work goes with the disposal
        plan = self._plan_signed()
        self.assertTrue(plan.message_ids)
        agreement = plan.agreement_attachment_id
        letter_copy = self._letter_file()
        review = self._review_done()
        release = self._release_revoked()
        referral = self._referral_sent()
        case = self.case.with_user(self.worker)
        case.action_start_closing()
        case.write({"closing_reason": "moved", "closing_summary": "Moved", **self._aftercare()})
        case.action_close()
        records = (plan, plan.goal_ids, plan.participant_ids, review, release, referral)
        self.assertTrue(all(records))
        with freeze_time(case.retention_until_date + relativedelta(days=1)):
            case.with_user(self.manager).action_dispose()
        for record in records:
            self.assertFalse(record.exists(), record._name)
        self.assertFalse(agreement.exists(), "the kept agreement goes with the plan")
        self.assertFalse(letter_copy.exists(), "the copy of the letter goes with the letter")
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "rrs.service.plan"), ("res_id", "=", plan.id)]
            ),
            "the plan's messages go with it",
        )
