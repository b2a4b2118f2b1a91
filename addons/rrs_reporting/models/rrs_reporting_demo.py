# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A month of activity for the reports and dashboards (demo data only)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Command

# Reception & Placement families: (family name, country, language, worker, days since
# arrival, adults [(first name, gender, age, day of the first job or None)], children
# [(first name, gender, age, day enrolled in school or None)]). The men find work sooner
# than the women: the breakdown of "employed within 90 days" by gender shows it, the
# program's total does not.
RP_FAMILIES = [
    (
        "Nazari",
        "af",
        "prs",
        1,
        320,
        [("Farid", "male", 34, 41), ("Mariam", "female", 31, None)],
        [("Yasin", "male", 9, 19)],
    ),
    (
        "Ahmadi",
        "af",
        "pus",
        2,
        300,
        [("Wahid", "male", 29, 55), ("Shabnam", "female", 27, None)],
        [("Sana", "female", 7, 26)],
    ),
    (
        "Karimi",
        "af",
        "prs",
        3,
        285,
        [("Jawad", "male", 42, 73), ("Zahra", "female", 38, 150)],
        [("Ali", "male", 12, 24), ("Roya", "female", 10, 24)],
    ),
    ("Hussein", "sy", "ara", 1, 270, [("Omar", "male", 36, 38), ("Rania", "female", 33, 88)], []),
    (
        "Khalil",
        "sy",
        "ara",
        2,
        255,
        [("Bassam", "male", 45, 62), ("Huda", "female", 41, None)],
        [("Lama", "female", 14, 31)],
    ),
    ("Darwish", "sy", "ara", 3, 240, [("Tarek", "male", 27, 80), ("Noor", "female", 25, None)], []),
    (
        "Ilunga",
        "cd",
        "lin",
        1,
        225,
        [("Patrick", "male", 39, 47), ("Esther", "female", 35, 170)],
        [("Grace", "female", 8, 21), ("Moise", "male", 6, 21)],
    ),
    ("Kabongo", "cd", "swa", 2, 210, [("Jean", "male", 31, 95), ("Aline", "female", 30, None)], []),
    (
        "Mukendi",
        "cd",
        "fra",
        3,
        195,
        [("Serge", "male", 48, 66), ("Claudine", "female", 44, 79)],
        [("Daniel", "male", 15, 40)],
    ),
    ("Tesfay", "er", "tir", 1, 180, [("Yonas", "male", 26, 58), ("Helen", "female", 24, None)], []),
    (
        "Berhane",
        "er",
        "tir",
        2,
        165,
        [("Samuel", "male", 37, 130), ("Mehret", "female", 35, 84)],
        [("Selam", "female", 11, 28)],
    ),
    (
        "Gonzalez",
        "ve",
        "spa",
        3,
        150,
        [("Luis", "male", 40, 35), ("Carmen", "female", 38, 60)],
        [("Sofia", "female", 13, 18)],
    ),
    (
        "Ramirez",
        "ve",
        "spa",
        1,
        135,
        [("Jose", "male", 23, 70), ("Andrea", "female", 22, None)],
        [],
    ),
    (
        "Bondarenko",
        "ua",
        "ukr",
        2,
        125,
        [("Oleksii", "male", 52, None), ("Iryna", "female", 47, 77)],
        [("Dmytro", "male", 16, 35)],
    ),
    (
        "Shevchenko",
        "ua",
        "ukr",
        3,
        110,
        [("Andrii", "male", 33, 49), ("Olena", "female", 32, None)],
        [("Maksym", "male", 5, 33)],
    ),
    (
        "Aden",
        "so",
        "som",
        1,
        100,
        [("Abdi", "male", 30, 63), ("Hodan", "female", 28, None)],
        [("Ayaan", "female", 6, 45)],
    ),
]
# what the month's case management was about, and for how long (minutes), per family
MONTH_WORK = [
    ("employment", 60, "in_person", "Job readiness session and two applications"),
    ("housing", 45, "phone", "Repair request to the landlord followed up"),
    ("health", 90, "accompaniment", "Accompanied to the family doctor's first visit"),
    ("money", 40, "in_person", "Monthly budget reviewed with the household"),
    ("language", 30, "phone", "Enrolled in the evening English class"),
    ("education", 50, "in_person", "Parent-teacher meeting with an interpreter"),
    ("life_skills", 35, "in_person", "Public transit pass and route to work"),
    ("social", 25, "phone", "Introduced to the community welcome committee"),
    ("orientation", 60, "in_person", "Cultural orientation: tenants' rights"),
    ("law", 45, "paperwork", "Change of address filed with immigration"),
    ("citizenship", 30, "paperwork", "Permanent residence timeline explained"),
]
# cases of the demo that are assessed (need levels), and referrals the month sent them
ASSESSED_CASES = (
    "case_alhassan_demo",
    "case_sultani_demo",
    "case_gebremedhin_demo",
    "case_mutombo_demo",
    "case_htoo_demo",
)
REFERRALS = [
    ("org_clinic_demo", "service_category_health", "Dental check-up for the children"),
    ("org_esl_demo", "service_category_language", "Evening English class, level 2"),
    ("org_jobs_demo", "service_category_employment", "Forklift certification course"),
    ("org_mental_demo", "service_category_mental_health", "Counselling for sleep problems"),
    ("org_legal_demo", "service_category_legal", "Advice on family reunification"),
]


