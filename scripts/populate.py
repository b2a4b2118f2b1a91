# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fill a database with a large, realistic case load for benchmarks.

Creates supervisors and case workers (users and employees, teams of ten, with their staff
requirements), then N households through the ORM (so every constraint and computed field
runs as in production) in parallel jobs, named as an agency's clients are
(``populate_names``): about 10% open, 1-5 members, 3 case notes each and,
once services started, a signed service plan with two goals; then post-release services
cases of unaccompanied children (rrs_minors) with their clocks; then the jobs and school
enrolments the outcome indicators count (rrs_reporting); then the case work: referrals with
their releases of information, case reviews on schedule, reception tasks done, assessments
completed, orientation sessions, home visits (a few not checked out, escalated), incident
reports, the post-release services' safety calls, amendments to notifications of concern,
court hearings and moves, the separated minors with their caregivers' assessments and
services, self-sufficiency and the satisfaction questionnaires of the cases closed; then the
last 90 days' case-management activities of the cases in service (the hours the reports
count); then the Reception & Placement program's per-capita terms for each fiscal year and
its limits, and financial assistance requests over the open cases, with their bills and
payments (rrs_assistance); then volunteers with their screening, matches and hours
(rrs_volunteer); then the records about the case files: the last 30 days' access log, the
emergency accesses, the morning access reviews, the breaches, and the disposal of the cases
past their retention. Committed in batches; safe to run again (it adds).
"""

import argparse
import gc
import os
import random
import time
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from populate_names import CHILDREN_COUNTRIES, draw_country, household_names, person_name
from rrs_odoo import environment, parser, vacuum_analyze

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError


def give_requirements(env, employees, rnd):
    """Staff requirements (rrs_staff, rule STF-3): each worker's checks and trainings as Odoo
    certifications; about 10% expired and 5% missing. Returns how many were recorded."""
    if "rrs.program.requirement" not in env:
        return 0
    skills = env["rrs.program.requirement"].search([]).skill_id
    done = env.ref("rrs_staff.skill_level_requirement_done")
    today = fields.Date.today()
    vals_list = []
    for employee in employees:
        for skill in skills:
            draw = rnd.random()
            if draw < 0.05:
                continue  # missing
            if draw < 0.15:
                valid_to = today - timedelta(days=rnd.randint(1, 300))  # expired
            else:
                valid_to = today + timedelta(days=rnd.randint(1, 700))
            vals_list.append(
                {
                    "employee_id": employee.id,
                    "skill_type_id": skill.skill_type_id.id,
                    "skill_id": skill.id,
                    "skill_level_id": done.id,
                    "valid_from": valid_to - timedelta(days=365),
                    "valid_to": valid_to,
                }
            )
    env["hr.employee.skill"].create(vals_list)
    return len(vals_list)


ASSISTANCE_STATES = (
    ("draft", 10),
    ("submitted", 15),
    ("approved", 10),
    ("validated", 25),
    ("paid", 30),
    ("rejected", 5),
    ("cancelled", 5),
)


def populate_outcome_facts(env, rnd, batch=5000):
    """The facts the outcome indicators count (rrs_reporting, rule OUT-1), for the cases that
    have none yet: about 35% of working-age adults in a job within 90 days of arrival and 60%
    within 180 (a few of them later, a few never), and 80% of school-age children enrolled
    within 30 days, 10% waiting for a place. Through the ORM in batches: the constraints check
    each person's age and household."""
    if "rrs.employment" not in env:
        print("rrs_reporting is not installed: no employment or school records")
        return 0
    today = fields.Date.today()
    employers = env["res.partner"].search([("name", "=like", "Bench employer %")]) or env[
        "res.partner"
    ].create([{"name": f"Bench employer {i}", "is_company": True} for i in range(40)])
    schools = env["res.partner"].search([("name", "=like", "Bench school %")]) or env[
        "res.partner"
    ].create([{"name": f"Bench school {i}", "is_company": True} for i in range(20)])
    env.cr.execute(
        """SELECT m.id, m.case_id, c.arrival_date, m.arrival_age
             FROM rrs_case_member m JOIN rrs_case c ON c.id = m.case_id
            WHERE c.arrival_date IS NOT NULL AND m.arrival_age IS NOT NULL
              AND c.state NOT IN ('intake', 'waiting')
              AND NOT EXISTS (SELECT 1 FROM rrs_employment e WHERE e.member_id = m.id)
              AND NOT EXISTS (SELECT 1 FROM rrs_school_enrolment s WHERE s.member_id = m.id)
         ORDER BY m.id"""
    )
    rows = env.cr.fetchall()
    jobs, enrolments = [], []
    for member_id, case_id, arrival, age in rows:
        draw = rnd.random()
        if 18 <= age <= 64:
            if draw < 0.35:
                start = arrival + timedelta(days=rnd.randint(20, 90))
            elif draw < 0.60:
                start = arrival + timedelta(days=rnd.randint(91, 180))
            elif draw < 0.75:
                start = arrival + timedelta(days=rnd.randint(181, 400))
            else:
                continue
            if start > today:
                continue
            jobs.append(
                {
                    "case_id": case_id,
                    "member_id": member_id,
                    "employer_id": employers[rnd.randrange(len(employers))].id,
                    "job_title": rnd.choice(("Warehouse associate", "Cook", "Caregiver")),
                    "employment_type": rnd.choice(("full_time", "full_time", "part_time")),
                    "found_through": rnd.choice(("job_developer", "referral", "self")),
                    "start_date": start,
                    "hours_per_week": rnd.choice((20.0, 32.0, 40.0)),
                    "hourly_wage": round(rnd.uniform(14, 22), 2),
                }
            )
        elif 6 <= age <= 16 and draw < 0.9:  # of school age on any day of the window
            day = arrival + timedelta(
                days=rnd.randint(3, 30) if draw < 0.8 else rnd.randint(31, 60)
            )
            if day > today:
                continue
            vals = {"case_id": case_id, "member_id": member_id, "enrolment_date": day}
            if draw < 0.8:
                vals.update(
                    status="enrolled",
                    school_id=schools[rnd.randrange(len(schools))].id,
                    grade=f"Grade {max(age - 5, 1)}",
                )
            else:
                vals.update(status="waiting", reason="No place yet at the neighbourhood school.")
            enrolments.append(vals)
    _create_in_batches(env, "rrs.employment", jobs, batch, "jobs")
    _create_in_batches(env, "rrs.school.enrolment", enrolments, batch, "school enrolments")
    return len(jobs) + len(enrolments)


def populate_activities(env, rnd, days=90, batch=5000):
    """The case management of the last ``days`` days (rule RES-4) for the cases in service
    that have none logged yet: 2 to 8 activities each by the case's primary worker, on a topic
    with the time it took, a third of them for the head of household alone, so the CSS
    caseload and program KPI reports count hours. Through the ORM in batches: the constraints
    check each date, time and person."""
    # the kinds of work the demo logs: topic, minutes, how, what was done
    from odoo.addons.rrs_reporting.models.rrs_reporting_demo import MONTH_WORK

    today = fields.Date.today()
    topics = {topic: env.ref(f"rrs_case.activity_topic_{topic}").id for topic, *_ in MONTH_WORK}
    env.cr.execute(
        """SELECT c.id, c.user_id, c.intake_date,
                  (SELECT m.id FROM rrs_case_member m WHERE m.case_id = c.id AND m.is_head
                    ORDER BY m.id LIMIT 1)
             FROM rrs_case c
            WHERE c.state IN ('assessment', 'active')
              AND NOT EXISTS (SELECT 1 FROM rrs_case_activity a WHERE a.case_id = c.id)
         ORDER BY c.id"""
    )
    vals_list = []
    for case_id, user_id, intake, head_id in env.cr.fetchall():
        first = max(intake or today, today - timedelta(days=days))
        span = (today - first).days
        for _ in range(rnd.randint(2, 8)):
            topic, minutes, mode, description = rnd.choice(MONTH_WORK)
            vals = {
                "case_id": case_id,
                "user_id": user_id,
                "activity_date": first + timedelta(days=rnd.randint(0, span)),
                "topic_id": topics[topic],
                "minutes": minutes + 5 * rnd.randint(-3, 6),
                "mode": mode,
                "description": description,
            }
            if head_id and rnd.random() < 0.33:
                vals["member_ids"] = [Command.set([head_id])]
            vals_list.append(vals)
    _create_in_batches(env, "rrs.case.activity", vals_list, batch, "activities")
    return len(vals_list)


PROVIDER_NAMES = ("Riverside", "Northgate", "Lakeview", "Eastside", "Harbour", "Parkdale")
REVIEW_TEXT = {
    "coordination": "Worker, interpreter and the family's providers met; roles unchanged.",
    "progress": "Goals on track: English classes attended, job search under way.",
    "decisions": "Continue the plan; next review at the usual interval.",
}


def _case_work_rows(env, where):
    """The cases in service for one part of the case work, with what each part needs: worker,
    supervisor, program intervals, dates and the head of household."""
    env.cr.execute(
        f"""SELECT c.id AS case_id, c.state, c.user_id, sup.user_id AS supervisor_id,
                   c.service_start_date AS start, c.closing_date AS closing,
                   p.review_interval_months AS months, p.referral_follow_up_days AS follow_days,
                   head.id AS head_id, head.partner_id AS head_partner_id,
                   c.current_plan_id AS plan_id, head.birthdate_date AS head_birthdate
              FROM rrs_case c
              JOIN rrs_program p ON p.id = c.program_id
              LEFT JOIN hr_employee e ON e.user_id = c.user_id AND e.company_id = c.company_id
              LEFT JOIN hr_employee sup ON sup.id = e.parent_id
              LEFT JOIN LATERAL (
                   SELECT m.id, m.partner_id, hp.birthdate_date
                     FROM rrs_case_member m JOIN res_partner hp ON hp.id = m.partner_id
                    WHERE m.case_id = c.id AND m.is_head ORDER BY m.id LIMIT 1) head ON TRUE
             WHERE c.service_start_date IS NOT NULL AND c.service_start_date <= CURRENT_DATE
               AND c.state IN ('active', 'closing', 'closed') AND {where}
          ORDER BY c.id"""  # noqa: S608 -- ``where`` is one of the constants below
    )
    return env.cr.dictfetchall()


def _prs_case_rows(env, table):
    """The post-release services cases released to a sponsor that have no record in
    ``table`` yet (one of the PRS models' tables), with their worker, release and closing
    dates and the program's day of the safety call."""
    env.cr.execute(
        f"""SELECT c.id AS case_id, c.user_id, c.prs_release_date AS release,
                   c.closing_date AS closing, p.prs_safety_call_days AS days
              FROM rrs_case c JOIN rrs_program p ON p.id = c.program_id
             WHERE c.is_prs AND c.prs_release_date IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.case_id = c.id)
          ORDER BY c.id"""  # noqa: S608 -- ``table`` is one of the callers' constants
    )
    return env.cr.dictfetchall()


def _workers_clock(env, rows):
    """``at(user_id, day, hours)``: that time of the day in the time zone of the worker
    ``user_id`` (one of ``rows``' workers), as the naive UTC datetime Odoo stores."""
    import pytz

    zones = {
        user.id: pytz.timezone(user.tz or "UTC")
        for user in env["res.users"].browse({row["user_id"] for row in rows})
    }

    def at(user_id, day, hours):
        local = datetime.combine(day, datetime.min.time()) + timedelta(hours=hours)
        return zones[user_id].localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    return at


def _create_in_batches(env, model, vals_list, batch, what):
    """``vals_list`` created ``batch`` at a time, each batch committed, with the rate."""
    started = time.time()
    Model = env[model].with_context(tracking_disable=True, mail_create_nolog=True)
    ids = []
    for start in range(0, len(vals_list), batch):
        ids += Model.create(vals_list[start : start + batch]).ids
        env.cr.commit()
        done = min(start + batch, len(vals_list))
        print(f"{done} {what} ({done / (time.time() - started):.0f}/s)", flush=True)
    return Model.browse(ids)


def _providers(env):
    """Each kind of service has a few providers in the directory (created once)."""
    categories = env["rrs.service.category"].search([])
    Partner = env["res.partner"]
    existing = Partner.search([("rrs_is_provider", "=", True), ("name", "=like", "% (bench)")])
    if not existing:
        existing = Partner.create(
            [
                {
                    "name": f"{place} {category.name} (bench)",
                    "is_company": True,
                    "rrs_is_provider": True,
                    "rrs_service_category_ids": [Command.set(category.ids)],
                }
                for category in categories
                for place in PROVIDER_NAMES
            ]
        )
    return {
        category.id: existing.filtered(lambda p, c=category: c in p.rrs_service_category_ids).ids
        for category in categories
    }


