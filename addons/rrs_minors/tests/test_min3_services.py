# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .common import RrsMinorsCommon

# rule MIN-3: each service to a separated minor, by type, with its label and details
SERVICES = {
    "tracing": ("Family tracing and reunification", {"relative_name": "Mother, last seen in Goma"}),
    "health_physical": ("Physical health assessment", {"summary": "Check-up booked"}),
    "health_mental": ("Mental health assessment", {"summary": "Counsellor met twice"}),
    "health_dental": ("Dental assessment", {"summary": "Two fillings needed"}),
    "heritage": ("Heritage and cultural attitudes", {"summary": "Joined a Swahili club"}),
    "adjustment": ("Adjustment and personal goals", {"summary": "Goal: the school team"}),
    "caregiver_education": ("Caregiver education", {"summary": "Topics 1 and 2"}),
}


@tagged("post_install", "-at_install")
class TestMinorServices(RrsMinorsCommon):
    """Rule MIN-3: services to the separated minor, recorded by type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nephew = cls._person("Nephew", age=14)
        cls.daughter = cls._person("Daughter", age=9)
        cls.case = cls._active_case(
            members=[(cls.nephew, "other_relative"), (cls.daughter, "child")]
        )
        cls.minor = cls.case.member_ids.filtered(lambda m: m.partner_id == cls.nephew)
        cls.minor.separated_minor_category = "joining_relatives"
        cls.uncle = cls.case.head_partner_id

    def test_min3_each_service_type_recorded_by_the_worker(self):
        # rule MIN-3: tracing, physical, mental and dental health, heritage, adjustment and
        # caregiver education, each recorded by the case worker, open until done
        Service = self.env["rrs.minor.service"].with_user(self.worker)
        labels = dict(Service._fields["service_type"]._description_selection(self.env))
        self.assertEqual({k: v[0] for k, v in SERVICES.items()}, labels)
        topics = self.env["rrs.minor.caregiver.topic"].search([])
        for service_type, (label, details) in SERVICES.items():
            vals = dict(details, member_id=self.minor.id, service_type=service_type)
            if service_type == "caregiver_education":
                vals.update(caregiver_partner_id=self.uncle.id, topic_ids=[Command.set(topics.ids)])
            service = Service.create(vals)
            self.assertEqual(
                (service.status, service.user_id, service.service_date, service.case_id),
                ("open", self.worker, self.today, self.case),
            )
            self.assertEqual(service.display_name, f"{label}, {format_date(self.env, self.today)}")
        self.assertEqual(len(self.case.with_user(self.worker).minor_service_ids), 7)

    def test_min3_offered_the_separated_minors_and_the_case_referrals(self):
        # rule MIN-3: the form offers the separated minors of the case, not the other
        # members; a health assessment's referral is one of the case's own
        Service = self.env["rrs.minor.service"].with_user(self.worker)
        Member = self.env["rrs.case.member"].with_user(self.worker)
        member_domain = safe_eval(Service._fields["member_id"].domain)
        offered = Member.search(member_domain + [("case_id", "=", self.case.id)])
        self.assertEqual(offered, self.minor)
        Referral = self.env["rrs.referral"]
        other_case = self._active_case()
        provider = self.env["res.partner"].create({"name": "Dental clinic", "is_company": True})
        health = self.env.ref("rrs_case.service_category_health")

        def referral(case):
            return Referral.create(
                {
                    "case_id": case.id,
                    "provider_id": provider.id,
                    "service_category_id": health.id,
                    "reason": "Dental check",
                }
            )

        ours, theirs = referral(self.case), referral(other_case)
        referral_domain = safe_eval(
            Service._fields["referral_id"].domain, {"case_id": self.case.id}
        )
        found = Referral.with_user(self.worker).search(
            referral_domain + [("id", "in", (ours | theirs).ids)]
        )
        self.assertEqual(found, ours)