class RrsLogicModel(models.Model):
    _inherit = "rrs.logic.model"

    @api.model
    def _rrs_demo_reporting_month(self):
        """Sixteen Reception & Placement families of the past year with their jobs and school
        enrolments, and a month of case-management activities and referrals, so that every
        report and dashboard of rrs_reporting has figures (demo data only)."""
        ref = self.env.ref
        today = fields.Date.context_today(self)
        workers = {n: ref(f"rrs_case.user_worker{n}_demo") for n in (1, 2, 3)}
        program = ref("rrs_case.program_reception_placement")
        employers = [
            ref("rrs_reporting.partner_employer_warehouse_demo"),
            ref("rrs_reporting.partner_employer_hospital_demo"),
            ref("rrs_reporting.partner_employer_bakery_demo"),
            ref("rrs_reporting.partner_employer_hotel_demo"),
        ]
        schools = {
            "elementary": ref("rrs_reporting.partner_school_elementary_demo"),
            "middle": ref("rrs_reporting.partner_school_middle_demo"),
            "high": ref("rrs_reporting.partner_school_high_demo"),
        }
        Partner = self.env["res.partner"]
        Case = self.env["rrs.case"]
        cases = Case
        for index, (name, country, lang, worker_no, days, adults, children) in enumerate(
            RP_FAMILIES
        ):
            worker = workers[worker_no]
            arrival = today - timedelta(days=days)
            people = []
            for first, gender, age, _day in adults + children:
                people.append(
                    Partner.create(
                        {
                            "name": f"{first} {name}",
                            "gender": gender,
                            "birthdate_date": arrival - relativedelta(years=age, days=40 + index),
                            "nationality_id": ref(f"base.{country}").id,
                        }
                    )
                )
            relationships = ["head", "spouse"] + ["child"] * len(children)
            if len(adults) == 1:
                relationships = ["head"] + ["child"] * len(children)
            case = Case.create(
                {
                    "program_id": program.id,
                    "user_id": worker.id,
                    "immigration_category_id": ref("rrs_case.immigration_category_refugee").id,
                    "country_of_origin_id": ref(f"base.{country}").id,
                    "primary_language_id": ref(f"rrs_case.language_{lang}").id,
                    "language_ids": [Command.set(ref(f"rrs_case.language_{lang}").ids)],
                    "arrival_date": arrival,
                    "intake_date": arrival - timedelta(days=3),
                    "applicant_informed_date": arrival - timedelta(days=3),
                    "service_match": "full",
                    "service_match_note": "Reception & Placement services explained with an "
                    "interpreter; all available from arrival.",
                    "member_ids": [
                        Command.create({"partner_id": person.id, "relationship": relation})
                        for person, relation in zip(people, relationships, strict=True)
                    ],
                }
            )
            case.with_user(worker).action_accept()
            self._rrs_demo_sign(case, worker, arrival)
            case.with_user(worker).action_start_service()
            cases |= case
            # the reception tasks were done in the first months; the two families who came
            # last still have some open
            tasks = case.checklist_item_ids.filtered(lambda item: item.state == "todo")
            if days > 120:
                tasks.with_user(worker).action_done()
            else:
                tasks[: len(tasks) // 2].with_user(worker).action_done()
            members = dict(zip(people, case.member_ids.sorted("id"), strict=True))
            for person, (first, _gender, _age, day) in zip(people, adults + children, strict=True):
                if day is None:
                    continue
                member = members[person]
                if person in people[: len(adults)]:
                    self.env["rrs.employment"].with_user(worker).create(
                        {
                            "case_id": case.id,
                            "member_id": member.id,
                            "employer_id": employers[(index + len(first)) % 4].id,
                            "job_title": "Associate",
                            "employment_type": "full_time" if day < 100 else "part_time",
                            "found_through": "job_developer" if day < 70 else "self",
                            "start_date": arrival + timedelta(days=day),
                            "hours_per_week": 40 if day < 100 else 24,
                            "hourly_wage": 17.5 + (index % 5),
                        }
                    )
                else:
                    school = (
                        schools["elementary"]
                        if age < 11
                        else schools["middle"]
                        if age < 14
                        else schools["high"]
                    )
                    self.env["rrs.school.enrolment"].with_user(worker).create(
                        {
                            "case_id": case.id,
                            "member_id": member.id,
                            "school_id": school.id,
                            "grade": f"Grade {max(age - 5, 1)}",
                            "enrolment_date": arrival + timedelta(days=day),
                        }
                    )
        # the month: each new family and each assessed demo family has its case management
        # logged, and the assessed ones were referred on
        assessed = Case.browse([ref(f"rrs_case.{xmlid}").id for xmlid in ASSESSED_CASES])
        Activity = self.env["rrs.case.activity"]
        for index, case in enumerate(cases | assessed):
            worker = case.user_id
            for step in range(3 + index % 3):
                topic, minutes, mode, description = MONTH_WORK[(index + step * 4) % 11]
                Activity.with_user(worker).create(
                    {
                        "case_id": case.id,
                        "user_id": worker.id,
                        "activity_date": today - timedelta(days=2 + (index * 3 + step * 7) % 27),
                        "topic_id": ref(f"rrs_case.activity_topic_{topic}").id,
                        "minutes": minutes + 5 * (index % 4),
                        "mode": mode,
                        "member_ids": [Command.set(case.member_ids[:1].ids)],
                        "description": description,
                    }
                )
        Referral = self.env["rrs.referral"]
        for index, case in enumerate(assessed):
            provider, category, reason = REFERRALS[index % len(REFERRALS)]
            referral = Referral.with_user(case.user_id).create(
                {
                    "case_id": case.id,
                    "provider_id": ref(f"rrs_case.{provider}").id,
                    "service_category_id": ref(f"rrs_case.{category}").id,
                    "reason": reason,
                    "shares_client_info": False,
                }
            )
            referral.action_send()
        return cases

    @api.model
    def _rrs_demo_sign(self, case, worker, on_date):
        """The confidentiality form (countersigned) and the Client Charter of each adult, signed
        on arrival: past history, written as the XML demo writes it (the countersignature's
        date is the system's when a worker countersigns today)."""
        Consent = self.env["rrs.consent"]
        for member in case.member_ids.filtered(lambda m: not m.is_minor):
            for kind in ("confidentiality", "charter"):
                values = {
                    "case_id": case.id,
                    "consent_type": kind,
                    "member_id": member.id,
                    "signer_role": "client",
                    "signer_partner_id": member.partner_id.id,
                    "signature_date": on_date,
                }
                if kind == "confidentiality":
                    values.update(countersign_user_id=worker.id, countersign_date=on_date)
                Consent.create(values)