def populate_referrals(env, batch=2000):
    """0 to 3 referrals for each case in service that has none (rule PLAN-6), tracked to
    their outcome: a closed case's were completed (or declined, or cancelled); an open case's
    are at every step, a tenth of them waiting for the provider past their follow-up date. A
    third share the client's information under a release of information signed by the head of
    household and naming the provider (rule CON-2)."""
    providers = _providers(env)
    categories = list(providers)
    today = fields.Date.today()
    rows = _case_work_rows(env, "NOT EXISTS (SELECT 1 FROM rrs_referral r WHERE r.case_id = c.id)")
    releases, referrals = [], []
    for row in rows:
        case_id, start, head_birthdate = row["case_id"], row["start"], row["head_birthdate"]
        end = min(row["closing"] or today, today)
        follow_days = max(1, row["follow_days"] or 0)
        # drawn by the case: a case that drew no referral draws none when this runs again
        draw = random.Random(f"referrals-{case_id}")
        for _ in range(draw.choice((0, 1, 1, 2, 2, 3))):
            category = draw.choice(categories)
            provider = draw.choice(providers[category])
            sent = start + timedelta(days=draw.randint(3, 120))
            if sent > end:
                sent = start + timedelta(days=draw.randint(0, max(0, (end - start).days)))
            vals = {
                "case_id": case_id,
                "user_id": row["user_id"],
                "provider_id": provider,
                "service_category_id": category,
                "reason": "Referral agreed with the family in the service plan.",
                "shares_client_info": False,
                "sent_date": sent,
            }
            age = (today - sent).days
            if row["state"] == "closed" or age > 120:
                step = draw.choices(("completed", "declined", "cancelled"), (8, 1, 1))[0]
            elif age <= follow_days:
                step = draw.choice(("sent", "sent", "accepted"))
            else:
                step = draw.choices(("sent", "accepted", "in_service", "completed"), (1, 2, 4, 3))[
                    0
                ]
            vals["state"] = step
            if step != "sent":
                vals["response_date"] = min(
                    sent + timedelta(days=draw.randint(1, follow_days)), end
                )
            if step == "declined":
                vals["decline_reason"] = "No places before the next intake."
            if step == "completed":
                vals["completed_date"] = min(vals["response_date"] + timedelta(days=60), end)
                vals["outcome"] = draw.choices(
                    ("achieved", "partial", "not_met", "no_show", "withdrawn"), (6, 2, 1, 1, 1)
                )[0]
            signed = max(sent - timedelta(days=2), start)
            adult = head_birthdate and head_birthdate + relativedelta(years=18) <= signed
            if adult and draw.random() < 0.33:
                vals["shares_client_info"] = True
                releases.append(
                    {
                        "case_id": case_id,
                        "consent_type": "release",
                        "member_id": row["head_id"],
                        "signer_role": "client",
                        "signer_partner_id": row["head_partner_id"],
                        "signature_date": signed,
                        "party_partner_id": provider,
                        "scope": "Contact details, household size and the need referred, to "
                        "arrange the service.",
                        "expiry_date": sent + timedelta(days=365),
                    }
                )
                vals["consent_id"] = len(releases)  # the release's position, resolved below
            referrals.append(vals)
    consents = _create_in_batches(env, "rrs.consent", releases, batch, "releases of information")
    for vals in referrals:
        if "consent_id" in vals:
            vals["consent_id"] = consents[vals["consent_id"] - 1].id
    _create_in_batches(env, "rrs.referral", referrals, batch, "referrals")
    return len(referrals), len(releases)


def populate_reviews(env, batch=2000):
    """The case reviews of each case in service that has none (rule PLAN-4): one per review
    interval from the start of services, by the worker's supervisor, done in the days before
    it was due; one open case in twelve has missed its last one, so the review cron and the
    dashboards find the late ones an agency has, not every case."""
    today = fields.Date.today()
    rows = _case_work_rows(
        env, "NOT EXISTS (SELECT 1 FROM rrs_case_review r WHERE r.case_id = c.id)"
    )
    vals_list = []
    for row in rows:
        sup, interval = row["supervisor_id"], relativedelta(months=row["months"] or 3)
        end = min(row["closing"] or today, today)
        # drawn by the case: a case late for its only review stays without one on a new run
        draw = random.Random(f"reviews-{row['case_id']}")
        late = row["state"] != "closed" and draw.random() < 1 / 12
        last = row["start"]
        due = last + interval
        while due <= end:
            done = due - timedelta(days=draw.randint(0, 10))
            if late and due + interval > end:
                break
            vals_list.append(
                {
                    "case_id": row["case_id"],
                    "state": "done",
                    "due_date": due,
                    "review_date": max(done, last),
                    "reviewer_type": "supervisor" if sup else "self",
                    "reviewer_id": sup or row["user_id"],
                    "plan_id": row["plan_id"],
                    "appropriateness": "appropriate",
                    **REVIEW_TEXT,
                }
            )
            last = max(done, last)
            due = last + interval
    _create_in_batches(env, "rrs.case.review", vals_list, batch, "case reviews")
    return len(vals_list)


def populate_reception_done(env, batch=5000):
    """The reception tasks (rule RES-1) an agency has done: of the open cases' tasks due more
    than a week ago and still to do, eleven in twelve are marked done by the case's worker,
    on time; the rest stay overdue for the cron and the lists. One write per worker and week
    (a task is done on the first due date of its worker's week, the batches in the order of
    the workers and the dates): a write per task costs ten times more."""
    today = fields.Date.today()
    env.cr.execute(
        """SELECT i.id, i.due_date, c.user_id
             FROM rrs_case_checklist_item i JOIN rrs_case c ON c.id = i.case_id
            WHERE i.state = 'todo' AND i.due_date < %s
         ORDER BY c.user_id, i.due_date, i.id""",
        [today - timedelta(days=7)],
    )
    # the same tasks stay to do however often this runs: drawn by the task, not in turn
    rows = [row for row in env.cr.fetchall() if random.Random(row[0]).random() < 11 / 12]
    Item = env["rrs.case.checklist.item"].with_context(tracking_disable=True)
    started = time.time()
    for start in range(0, len(rows), batch):
        groups = {}
        for item_id, due, user_id in rows[start : start + batch]:
            week = groups.setdefault((user_id, due.isocalendar()[:2]), [due, []])
            week[0] = min(week[0], due)
            week[1].append(item_id)
        for count, ((user_id, _week), (done, ids)) in enumerate(groups.items(), 1):
            Item.browse(ids).write({"state": "done", "done_date": done, "done_by_id": user_id})
            if count % 100 == 0:
                # each write leaves two environments in reference cycles (OCA auditlog's
                # guard context), and every new environment is looked up among them
                gc.collect()
        env.cr.commit()
        done = min(start + batch, len(rows))
        print(f"{done} reception tasks done ({done / (time.time() - started):.0f}/s)", flush=True)
    return len(rows)


def populate_assessments_done(env, batch=500):
    """The assessments (rule ASM-3) an agency has completed: of the planned ones due more than
    a week ago, eleven in twelve are completed on their due date. Each answers every question
    that applies to the household that day (about one need level across the household's
    answers, a step either side), then goes through the completion move, so the scores and
    the need levels are the answers' and the assessor is the case's worker."""
    if "rrs.assessment" not in env:
        return 0
    today = fields.Date.today()
    env.cr.execute(
        """SELECT id FROM rrs_assessment
            WHERE state = 'planned' AND due_date < %s ORDER BY due_date, id""",
        [today - timedelta(days=7)],
    )
    # the same ones stay overdue however often this runs: drawn by the assessment
    ids = [
        row[0]
        for row in env.cr.fetchall()
        if random.Random(f"assessment-{row[0]}").random() < 11 / 12
    ]
    Assessment = env["rrs.assessment"].with_context(tracking_disable=True)
    options = {}
    started = time.time()
    for start in range(0, len(ids), batch):
        assessments = Assessment.browse(ids[start : start + batch])
        answers = []
        for assessment in assessments:
            draw = random.Random(f"answers-{assessment.id}")
            level = draw.randint(0, 4)
            for question in assessment._applicable_factors().question_ids:
                if question.id not in options:
                    options[question.id] = question.option_ids.sorted("score").ids
                choices = options[question.id]
                if not choices:
                    continue
                pick = min(len(choices) - 1, max(0, level + draw.choice((-1, 0, 0, 1))))
                answers.append(
                    {
                        "assessment_id": assessment.id,
                        "question_id": question.id,
                        "option_id": choices[pick],
                    }
                )
        env["rrs.assessment.answer"].create(answers)
        for count, assessment in enumerate(assessments, 1):
            assessment._rrs_move("done", {"completion_date": assessment.due_date})
            if count % 100 == 0:
                gc.collect()  # see populate_reception_done
        env.cr.commit()
        done = min(start + batch, len(ids))
        print(f"{done} assessments completed ({done / (time.time() - started):.0f}/s)", flush=True)
    return len(ids)


def populate_orientation(env, batch=2000):
    """The cultural orientation of each case in service that has none (rule RES-2): one or
    two sessions in the first weeks of services, attended by the household, on three to five
    of the topics."""
    today = fields.Date.today()
    topics = env["rrs.orientation.topic"].search([]).ids
    rows = _case_work_rows(
        env, "NOT EXISTS (SELECT 1 FROM rrs_orientation_session s WHERE s.case_id = c.id)"
    )
    env.cr.execute(
        """SELECT m.case_id, array_agg(m.id ORDER BY m.id) FROM rrs_case_member m
            WHERE m.case_id = ANY(%s) GROUP BY m.case_id""",
        [[row["case_id"] for row in rows]],
    )
    members = dict(env.cr.fetchall())
    vals_list = []
    for row in rows:
        case_id, start = row["case_id"], row["start"]
        if not members.get(case_id):
            continue
        end = min(row["closing"] or today, today)
        # drawn by the case: a case whose session is still to come draws it again next time
        draw = random.Random(f"orientation-{case_id}")
        for week in range(draw.choice((1, 1, 2))):
            day = start + timedelta(days=draw.randint(2, 10) + 14 * week)
            if day > end:
                break
            vals_list.append(
                {
                    "case_id": case_id,
                    "session_date": day,
                    "user_id": row["user_id"],
                    "topic_ids": [
                        Command.set(draw.sample(topics, min(len(topics), draw.randint(3, 5))))
                    ],
                    "member_ids": [Command.set(members[case_id])],
                    "minutes": draw.choice((60, 90, 120)),
                }
            )
    _create_in_batches(env, "rrs.orientation.session", vals_list, batch, "orientation sessions")
    return len(vals_list)


def populate_home_visits(env, rnd, batch=1000):
    """The home visits of the open cases in service that have none (rules VIS-1 to VIS-3):
    one held in the first weeks (risk assessed, authorised, checked in and out in the
    morning) and, for a third of them, the next one planned in the coming two weeks. Each is
    a private event in the worker's calendar."""
    today = fields.Date.today()
    rows = _case_work_rows(
        env,
        "c.state IN ('active', 'closing') "
        "AND NOT EXISTS (SELECT 1 FROM rrs_home_visit v WHERE v.case_id = c.id)",
    )
    at = _workers_clock(env, rows)

    def morning(user_id, day):
        return at(user_id, day, rnd.choice((9, 9.5, 10, 10.5, 11)))

    vals_list = []
    for row in rows:
        case_id, user_id, sup = row["case_id"], row["user_id"], row["supervisor_id"]
        day = min(row["start"] + timedelta(days=rnd.randint(1, 14)), today - timedelta(days=1))
        begin = morning(user_id, day)
        vals_list.append(
            {
                "case_id": case_id,
                "worker_id": user_id,
                "start": begin,
                "purpose": "Home visit: how the family settles in, the lease and the school.",
                "state": "checked_out",
                "risk_level": "low",
                "risk_assessed_by_id": user_id,
                "risk_assessed_date": begin - timedelta(days=1),
                "authorised_by_id": sup or user_id,
                "authorised_date": begin - timedelta(days=1),
                "check_in_date": begin,
                "check_out_date": begin + timedelta(minutes=rnd.choice((45, 60, 75))),
            }
        )
        if rnd.random() < 1 / 3:
            vals_list.append(
                {
                    "case_id": case_id,
                    "worker_id": user_id,
                    "start": morning(user_id, today + timedelta(days=rnd.randint(1, 14))),
                    "purpose": "Follow-up visit: the goals of the service plan.",
                    "state": "planned",
                }
            )
    _create_in_batches(env, "rrs.home.visit", vals_list, batch, "home visits")
    return len(vals_list)


