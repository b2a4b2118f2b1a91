# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.addons.rrs_case.tests.common import RrsCaseCommon

PARTS = {
    "needs": "<p>Families need income and school places.</p>",
    "inputs": "<p>Case workers and a job developer.</p>",
    "activities": "<p>Job placement, school enrolment.</p>",
    "outputs": "<p>Interviews arranged, children enrolled.</p>",
    "impact": "<p>Self-sufficient families.</p>",
}


class RrsReportingCommon(RrsCaseCommon):
    """A program of its own with two families who arrived 300 days ago, and the facts the
    hand-computed figures below come from.

    Working-age adults (5): Amal 40, Omar 35, Rami 20 (worker's case), Hassan 50, Huda 45
    (far worker's case). Jobs: Amal on day 30, Omar on day 90, Rami on day 120, Hassan on day
    60; Huda none. Employed within 90 days: 3 of 5 (60%); within 180: 4 of 5 (80%).
    School-age children (2): Dina 10 enrolled on day 30, Sami 8 on day 31: 1 of 2 (50%) within
    30 days. Tala (3) is not of school age.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.test_program = cls.program.copy({"name": "Outcome program", "code": "OUTT"})
        cls.arrival = cls.today - timedelta(days=300)
        cls.amal = cls._person("Amal", age=40)
        cls.omar = cls._person("Omar", age=35)
        cls.rami = cls._person("Rami", age=20)
        cls.dina = cls._person("Dina", age=10)
        cls.tala = cls._person("Tala", age=3)
        cls.case = cls._accepted_case(
            head=cls.amal,
            program=cls.test_program,
            members=[
                (cls.omar, "spouse"),
                (cls.rami, "child"),
                (cls.dina, "child"),
                (cls.tala, "child"),
            ],
            arrival_date=cls.arrival,
        )
        cls.hassan = cls._person("Hassan", age=50)
        cls.huda = cls._person("Huda", age=45)
        cls.sami = cls._person("Sami", age=8)
        cls.case_far = cls._accepted_case(
            user=cls.worker_far,
            head=cls.hassan,
            program=cls.test_program,
            members=[(cls.huda, "spouse"), (cls.sami, "child")],
            arrival_date=cls.arrival,
        )
        cls.employer = cls.env["res.partner"].create({"name": "Warehouse Co", "is_company": True})
        cls.school = cls.env["res.partner"].create({"name": "North School", "is_company": True})
        for person, day in ((cls.amal, 30), (cls.omar, 90), (cls.rami, 120), (cls.hassan, 60)):
            cls._job(person, day)
        cls._enrol(cls.dina, 30)
        cls._enrol(cls.sami, 31)

    @classmethod
    def _member(cls, person):
        return cls.env["rrs.case.member"].search([("partner_id", "=", person.id)])

    @classmethod
    def _job(cls, person, day, user=None, **vals):
        member = cls._member(person)
        values = {
            "case_id": member.case_id.id,
            "member_id": member.id,
            "employer_id": cls.employer.id,
            "job_title": "Associate",
            "start_date": member.case_id.arrival_date + timedelta(days=day),
            "hours_per_week": 40,
            "hourly_wage": 17.5,
        }
        values.update(vals)
        return cls.env["rrs.employment"].with_user(user or cls.env.user).create(values)

    @classmethod
    def _enrol(cls, person, day, user=None, **vals):
        member = cls._member(person)
        values = {
            "case_id": member.case_id.id,
            "member_id": member.id,
            "school_id": cls.school.id,
            "grade": "Grade 3",
            "enrolment_date": member.case_id.arrival_date + timedelta(days=day),
        }
        values.update(vals)
        return cls.env["rrs.school.enrolment"].with_user(user or cls.env.user).create(values)

    @classmethod
    def _logic_model(cls, outcomes=("employed_90", "employed_180", "children_in_school"), **vals):
        values = {
            "name": "Outcome program logic model",
            "program_id": cls.test_program.id,
            **PARTS,
            "outcome_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Outcome {indicator}",
                        "indicator": indicator,
                        "target": 60.0,
                        "date_from": cls.arrival,
                        "date_to": cls.today,
                    },
                )
                for indicator in outcomes
            ],
        }
        values.update(vals)
        return cls.env["rrs.logic.model"].with_user(cls.manager).create(values)
