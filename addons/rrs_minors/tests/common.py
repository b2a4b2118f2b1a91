# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.addons.rrs_case.tests.common import RrsCaseCommon


class RrsMinorsCommon(RrsCaseCommon):
    RELEASE = date(2026, 3, 2)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cat_uac = cls.env.ref("rrs_case.immigration_category_uac")
        cls.level_1 = cls.env.ref("rrs_minors.prs_level_1")
        cls.level_2 = cls.env.ref("rrs_minors.prs_level_2")
        cls.area_safety = cls.env.ref("rrs_minors.prs_service_area_placement")
        cls.area_education = cls.env.ref("rrs_minors.prs_service_area_education")

    @classmethod
    def _prs_case(cls, age_at_release=15, release=None, user=None, start=True, **vals):
        """An unaccompanied child's PRS case, released on ``release``, in service."""
        release = release or cls.RELEASE
        child = cls._person(
            "Child", birthdate=release - relativedelta(years=age_at_release, days=40)
        )
        sponsor = cls._person("Sponsor", age=40)
        values = {
            "prs_sponsor_partner_id": sponsor.id,
            "prs_sponsor_relationship": "aunt_uncle",
            "prs_release_date": release,
            "prs_referral_accepted_date": release + relativedelta(days=1),
            "prs_level_id": cls.level_1.id,
        }
        values.update(vals)
        case = cls._accepted_case(
            head=child,
            user=user,
            program=cls.program_prs,
            immigration_category_id=cls.cat_uac.id,
            **values,
        )
        if start:
            Consent = cls.env["rrs.consent"]
            for kind in ("confidentiality", "charter"):
                Consent.create(
                    {
                        "case_id": case.id,
                        "consent_type": kind,
                        "member_id": case.member_ids.id,
                        "signer_role": "guardian",
                        "signer_partner_id": sponsor.id,
                        "signature_date": release,
                        "countersign_user_id": case.user_id.id
                        if kind == "confidentiality"
                        else False,
                        "countersign_date": release if kind == "confidentiality" else False,
                    }
                )
            case.action_start_service()
            case.service_start_date = release + relativedelta(days=2)
        return case

    @classmethod
    def _caregiver_assessment_vals(cls, minor, caregiver, **vals):
        """A caregiver and placement assessment found suitable, every check made (rule MIN-2);
        ``vals`` changes any of it."""
        values = {
            "member_id": minor.id,
            "caregiver_partner_id": caregiver.id,
            "assessment_date": cls.today,
            "identity_verified": True,
            "identity_method": "Passports and the child's account match",
            "separation_years": 6,
            "previous_relationship": "Lived in the same compound",
            "housing_space": "adequate",
            "safety": "adequate",
            "financial_stability": "adequate",
            "outcome": "suitable",
        }
        values.update(vals)
        return values

    @classmethod
    def _contact(cls, case, contact_type="home_visit", on=None, areas=None):
        return cls.env["rrs.case.note"].create(
            {
                "case_id": case.id,
                "subject": "Contact",
                "contact_type": contact_type,
                "contact_date": on or cls.RELEASE,
                "written_date": on or cls.RELEASE,
                "prs_service_area_ids": [Command.set((areas or cls.area_safety).ids)],
            }
        )