def populate_visit_escalations(env, visits_per_escalation=300, days=180):
    """Home visits a worker did not check out of (rule VIS-3), one for every
    ``visits_per_escalation`` visits held (at least one), in the last ``days`` days: the visit
    checked in, management alerted at the end of the worker's day, then the case's supervisor
    records the steps as themselves: the worker called without an answer, the client
    reached, and the worker found safe (which checks the visit out). The escalation's own
    checks run (the order of the steps, the note of the last). Runs until the database has
    its share: running it again adds nothing."""
    now = fields.Datetime.now()
    env.cr.execute("SELECT COUNT(*) FROM rrs_home_visit WHERE state = 'checked_out'")
    held = env.cr.fetchone()[0]
    target = max(1, held // visits_per_escalation) if held else 0
    env.cr.execute("SELECT COUNT(DISTINCT visit_id) FROM rrs_home_visit_escalation")
    wanted = target - env.cr.fetchone()[0]
    rows = _case_work_rows(
        env,
        "c.state IN ('active', 'closing') AND NOT EXISTS "
        "(SELECT 1 FROM rrs_home_visit_escalation e WHERE e.case_id = c.id)",
    )
    rows = [row for row in rows if row["supervisor_id"]]
    random.Random(f"visit-escalations-{len(rows)}").shuffle(rows)
    at = _workers_clock(env, rows)
    Visit = env["rrs.home.visit"].with_context(tracking_disable=True, mail_create_nolog=True)
    Step = env["rrs.home.visit.escalation"].with_context(tracking_disable=True)
    created = 0
    for row in rows:
        if created >= wanted:
            break
        rnd = random.Random(f"visit-escalation-{row['case_id']}")
        day = max(row["start"], (now - timedelta(days=rnd.randint(2, days))).date())
        if day >= now.date():
            continue
        begin = at(row["user_id"], day, rnd.choice((10, 10.5, 11)))
        alert = at(row["user_id"], day, 17.25)
        visit = Visit.create(
            {
                "case_id": row["case_id"],
                "worker_id": row["user_id"],
                "start": begin,
                "purpose": "Home visit: the children's school and the lease.",
                "state": "checked_in",
                "risk_level": "medium",
                "risk_assessed_by_id": row["user_id"],
                "risk_assessed_date": begin - timedelta(days=1),
                "authorised_by_id": row["supervisor_id"],
                "authorised_date": begin - timedelta(days=1),
                "check_in_date": begin,
                "overdue_checkout": True,
                "alert_date": alert,
            }
        )
        supervisor = env["res.users"].browse(row["supervisor_id"])
        as_supervisor = Step.with_user(supervisor)
        for step, minutes, reached, note in (
            ("worker_called", 5, False, "No answer; voicemail left."),
            ("client_contacted", 15, True, "The family says the worker left an hour ago."),
            (
                "resolved",
                40,
                True,
                "The worker called back: the phone's battery was dead, home safe.",
            ),
        ):
            as_supervisor.create(
                {
                    "visit_id": visit.id,
                    "step": step,
                    "reached": reached,
                    "step_date": alert + timedelta(minutes=minutes),
                    "note": note,
                }
            )
        created += 1
        if created % 20 == 0:
            env.cr.commit()
    env.cr.commit()
    return created


INCIDENTS = (
    ("Waiting room", "A client fainted while waiting; first aid given, ambulance called."),
    ("Client's home", "A neighbour threatened the family during the home visit."),
    ("Office", "A client became verbally aggressive at the front desk after a delayed payment."),
    ("Apartment building", "A child in the household was injured on the stairs."),
    ("Bus stop", "A client was harassed on the way to the English class."),
    ("Client's home", "A gas smell in the apartment; the family was moved out for the night."),
    ("Office", "A client disclosed thoughts of self-harm during the meeting."),
)
INCIDENT_SEVERITY = (("low", 12), ("moderate", 6), ("high", 2), ("critical", 1))


def populate_incidents(env, batch=500):
    """The incident reports (rule REC-5) of the cases in service that have none: one case in
    thirty had one, reported by its worker during the service. Those of the last day are
    still drafts (those past the end of the shift are the cron's work); the others were
    submitted, one in eight after the end of the shift (late, the supervisor alerted), and
    those more than three days old reviewed by the worker's supervisor (of the last two
    months', one in ten still waits). Written in their stage by this trusted script; the end
    of each reporter's shift is computed from their working hours. Draws are seeded by the
    case: running it again adds nothing."""
    now = fields.Datetime.now()
    rows = _case_work_rows(env, "NOT EXISTS (SELECT 1 FROM rrs_incident i WHERE i.case_id = c.id)")
    at = _workers_clock(env, rows)
    severities = [level for level, weight in INCIDENT_SEVERITY for _ in range(weight)]
    drawn = []
    for row in rows:
        rnd = random.Random(f"incident-{row['case_id']}")
        if rnd.random() >= 1 / 30:
            continue
        last = min(filter(None, (row["closing"], now.date())))
        if row["state"] != "closed" and rnd.random() < 0.05:
            day = now.date() - timedelta(days=rnd.randint(0, 1))  # this shift's or last one's
        else:
            day = row["start"] + timedelta(days=rnd.randint(0, max((last - row["start"]).days, 0)))
        hour = rnd.choice((9, 10, 11, 13, 14, 15, 16)) if rnd.random() < 7 / 8 else 19
        hour += rnd.choice((0, 15, 30, 45)) / 60
        occurred = min(at(row["user_id"], day, hour), now - timedelta(minutes=10))
        drawn.append((row, rnd, occurred))
    Incident = env["rrs.incident"].with_context(tracking_disable=True, mail_create_nolog=True)
    created = 0
    started = time.time()
    for start in range(0, len(drawn), batch):
        part = drawn[start : start + batch]
        vals_list = []
        for row, rnd, occurred in part:
            where, what = rnd.choice(INCIDENTS)
            vals_list.append(
                {
                    "case_id": row["case_id"],
                    "reporter_id": row["user_id"],
                    "occurred_date": occurred,
                    "location": where,
                    "description": what,
                    "people_involved": "The head of household; the case worker.",
                    "severity": rnd.choice(severities),
                    "actions_taken": "The family was made safe; the supervisor was called.",
                    "member_ids": [Command.set([row["head_id"]])] if row["head_id"] else [],
                }
            )
        incidents = Incident.create(vals_list)
        # the end of each shift is computed at the create; each report then takes its stage
        for number, (incident, (row, rnd, occurred)) in enumerate(
            zip(incidents, part, strict=True), 1
        ):
            due = incident.due_date
            if occurred.date() >= now.date() - timedelta(days=1) or due > now:
                continue  # still a draft: the cron flags it once the shift is over
            late = rnd.random() < 1 / 8 and due + timedelta(hours=1) < now
            submitted = (
                min(due + timedelta(hours=rnd.randint(1, 48)), now)
                if late
                else min(occurred + timedelta(hours=rnd.randint(1, 3)), due)
            )
            vals = {
                "state": "submitted",
                "submitted_date": submitted,
                "late": late,
                "supervisor_alerted": late,
            }
            # reviewed within days; of the last two months' reports, one in ten still waits
            waits = submitted > now - timedelta(days=60) and rnd.random() < 0.1
            if row["supervisor_id"] and submitted < now - timedelta(days=3) and not waits:
                vals.update(
                    state="reviewed",
                    reviewer_id=row["supervisor_id"],
                    reviewed_date=submitted + timedelta(days=rnd.randint(1, 3)),
                    review_note="Talked it over with the worker; the safety plan is updated.",
                )
            incident.write(vals)
            if number % 100 == 0:
                gc.collect()  # see populate_reception_done
        env.cr.commit()
        created += len(part)
        print(f"{created} incident reports ({created / (time.time() - started):.0f}/s)", flush=True)
    return created


def populate_concern_amendments(env):
    """What was learnt after a notification of concern was filed (rule PRS-7): for half the
    notifications without one, the case's worker adds an amendment as themselves, a few days
    after the filing. Draws are seeded by the notification: running it again adds nothing."""
    if "rrs.prs.concern" not in env:
        return 0
    concerns = env["rrs.prs.concern"].search([("amendment_ids", "=", False)])
    created = 0
    for concern in concerns:
        rnd = random.Random(f"concern-amendment-{concern.id}")
        if rnd.random() >= 0.5 or not concern.user_id:
            continue
        env["rrs.prs.concern.amendment"].with_user(concern.user_id).create(
            {
                "concern_id": concern.id,
                "text": rnd.choice(
                    (
                        "ORR's case coordinator called back; the sponsor agreed to a safety "
                        "plan and a weekly call.",
                        "The child returned to the sponsor's home; the school confirmed "
                        "attendance this week.",
                        "The local child protection agency opened an assessment.",
                    )
                ),
            }
        )
        created += 1
    env.cr.commit()
    return created


def populate_prs_safety_calls(env, batch=1000):
    """The safety and well-being calls (rule PRS-1) of the post-release services cases that
    have none: made by the case's worker in the ten days before the call is due, one in
    sixteen a few days late; a case released too recently for its call to be due has one a
    time in two. One call in twenty finds something to follow up. Draws are seeded by the
    case: running it again adds nothing."""
    if "rrs.prs.safety.call" not in env:
        return 0
    today = fields.Date.today()
    vals_list = []
    for row in _prs_case_rows(env, "rrs_prs_safety_call"):
        rnd = random.Random(f"safety-call-{row['case_id']}")
        due = row["release"] + timedelta(days=row["days"] or 30)
        if rnd.random() < 1 / 16:
            day = due + timedelta(days=rnd.randint(1, 6))
        else:
            day = due - timedelta(days=rnd.randint(0, 10))
        day = max(day, row["release"] + timedelta(days=1))
        last = min(filter(None, (row["closing"], today)))
        if day > last or (due > today and rnd.random() < 0.5):
            continue  # not made yet
        follow_up = rnd.random() < 1 / 20
        vals_list.append(
            {
                "case_id": row["case_id"],
                "user_id": row["user_id"],
                "call_date": day,
                "spoke_with": "both",
                "living_with_sponsor": "yes",
                "in_school": "no" if follow_up else "yes",
                "knows_court_dates": "yes",
                "is_safe": "yes",
                "outcome": "follow_up" if follow_up else "no_concern",
                "notes": "School enrolment arranged with the sponsor." if follow_up else False,
            }
        )
    _create_in_batches(env, "rrs.prs.safety.call", vals_list, batch, "safety calls")
    return len(vals_list)


SEPARATED = (  # rule MIN-1: the categories, weighted as resettlement agencies see them
    ("with_relatives", 8, "Aunt"),
    ("joining_relatives", 5, "Uncle"),
    ("with_non_relatives", 3, "Family friend"),
    ("joining_parents", 3, "Older sibling"),
    ("married", 1, "Spouse's parent"),
)
MINOR_SERVICES = (  # rule MIN-3: the services and their days after the start of service
    ("health_physical", 10),
    ("health_mental", 20),
    ("health_dental", 30),
    ("heritage", 45),
    ("adjustment", 60),
    ("caregiver_education", 75),
)


def populate_separated_minors(env, batch=200):
    """Separated minors (rrs_minors, rules MIN-1 to MIN-3) in the open resettlement cases that
    have none: in one household with a child in sixty, a child came without the parents and
    lives with the head of household as caregiver (which makes the case a minor's record,
    restricted). Each has the caregiver's assessment at intake and on the program's review
    interval since (the latest one missed one time in ten), and the services of RRS 7: the
    health assessments, heritage, adjustment and the caregiver's education within the first
    months, and family tracing for a child joining parents or living with non-relatives.
    Through the ORM: the constraints check the child's age and the caregiver's identity.
    Draws are seeded by the case: running it again adds nothing."""
    if "rrs.minor.service" not in env:
        return 0
    today = fields.Date.today()
    adult_birthday = today - relativedelta(years=18)
    rows = _case_work_rows(
        env,
        "c.state IN ('active', 'closing') AND NOT c.is_prs "
        "AND NOT EXISTS (SELECT 1 FROM rrs_case_member s WHERE s.case_id = c.id "
        "AND s.separated_minor_category IS NOT NULL)",
    )
    env.cr.execute(
        """SELECT DISTINCT ON (m.case_id) m.case_id, m.id, p.birthdate_date
             FROM rrs_case_member m JOIN res_partner p ON p.id = m.partner_id
            WHERE NOT m.is_head AND p.birthdate_date > %s
              AND p.birthdate_date < %s
         ORDER BY m.case_id, m.id""",
        [adult_birthday, today - relativedelta(years=6)],
    )
    child_of = {case_id: (member_id, born) for case_id, member_id, born in env.cr.fetchall()}
    categories = [(c, relation) for c, weight, relation in SEPARATED for _ in range(weight)]
    topics = env["rrs.minor.caregiver.topic"].search([]).ids
    tracers = env["res.partner"].search([("name", "=", "Family links tracing service (bench)")])
    tracers = tracers or env["res.partner"].create(
        {"name": "Family links tracing service (bench)", "is_company": True}
    )
    drawn = []
    for row in rows:
        rnd = random.Random(f"separated-minor-{row['case_id']}")
        child, born = child_of.get(row["case_id"], (None, None))
        if not child or not row["head_partner_id"] or rnd.random() >= 1 / 60:
            continue
        category = rnd.choice(categories)
        if category[0] == "married" and born > today - relativedelta(years=16):
            category = categories[0]  # a married minor is 16 or 17
        drawn.append((row, rnd, child, category))
    Member = env["rrs.case.member"]
    Assessment = env["rrs.minor.caregiver.assessment"]
    Service = env["rrs.minor.service"]
    started, created = time.time(), 0
    for start in range(0, len(drawn), batch):
        part = drawn[start : start + batch]
        assessments, services = [], []
        for row, rnd, child, (category, relation) in part:
            Member.browse(child).write(
                {
                    "separated_minor_category": category,
                    "caregiver_partner_id": row["head_partner_id"],
                    "caregiver_relationship": relation,
                }
            )
            first = row["start"] + timedelta(days=rnd.randint(0, 7))
            day, number = first, 0
            while day <= today:
                concern = rnd.random() < 0.15
                assessments.append(
                    {
                        "member_id": child,
                        "caregiver_partner_id": row["head_partner_id"],
                        "assessment_date": day,
                        "user_id": row["user_id"],
                        "identity_verified": True,
                        "identity_method": "Passport and birth certificate seen; the child "
                        "confirmed the relationship.",
                        "separation_years": rnd.randint(0, 6) if number == 0 else 0,
                        "previous_relationship": "Lived in the same household before the flight."
                        if category != "with_non_relatives"
                        else "Neighbours.",
                        "housing_space": "adequate",
                        "safety": "adequate",
                        "financial_stability": "concern" if concern else "adequate",
                        "outcome": "with_support" if concern else "suitable",
                    }
                )
                number += 1
                day = first + relativedelta(months=(row["months"] or 3) * number)
                if day <= today and day + relativedelta(months=row["months"] or 3) > today:
                    if rnd.random() < 0.1:
                        break  # the latest is missed: it shows as due
            kinds = list(MINOR_SERVICES)
            if category in ("joining_parents", "with_non_relatives"):
                kinds.insert(0, ("tracing", 5))
            for kind, days in kinds:
                when = row["start"] + timedelta(days=days + rnd.randint(0, 10))
                if when > today:
                    continue
                vals = {
                    "member_id": child,
                    "service_type": kind,
                    "service_date": when,
                    "user_id": row["user_id"],
                    "status": "done" if when < today - timedelta(days=14) else "open",
                    "summary": "Done with the caregiver; next steps agreed in the plan.",
                }
                if kind == "tracing":
                    vals.update(
                        relative_name="The child's mother",
                        tracing_partner_id=tracers.id,
                        status="open",
                        summary="Tracing request filed; waiting for news.",
                    )
                elif kind == "caregiver_education":
                    vals.update(
                        caregiver_partner_id=row["head_partner_id"],
                        topic_ids=[Command.set(topics[: rnd.randint(2, max(len(topics), 2))])],
                    )
                services.append(vals)
        Assessment.create(assessments)
        Service.create(services)
        env.cr.commit()
        created += len(part)
        print(
            f"{created} separated minors, {len(assessments)} assessments and {len(services)} "
            f"services in the last batch ({created / (time.time() - started):.0f}/s)",
            flush=True,
        )
    return created


COURTS = ("Immigration court, Chicago", "Immigration court, Houston", "Immigration court, NYC")


def populate_prs_court_dates(env, batch=1000):
    """The immigration court hearings of the post-release services cases that have none (the
    child must know of them, rule PRS-1): a master calendar hearing in the first months after
    release, then for one child in three an individual hearing later, past ones with their
    outcome, future ones planned. Draws are seeded by the case: running it again adds
    nothing."""
    if "rrs.prs.court.date" not in env:
        return 0
    now = fields.Datetime.now()
    attorneys = env["res.partner"].search([("name", "=like", "Bench legal aid %")])
    attorneys = attorneys or env["res.partner"].create(
        [{"name": f"Bench legal aid {i}", "is_company": True} for i in range(8)]
    )
    vals_list = []
    for row in _prs_case_rows(env, "rrs_prs_court_date"):
        case_id, release = row["case_id"], row["release"]
        rnd = random.Random(f"court-{case_id}")
        hearings = [("master", rnd.randint(30, 150))]
        if rnd.random() < 1 / 3:
            hearings.append(("individual", hearings[0][1] + rnd.randint(120, 400)))
        for kind, days in hearings:
            at = datetime.combine(release + timedelta(days=days), datetime.min.time())
            at += timedelta(hours=rnd.choice((14, 15, 16, 17, 19)))  # 9:00 to 14:00 US time
            vals_list.append(
                {
                    "case_id": case_id,
                    "hearing_date": at,
                    "court": rnd.choice(COURTS),
                    "hearing_type": kind,
                    "attorney_partner_id": attorneys[rnd.randrange(len(attorneys))].id
                    if rnd.random() < 0.6
                    else False,
                    "outcome": (
                        rnd.choice(("Continued", "Next hearing scheduled", "Relief granted"))
                        if at < now
                        else False
                    ),
                }
            )
    _create_in_batches(env, "rrs.prs.court.date", vals_list, batch, "court hearings")
    return len(vals_list)


def populate_prs_residences(env, batch=500):
    """The moves of the post-release services children that have none (rule PRS-8): one child
    in twelve moved once during the services, most with the sponsor; the services go on at
    the new residence (each move is posted on the case). Draws are seeded by the case."""
    if "rrs.prs.residence" not in env:
        return 0
    today = fields.Date.today()
    cities = ("Houston", "Chicago", "Phoenix", "Newark", "Atlanta", "Denver")
    vals_list = []
    for row in _prs_case_rows(env, "rrs_prs_residence"):
        case_id, release, closing = row["case_id"], row["release"], row["closing"]
        rnd = random.Random(f"residence-{case_id}")
        day = release + timedelta(days=rnd.randint(20, 80))
        if rnd.random() >= 1 / 12 or day > min(filter(None, (closing, today))):
            continue
        with_sponsor = rnd.random() < 0.85
        vals_list.append(
            {
                "case_id": case_id,
                "date_from": day,
                "street": f"{rnd.randint(10, 999)} Maple Street",
                "city": rnd.choice(cities),
                "zip": f"{rnd.randint(10000, 99999)}",
                "with_sponsor": with_sponsor,
                "reason": "The sponsor moved for work."
                if with_sponsor
                else "The placement changed after a home study.",
            }
        )
    _create_in_batches(env, "rrs.prs.residence", vals_list, batch, "moves")
    return len(vals_list)


def populate_self_sufficiency(env, batch=2000):
    """Where the heads of household stand on self-sufficiency (rrs_reporting, rule OUT-3), for
    the cases that have no record: recorded by the worker around the 90th and the 180th day
    after arrival, once that day has passed. A household with a job by then is self-sufficient
    three times in four (its income covers its expenses, no cash assistance), partly otherwise;
    a household without a job is partly self-sufficient on benefits, or not yet (a head of
    household under 18, as in the post-release services, has none). Draws are seeded by the
    case: running it again adds nothing."""
    if "rrs.self.sufficiency" not in env:
        return 0
    today = fields.Date.today()
    env.cr.execute(
        """SELECT c.id, c.arrival_date, head.id, head_p.birthdate_date,
                  (SELECT MIN(e.start_date) FROM rrs_employment e WHERE e.case_id = c.id)
             FROM rrs_case c
             JOIN rrs_case_member head ON head.case_id = c.id AND head.is_head
             JOIN res_partner head_p ON head_p.id = head.partner_id
            WHERE c.arrival_date IS NOT NULL AND c.arrival_date <= %s
              AND c.state NOT IN ('intake', 'waiting')
              AND NOT EXISTS (SELECT 1 FROM rrs_self_sufficiency r WHERE r.case_id = c.id)
         ORDER BY c.id""",
        [today - timedelta(days=95)],
    )
    vals_list = []
    for case_id, arrival, head_id, birthdate, job_start in env.cr.fetchall():
        rnd = random.Random(f"self-sufficiency-{case_id}")
        for day_after in (90, 180):
            day = arrival + timedelta(days=day_after + rnd.randint(0, 5))
            if day > today or (birthdate and birthdate > day - relativedelta(years=18)):
                continue
            expenses = rnd.randint(14, 26) * 100
            if job_start and job_start <= day and rnd.random() < 0.75:
                status, source, assisted = "self_sufficient", "employment", False
                income = expenses + rnd.randint(0, 8) * 100
            elif job_start and job_start <= day:
                status, source, assisted = "partly", "employment", True
                income = expenses - rnd.randint(2, 8) * 100
            elif rnd.random() < 0.6:
                status, source, assisted = "partly", "benefits", True
                income = rnd.randint(4, 10) * 100
            else:
                status, source, assisted = "not_yet", "cash_assistance", True
                income = 0
            vals_list.append(
                {
                    "case_id": case_id,
                    "member_id": head_id,
                    "assessment_date": day,
                    "status": status,
                    "income_source": source,
                    "household_income": income,
                    "household_expenses": expenses,
                    "receives_cash_assistance": assisted,
                }
            )
    _create_in_batches(env, "rrs.self.sufficiency", vals_list, batch, "self-sufficiency records")
    return len(vals_list)


def populate_satisfaction(env, batch=1000):
    """The clients' satisfaction questionnaires (rrs_reporting, rule OUT-3) of the cases closed
    in the last eighteen months that have none: each invited at its closing (as the closing
    does), a little over half answered within three weeks, four in five of them satisfied
    (good or very good on the scored questions). Written as survey's own records in batches
    (the answers and their lines; survey computes the score and the suite whether the client
    was satisfied), without the note each answer posts on its case. Draws are seeded by the
    case: running it again adds nothing."""
    if "rrs.self.sufficiency" not in env:
        return 0
    survey = env["survey.survey"]._rrs_satisfaction_survey()
    if not survey:
        return 0
    questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
    questions = questions.sorted("sequence")
    choices = {q.id: {a.answer_score: a.id for a in q.suggested_answer_ids} for q in questions}
    today = fields.Date.today()
    env.cr.execute(
        """SELECT c.id, c.closing_date, head.partner_id FROM rrs_case c
             JOIN LATERAL (SELECT m.partner_id FROM rrs_case_member m
                            WHERE m.case_id = c.id AND m.is_head ORDER BY m.id LIMIT 1) head
               ON TRUE
            WHERE c.state = 'closed' AND c.closing_date BETWEEN %s AND %s
              AND NOT EXISTS (SELECT 1 FROM survey_user_input i WHERE i.rrs_case_id = c.id)
         ORDER BY c.id""",
        [today - relativedelta(months=18), today],
    )
    rows = env.cr.fetchall()
    Input = env["survey.user_input"].with_context(tracking_disable=True)
    started, created = time.time(), 0
    for start in range(0, len(rows), batch):
        inputs_vals, scores_list = [], []
        for case_id, closing, partner_id in rows[start : start + batch]:
            rnd = random.Random(f"satisfaction-{case_id}")
            vals = {
                "survey_id": survey.id,
                "partner_id": partner_id,
                "rrs_case_id": case_id,
                "rrs_occasion": "closing",
                "rrs_invited_date": closing,
            }
            done_day = closing + timedelta(days=rnd.randint(1, 20))
            scores = None
            if rnd.random() < 0.55 and done_day < today:
                done_at = datetime.combine(done_day, datetime.min.time()) + timedelta(hours=15)
                vals.update(
                    state="done",
                    start_datetime=done_at - timedelta(minutes=rnd.randint(4, 15)),
                    end_datetime=done_at,
                )
                happy = rnd.random() < 0.8
                scores = [rnd.choice((2, 3) if happy else (0, 1, 2)) for _q in questions]
            inputs_vals.append(vals)
            scores_list.append(scores)
        inputs = Input.create(inputs_vals)
        env["survey.user_input.line"].create(
            [
                {
                    "user_input_id": answer.id,
                    "survey_id": survey.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": choices[question.id][score],
                }
                for answer, scores in zip(inputs, scores_list, strict=True)
                if scores
                for question, score in zip(questions, scores, strict=True)
            ]
        )
        env.cr.commit()
        created += len(inputs)
        print(
            f"{created} satisfaction questionnaires ({created / (time.time() - started):.0f}/s)",
            flush=True,
        )
    return created


def _bench_teams(env):
    """``{supervisor user id: [their workers' user ids]}`` of the populated teams (every
    populate run's), from the employees' managers."""
    env.cr.execute(
        """SELECT sup.user_id, array_agg(emp.user_id ORDER BY emp.user_id)
             FROM hr_employee emp
             JOIN hr_employee sup ON sup.id = emp.parent_id
             JOIN res_users u ON u.id = emp.user_id
            WHERE u.login LIKE 'bench_worker_%%' AND sup.user_id IS NOT NULL
         GROUP BY sup.user_id ORDER BY sup.user_id"""
    )
    return dict(env.cr.fetchall())


def _cases_by_worker(env, user_ids, states=None):
    """``{user id: [case ids]}``: the cases each of ``user_ids`` works on (primary or secondary),
    in ``states`` when given."""
    env.cr.execute(
        """SELECT rel.user_id, array_agg(c.id ORDER BY c.id)
             FROM rrs_case_worker_user_rel rel JOIN rrs_case c ON c.id = rel.case_id
            WHERE rel.user_id = ANY(%s) AND (%s::varchar[] IS NULL OR c.state = ANY(%s))
         GROUP BY rel.user_id""",
        [list(user_ids), states, states],
    )
    return dict(env.cr.fetchall())


def populate_access_log(env, days=30):
    """The access log (rule REC-4) of the working days of the last ``days`` days, as the web
    client leaves it: each case worker opens a few of their open cases and lists their open
    cases and all of them, each supervisor opens a few of the team's; about one day in five a
    worker covering for another team opens more case files outside their caseload than the
    company's threshold (the next morning's review flags them); a program manager exports a
    list of cases every Monday; now and then a worker is refused a case of another team.
    Written by the log's own writer (``rrs.access.log._rrs_write``, which finds each entry's
    case and whether it is outside the reader's caseload, a minor's record or unusual), a day
    at a time, each day committed. The days that already have entries are skipped: running
    it again adds nothing."""
    teams = _bench_teams(env)
    if not teams:
        return 0
    workers = sorted({user_id for team in teams.values() for user_id in team})
    open_cases = _cases_by_worker(env, workers, ["intake", "assessment", "active", "closing"])
    all_cases = _cases_by_worker(env, workers)
    team_of = {worker: sup for sup, team in teams.items() for worker in team}
    manager = env.ref("base.user_admin")
    threshold = env.company.rrs_access_outside_threshold
    env.cr.execute("SELECT DISTINCT date::date FROM rrs_access_log WHERE date < CURRENT_DATE")
    logged = {day for (day,) in env.cr.fetchall()}
    today = fields.Date.today()
    Log = env["rrs.access.log"].sudo()
    started, created = time.time(), 0
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5 or day in logged:
            continue
        rnd = random.Random(f"access-log-{day}")
        base = datetime.combine(day, datetime.min.time())

        def at(rnd=rnd, base=base):
            return base + timedelta(minutes=rnd.randint(8 * 60, 17 * 60))

        def pair_of_teams(rnd=rnd):
            """A worker, and a worker of another team whose cases they open."""
            worker = rnd.choice(workers)
            return worker, rnd.choice([w for w in workers if team_of[w] != team_of[worker]])

        pending = {}
        for worker in workers:
            mine = open_cases.get(worker) or []
            for case_id in rnd.sample(mine, min(len(mine), rnd.randint(4, 12))):
                pending[(worker, "rrs.case", "open", case_id)] = {"date": at()}
            # My cases (the open ones) and every case of theirs, a list each
            for listed in {tuple(mine[:80]), tuple((all_cases.get(worker) or [])[:80])}:
                pending[(worker, "rrs.case", "list", listed)] = {"date": at(), "ids": list(listed)}
        for sup, team in teams.items():
            theirs = [case_id for worker in team for case_id in open_cases.get(worker) or []]
            for case_id in rnd.sample(theirs, min(len(theirs), rnd.randint(2, 6))):
                pending[(sup, "rrs.case", "open", case_id)] = {"date": at()}
        if rnd.random() < 1 / 5 and len(teams) > 1:
            # covering for an absent colleague of another team: many case files outside
            worker, other = pair_of_teams()
            theirs = all_cases.get(other) or []
            for case_id in rnd.sample(theirs, min(len(theirs), threshold + rnd.randint(0, 10))):
                pending[(worker, "rrs.case", "open", case_id)] = {"date": at()}
        if day.weekday() == 0:
            # the funder's list of the month: exported by a program manager
            exported = []
            for worker in rnd.sample(workers, min(len(workers), 5)):
                exported += (all_cases.get(worker) or [])[:10]
            for case_id in exported:
                pending[(manager.id, "rrs.case", "export", case_id)] = {"date": at()}
        if rnd.random() < 1 / 10 and len(teams) > 1:
            worker, other = pair_of_teams()
            if all_cases.get(other):
                case_id = rnd.choice(all_cases[other])
                pending[(worker, "rrs.case", "refused", case_id)] = {"date": at()}
        Log._rrs_write(pending)
        env.cr.commit()
        created += len(pending)
        print(f"{created} access log entries ({created / (time.time() - started):.0f}/s)")
    return created


EMERGENCY_REASONS = (
    "The family's worker is on leave and the police called about the children tonight.",
    "A fire in the family's building; the shelter needs the household's medical needs now.",
    "The client is in hospital and the worker cannot be reached; the doctor asks for the "
    "interpreter's language and the emergency contact.",
    "The child's school reports a safeguarding concern and the team's supervisor is away.",
    "The landlord threatens an eviction today and the worker of the case is off sick.",
)


def populate_emergency_access(env, cases_per_access=250, days=730):
    """Emergency accesses (rule REC-4) over the last two years, one for every
    ``cases_per_access`` cases, a quarter of them in the last 30 days: a supervisor opens a
    case of another team through the ORM as themselves (the reason, the duration, a case they
    may not read are checked; the case's supervisor is alerted), reads it while the access is
    open (the access log's own writer marks the entry as read in an emergency), and the
    access ends at its expiry (the cron's end). The case's supervisor marks the alert done.
    Draws are seeded by the access's number: running it again adds nothing."""
    teams = _bench_teams(env)
    if len(teams) < 2:
        return 0
    env.cr.execute("SELECT COUNT(*) FROM rrs_case")
    target = env.cr.fetchone()[0] // cases_per_access
    env.cr.execute("SELECT COUNT(*) FROM rrs_case_emergency_access")
    existing = env.cr.fetchone()[0]
    all_cases = _cases_by_worker(env, [w for team in teams.values() for w in team])
    activity_type = env.ref("rrs_case.mail_activity_type_emergency_access")
    Grant = env["rrs.case.emergency.access"].with_context(tracking_disable=True)
    now = fields.Datetime.now()
    started, created = time.time(), 0
    # numbered from the accesses already there, a few more tries than accesses wanted (a draw
    # of a case the supervisor may read is skipped)
    for number in range(existing, existing + 2 * (target - existing)):
        if existing + created >= target:
            break
        rnd = random.Random(f"emergency-access-{number}")
        sup = rnd.choice(sorted(teams))
        other = rnd.choice([s for s in sorted(teams) if s != sup])
        worker = rnd.choice(teams[other])
        if not all_cases.get(worker):
            continue
        case_id = rnd.choice(all_cases[worker])
        age = rnd.uniform(1, 30) if rnd.random() < 0.25 else rnd.uniform(30, days)
        opened = (now - timedelta(days=age)).replace(microsecond=0)
        hours = rnd.choice((1, 2, 2, 4))
        user = env["res.users"].browse(sup)
        try:
            with env.cr.savepoint():
                grant = Grant.with_user(user).create(
                    {
                        "case_id": case_id,
                        "reason": rnd.choice(EMERGENCY_REASONS),
                        "duration_hours": hours,
                    }
                )
        except (UserError, AccessError):
            continue  # a case this supervisor may read after all (a secondary worker)
        grant = grant.sudo()
        with grant._rrs_system_write():
            grant.write({"granted_date": opened, "expiry_date": opened + timedelta(hours=hours)})
        grant._rrs_forget_open_cases()
        env["rrs.access.log"].sudo()._rrs_write(
            {(sup, "rrs.case", "open", case_id): {"date": opened + timedelta(minutes=2)}}
        )
        grant._end_at_expiry()
        alerts = env["mail.activity"].search(
            [
                ("res_model", "=", "rrs.case"),
                ("res_id", "=", case_id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        for alert in alerts:
            alert.with_user(alert.user_id).action_feedback(
                feedback="Called the supervisor who opened the case; the reason holds."
            )
        created += 1
        if created % 50 == 0:
            env.cr.commit()
            print(f"{created} emergency accesses ({created / (time.time() - started):.0f}/s)")
    env.cr.commit()
    return created


def populate_access_reviews(env, days=30, done_after=7):
    """The morning access reviews (rule REC-4) of the last ``days`` days, by their own cron
    (``rrs.access.review._cron_daily_review``, oldest day first): it flags the users above the
    company's threshold of case files outside their caseload and records one review a day
    with unusual entries, with an activity for each program manager and concerned supervisor.
    Those older than ``done_after`` days were looked at: their reviewers mark them done. The
    cron reviews a day once: running it again adds nothing."""
    today = fields.Date.today()
    Review = env["rrs.access.review"]
    for back in range(days, 0, -1):
        Review._cron_daily_review(today - timedelta(days=back))
        env.cr.commit()
    old = Review.search([("date", "<", today - timedelta(days=done_after))])
    activities = env["mail.activity"].search(
        [("res_model", "=", "rrs.access.review"), ("res_id", "in", old.ids)]
    )
    for user in activities.user_id:
        activities.filtered(lambda a, user=user: a.user_id == user).with_user(user).action_feedback(
            feedback="Looked at the entries with the users concerned."
        )
    env.cr.commit()
    return Review.search_count([])


BREACHES = (
    (
        "A list of twelve households with their addresses was e-mailed to a volunteer of "
        "another program.",
        "The wrong recipient was picked from the address book's suggestions.",
        "The volunteer deleted the e-mail and confirmed it in writing; the address book no "
        "longer suggests volunteers for case lists.",
    ),
    (
        "A case worker's laptop with downloaded case notes was stolen from a car.",
        "Case notes had been exported to the laptop to work offline.",
        "The laptop was wiped remotely; exports to personal devices are now refused.",
    ),
    (
        "A printed service plan was left in the waiting room.",
        "The plan was printed for the family and not handed over.",
        "The plan was recovered the same day; printed plans are handed over in the office.",
    ),
)


def populate_breaches(env, cases_per_breach=25000):
    """Confidentiality breaches (rule REC-4), one for every ``cases_per_breach`` cases, at
    least one: a program manager records each, with the households exposed and the access log
    entries that show it, contains it (the actions taken) and closes it once the families and
    the funder were informed, through the breach's own moves; the dates are then those of
    its history. The latest is still contained. Draws are seeded by the breach's number:
    running it again adds nothing."""
    env.cr.execute("SELECT COUNT(*) FROM rrs_case")
    target = max(1, env.cr.fetchone()[0] // cases_per_breach)
    Breach = env["rrs.breach"].with_user(env.ref("base.user_admin"))
    existing = Breach.search_count([])
    now = fields.Datetime.now()
    env.cr.execute(
        "SELECT id FROM rrs_case WHERE state = 'active' AND NOT restricted ORDER BY id LIMIT 2000"
    )
    case_ids = [case_id for (case_id,) in env.cr.fetchall()]
    for number in range(existing, target):
        rnd = random.Random(f"breach-{number}")
        description, cause, actions = BREACHES[number % len(BREACHES)]
        latest = number == target - 1
        found = now - timedelta(days=rnd.randint(3, 20) if latest else rnd.randint(60, 700))
        exposed = rnd.sample(case_ids, min(len(case_ids), rnd.randint(1, 12)))
        entries = env["rrs.access.log"].search([("case_id", "in", exposed)], limit=5)
        breach = Breach.create(
            {
                "found_date": found,
                "occurred_from": found - timedelta(days=1),
                "occurred_to": found,
                "description": description,
                "cause": cause,
                "case_ids": [Command.set(exposed)],
                "access_log_ids": [Command.set(entries.ids)],
                "actions": actions,
            }
        )
        breach.action_contain()
        if not latest:
            breach.write(
                {
                    "informed": "The families by phone with an interpreter; the funder's "
                    "program officer by e-mail.",
                    "clients_informed_date": (found + timedelta(days=3)).date(),
                    "authority_informed_date": (found + timedelta(days=5)).date(),
                }
            )
            breach.action_close()
        system = breach.sudo()
        with system._rrs_system_write():
            system.write(
                {
                    "contained_date": found + timedelta(days=1),
                    "closed_date": False if latest else found + timedelta(days=6),
                }
            )
        env.cr.commit()
    return Breach.search_count([])


def populate_disposals(env, grace_days=180, batch=50):
    """The records of the closed cases whose retention ended more than ``grace_days`` ago
    destroyed by a program manager (rule REC-3, ``rrs.case.action_dispose``), each leaving the
    proof of its disposal; those on litigation hold are kept. The cases disposed of are gone:
    running it again finds none."""
    Case = env["rrs.case"].with_user(env.ref("base.user_admin"))
    cases = Case.search(
        [
            ("state", "=", "closed"),
            ("retention_until_date", "<", fields.Date.today() - timedelta(days=grace_days)),
            ("litigation_hold", "=", False),
        ]
    )
    started = time.time()
    for start in range(0, len(cases), batch):
        cases[start : start + batch].action_dispose()
        env.cr.commit()
        done = min(start + batch, len(cases))
        print(f"{done} cases disposed of ({done / (time.time() - started):.0f}/s)", flush=True)
    return len(cases)


def _run_steps(env, steps):
    """Each ``(step, what)`` of ``steps`` in turn, with the number of records it added."""
    for step, what in steps:
        print(f"{step(env)} {what}", flush=True)


def populate_records(env):
    """The records about the case files: the last 30 days' access log, the emergency
    accesses, the morning access reviews, the breaches and the disposals of the cases past
    their retention (rules REC-3, REC-4)."""
    steps = (
        (populate_access_log, "access log entries"),
        (populate_emergency_access, "emergency accesses"),
        (populate_access_reviews, "access reviews"),
        (populate_breaches, "breaches"),
        (populate_disposals, "cases disposed of"),
    )
    _run_steps(env, steps)


def populate_case_work(env, rnd):
    """What the case workers record beside the notes and plans, for the cases that have none
    yet: referrals with their releases, case reviews, reception tasks done, assessments
    completed, orientation sessions, home visits and the escalations of those not checked
    out, incident reports, the post-release services' safety calls, amendments to
    notifications of concern, court hearings and moves, the separated minors with their
    caregivers' assessments and services, the heads of household's self-sufficiency and the
    satisfaction questionnaires of the cases closed."""
    referrals, releases = populate_referrals(env)
    print(f"{referrals} referrals, {releases} releases of information", flush=True)
    steps = (
        (populate_reviews, "case reviews"),
        (populate_reception_done, "reception tasks marked done"),
        (populate_assessments_done, "assessments completed"),
        (populate_orientation, "orientation sessions"),
        (lambda env: populate_home_visits(env, rnd), "home visits"),
        (populate_visit_escalations, "visits not checked out, escalated"),
        (populate_incidents, "incident reports"),
        (populate_prs_safety_calls, "safety calls"),
        (populate_concern_amendments, "amendments to notifications of concern"),
        (populate_prs_court_dates, "court hearings"),
        (populate_prs_residences, "moves of a child"),
        (populate_separated_minors, "separated minors"),
        (populate_self_sufficiency, "self-sufficiency records"),
        (populate_satisfaction, "satisfaction questionnaires"),
    )
    _run_steps(env, steps)


# Reception & Placement's per-capita terms by federal fiscal year (rule FIN-4): EXAMPLE
# values in the shape of the cooperative agreements (an agency enters its own); the earlier
# years a little lower, as the amounts rose.
PER_CAPITA = ((2019, 2075, 1125), (2021, 2175, 1175), (2023, 2275, 1225), (2024, 2375, 1275))


def populate_assistance_terms(env):
    """The Reception & Placement program's terms (rules FIN-1, FIN-4), as an agency configures
    them: the per-capita amount and its minimum for direct assistance within 90 days of
    arrival for every federal fiscal year (October to September) of the populated arrivals,
    and the program's limits (per request, per case, within 90 days of arrival; food by the
    month). Only when the program has none: running it again adds nothing."""
    program = env.ref("rrs_case.program_reception_placement")
    PerCapita = env["rrs.assistance.per.capita"]
    created = 0
    if not PerCapita.search_count([("program_id", "=", program.id)]):
        env.cr.execute("SELECT MIN(arrival_date) FROM rrs_case WHERE program_id = %s", [program.id])
        first = env.cr.fetchone()[0] or fields.Date.today()
        today = fields.Date.today()
        first_year = first.year + (1 if first.month >= 10 else 0)
        last_year = today.year + (1 if today.month >= 10 else 0)
        vals_list = []
        for fiscal_year in range(first_year, last_year + 1):
            # the year's terms: the latest set in force, the first for the years before it
            _since, amount, minimum = (
                [t for t in PER_CAPITA if t[0] <= fiscal_year] or [PER_CAPITA[0]]
            )[-1]
            vals_list.append(
                {
                    "name": f"R&P cooperative agreement FY{fiscal_year}",
                    "program_id": program.id,
                    "date_from": datetime(fiscal_year - 1, 10, 1).date(),
                    "date_to": datetime(fiscal_year, 9, 30).date(),
                    "amount_per_capita": amount,
                    "direct_minimum": minimum,
                    "days_after_arrival": 90,
                    "note": "Example values (scripts/populate).",
                }
            )
        created += len(PerCapita.create(vals_list))
    Policy = env["rrs.assistance.policy"]
    if not Policy.search_count([("program_id", "=", program.id)]):
        food = env.ref("rrs_assistance.purpose_food", raise_if_not_found=False)
        vals_list = [
            {
                "program_id": program.id,
                "request_limit": 2500,
                "case_limit": 6000,
                "eligibility_days": 90,
            }
        ]
        if food:
            vals_list.append(
                {
                    "program_id": program.id,
                    "purpose_id": food.id,
                    "period_limit": 400,
                    "period_unit": "month",
                }
            )
        created += len(Policy.create(vals_list))
    env.cr.commit()
    return created


def populate_assistance(env, count, rnd, batch=1000):
    """Financial assistance (rrs_assistance, rules FIN-1 to FIN-4): the program's per-capita
    terms and limits (``populate_assistance_terms``), four grants with a budget for the year,
    then ``count`` requests over the open cases in every stage; the validated and
    paid ones with their posted vendor bill on the grant, the paid ones paid through Odoo's
    payment wizard (the request follows the bill). Requests are written in their stage by this
    trusted script (no approval tiers are replayed); the accounting runs through the ORM."""
    if "rrs.assistance.request" not in env:
        print("rrs_assistance is not installed: no assistance requests")
        return 0
    print(f"{populate_assistance_terms(env)} per-capita terms and limits", flush=True)
    company = env.company
    expense = env["account.account"].search(
        [("account_type", "=", "expense"), ("company_ids", "in", company.ids)], limit=1
    )
    for program in env["rrs.program"].search([]):
        if not program.assistance_account_id:
            program.assistance_account_id = expense
    plan = env.ref("rrs_assistance.analytic_plan_funding")
    grants = env["account.analytic.account"].search([("name", "=like", "Bench grant %")])
    today = fields.Date.today()
    year = (today.replace(month=1, day=1), today.replace(month=12, day=31))
    if not grants:
        grants = env["account.analytic.account"].create(
            [{"name": f"Bench grant {i}", "plan_id": plan.id} for i in range(4)]
        )
        post = env["account.budget.post"].create(
            {"name": "Bench direct assistance", "account_ids": [Command.set(expense.ids)]}
        )
        budget = env["crossovered.budget"].create(
            {
                "name": "Bench assistance budget",
                "date_from": year[0],
                "date_to": year[1],
                "crossovered_budget_line_ids": [
                    Command.create(
                        {
                            "general_budget_id": post.id,
                            "analytic_account_id": g.id,
                            "date_from": year[0],
                            "date_to": year[1],
                            "planned_amount": 10**9,
                        }
                    )
                    for g in grants
                ],
            }
        )
        budget.action_budget_confirm()
    lines = {
        line.analytic_account_id.id: line
        for line in env["crossovered.budget.lines"].search(
            [
                ("analytic_account_id", "in", grants.ids),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
            ]
        )
    }
    finance = env["res.users"].search([("login", "=", "bench_finance")]) or env[
        "res.users"
    ].with_context(no_reset_password=True).create(
        {
            "name": "Bench finance",
            "login": "bench_finance",
            "group_ids": [Command.set(env.ref("rrs_case.group_finance").ids)],
        }
    )
    vendors = env["res.partner"].search([("name", "=like", "Bench vendor %")]) or env[
        "res.partner"
    ].create([{"name": f"Bench vendor {i}", "is_company": True} for i in range(60)])
    purposes = env["rrs.assistance.purpose"].search([])
    cases = env["rrs.case"].search([("state", "!=", "closed")], order="id")
    if not cases:
        return 0
    states = [s for s, weight in ASSISTANCE_STATES for _ in range(weight)]
    journal = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
    )
    Request = env["rrs.assistance.request"].with_context(tracking_disable=True)
    done = 0
    started = time.time()
    while done < count:
        size = min(batch, count - done)
        vals_list = []
        to_pay = []
        for _ in range(size):
            case = cases[rnd.randrange(len(cases))]
            state = rnd.choice(states)
            grant = grants[rnd.randrange(len(grants))]
            day = today - timedelta(days=rnd.randint(0, 300))
            vals = {
                "case_id": case.id,
                "beneficiary_id": case.member_ids[:1].id,
                "payee_type": "vendor",
                "payee_id": vendors[rnd.randrange(len(vendors))].id,
                "purpose_id": purposes[rnd.randrange(len(purposes))].id,
                "amount": round(rnd.uniform(25, 1500), 2),
                "date": day,
                "grant_id": grant.id,
                "justification": "Household needs assessed at the home visit.",
                # paid ones are validated here and paid below, the request following its bill
                "state": "validated" if state == "paid" else state,
            }
            to_pay.append(state == "paid")
            if state != "draft":
                vals.update(requested_by_id=case.user_id.id, requested_date=day)
            if state in ("approved", "validated", "paid"):
                vals["approved_date"] = fields.Datetime.now()
            if state in ("validated", "paid"):
                vals.update(
                    validated_by_id=finance.id,
                    validated_date=today,
                    budget_line_id=lines[grant.id].id,
                )
            if rnd.random() < 0.03 and state != "draft":
                vals.update(has_anomaly=True, anomaly_reasons="Possible duplicate (populated).")
            vals_list.append(vals)
        requests = Request.create(vals_list)
        billed = requests.filtered(lambda r: r.state in ("validated", "paid"))
        moves = env["account.move"].create(
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": r.payee_id.id,
                    "journal_id": journal.id,
                    "invoice_date": today,
                    "date": today,
                    "ref": r.name,
                    "rrs_assistance_request_id": r.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": r._rrs_bill_label(),
                                "account_id": expense.id,
                                "quantity": 1,
                                "price_unit": r.amount,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": {str(r.grant_id.id): 100},
                            }
                        )
                    ],
                }
                for r in billed
            ]
        )
        moves.action_post()
        for request, move in zip(billed, moves, strict=True):
            request.move_id = move
        paid = requests.browse([r.id for r, pay in zip(requests, to_pay, strict=True) if pay])
        # the environments the earlier steps left in reference cycles (see
        # populate_reception_done): each new one is looked up among them, and the payment
        # wizard makes thousands; a run at 100,000 cases paid 6 bills a second instead of 15
        gc.collect()
        if paid:
            # paid through Odoo's own wizard, one payment per bill
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=paid.move_id.ids
            ).create({"payment_date": today, "group_payment": False})._create_payments()
        env["crossovered.budget.lines"].browse(
            [line.id for line in lines.values()]
        )._rrs_refresh_allocation()
        env.cr.commit()
        done += size
        print(f"{done} assistance requests ({done / (time.time() - started):.0f}/s)", flush=True)
    return done


