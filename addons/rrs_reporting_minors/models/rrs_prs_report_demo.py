# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's post-release services months: the ORR monthly summary of the last two months
filled as an agency's would be (rules PRS-1 to PRS-7), played through the real workflow by
the demo users."""

from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# One line per child released to a sponsor, assigned to a demo case worker. ``months`` and
# ``day``: services started on that day, that many months before the current month's first.
# ``last`` is what happened to the monthly report due last month; ``before`` to the one of the
# month before.
CASES = (
    {
        "key": "xol",
        "child": ("Yeferson Xol Caal", "male", 15, "gt"),
        "sponsor": ("Marvin Xol", "male", 29, "sibling", "Sponsor (Brother)"),
        "worker": "worker1",
        "level": 2,
        "tvpra": True,
        "home_study": False,
        "languages": ("quc", "spa"),
        "months": 5,
        "day": 4,
        "school": "Springfield Southeast High School (10th grade, newcomer program)",
        "address": ("1418 South 11th Street", "62703"),
    },
    {
        "key": "mejia",
        "child": ("Dayana Mejía Hernández", "female", 14, "hn"),
        "sponsor": ("Karla Hernández", "female", 36, "parent", "Sponsor (Mother)"),
        "worker": "worker2",
        "level": 1,
        "tvpra": True,
        "home_study": False,
        "languages": ("spa",),
        "months": 4,
        "day": 8,
        "school": "Franklin Middle School (8th grade)",
        "address": ("925 North Grand Avenue East", "62702"),
        "concern": (
            "running_away",
            19,
            "Karla called at 7 a.m.: Dayana did not come home after school and spent two "
            "nights at a friend's apartment across town after an argument about her phone. "
            "She came back on her own, unharmed. Police were told when she went missing and "
            "informed of her return.",
            "Springfield Police Department (missing-person report, closed on her return)",
        ),
    },
    {
        "key": "flores",
        "child": ("Bryan Alexander Flores Rivas", "male", 16, "sv"),
        "sponsor": ("Óscar Rivas", "male", 41, "aunt_uncle", "Sponsor (Uncle)"),
        "worker": "worker1",
        "level": 1,
        "tvpra": True,
        "home_study": False,
        "languages": ("spa",),
        "months": 3,
        "day": 6,
        "school": "Lanphier High School (10th grade)",
        "address": ("2207 East Cass Street", "62702"),
        "last": "late",
        "moved": (
            3,
            "1730 North 9th Street",
            "62702",
            "Moved in with his older brother near his job; the uncle stays the sponsor",
        ),
    },
    {
        "key": "sultani",
        "child": ("Mohammad Yasin Sultani", "male", 16, "af"),
        "sponsor": ("Abdul Wahid Sultani", "male", 34, "cousin", "Sponsor (Cousin)"),
        "worker": "worker2",
        "level": 2,
        "tvpra": True,
        "home_study": True,
        "languages": ("prs", "pus"),
        "months": 6,
        "day": 10,
        "school": "Springfield High School (11th grade, English learner support)",
        "address": ("3120 Stanton Avenue", "62703"),
        "concern": (
            "trafficking",
            23,
            "Mohammad said a man from the car wash where his cousin's friend works offered "
            "him cash work at night, keeps his phone number and told him not to tell his "
            "cousin or his school. He has not gone. Safety plan made with Mohammad and Abdul "
            "Wahid; the school counsellor is aware.",
            "National Human Trafficking Hotline (tip reported); Illinois DCFS hotline",
        ),
    },
    {
        "key": "cruz",
        "child": ("Keila Yamileth Cruz", "female", 13, "hn"),
        "sponsor": ("Marta Lidia Cruz", "female", 61, "grandparent", "Sponsor (Grandmother)"),
        "worker": "worker1",
        "level": 1,
        "tvpra": True,
        "home_study": False,
        "languages": ("spa",),
        "months": 3,
        "day": 12,
        "school": "Washington Middle School (7th grade)",
        "address": ("608 West Allen Street", "62702"),
        "last": "reviewed",
    },
    {
        "key": "chuc",
        "child": ("Edwin Rolando Chuc Tzul", "male", 17, "gt"),
        "sponsor": ("Rolando Chuc", "male", 44, "parent", "Sponsor (Father)"),
        "worker": "worker2",
        "level": 1,
        "tvpra": True,
        "home_study": False,
        "languages": ("quc", "spa"),
        "months": 4,
        "day": 14,
        "school": "Lincoln Land Community College (adult high school equivalency)",
        "address": ("1144 North 5th Street", "62702"),
        "last": "missing",
        "before": "late",
    },
    {
        "key": "ramos",
        "child": ("Nayeli Guadalupe Ramos Portillo", "female", 12, "sv"),
        "sponsor": ("Delmy Portillo", "female", 33, "parent", "Sponsor (Mother)"),
        "worker": "worker1",
        "level": 2,
        "tvpra": False,
        "home_study": True,
        "languages": ("spa",),
        "school": "Harvard Park Elementary School (6th grade)",
        "address": ("2416 South Walnut Street", "62704"),
        # non-TVPRA: the 90 days end on this day of last month, the case closes after
        "closes": 8,
    },
    {
        "key": "hosseini",
        "child": ("Zahra Hosseini", "female", 15, "af"),
        "sponsor": ("Fatemeh Jafari", "female", 38, "aunt_uncle", "Sponsor (Aunt)"),
        "worker": "worker2",
        "level": 1,
        "tvpra": True,
        "home_study": False,
        "languages": ("prs",),
        "months": 2,
        "day": 20,
        "school": "Springfield Southeast High School (9th grade, English learner support)",
        "address": ("2830 East Ash Street", "62703"),
    },
    {
        "key": "martinez",
        "child": ("Emerson Josué Martínez Alvarado", "male", 16, "sv"),
        "sponsor": ("Reina Alvarado", "female", 45, "aunt_uncle", "Sponsor (Aunt)"),
        "worker": "worker2",
        "level": 2,
        "tvpra": True,
        "home_study": False,
        "languages": ("spa",),
        "months": 5,
        "day": 22,
        "school": "Lanphier High School (10th grade)",
        "address": ("1025 North 19th Street", "62702"),
    },
    {
        "key": "ayala",
        "child": ("Josué David Ayala Méndez", "male", 16, "hn"),
        "sponsor": ("Wilfredo Ayala", "male", 47, "parent", "Sponsor (Father)"),
        "worker": "worker1",
        "level": 1,
        "tvpra": False,
        "home_study": False,
        "languages": ("spa",),
        "months": 1,
        "day": 18,
        "school": "Enrolment at Lanphier High School in progress",
        "address": ("1511 East Edwards Street", "62703"),
    },
)

# The contacts of a month of services: (day of the service month, contact type, subject,
# body, service areas); the body names the child and the sponsor.
CONTACTS = (
    (
        2,
        "phone",
        "Check-in call",
        "Called {child} and {sponsor}: school attendance is regular, no change at home. "
        "Reminded them of the next appointment with the attorney.",
        ("placement", "education", "immigration"),
    ),
    (
        9,
        "home_visit",
        "Monthly home visit",
        "Visited {child} and {sponsor} at home. {child} has a bed and space for homework; "
        "the home is safe and food is sufficient. Went through the school report and the "
        "court notice with them; both know the date of the next hearing.",
        ("placement", "education", "immigration"),
    ),
    (
        16,
        "office_visit",
        "Legal and health follow-up at the office",
        "{child} and {sponsor} came to the office: checked the legal aid clinic's "
        "representation agreement and booked the sliding-fee clinic appointment for the "
        "vaccinations the school asks for.",
        ("legal", "medical"),
    ),
    (
        23,
        "meeting",
        "Family meeting",
        "Met {child} and {sponsor} about house rules, phone use and after-school time. "
        "{child} asked for a counsellor who speaks the language; referral made to the "
        "community mental health center's youth program.",
        ("family", "mental_health"),
    ),
)


class RrsPrsReport(models.Model):
    _inherit = "rrs.prs.report"

    @api.model
    def _rrs_demo_months(self):
        """Demo data (demo/rrs_reporting_minors_demo.xml): ten children released to sponsors,
        in service since two to six months, whose contacts, safety calls, notifications of
        concern and monthly and closure reports fill the ORR monthly summary of the last two
        months.

        Every record is created by the demo case worker of the case with their own rights,
        and every step is taken through its action by the user whose role takes it: the
        worker writes and generates a report, the supervisor reviews it, the worker submits
        it. Those actions date a step today; the day it happened in the demo's past is then
        recorded by this code, which runs as the superuser loading the data file
        (``history``)."""
        ref = self.env.ref
        users = {
            "worker1": ref("rrs_case.user_worker1_demo"),
            "worker2": ref("rrs_case.user_worker2_demo"),
        }
        supervisor = ref("rrs_case.user_supervisor_demo")
        today = fields.Date.context_today(self.with_user(users["worker1"]))
        first = today.replace(day=1)
        last_month = first - relativedelta(months=1)
        before_month = first - relativedelta(months=2)
        tz = pytz.timezone(users["worker1"].tz or "UTC")
        program = ref("rrs_case.program_post_release_services")
        illinois = ref("base.state_us_14")

        def history(records, values):
            # the step was taken above through its action, today; the day it happened in the
            # demo's past is recorded by the trusted code loading the data file
            records.with_env(self.env).write(values)

        def moment(day, hour, minute=0):
            local = tz.localize(datetime.combine(day, time(hour, minute)))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        def area_ids(keys):
            return [ref(f"rrs_minors.prs_service_area_{key}").id for key in keys]

        def register(record, name):
            self.env["ir.model.data"]._update_xmlids(
                [{"xml_id": f"rrs_reporting_minors.{name}", "record": record, "noupdate": True}]
            )

        def open_case(spec, start):
            """Intake, acceptance and the start of services, as the worker records them."""
            worker = users[spec["worker"]]
            name, gender, age, country = spec["child"]
            sponsor_name, sponsor_gender, sponsor_age, relationship, comment = spec["sponsor"]
            country = ref(f"base.{country}")
            release = start - relativedelta(days=5)
            Partner = self.env["res.partner"].with_user(worker)
            child = Partner.create(
                {
                    "name": name,
                    "gender": gender,
                    "birthdate_date": today - relativedelta(years=age, days=40 + 7 * len(name)),
                    "nationality_id": country.id,
                    "lang": "en_US",
                }
            )
            street, zip_code = spec["address"]
            sponsor = Partner.create(
                {
                    "name": sponsor_name,
                    "gender": sponsor_gender,
                    "birthdate_date": today - relativedelta(years=sponsor_age, days=100),
                    "nationality_id": country.id,
                    "comment": comment,
                    "street": street,
                    "city": "Springfield",
                    "state_id": illinois.id,
                    "zip": zip_code,
                    "country_id": ref("base.us").id,
                }
            )
            languages = [ref(f"rrs_case.language_{code}") for code in spec["languages"]]
            first_name = name.split()[0]
            interpreter = spec["languages"][0] != "spa"
            case = (
                self.env["rrs.case"]
                .with_user(worker)
                .create(
                    {
                        "program_id": program.id,
                        "user_id": worker.id,
                        "immigration_category_id": ref("rrs_case.immigration_category_uac").id,
                        "country_of_origin_id": country.id,
                        "primary_language_id": languages[0].id,
                        "language_ids": [fields.Command.set([lang.id for lang in languages])],
                        "interpreter_needed": interpreter,
                        "interpreter_language_id": interpreter and languages[0].id,
                        "arrival_date": release,
                        "intake_date": release + relativedelta(days=2),
                        "priority": "0",
                        "closing_plan": f"Planned with {first_name} and {sponsor_name}: a safe "
                        "and stable placement, school attendance and legal representation "
                        "confirmed before services end.",
                    }
                )
            )
            member = (
                self.env["rrs.case.member"]
                .with_user(worker)
                .create({"case_id": case.id, "partner_id": child.id, "relationship": "head"})
            )
            signed = release + relativedelta(days=2)
            consents = (
                self.env["rrs.consent"]
                .with_user(worker)
                .create(
                    [
                        {
                            "case_id": case.id,
                            "consent_type": kind,
                            "member_id": member.id,
                            "signature_date": signed,
                            "signer_role": "guardian",
                            "signer_partner_id": sponsor.id,
                        }
                        for kind in ("confidentiality", "charter")
                    ]
                )
            )
            consents.with_user(worker).action_countersign()
            history(consents.filtered("countersign_date"), {"countersign_date": signed})
            case.with_user(worker).write(
                {
                    "applicant_informed_date": signed,
                    "service_match": "full",
                    "service_match_note": f"Explained post-release services to {first_name} "
                    f"and {sponsor_name}: home visits, school, legal and health referrals.",
                    "prs_sponsor_partner_id": sponsor.id,
                    "prs_sponsor_relationship": relationship,
                    "prs_release_date": release,
                    "prs_referral_accepted_date": release + relativedelta(days=1),
                    "prs_tvpra": spec["tvpra"],
                    "prs_home_study": spec["home_study"],
                    "prs_level_id": ref(f"rrs_minors.prs_level_{spec['level']}").id,
                }
            )
            case.with_user(worker).action_accept()
            case.with_user(worker).write(
                {
                    "service_start_date": start,
                    "expected_service_date": start,
                    "prs_school_name": spec["school"],
                    "prs_school_enrolled_date": start + relativedelta(days=10),
                }
            )
            case.with_user(worker).action_start_service()
            history(case.prs_level_history_ids, {"date_from": start})
            self.env["rrs.prs.residence"].with_user(worker).create(
                {
                    "case_id": case.id,
                    "date_from": release,
                    "street": street,
                    "city": "Springfield",
                    "state_id": illinois.id,
                    "zip": zip_code,
                    "with_sponsor": True,
                }
            )
            register(case, f"case_{spec['key']}_demo")
            return case

        def note(case, worker, day, contact_type, subject, body, areas):
            child = case.prs_child_member_id.partner_id.name.split()[0]
            sponsor = case.prs_sponsor_partner_id.name.split()[0]
            record = (
                self.env["rrs.case.note"]
                .with_user(worker)
                .create(
                    {
                        "case_id": case.id,
                        "member_id": case.prs_child_member_id.id,
                        "contact_type": contact_type,
                        "subject": subject,
                        "body": f"<p>{body.format(child=child, sponsor=sponsor)}</p>",
                        "contact_date": day,
                        "confidential": False,
                        "prs_service_area_ids": [fields.Command.set(area_ids(areas))],
                    }
                )
            )
            history(record, {"written_date": day})
            return record

        def contacts(case, spec, start, until):
            """A month of services: a check-in call, the home visit (monthly at level 2,
            every other month at level 1), an office visit and a family meeting on
            alternate months."""
            worker = users[spec["worker"]]
            month = 0
            while start + relativedelta(months=month) < until:
                base = start + relativedelta(months=month)
                for offset, contact_type, subject, body, areas in CONTACTS:
                    day = base + relativedelta(days=offset)
                    if day >= until:
                        continue
                    if contact_type == "home_visit" and spec["level"] == 1 and month % 2:
                        continue
                    if contact_type == "office_visit" and month % 2:
                        continue
                    if contact_type == "meeting" and not month % 2:
                        continue
                    note(case, worker, day, contact_type, subject, body, areas)
                month += 1

        def safety_call(case, spec):
            worker = users[spec["worker"]]
            call_day = case.prs_release_date + relativedelta(days=27)
            if call_day >= today:
                return
            self.env["rrs.prs.safety.call"].with_user(worker).create(
                {
                    "case_id": case.id,
                    "call_date": call_day,
                    "spoke_with": "both",
                    "living_with_sponsor": "yes",
                    "in_school": "yes",
                    "knows_court_dates": "yes",
                    "is_safe": "yes",
                    "outcome": "no_concern",
                    "notes": "30-day call: the child and the sponsor answered every question; "
                    "no concern.",
                }
            )

        def concern(case, spec):
            worker = users[spec["worker"]]
            category, day, description, agencies = spec["concern"]
            filed = moment(last_month.replace(day=day), 9, 40)
            record = (
                self.env["rrs.prs.concern"]
                .with_user(worker)
                .create(
                    {
                        "case_id": case.id,
                        "category": category,
                        "description": description,
                        "agency_note": agencies,
                    }
                )
            )
            record.with_user(worker).action_notify_orr()
            history(
                record,
                {"reported_date": filed, "orr_notified_date": filed + relativedelta(hours=2)},
            )
            note(
                case,
                worker,
                last_month.replace(day=day),
                "home_visit",
                "Home visit after the notification of concern",
                "Visited {child} and {sponsor} the day the notification was filed: safety plan "
                "reviewed and signed by both; the next steps agreed with the supervisor.",
                ("placement", "family", "mental_health"),
            )
            register(record, f"concern_{spec['key']}_demo")

        def write_report(case, worker, period_start, period_end, narrative, **extra):
            report = self.with_user(worker).create(
                {
                    "case_id": case.id,
                    "report_type": "monthly",
                    "period_start": period_start,
                    "period_end": period_end,
                    "narrative": narrative,
                    **extra,
                }
            )
            report.with_user(worker).action_generate()
            return report

        def review(report, day):
            report.with_user(supervisor).action_review()
            history(report, {"reviewed_date": day})

        def submit(report, worker, day):
            report.with_user(worker).action_submit()
            history(report, {"submitted_date": day})

        def narrative(case, period_end):
            child = case.prs_child_member_id.partner_id.name.split()[0]
            sponsor = case.prs_sponsor_partner_id.name
            home = case.prs_residence_ids.filtered(lambda r: r.date_from <= period_end)
            home = home.sorted("date_from")[-1:]
            if home and not home.with_sponsor:
                placement = f"{home.reason}; {child} and {sponsor} agreed to it."
            else:
                placement = f"{child} lives safely with {sponsor}."
            lines = [
                f"{placement} {child} attends {case.prs_school_name}.",
                f"{child} and {sponsor} were reached at every planned contact; the legal aid "
                f"clinic represents {child} and both know the next hearing date.",
            ]
            concerns = case.prs_concern_ids.filtered(
                lambda c: (
                    c.reported_date.date() <= period_end
                    and c.reported_date.date() > period_end - relativedelta(months=1)
                )
            )
            if concerns:
                lines.append(
                    "A notification of concern was filed this month and ORR notified; the "
                    "safety plan is followed at every contact."
                )
            lines.append("Next month: school progress meeting and the clinic follow-up.")
            return " ".join(lines)

        def monthly_reports(case, spec, until, fate):
            """The case's monthly reports, one a month of services from the day they started,
            whose period ended before ``until``: each written and generated by the worker the
            day after its period, reviewed by the supervisor and submitted by the worker
            (``fate`` says otherwise for a month)."""
            worker = users[spec["worker"]]
            start = case.service_start_date
            month = 0
            while True:
                period_start = start + relativedelta(months=month)
                period_end = start + relativedelta(months=month + 1, days=-1)
                month += 1
                written = period_end + relativedelta(days=1)
                if period_end >= until or written > today:
                    return
                what = fate(period_end)
                if what == "missing":
                    return
                if what == "late":
                    written = min(written + relativedelta(days=10), today)
                report = write_report(
                    case, worker, period_start, period_end, narrative(case, period_end)
                )
                review(report, written)
                if what == "reviewed":
                    return
                submit(report, worker, written)

        def fate_of(spec):
            def fate(period_end):
                if last_month <= period_end < first:
                    return spec.get("last", "on_time")
                if before_month <= period_end < last_month:
                    return spec.get("before", "on_time")
                return "on_time"

            return fate

        for spec in CASES:
            if "closes" in spec:
                continue
            start = (first - relativedelta(months=spec["months"])).replace(day=spec["day"])
            case = open_case(spec, start)
            contacts(case, spec, start, today)
            safety_call(case, spec)
            if "concern" in spec:
                concern(case, spec)
            if "moved" in spec:
                day, street, zip_code, reason = spec["moved"]
                self.env["rrs.prs.residence"].with_user(users[spec["worker"]]).create(
                    {
                        "case_id": case.id,
                        "date_from": last_month.replace(day=day),
                        "street": street,
                        "city": "Springfield",
                        "state_id": illinois.id,
                        "zip": zip_code,
                        "with_sponsor": False,
                        "reason": reason,
                    }
                )
            monthly_reports(case, spec, today, fate_of(spec))

        # the closed case: its 90 days ended last month; the closure report was submitted and
        # the case closed two days later
        spec = next(spec for spec in CASES if "closes" in spec)
        end = last_month.replace(day=spec["closes"])
        release = end - relativedelta(days=program.service_duration)
        case = open_case(spec, release + relativedelta(days=5))
        contacts(case, spec, case.service_start_date, end + relativedelta(days=1))
        safety_call(case, spec)
        worker = users[spec["worker"]]
        monthly_reports(case, spec, end, fate_of(spec))
        closure = write_report(
            case,
            worker,
            case.service_start_date,
            case.prs_end_date,
            narrative(case, end),
            report_type="closure",
            closure_reason="The 90 days of post-release services are completed (not a TVPRA "
            "case). Nayeli lives safely with her mother, attends 6th grade with a good "
            "attendance record, sees the clinic for her check-ups and is represented by the "
            "legal aid clinic. Her mother knows the ORR help line and the agency's number.",
        )
        review(closure, end + relativedelta(days=1))
        submit(closure, worker, end + relativedelta(days=1))
        case.with_user(worker).write(
            {
                "closing_reason": "end_of_period",
                "closing_summary": "The 90 days of post-release services are completed. "
                "Nayeli lives safely with her mother, attends school and has an attorney for "
                "her immigration case. No further services needed.",
                "closing_evaluation": "Every PRS service area reviewed with Nayeli and her "
                "mother: safe placement, school, legal representation, health coverage.",
                "unmet_needs": "None: the family knows where to ask for help.",
            }
        )
        case.with_user(worker).action_start_closing()
        case.with_user(worker).action_close()
        history(case, {"closing_date": end + relativedelta(days=2)})

        # Wilmer, of rrs_minors' demo, in service for more than a month: his contacts and
        # reports as well
        spec = {"worker": "worker2", "level": 2}
        chavez = ref("rrs_case.case_chavez_demo").with_user(users["worker2"])
        contacts(chavez, spec, chavez.service_start_date, today)
        monthly_reports(chavez, spec, today, lambda period_end: "on_time")
        return True