def populate_cases(env, count, workers, rnd, batch=1000, label=""):
    """``count`` households through the ORM (every constraint and computed field runs), in
    batches committed one by one: 1-5 members, about 10% open, 3 case notes each and, once
    services started, a signed service plan with two goals."""
    programs = [
        (
            env.ref("rrs_case.program_reception_placement"),
            env.ref("rrs_case.immigration_category_refugee"),
        ),
        (
            env.ref("rrs_case.program_intensive_case_management"),
            env.ref("rrs_case.immigration_category_gar"),
        ),
    ]
    today = fields.Date.today()
    created = 0
    started = time.time()
    while created < count:
        size = min(batch, count - created)
        people = []
        shapes = []
        for _ in range(size):
            # the household's country of origin, and its people named by its custom
            n = rnd.choice((1, 1, 2, 3, 4, 5))
            code = draw_country(rnd)
            shapes.append((n, code))
            for k, name in enumerate(household_names(rnd, code, n)):
                age = rnd.randint(20, 65) if k < 2 else rnd.randint(0, 17)
                people.append(
                    {
                        "name": name,
                        "birthdate_date": today
                        - relativedelta(years=age, days=rnd.randint(0, 364)),
                    }
                )
        partners = env["res.partner"].create(people)
        case_vals = []
        pos = 0
        for n, code in shapes:
            members = partners[pos : pos + n]
            pos += n
            program, category = rnd.choice(programs)
            is_open = rnd.random() < 0.1
            # a closed case had its year of service, ended before today
            intake = today - timedelta(
                days=rnd.randint(1, 300) if is_open else rnd.randint(380, 3000)
            )
            vals = {
                "program_id": program.id,
                "immigration_category_id": category.id,
                "user_id": workers[rnd.randrange(len(workers))].id,
                "country_of_origin_id": env.ref(f"base.{code}").id,
                "intake_date": intake,
                "arrival_date": intake - timedelta(days=rnd.randint(0, 30)),
                "applicant_informed_date": intake,
                "priority": rnd.choice("0000012"),
                "service_start_date": intake + timedelta(days=14),
                "member_ids": [
                    Command.create({"partner_id": m.id, "relationship": rel})
                    for m, rel in zip(members, ["head", "spouse", "child", "child", "child"])
                ],
            }
            if is_open:
                vals["state"] = rnd.choice(("intake", "assessment", "active", "active", "active"))
                if vals["state"] == "intake":
                    vals.pop("service_start_date")
            else:
                vals.update(
                    state="closed",
                    closing_reason="goals_met",
                    closing_date=intake + timedelta(days=365),
                    closing_summary="Services completed; goals reviewed with the family.",
                    aftercare_plan_date=intake + timedelta(days=350),
                    aftercare_short_term_needs="Lease renewal; first tax return.",
                    aftercare_long_term_needs="Citizenship application when eligible.",
                    aftercare_supports="Community mentor; the office on request.",
                )
            case_vals.append(vals)
        cases = env["rrs.case"].create(case_vals)
        env["rrs.case.note"].create(
            [
                {
                    "case_id": c.id,
                    "subject": subject,
                    "contact_type": kind,
                    "contact_date": c.intake_date + timedelta(days=d),
                    "written_date": c.intake_date + timedelta(days=d + 2),
                }
                for c in cases
                for subject, kind, d in (
                    ("Intake interview", "meeting", 0),
                    ("Home visit", "home_visit", 7),
                    ("Phone follow-up", "phone", 20),
                )
                if c.intake_date + timedelta(days=d + 2) <= today
            ]
        )
        in_service = cases.filtered("service_start_date")
        env["rrs.service.plan"].create(
            [
                {
                    "case_id": c.id,
                    "plan_date": c.service_start_date,
                    "state": "signed",
                    "signed_date": c.service_start_date,
                    "family_network": "Weekly contact with relatives and a community mentor.",
                    "crisis_procedure": "Office line, then the worker within one working day.",
                    "self_sufficiency_pathway": "English classes, then work.",
                    "self_sufficiency_barriers": "No local work history.",
                    "client_signature_date": c.service_start_date,
                    "worker_signer_id": c.user_id.id,
                    "worker_signature_date": c.service_start_date,
                    "goal_ids": [
                        Command.create(
                            {
                                "name": goal,
                                "desired_outcome": outcome,
                                "target_date": c.service_start_date + timedelta(days=180),
                                "services": "Referral and follow-up by the worker",
                                "responsible_user_id": c.user_id.id,
                                "status": "achieved" if c.state == "closed" else "in_progress",
                            }
                        )
                        for goal, outcome in (
                            ("Paid work", "A job that covers the rent"),
                            ("English", "English level 2"),
                        )
                    ],
                }
                for c in in_service
            ]
        )
        env.cr.commit()
        created += size
        rate = created / (time.time() - started)
        print(f"{label}{created} cases ({rate:.0f}/s)", flush=True)
    return created


def populate_prs(env, count, workers, rnd, batch=500, open_share=0.33):
    """Post-release services for unaccompanied children (rrs_minors, rules PRS-1 to PRS-6):
    ``count`` children released to a sponsor, each the head of a restricted case of the PRS
    program, ``open_share`` of them (about a third by default) still in service (released
    within the last 90 days, so their clocks run: the safety call, the home visit, the monthly
    report and the check-ins), the rest closed. Each case has its monthly follow-up reports for
    every month of service ended before today (most submitted, one in eight late, the last one
    of an open case sometimes still a draft), a closed case its closure report, and one case in
    fifty a notification of concern. Written in their stage by this trusted script; the ORM
    computes the clocks, the restricted flag and the retention."""
    if "rrs.prs.level" not in env:
        print("rrs_minors is not installed: no post-release services cases")
        return 0
    program = env.ref("rrs_case.program_post_release_services")
    category = env.ref("rrs_case.immigration_category_uac")
    levels = env["rrs.prs.level"].search([])
    areas = env["rrs.prs.service.area"].search([], limit=2).ids
    today = fields.Date.today()
    relationships = ("parent", "aunt_uncle", "sibling", "grandparent", "cousin", "family_friend")
    valid = dict(env["rrs.case"]._fields["prs_sponsor_relationship"].selection)
    relationships = [r for r in relationships if r in valid] or list(valid)
    # rule PRS-9: at most 40 open PRS cases per worker; the open cases go round the workers,
    # with more workers when there are too few for 25 each
    loads = dict(
        env["rrs.case"]._read_group(
            [("program_id", "=", program.id), ("state", "!=", "closed")], ["user_id"], ["__count"]
        )
    )
    workers = workers.filtered(lambda w: loads.get(w, 0) < 10)
    needed = -(-round(count * open_share) // 25) - len(workers)
    if needed > 0:
        workers |= prs_workers(env, workers, needed)
    created = 0
    started = time.time()
    while created < count:
        size = min(batch, count - created)
        people = []
        codes = []
        for _ in range(size):
            # the child and the sponsor, named as a parent and a child of their country
            codes.append(draw_country(rnd, CHILDREN_COUNTRIES))
            sponsor, _spouse, child = household_names(rnd, codes[-1], 3)
            people.append(
                {
                    "name": child,
                    "birthdate_date": today
                    - relativedelta(years=rnd.randint(9, 17), days=rnd.randint(0, 364)),
                }
            )
            people.append({"name": sponsor})
        partners = env["res.partner"].create(people)
        vals_list = []
        for i in range(size):
            child, sponsor = partners[2 * i], partners[2 * i + 1]
            is_open = rnd.random() < open_share
            release = today - timedelta(
                days=rnd.randint(1, 88) if is_open else rnd.randint(120, 2000)
            )
            vals = {
                "program_id": program.id,
                "immigration_category_id": category.id,
                "user_id": workers[(created + i) % len(workers)].id,
                "country_of_origin_id": env.ref(f"base.{codes[i]}").id,
                "intake_date": release,
                "arrival_date": release - timedelta(days=rnd.randint(20, 90)),
                "applicant_informed_date": release,
                "service_start_date": release + timedelta(days=2),
                "prs_sponsor_partner_id": sponsor.id,
                "prs_sponsor_relationship": rnd.choice(relationships),
                "prs_release_date": release,
                "prs_referral_accepted_date": release + timedelta(days=1),
                "prs_level_id": levels[rnd.randrange(len(levels))].id,
                "member_ids": [Command.create({"partner_id": child.id, "relationship": "head"})],
            }
            if is_open:
                vals["state"] = "active"
            else:
                vals.update(
                    state="closed",
                    closing_reason="goals_met",
                    closing_date=release + timedelta(days=90),
                    closing_summary="Services completed; the child is safe with the sponsor.",
                    aftercare_plan_date=release + timedelta(days=85),
                    aftercare_short_term_needs="School enrolment confirmed for the next term.",
                    aftercare_long_term_needs="Immigration hearing with pro bono counsel.",
                    aftercare_supports="Sponsor; community youth program.",
                    closing_evaluation="The child attends school and the placement is stable.",
                    unmet_needs="None.",
                )
            vals_list.append(vals)
        cases = env["rrs.case"].create(vals_list)
        env["rrs.case.note"].create(
            [
                {
                    "case_id": c.id,
                    "subject": subject,
                    "contact_type": kind,
                    "contact_date": c.prs_release_date + timedelta(days=d),
                    "written_date": c.prs_release_date + timedelta(days=d + 1),
                    "prs_service_area_ids": [Command.set(areas)],
                }
                for c in cases
                for subject, kind, d in (
                    ("Safety and well-being call", "phone", 2),
                    ("Home visit with the sponsor", "home_visit", 25),
                )
                if c.prs_release_date + timedelta(days=d + 1) <= today
            ]
        )
        populate_prs_reports(env, cases, areas, today, rnd)
        env.cr.commit()
        created += size
        rate = created / (time.time() - started)
        print(f"{created} post-release services cases ({rate:.0f}/s)", flush=True)
    return created


def prs_workers(env, workers, count):
    """``count`` more case workers, each under the supervisor of one of ``workers``."""
    stamp = int(time.time())
    new = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Bench PRS worker {i}",
                    "login": f"bench_worker_prs_{stamp}_{i}",
                    "group_ids": [Command.set(env.ref("rrs_case.group_case_worker").ids)],
                }
                for i in range(count)
            ]
        )
    )
    bosses = workers.employee_ids.parent_id or env["hr.employee"]
    env["hr.employee"].create(
        [
            {
                "name": u.name,
                "user_id": u.id,
                "parent_id": bosses[i % len(bosses)].id if bosses else False,
            }
            for i, u in enumerate(new)
        ]
    )
    env.cr.commit()
    return new


def populate_prs_reports(env, cases, areas, today, rnd):
    """The monthly follow-up reports of ``cases`` (rule PRS-6), a closure report for the closed
    ones and a notification of concern for one in fifty (rule PRS-7)."""
    reports = []
    for case in cases:
        start = case.service_start_date
        last = min(filter(None, (case.closing_date, today - timedelta(days=1))))
        month = 0
        while True:
            period_start = start + relativedelta(months=month)
            period_end = start + relativedelta(months=month + 1, days=-1)
            if period_end > last:
                break
            draft = case.state != "closed" and period_end + timedelta(days=5) > today
            late = rnd.random() < 0.125
            submitted = period_end + timedelta(days=rnd.randint(2, 9) if late else 1)
            reports.append(
                {
                    "case_id": case.id,
                    "report_type": "monthly",
                    "period_start": period_start,
                    "period_end": period_end,
                    "state": "draft" if draft or submitted > today else "submitted",
                    "submitted_date": False if draft or submitted > today else submitted,
                    "contact_count": rnd.randint(1, 6),
                    "home_visit_count": rnd.randint(0, 2),
                    "service_area_ids": [Command.set(areas[: rnd.randint(1, len(areas))])],
                    "living_with_sponsor": rnd.random() < 0.95,
                    "level_id": case.prs_level_id.id,
                    "narrative": "Monthly home visit and calls; the child attends school.",
                }
            )
            month += 1
        if case.state == "closed":
            reports.append(
                {
                    "case_id": case.id,
                    "report_type": "closure",
                    "period_start": start,
                    "period_end": case.closing_date,
                    "state": "submitted",
                    "submitted_date": case.closing_date + timedelta(days=1),
                    "narrative": "Services completed.",
                    "closure_reason": "End of the service period.",
                }
            )
    env["rrs.prs.report"].create(reports)
    concerned = [case for case in cases if rnd.random() < 0.02]
    env["rrs.prs.concern"].create(
        [
            {
                "case_id": case.id,
                "category": rnd.choice(("gang", "running_away", "abuse", "other")),
                "description": "Reported by the sponsor during a home visit.",
                "reported_date": datetime(*concern_day.timetuple()[:3], 15),
            }
            for case in concerned
            for concern_day in [case.service_start_date + timedelta(days=rnd.randint(3, 40))]
        ]
    )


def populate_volunteers(env, count, rnd, batch=500):
    """Volunteers (rrs_volunteer, rules VOL-1 to VOL-3): ``count`` volunteers with their five
    onboarding steps (a police check expired or expiring for some), a coordinator, one active
    match for about a third of them on an open case under a release naming the volunteer, ten
    hours per match (the older ones approved) and a community activity per 100 volunteers.
    Written in their stage by this trusted script; the ORM computes the rest."""
    if "rrs.volunteer" not in env:
        print("rrs_volunteer is not installed: no volunteers")
        return 0
    Users = env["res.users"].with_context(no_reset_password=True)
    coordinator = Users.search([("login", "=", "bench_coordinator")], limit=1)
    if not coordinator:
        coordinator = Users.create(
            {
                "name": "Bench coordinator",
                "login": "bench_coordinator",
                "group_ids": [
                    Command.set(env.ref("rrs_volunteer.group_volunteer_coordinator").ids)
                ],
            }
        )
    today = fields.Date.today()
    step_types = env["rrs.volunteer.step.type"].search([])
    languages = env["rrs.language"].search([])
    skills = env["rrs.volunteer.skill"].search([])
    slots = env["rrs.volunteer.slot"].search([])
    tasks = env["rrs.volunteer.task.type"].search([])
    areas = env["rrs.volunteer.area"].search([])
    if not areas:
        areas = env["rrs.volunteer.area"].create([{"name": f"Bench area {i}"} for i in range(12)])
    open_cases = env["rrs.case"].search(
        [("state", "=", "active"), ("restricted", "=", False)], limit=count
    )
    document = "JVBERi0xLjQKJSBiZW5jaA=="  # "%PDF-1.4\n% bench"
    created = 0
    case_pos = 0
    while created < count:
        gc.collect()  # see populate_assistance
        size = min(batch, count - created)
        partners = env["res.partner"].create(
            [{"name": f"{person_name(rnd)} (bench volunteer)"} for _ in range(size)]
        )
        vals = []
        for partner in partners:
            steps = []
            for step_type in step_types:
                if rnd.random() < 0.03:
                    continue
                ago = rnd.randint(10, 1200)
                steps.append(
                    Command.create(
                        {
                            "type_id": step_type.id,
                            "done_date": today - timedelta(days=ago),
                            "document": document if step_type.needs_document else False,
                        }
                    )
                )
            vals.append(
                {
                    "partner_id": partner.id,
                    "coordinator_id": coordinator.id,
                    "state": rnd.choice(("active", "active", "active", "applicant", "paused")),
                    "language_ids": [Command.set(rnd.sample(languages.ids, 2))],
                    "skill_ids": [Command.set(rnd.sample(skills.ids, 2))],
                    "slot_ids": [Command.set(rnd.sample(slots.ids, 4))],
                    "area_ids": [Command.set(rnd.sample(areas.ids, 2))],
                    "step_ids": steps,
                }
            )
        volunteers = env["rrs.volunteer"].create(vals)
        matched = volunteers.filtered(lambda v: v.state == "active")[: size // 3]
        cases = open_cases[case_pos : case_pos + len(matched)]
        case_pos += len(cases)
        pairs = list(zip(matched, cases, strict=False))
        consents = env["rrs.consent"].create(
            [
                {
                    "case_id": case.id,
                    "consent_type": "release",
                    "member_id": case.member_ids[:1].id,
                    "signer_role": "client",
                    "signer_partner_id": case.member_ids[:1].partner_id.id,
                    "signature_date": today - timedelta(days=90),
                    "party_partner_id": volunteer.partner_id.id,
                    "scope": "First names and the meeting place, for the volunteer's task.",
                    "expiry_date": today + timedelta(days=270),
                }
                for volunteer, case in pairs
            ]
        )
        matches = env["rrs.volunteer.match"].create(
            [
                {
                    "case_id": case.id,
                    "volunteer_id": volunteer.id,
                    "task_type_id": rnd.choice(tasks).id,
                    "area_id": rnd.choice(areas).id,
                    "meeting_place": "Public library",
                    "state": "active",
                    "approved_by_id": case.user_id.id,
                    "approved_date": today - timedelta(days=90),
                    "consent_id": consent.id,
                }
                for (volunteer, case), consent in zip(pairs, consents, strict=True)
            ]
        )
        if matches:
            # the portal login of one matched volunteer per batch, for the portal benchmarks
            first = matches[0].volunteer_id
            Users.create(
                {
                    "name": first.name,
                    "login": f"bench_volunteer_{first.id}",
                    "partner_id": first.partner_id.id,
                    "group_ids": [Command.set(env.ref("base.group_portal").ids)],
                }
            )
        rate = env.company.rrs_volunteer_hourly_rate
        env["rrs.volunteer.hours"].create(
            [
                {
                    "volunteer_id": match.volunteer_id.id,
                    "match_id": match.id,
                    "date": today - timedelta(days=7 * k + 1),
                    "hours": rnd.choice((1.0, 1.5, 2.0, 3.0)),
                    "activity": "Visit with the family",
                    "state": "approved" if k > 1 else "submitted",
                    "approved_by_id": coordinator.id if k > 1 else False,
                    "approved_date": today - timedelta(days=7 * k) if k > 1 else False,
                    "hourly_rate": rate if k > 1 else 0.0,
                }
                for match in matches
                for k in range(10)
            ]
        )
        env["rrs.community.activity"].create(
            [
                {
                    "name": f"Bench community event {created + i}",
                    "activity_type": "event",
                    "date": today - timedelta(days=rnd.randint(1, 365)),
                    "attendee_count": rnd.randint(5, 60),
                    "outcomes": "Partners engaged; follow-up meeting planned.",
                    "state": "done",
                    "volunteer_ids": [Command.set(volunteers[i : i + 5].ids)],
                }
                for i in range(0, size, 100)
            ]
        )
        env.cr.commit()
        created += size
        print(f"{created} volunteers, {len(matches)} new matches", flush=True)
    return created


def populate_in_parallel(args, stamp):
    """The households split over ``--jobs`` processes, each with its own connection and its
    own committed batches, over the same workers (the users created with ``stamp``)."""
    import subprocess
    import sys

    shares = [
        args.cases // args.jobs + (1 if i < args.cases % args.jobs else 0) for i in range(args.jobs)
    ]
    jobs = [
        subprocess.Popen(
            [sys.executable, __file__, "-c", args.config, "-d", args.database]
            + ["--cases-only", "--cases", str(share), "--stamp", str(stamp)]
            + ["--seed", str(args.seed + 1 + i), "--batch", str(args.batch), "--job", str(i + 1)]
        )
        for i, share in enumerate(shares)
        if share
    ]
    if any([job.wait() for job in jobs]):
        raise SystemExit("A populate job failed; the batches it committed stay.")


def populate(env, args, rnd):
    """What the arguments ask for (see ``main``)."""
    if args.assistance_only:
        count = populate_assistance(env, args.assistance, rnd)
        print(f"{count} assistance requests")
        return
    if args.volunteers_only:
        count = populate_volunteers(env, args.volunteers, rnd)
        print(f"{count} volunteers")
        return
    if args.cases_only:
        # one of the parallel jobs (populate_in_parallel)
        workers = env["res.users"].search([("login", "=like", f"bench_worker_{args.stamp}_%")])
        populate_cases(env, args.cases, workers, rnd, args.batch, f"[job {args.job}] ")
        return
    if args.activities_only:
        print(f"{populate_activities(env, rnd)} case-management activities")
        return
    if args.facts_only:
        print(f"{populate_outcome_facts(env, rnd)} outcome facts")
        return
    if args.case_work_only:
        populate_case_work(env, rnd)
        return
    if args.records_only:
        populate_records(env)
        return
    if args.prs_only:
        workers = env["res.users"].search([("login", "=like", "bench_worker_%")])
        count = populate_prs(env, args.prs or 1000, workers, rnd, open_share=args.prs_open)
        print(f"{count} post-release services cases")
        return
    if args.requirements_only:
        employees = env["hr.employee"].search([("name", "=like", "Bench worker %")])
        count = give_requirements(env, employees, rnd)
        env.cr.commit()
        print(f"{count} certifications for {len(employees)} bench workers")
        return
    worker_group = env.ref("rrs_case.group_case_worker")
    sup_group = env.ref("rrs_case.group_supervisor")
    Users = env["res.users"].with_context(no_reset_password=True)
    stamp = int(time.time())
    supervisors = Users.create(
        [
            {
                "name": f"Bench supervisor {i}",
                "login": f"bench_sup_{stamp}_{i}",
                "group_ids": [Command.set(sup_group.ids)],
            }
            for i in range(max(1, args.workers // 10))
        ]
    )
    sup_emps = env["hr.employee"].create([{"name": u.name, "user_id": u.id} for u in supervisors])
    workers = Users.create(
        [
            {
                "name": f"Bench worker {i}",
                "login": f"bench_worker_{stamp}_{i}",
                "group_ids": [Command.set(worker_group.ids)],
            }
            for i in range(args.workers)
        ]
    )
    worker_emps = env["hr.employee"].create(
        [
            {"name": u.name, "user_id": u.id, "parent_id": sup_emps[i % len(sup_emps)].id}
            for i, u in enumerate(workers)
        ]
    )
    give_requirements(env, worker_emps, rnd)
    env.cr.commit()
    started = time.time()
    if args.jobs > 1:
        populate_in_parallel(args, stamp)
    else:
        populate_cases(env, args.cases, workers, rnd, args.batch)
    print(
        f"{args.cases} cases in {time.time() - started:.0f} s "
        f"({args.cases / (time.time() - started):.0f}/s, {args.jobs} jobs)",
        flush=True,
    )
    populate_prs(
        env,
        args.cases // 100 if args.prs is None else args.prs,
        workers,
        rnd,
        open_share=args.prs_open,
    )
    populate_outcome_facts(env, rnd)
    populate_case_work(env, rnd)
    populate_activities(env, rnd)
    populate_assistance(env, args.assistance, rnd)
    populate_volunteers(env, args.volunteers, rnd)
    populate_records(env)


def main():
    p = parser(__doc__)
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--workers", type=int, default=200)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument(
        "--jobs",
        type=int,
        default=min(os.cpu_count() or 1, 4),
        help="processes creating the households (default: the machine's cores, at most 4)",
    )
    p.add_argument("--cases-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--stamp", help=argparse.SUPPRESS)
    p.add_argument("--job", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument(
        "--assistance",
        type=int,
        default=10_000,
        help="financial assistance requests over the open cases (rrs_assistance)",
    )
    p.add_argument(
        "--assistance-only",
        action="store_true",
        help="only add the assistance requests to an already populated database",
    )
    p.add_argument(
        "--volunteers",
        type=int,
        default=2_000,
        help="volunteers with their screening, matches on open cases and hours (rrs_volunteer)",
    )
    p.add_argument(
        "--volunteers-only",
        action="store_true",
        help="only add the volunteers to an already populated database",
    )
    p.add_argument(
        "--prs",
        type=int,
        default=None,
        help="post-release services cases (rrs_minors); default 1 for 100 cases",
    )
    p.add_argument(
        "--prs-only",
        action="store_true",
        help="only add the post-release services cases to an already populated database",
    )
    p.add_argument(
        "--prs-open",
        type=float,
        default=0.33,
        help="share of the post-release services cases still in service (0 to 1)",
    )
    p.add_argument(
        "--facts-only",
        action="store_true",
        help="only add the outcome facts (jobs, school enrolments; rrs_reporting) to the cases",
    )
    p.add_argument(
        "--case-work-only",
        action="store_true",
        help="only add the referrals, case reviews, reception tasks done, assessments "
        "completed, orientation sessions, home visits, incident reports and safety calls to "
        "the cases that have none",
    )
    p.add_argument(
        "--records-only",
        action="store_true",
        help="only add the last 30 days' access log, the emergency accesses, the access "
        "reviews and the breaches, and dispose of the cases past their retention",
    )
    p.add_argument(
        "--activities-only",
        action="store_true",
        help="only add the last 90 days' case-management activities to the cases in service "
        "that have none",
    )
    p.add_argument(
        "--requirements-only",
        action="store_true",
        help="only give the existing bench workers their staff requirements (rrs_staff "
        "installed after the cases were populated)",
    )
    args = p.parse_args()
    rnd = random.Random(args.seed)
    with environment(args) as env:
        env = env(context=dict(env.context, mail_create_nolog=True, mail_notrack=True))
        populate(env, args, rnd)
    if not args.cases_only:
        # the planner's statistics of the tables just filled, and their visibility map:
        # autovacuum would take minutes to come, and the bench's plans depend on both
        vacuum_analyze(args)


if __name__ == "__main__":
    main()
