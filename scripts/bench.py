# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time what case workers, supervisors and managers do most, on a populated database.

Each scenario runs once to warm caches, then REPEAT times; the median wall time and the
number of SQL queries are printed as a Markdown table for docs/benchmarks.md.
"""

import random
import statistics
import time
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2.extras import execute_values
from rrs_odoo import environment, parser, vacuum_analyze

from odoo import Command, fields

CASE_LIST = {
    "priority": {},
    "name": {},
    "head_partner_id": {"fields": {"display_name": {}}},
    "member_count": {},
    "program_id": {"fields": {"display_name": {}}},
    "country_of_origin_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "planned_end_date": {},
    "state": {},
}
KANBAN = {
    "name": {},
    "priority": {},
    "head_partner_id": {"fields": {"display_name": {}}},
    "program_id": {"fields": {"display_name": {}}},
    "member_count": {},
    "user_id": {"fields": {"display_name": {}}},
    "country_of_origin_id": {"fields": {"display_name": {}}},
}
PLAN_LIST = {
    "case_id": {"fields": {"display_name": {}}},
    "version": {},
    "plan_date": {},
    "goal_count": {},
    "user_id": {"fields": {"display_name": {}}},
    "signed_date": {},
    "state": {},
}
REPEAT = 5
# Odoo's own lists over the same load (issue 17): one project.task per case, in a project per
# program, assigned to the case's worker, in the stage of the case, named after the household.
TASK_LIST = {
    "priority": {},
    "name": {},
    "project_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "user_ids": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "stage_id": {"fields": {"display_name": {}}},
    "state": {},
}
TASK_KANBAN = {
    "name": {},
    "priority": {},
    "project_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "user_ids": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "state": {},
}
TASK_STAGES = (
    ("intake", "Intake"),
    ("assessment", "Assessment"),
    ("active", "In service"),
    ("closed", "Closed"),
)
PARTNER_LIST = {
    "display_name": {},
    "email": {},
    "phone": {},
    "city": {},
    "country_id": {"fields": {"display_name": {}}},
}


ASSISTANCE_LIST = {
    "name": {},
    "case_id": {"fields": {"display_name": {}}},
    "beneficiary_label": {},
    "purpose_id": {"fields": {"display_name": {}}},
    "payee_id": {"fields": {"display_name": {}}},
    "grant_id": {"fields": {"display_name": {}}},
    "date": {},
    "amount": {},
    "currency_id": {"fields": {}},
    "over_limit": {},
    "has_anomaly": {},
    "payment_state": {},
    "state": {},
    "can_review": {},
}
BUDGET_LIST = {
    "analytic_account_id": {"fields": {"display_name": {}}},
    "crossovered_budget_id": {"fields": {"display_name": {}}},
    "date_from": {},
    "date_to": {},
    "planned_amount": {},
    "rrs_awaiting_amount": {},
    "rrs_committed_amount": {},
    "rrs_paid_amount": {},
    "rrs_remaining_amount": {},
    "rrs_used_percent": {},
}


def ensure_project(args):
    """Install Odoo's project app into the bench database once, for the comparison."""
    import subprocess
    import sys

    with environment(args) as env:
        state = env["ir.module.module"].search([("name", "=", "project")]).state
    if state != "installed":
        print("Installing Odoo's project app for the comparison ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "odoo", "-c", args.config, "-d", args.database]
            + ["-i", "project", "--stop-after-init", "--log-level=warn"],
            check=True,
        )
        from odoo.modules.registry import Registry

        Registry.delete(args.database)  # the registry loaded above predates the app


def ensure_tasks(env, batch=2000):
    """One task per case (see TASK_LIST), created once through the ORM in batches; the bench
    users get Odoo's Project user right (the manager is the administrator)."""
    Task = env["project.task"].with_context(
        tracking_disable=True,
        mail_create_nolog=True,
        mail_notrack=True,
        mail_auto_subscribe_no_notify=True,
    )
    users = env["res.users"].search([("login", "=like", "bench_%"), ("share", "=", False)])
    group = env.ref("project.group_project_user")
    missing = users - group.all_user_ids
    if missing:
        missing.write({"group_ids": [Command.link(group.id)]})
    stages = {}
    for sequence, (state, name) in enumerate(TASK_STAGES):
        stage = env["project.task.type"].search([("name", "=", f"Bench {name}")], limit=1)
        stages[state] = stage or env["project.task.type"].create(
            {"name": f"Bench {name}", "sequence": sequence, "fold": state == "closed"}
        )
    projects = {}
    for program in env["rrs.program"].search([]):
        name = f"Bench program {program.name}"
        project = env["project.project"].search([("name", "=", name)], limit=1)
        projects[program.id] = project or env["project.project"].create(
            {
                "name": name,
                "privacy_visibility": "employees",
                "type_ids": [Command.set([stage.id for stage in stages.values()])],
            }
        )
    done = Task.search_count([("project_id", "in", [p.id for p in projects.values()])])
    env.cr.execute(
        "SELECT c.id, c.user_id, c.state, c.priority, c.program_id, c.planned_end_date, "
        "c.head_partner_id, p.name FROM rrs_case c "
        "LEFT JOIN res_partner p ON p.id = c.head_partner_id ORDER BY c.id OFFSET %s",
        [done],
    )
    rows = env.cr.fetchall()
    if not rows:
        return
    started = time.time()
    for start in range(0, len(rows), batch):
        Task.create([_task_vals(row, projects, stages) for row in rows[start : start + batch]])
        env.cr.commit()
        count = min(start + batch, len(rows))
        print(f"{count} tasks ({count / (time.time() - started):.0f}/s)", flush=True)


def _task_vals(row, projects, stages):
    case_id, user_id, state, priority, program_id, planned_end, head_id, head_name = row
    return {
        "name": f"Household of {head_name or case_id}",
        "project_id": projects[program_id].id,
        "stage_id": stages[state].id,
        "state": "1_done" if state == "closed" else "01_in_progress",
        "priority": "1" if priority != "0" else "0",
        "user_ids": [Command.set([user_id])] if user_id else [],
        "partner_id": head_id,
        "date_deadline": planned_end,
    }


def bench_outcomes(env, worker, manager):
    """rrs_reporting (rule OUT-1): a program's logic model with its four outcomes over the last
    year, computed as a program manager (the agency's figures) and as a worker (their own
    families'), each outcome two aggregate queries. The logic model is created for the
    measure and rolled back."""
    program = env.ref("rrs_case.program_reception_placement")
    today = fields.Date.today()
    start = today - timedelta(days=365)
    model = env["rrs.logic.model"].create(
        {
            "name": "Bench logic model",
            "program_id": program.id,
            "outcome_ids": [
                Command.create(
                    {
                        "name": indicator,
                        "indicator": indicator,
                        "target": 50.0,
                        "date_from": start,
                        "date_to": today,
                    }
                )
                for indicator in (
                    "employed_90",
                    "employed_180",
                    "children_in_school",
                    "goals_achieved",
                )
            ],
        }
    )
    spec = {
        "outcome_ids": {
            "fields": {
                "name": {},
                "indicator": {},
                "numerator": {},
                "denominator": {},
                "value": {},
                "met": {},
            }
        }
    }
    print(
        f"\n{env['rrs.employment'].search_count([])} jobs, "
        f"{env['rrs.school.enrolment'].search_count([])} school enrolments.\n\n"
        "| scenario | median ms | queries |\n| --- | ---: | ---: |"
    )
    for label, user in (("manager", manager), ("worker", worker)):
        measure(
            env,
            f"{label}: a logic model's four outcomes computed (OUT-1)",
            lambda user=user: model.with_user(user).web_read(spec),
        )
    env.cr.rollback()


def _view_spec(record, view_type="form", view_id=False):
    """The field specification the web client sends for the record's view (its form, or the
    list of its model; ``view_id`` a given one, else the default), as the record's user sees
    the view."""
    from lxml import etree

    arch = record.get_views([(view_id, view_type)])["views"][view_type]["arch"]

    def spec(model, nodes):
        result = {}
        for node in nodes:
            fname = node.get("name")
            field = model._fields[fname]
            if field.type == "one2many":
                result[fname] = {"fields": spec(model[fname], node.xpath("./list//field"))}
            elif field.type == "many2one":
                result[fname] = {"fields": {"display_name": {}}}
            else:
                result[fname] = {}
        return result

    return spec(record, etree.fromstring(arch).xpath("//field[not(ancestor::field)]"))


def _search_view_node(Model, xpath):
    """The node ``xpath`` of the model's search view, as the model's user gets the view."""
    from lxml import etree

    arch = Model.get_views([(False, "search")])["views"]["search"]["arch"]
    [node] = etree.fromstring(arch).xpath(xpath)
    return node


def _filter_domain(Model, name):
    """The domain of the search view's filter ``name``, evaluated as the web client does
    (``context_today()``, ``uid``), for the model's user."""
    from odoo.tools.safe_eval import datetime as safe_eval_datetime
    from odoo.tools.safe_eval import safe_eval

    node = _search_view_node(Model, f"//filter[@name='{name}']")
    today = fields.Date.context_today(Model)
    return safe_eval(
        node.get("domain"),
        {
            "context_today": lambda: today,
            "datetime": safe_eval_datetime,
            "relativedelta": relativedelta,
            "uid": Model.env.uid,
        },
    )


def _field_domain(Model, name, text):
    """The domain the web client sends for ``text`` typed in the field ``name`` of the
    model's search view (its ``filter_domain``)."""
    from odoo.tools.safe_eval import safe_eval

    node = _search_view_node(Model, f"//field[@name='{name}']")
    return safe_eval(node.get("filter_domain"), {"self": text})


PARTS = ("needs", "inputs", "activities", "outputs", "impact")


def bench_reporting(env, worker, supervisor, manager):
    """rrs_reporting: the three morning dashboards opened (their figures counted, the dashboard
    saved, then its form read as the web client reads it) by each role, the outcome breakdown
    (OUT-2), and the CSS caseload, compliance and KPI reports of the last month computed and
    exported as a program manager. Rolled back."""
    today = fields.Date.today()
    start = today - timedelta(days=30)
    print(
        f"\n{env['rrs.case.activity'].search_count([('activity_date', '>=', start)]):,} "
        f"activities and {env['rrs.employment'].search_count([]):,} jobs.\n\n"
        "| scenario | median ms | queries |\n| --- | ---: | ---: |"
    )

    # an active logic model with its four outcomes for the outcomes dashboard
    parts = {part: f"<p>Bench {part}.</p>" for part in PARTS}
    model = env["rrs.logic.model"].create(
        {
            "name": "Bench dashboard logic model",
            "program_id": env.ref("rrs_case.program_intensive_case_management").id,
            **parts,
            "outcome_ids": [
                Command.create(
                    {
                        "name": indicator,
                        "indicator": indicator,
                        "target": 50.0,
                        "date_from": today - timedelta(days=365),
                        "date_to": today,
                    }
                )
                for indicator in (
                    "employed_90",
                    "employed_180",
                    "children_in_school",
                    "goals_achieved",
                )
            ],
        }
    )
    model.action_activate()
    active = env["rrs.logic.model.outcome"].search_count([("logic_model_id.state", "=", "active")])
    print(f"| ({active} outcomes of active logic models) | | |")

    def open_dashboard(model, user):
        Dashboard = env[model].with_user(user)
        dashboard = Dashboard.browse(Dashboard.rrs_open_dashboard()["res_id"])
        env.flush_all()
        env.invalidate_all()
        dashboard.web_read(_view_spec(dashboard))

    for dashboard_model, title in (
        ("rrs.dashboard.caseload", "caseload dashboard"),
        ("rrs.dashboard.overdue", "overdue work dashboard"),
        ("rrs.dashboard.outcomes", "outcomes and disparities dashboard"),
    ):
        for label, user in (("manager", manager), ("supervisor", supervisor), ("worker", worker)):
            measure(
                env,
                f"{label}: {title} opened",
                lambda model=dashboard_model, user=user: open_dashboard(model, user),
            )
    program = env.ref("rrs_case.program_reception_placement")
    for dimension in ("gender", "country"):
        breakdown = (
            env["rrs.outcome.breakdown"]
            .with_user(manager)
            .create(
                {
                    "indicator": "employed_90",
                    "dimension": dimension,
                    "date_from": today - timedelta(days=365),
                    "date_to": today,
                    "program_ids": [Command.set(program.ids)],
                }
            )
        )
        measure(
            env,
            f"manager: employed within 90 days by {dimension}, a year (OUT-2)",
            lambda breakdown=breakdown: breakdown._rrs_report_sections(),
        )
    for model, action, title in (
        (
            "rrs.css.caseload.report",
            "rrs_reporting.action_report_css_caseload_xlsx",
            "CSS caseload",
        ),
        ("rrs.compliance.report", "rrs_reporting.action_report_compliance_xlsx", "compliance"),
        ("rrs.kpi.report", "rrs_reporting.action_report_kpi_xlsx", "program KPIs"),
    ):
        if model not in env or not env.ref(action, raise_if_not_found=False):
            continue
        report = env[model].with_user(manager).create({"date_from": start, "date_to": today})
        measure(
            env,
            f"manager: {title} report, last 30 days, computed",
            lambda report=report: report._rrs_report_sections(),
        )
        measure(
            env,
            f"manager: {title} report, last 30 days, XLSX workbook",
            lambda report=report, action=action: (
                env["ir.actions.report"].with_user(manager)._render_xlsx(action, report.ids, None)
            ),
        )
    env.cr.rollback()


def bench_orr_monthly(env, manager):
    """rrs_reporting_minors (rule PRS-6): the ORR monthly summary over every post-release
    services case of the company as a program manager, for the current month (every open case)
    and the last one, computed (sections) and exported (the XLSX workbook)."""
    Report = env["rrs.orr.monthly.report"].with_user(manager)
    today = fields.Date.today()
    this_month = today.replace(day=1)
    print("\n| scenario | median ms | queries |\n| --- | ---: | ---: |")
    for label, start in (
        ("this month", this_month),
        ("last month", this_month - relativedelta(months=1)),
    ):
        report = Report.create(
            {"date_from": start, "date_to": start + relativedelta(months=1, days=-1)}
        )
        sections = report._rrs_report_sections()
        print(
            f"| ({label}: {sections[0]['rows'][0][1]:,} PRS cases open, "
            f"{len(sections[-1]['rows']):,} listed, "
            f"{sum(row[1] for row in sections[2]['rows'][1:5]):,} monthly reports due) | | |"
        )
        measure(
            env,
            f"manager: ORR monthly summary, {label}, computed (PRS-6)",
            lambda report=report: report._rrs_report_sections(),
        )
        measure(
            env,
            f"manager: ORR monthly summary, {label}, XLSX workbook (PRS-6)",
            lambda report=report: (
                env["ir.actions.report"]
                .with_user(manager)
                ._render_xlsx(
                    "rrs_reporting_minors.action_report_orr_monthly_xlsx", report.ids, None
                )
            ),
        )
    env.cr.rollback()


def bench_assistance(env, worker, supervisor, manager):
    """rrs_assistance (rules FIN-1, FIN-2, OUT-3): the lists each role opens, the grant
    budgets, the pivot a manager reads and the per-grant monthly workbook."""
    Request = env["rrs.assistance.request"]
    finance = env["res.users"].search([("login", "=", "bench_finance")], limit=1)
    if not finance or not Request.search_count([], limit=1):
        print("| (no assistance requests: ./scripts/populate DB --assistance-only) | | |")
        return
    print(
        f"\n{Request.search_count([])} assistance requests, "
        f"{env['account.move'].search_count([('rrs_assistance_request_id', '!=', False)])} "
        f"bills.\n\n{table_header()}"
    )
    page = {"limit": 80, "count_limit": 10001}
    measure(
        env,
        "worker: assistance requests of my cases, list page + count",
        lambda: Request.with_user(worker).web_search_read([], ASSISTANCE_LIST, **page),
        odoo_list(env, worker, "mine"),
    )
    measure(
        env,
        "supervisor: team's submitted requests, list page + count",
        lambda: Request.with_user(supervisor).web_search_read(
            [("state", "=", "submitted")], ASSISTANCE_LIST, **page
        ),
        odoo_list(env, supervisor, "team"),
    )
    measure(
        env,
        "finance: requests to validate, list page + count",
        lambda: Request.with_user(finance).web_search_read(
            [("state", "=", "approved")], ASSISTANCE_LIST, **page
        ),
        odoo_list(env, finance, "all"),
    )
    measure(
        env,
        "finance: flagged requests, list page + count",
        lambda: Request.with_user(finance).web_search_read(
            [("has_anomaly", "=", True)], ASSISTANCE_LIST, **page
        ),
        odoo_list(env, finance, "all"),
    )
    Lines = env["crossovered.budget.lines"].with_user(finance)
    measure(
        env,
        "finance: grant budgets with committed, paid, remaining",
        lambda: Lines.web_search_read(
            [("analytic_account_id.rrs_is_grant", "=", True)], BUDGET_LIST, limit=80
        ),
    )
    measure(
        env,
        "manager: assistance by purpose and stage (pivot)",
        lambda: Request.with_user(manager).formatted_read_group(
            [], ["purpose_id", "state"], ["amount:sum", "__count"]
        ),
    )
    grant = env["account.analytic.account"].search([("rrs_is_grant", "=", True)], limit=1)
    wizard = (
        env["rrs.assistance.grant.report.wizard"]
        .with_user(finance)
        .create({"grant_id": grant.id, "month": fields.Date.today()})
    )
    measure(
        env,
        "finance: XLSX workbook of one grant for one month",
        lambda: (
            env["ir.actions.report"]
            .with_user(finance)
            ._render_xlsx("rrs_assistance.grant_month_xlsx", wizard.ids, None)
        ),
    )


VOLUNTEER_LIST = {
    "name": {},
    "phone": {},
    "language_ids": {"fields": {"display_name": {}}},
    "skill_ids": {"fields": {"display_name": {}}},
    "coordinator_id": {"fields": {"display_name": {}}},
    "next_expiry_date": {},
    "is_matchable": {},
    "state": {},
}
MATCH_LIST = {
    "name": {},
    "task_type_id": {"fields": {"display_name": {}}},
    "case_id": {"fields": {"display_name": {}}},
    "family_first_names": {},
    "volunteer_id": {"fields": {"display_name": {}}},
    "meeting_datetime": {},
    "state": {},
}


def bench_volunteers(env, worker):
    """rrs_volunteer (rules VOL-1, VOL-2): the coordinator's lists, the ranking of screened
    volunteers for a match, a case worker's matches, the volunteer's portal data, the hours
    pivot and the screening reminder cron."""
    Volunteer = env["rrs.volunteer"]
    coordinator = env["res.users"].search([("login", "=", "bench_coordinator")], limit=1)
    if not coordinator:
        print("\n(no bench volunteers: ./scripts/populate DB --volunteers-only)")
        return
    Match = env["rrs.volunteer.match"]
    Hours = env["rrs.volunteer.hours"]
    print(
        f"\n{Volunteer.search_count([])} volunteers, {Match.search_count([])} matches, "
        f"{Hours.search_count([])} hours lines.\n\n{table_header()}"
    )
    page = {"limit": 80, "count_limit": 10001}
    V = Volunteer.with_user(coordinator)
    measure(
        env,
        "coordinator: volunteers, list page + count",
        lambda: V.web_search_read([], VOLUNTEER_LIST, **page),
        odoo_list(env, coordinator, "all"),
    )
    measure(
        env,
        "coordinator: screened volunteers (search on the computed screening)",
        lambda: V.web_search_read([("is_matchable", "=", True)], VOLUNTEER_LIST, **page),
        odoo_list(env, coordinator, "all"),
    )
    measure(
        env,
        "coordinator: matches to propose and active, list page + count",
        lambda: Match.with_user(coordinator).web_search_read(
            [("state", "in", ("requested", "proposed", "active"))], MATCH_LIST, **page
        ),
        odoo_list(env, coordinator, "all"),
    )
    match = Match.search([("state", "=", "active")], limit=1)
    if match:
        measure(
            env,
            "coordinator: rank every screened volunteer for a match",
            lambda: match.with_user(coordinator).rank_volunteers(),
        )
    measure(
        env,
        "case worker: matches of my families, list page + count",
        lambda: Match.with_user(worker).web_search_read([], MATCH_LIST, **page),
        odoo_list(env, worker, "mine"),
    )
    measure(
        env,
        "coordinator: approved hours by program and month (pivot)",
        lambda: Hours.with_user(coordinator).formatted_read_group(
            [("state", "=", "approved")], ["program_id", "date:month"], ["hours:sum", "value:sum"]
        ),
    )
    portal = Match.search(
        [("state", "=", "active"), ("volunteer_id.user_id", "!=", False)], limit=1
    ).volunteer_id.user_id
    if portal:
        measure(
            env,
            "volunteer (portal): own active matches and hours totals",
            lambda: (
                Match.with_user(portal).search_read(
                    [("state", "=", "active")], ["task_type_id", "family_first_names"]
                ),
                Hours.with_user(portal)._read_group([], ["state"], ["hours:sum"]),
            ),
        )
    bench_cron(env, "Screening reminder cron", "_cron_screening_expiry", "rrs.volunteer")


RESULTS = {}


def _no_commit(env):
    """The crons commit each batch (``ir.cron._commit_progress`` commits outside a cron job
    too): measured without, so that the bench leaves its database as it found it when the
    caller rolls back."""
    from unittest.mock import patch

    return patch.object(env.cr, "commit", lambda: None)


def measure(env, label, fn, odoo_fn=None, undo=False):
    """The median time and the queries of ``fn``; with ``odoo_fn`` (see ``odoo_list``), beside
    the same user's comparable Odoo list, measured interleaved (``measure_pair``); with
    ``undo``, a change whose every run is rolled back outside the measure."""
    if odoo_fn:
        measure_pair(env, label, fn, odoo_fn)
        return
    ms, queries = _timed(env, fn, undo=undo)
    RESULTS[label] = {"ms": ms, "queries": queries}
    print(f"| {label} | {ms:.1f} | {queries} |", flush=True)


# Set by run_all when the bench compares with Odoo's own lists.
ODOO = {"on": False}


def table_header():
    """The header of a table of scenarios, with the columns of Odoo's lists when compared."""
    if ODOO["on"]:
        return (
            "| scenario | suite: median ms | queries | Odoo's project.task: median ms "
            "| queries | suite / Odoo |\n| --- | ---: | ---: | ---: | ---: | ---: |"
        )
    return "| scenario | median ms | queries |\n| --- | ---: | ---: |"


def odoo_list(env, user, share, domain=(), groupby=None):
    """The same user's comparable Odoo list (issue 17), or None without the comparison: the
    open project.task of the user's share of the work, one task per case (``ensure_tasks``):
    ``share`` is "mine" (the tasks assigned to the user), "team" (to the user's team, as a
    supervisor sees the team's cases) or "all" (a manager, finance, a coordinator). ``domain``
    narrows it as the suite's list is narrowed (a name, a date); with ``groupby``, the tasks
    grouped and counted as the suite's grouped list."""
    if not ODOO["on"]:
        return None
    Task = env["project.task"].with_user(user)
    users = {
        "mine": [user.id],
        "team": user.rrs_supervised_user_ids(),
        "all": None,
    }[share]
    full = [("state", "not in", ("1_done", "1_canceled")), *domain]
    if users is not None:
        full.append(("user_ids", "in", users))
    if groupby:
        return lambda: Task.web_read_group(full, groupby, ["__count"])
    return lambda: Task.web_search_read(full, TASK_LIST, limit=80, count_limit=10001)


def odoo_form(env, user):
    """The same user's comparable Odoo form, or None without the comparison: one of the user's
    open tasks read with the task form view's fields, as the web client reads it."""
    if not ODOO["on"]:
        return None
    Task = env["project.task"].with_user(user)
    task = Task.search(
        [("state", "not in", ("1_done", "1_canceled")), ("user_ids", "in", user.ids)], limit=1
    )
    if not task:
        return None
    spec = _view_spec(task)
    return lambda: task.web_read(spec)


def measure_pair(env, label, fn, odoo_fn):
    """The suite's scenario and the same user's comparable Odoo list (project.task),
    measured interleaved: one run of each to warm the caches, then REPEAT runs alternating,
    so a busy moment of the machine weighs on both alike."""
    runs = {"suite": [], "odoo": []}
    for run in range(REPEAT + 1):
        for key, call in (("suite", fn), ("odoo", odoo_fn)):
            measured = _run_once(env, call)
            if run:
                runs[key].append(measured)
    (ms, queries), (odoo_ms, odoo_queries) = _summary(runs["suite"]), _summary(runs["odoo"])
    RESULTS[label] = {
        "ms": ms,
        "queries": queries,
        "odoo_ms": odoo_ms,
        "odoo_queries": odoo_queries,
    }
    print(
        f"| {label} | {ms:.1f} | {queries} | {odoo_ms:.1f} | {odoo_queries} | {ms / odoo_ms:.2f} |",
        flush=True,
    )


def compare(small_path, large_path):
    """The growth of each scenario from one database's results to another's (``--json``)."""
    import json

    with open(small_path) as f:
        small = json.load(f)
    with open(large_path) as f:
        large = json.load(f)
    print(
        f"| scenario | {small['_cases']:,} cases: ms | queries | {large['_cases']:,} cases: ms "
        "| queries | growth | Odoo's project.task: ms | growth | suite / Odoo |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, b in large.items():
        a = small.get(label)
        if label.startswith("_") or not a:
            continue
        row = (
            f"| {label} | {a['ms']:.1f} | {a['queries']} | {b['ms']:.1f} | {b['queries']} "
            f"| {b['ms'] / a['ms']:.2f}x |"
        )
        if "odoo_ms" in b and "odoo_ms" in a:
            row += (
                f" {b['odoo_ms']:.1f} | {b['odoo_ms'] / a['odoo_ms']:.2f}x "
                f"| {b['ms'] / b['odoo_ms']:.2f} |"
            )
        else:
            row += " | | |"
        print(row)


def main():
    import sys

    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
        return
    p = parser(__doc__)
    p.add_argument("--json", help="also write the results to this file (see --compare)")
    p.add_argument(
        "--no-odoo",
        action="store_true",
        help="without the comparison with Odoo's project.task lists",
    )
    p.add_argument(
        "--setup-only",
        action="store_true",
        help="only install the project app and create its tasks (they take minutes once)",
    )
    p.add_argument(
        "--reporting-only",
        action="store_true",
        help="only the dashboards and reports of rrs_reporting",
    )
    p.add_argument(
        "--orr-only",
        action="store_true",
        help="only the ORR monthly summary (rrs_reporting_minors, PRS-6)",
    )
    args = p.parse_args()
    if args.orr_only:
        with environment(args) as env:
            bench_orr_monthly(env, env.ref("base.user_admin"))
        return
    if args.reporting_only:
        with environment(args) as env:
            RESULTS["_cases"] = env["rrs.case"].search_count([])
            worker, supervisor = _busiest_worker(env)
            bench_reporting(env, worker, supervisor, env.ref("base.user_admin"))
        if args.json:
            import json

            with open(args.json, "w") as f:
                json.dump(RESULTS, f, indent=1)
        return
    if not args.no_odoo:
        ensure_project(args)
    with environment(args) as env:
        odoo = not args.no_odoo
        if odoo:
            ensure_tasks(env)
    if args.setup_only:
        return
    # Each run starts from the same state of the tables: the bench rolls back what it writes,
    # but an update rolled back still clears its page's bit in the visibility map, which
    # index-only scans read. Runs before this left a third of the cases' pages unmarked at
    # 101,000 cases and none at 10,100, a difference of state, not of size (issue 17).
    vacuum_analyze(args)
    with environment(args) as env:
        run_all(env, args, odoo)
    if args.json:
        import json

        with open(args.json, "w") as f:
            json.dump(RESULTS, f, indent=1)


def _busiest_worker(env):
    """The worker with the most open cases, and their supervisor."""
    [(worker, _count)] = env["rrs.case"]._read_group(
        [("state", "!=", "closed")], ["user_id"], ["__count"], order="__count desc", limit=1
    )
    return worker, worker.employee_ids.parent_id.user_id[:1]


def run_all(env, args, odoo):
    Case = env["rrs.case"]
    total = Case.search_count([])
    RESULTS["_cases"] = total
    open_count = Case.search_count([("state", "!=", "closed")])
    groups = Case._read_group(
        [("state", "!=", "closed")], ["user_id"], ["__count"], order="__count desc", limit=1
    )
    worker, supervisor = _busiest_worker(env)
    team = env["res.users"].browse(supervisor.rrs_supervised_user_ids())
    manager = env.ref("base.user_admin")
    print(
        f"Database {args.database}: {total} cases, {open_count} open, "
        f"{env['rrs.case.member'].search_count([])} people, "
        f"{env['rrs.case.note'].search_count([])} notes. "
        f"Worker {worker.login} has {groups[0][1]} open cases; the supervisor's team "
        f"{Case.search_count([('worker_user_ids', 'in', team.ids)])} cases.\n"
    )
    open_domain = [("state", "!=", "closed")]
    mine = [("worker_user_ids", "in", [worker.id])] + open_domain
    W = Case.with_user(worker)
    S = Case.with_user(supervisor)
    M = Case.with_user(manager)
    page = {"limit": 80, "count_limit": 10001}

    def kanban(model, domain, groupby, spec):
        return model.web_read_group(
            domain,
            [groupby],
            auto_unfold=True,
            unfold_read_specification=spec,
            unfold_read_default_limit=40,
        )

    if odoo:
        Task = env["project.task"]
        TW, TS, TM = Task.with_user(worker), Task.with_user(supervisor), Task.with_user(manager)
        task_open = [("state", "not in", ("1_done", "1_canceled"))]
        my_tasks = [("user_ids", "in", [worker.id])] + task_open
        team_tasks = [("user_ids", "in", team.ids)] + task_open
        print(
            "| scenario | suite: median ms | queries | Odoo's project.task: median ms "
            "| queries | suite / Odoo |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        pair = measure_pair
        ODOO["on"] = True
    else:
        print("| scenario | median ms | queries |")
        print("| --- | ---: | ---: |")

        def pair(env, label, fn, _odoo_fn):
            measure(env, label, fn)

        TW = TS = TM = my_tasks = team_tasks = task_open = None

    pair(
        env,
        "worker: My cases, list page (80) + count",
        lambda: W.web_search_read(mine, CASE_LIST, **page),
        lambda: TW.web_search_read(my_tasks, TASK_LIST, **page),
    )
    pair(
        env,
        "worker: My cases, kanban by stage",
        lambda: kanban(W, mine, "state", KANBAN),
        lambda: kanban(TW, my_tasks, "stage_id", TASK_KANBAN),
    )
    pair(
        env,
        "worker: search a household member by name",
        lambda: W.web_search_read(
            [
                ("member_names", "ilike", "Rahimi"),
                ("worker_user_ids", "in", [worker.id]),
            ],
            CASE_LIST,
            **page,
        ),
        lambda: TW.web_search_read(
            [("name", "ilike", "Rahimi"), ("user_ids", "in", [worker.id])], TASK_LIST, **page
        ),
    )
    pair(
        env,
        "supervisor: team's open cases, list page + count",
        lambda: S.web_search_read(open_domain, CASE_LIST, **page),
        lambda: TS.web_search_read(team_tasks, TASK_LIST, **page),
    )
    pair(
        env,
        "supervisor: team's cases, kanban by stage",
        lambda: kanban(S, [], "state", KANBAN),
        lambda: kanban(TS, [("user_ids", "in", team.ids)], "stage_id", TASK_KANBAN),
    )
    pair(
        env,
        "supervisor: search a household member by name",
        lambda: S.web_search_read([("member_names", "ilike", "Rahimi")], CASE_LIST, **page),
        lambda: TS.web_search_read(
            [("name", "ilike", "Rahimi"), ("user_ids", "in", team.ids)], TASK_LIST, **page
        ),
    )
    pair(
        env,
        "manager: open cases, list page + count",
        lambda: M.web_search_read(open_domain, CASE_LIST, **page),
        lambda: TM.web_search_read(task_open, TASK_LIST, **page),
    )
    pair(
        env,
        "manager: all cases, list page + count",
        lambda: M.web_search_read([], CASE_LIST, **page),
        lambda: TM.web_search_read([], TASK_LIST, **page),
    )
    pair(
        env,
        "manager: open cases grouped by program and worker",
        lambda: M.web_read_group(open_domain, ["program_id", "user_id"], ["__count"]),
        lambda: TM.web_read_group(task_open, ["project_id", "user_ids"], ["__count"]),
    )
    pair(
        env,
        "manager: kanban by stage, all cases",
        lambda: kanban(M, [], "state", KANBAN),
        lambda: kanban(TM, [], "stage_id", TASK_KANBAN),
    )
    pair(
        env,
        "manager: search a household member by name",
        lambda: M.web_search_read([("member_names", "ilike", "Rahimi")], CASE_LIST, **page),
        lambda: TM.web_search_read([("name", "ilike", "Rahimi")], TASK_LIST, **page),
    )
    pair(
        env,
        "manager: urgent open cases",
        lambda: M.web_search_read(
            [("priority", "in", ("1", "2"))] + open_domain, CASE_LIST, **page
        ),
        lambda: TM.web_search_read([("priority", "=", "1")] + task_open, TASK_LIST, **page),
    )
    case = W.search(mine, limit=1)
    # the fields the web client reads for each form as its user sees it (the eighth pass of
    # issue 17: a spec written by hand left out the case's one2many tabs, among them the
    # assessments' comparison that read every completed matrix of the database)
    form = _view_spec(case)
    # Every scenario above and below collects its access-log entries in memory (REC-4);
    # ``measure`` leaves them unwritten. These two write them as the commit would.
    env.cr.precommit.clear()
    measure(env, "worker: open a case form", lambda: case.web_read(form), odoo_form(env, worker))
    print(f"\n{table_header()}")
    measure(
        env,
        "worker: open a case form, and write its access-log entry (the commit's part)",
        lambda: (case.web_read(form), env.cr.precommit.run()),
    )
    measure(
        env,
        "worker: My cases list page, and write its access-log entry",
        lambda: (
            W.web_search_read(mine, CASE_LIST, limit=80, count_limit=10001),
            env.cr.precommit.run(),
        ),
        odoo_list(env, worker, "mine"),
    )
    Note = env["rrs.case.note"]
    measure(
        env,
        "worker: case notes list (late first)",
        lambda: Note.with_user(worker).web_search_read(
            [("is_late", "=", True)],
            {"subject": {}, "contact_date": {}, "case_id": {"fields": {"display_name": {}}}},
            limit=80,
        ),
        odoo_list(env, worker, "mine"),
    )
    Plan = env["rrs.service.plan"]
    measure(
        env,
        "worker: service plans list (current and drafts) + count",
        lambda: Plan.with_user(worker).web_search_read(
            [("state", "in", ("draft", "signed"))], PLAN_LIST, limit=80, count_limit=10001
        ),
        odoo_list(env, worker, "mine"),
    )
    measure(
        env,
        "supervisor: service plans list of the team + count",
        lambda: Plan.with_user(supervisor).web_search_read(
            [("state", "in", ("draft", "signed"))], PLAN_LIST, limit=80, count_limit=10001
        ),
        odoo_list(env, supervisor, "team"),
    )
    Item = env["rrs.case.checklist.item"]
    measure(
        env,
        "worker: overdue reception tasks of my cases + count",
        lambda: Item.with_user(worker).web_search_read(
            [("state", "=", "todo"), ("due_date", "<", fields.Date.today())],
            {"due_date": {}, "name": {}, "case_id": {"fields": {"display_name": {}}}},
            limit=80,
            count_limit=10001,
        ),
        odoo_list(env, worker, "mine", [("date_deadline", "<", fields.Date.today())]),
    )
    # The case work beside the notes and plans (populated by scripts/populate since the
    # sixth pass of issue 17): referrals (PLAN-6), home visits (VIS-1), reviews (PLAN-4).
    Referral, Visit = env["rrs.referral"], env["rrs.home.visit"]
    # the specifications the web client sends for these lists, as each user sees them
    referral_list = {u: _view_spec(Referral.with_user(u), "list") for u in (worker, supervisor)}
    visit_list = _view_spec(Visit.with_user(worker), "list")
    open_referrals = [("state", "in", ("draft", "sent", "accepted", "in_service"))]
    measure(
        env,
        "worker: my open referrals, list page + count",
        lambda: Referral.with_user(worker).web_search_read(
            [("user_id", "=", worker.id), *open_referrals],
            referral_list[worker],
            limit=80,
            count_limit=10001,
        ),
        odoo_list(env, worker, "mine"),
    )
    measure(
        env,
        "supervisor: team's open referrals, list page + count",
        lambda: Referral.with_user(supervisor).web_search_read(
            open_referrals,
            referral_list[supervisor],
            limit=80,
            count_limit=10001,
        ),
        odoo_list(env, supervisor, "team"),
    )
    measure(
        env,
        "worker: My visits, list page + count",
        lambda: Visit.with_user(worker).web_search_read(
            [("worker_id", "=", worker.id)],
            visit_list,
            limit=80,
            count_limit=10001,
        ),
        odoo_list(env, worker, "mine"),
    )
    measure(
        env,
        "supervisor: visits to authorise, grouped by worker and day",
        lambda: Visit.with_user(supervisor).web_read_group(
            [("state", "=", "planned")], ["worker_id", "visit_date:day"], ["__count"]
        ),
        odoo_list(env, supervisor, "team", groupby=["user_ids", "date_deadline:day"]),
    )
    soon = fields.Date.today() + timedelta(days=14)
    measure(
        env,
        "supervisor: team's cases with a review due in 14 days + count",
        lambda: Case.with_user(supervisor).web_search_read(
            [("next_review_date", "<=", soon)], CASE_LIST, limit=80, count_limit=10001
        ),
        odoo_list(env, supervisor, "team", [("date_deadline", "<=", soon)]),
    )
    # Incident reports (REC-5, populated since the seventh pass of issue 17): the worker's
    # own, and those the supervisor reviews
    Incident = env["rrs.incident"]
    incident_list = {u: _view_spec(Incident.with_user(u), "list") for u in (worker, supervisor)}
    for label, user, name, share in (
        ("worker: My reports (incidents), list page + count", worker, "mine", "mine"),
        (
            "supervisor: incident reports to review, list page + count",
            supervisor,
            "to_review",
            "team",
        ),
    ):
        measure(
            env,
            label,
            lambda user=user, name=name: Incident.with_user(user).web_search_read(
                _filter_domain(Incident.with_user(user), name),
                incident_list[user],
                limit=80,
                count_limit=10001,
            ),
            odoo_list(env, user, share),
        )
    if "rrs.prs.safety.call" in env:
        bench_prs(env)
    if "rrs.minor.service" in env:
        bench_minors(env)
    if "rrs.self.sufficiency" in env:
        # self-sufficiency of the heads of household (OUT-3, populated since the eighth pass
        # of issue 17): the list of the action, as the worker and the supervisor open it
        Record = env["rrs.self.sufficiency"]
        for label, user, share in (
            ("worker: self-sufficiency of my cases, list page + count", worker, "mine"),
            ("supervisor: self-sufficiency of the team, list page + count", supervisor, "team"),
        ):
            spec = _view_spec(Record.with_user(user), "list")
            measure(
                env,
                label,
                lambda user=user, spec=spec: Record.with_user(user).web_search_read(
                    [], spec, limit=80, count_limit=10001
                ),
                odoo_list(env, user, share),
            )
    # Contacts: people served are protected by record rules on res.partner; these lists
    # show what the rules cost to each role (the integrity issue).
    Partner = env["res.partner"]
    # the search for a name as the Contacts search view sends it (the complete name, the
    # email, the reference, the tax ID, the company ID: the eleventh pass); Odoo's tasks by
    # their name
    by_name = _field_domain(Partner, "name", "Rahimi")
    task_by_name = [("name", "ilike", "Rahimi")]
    contacts = [
        ("worker: Contacts list page (80) + count", worker, [], "mine"),
        ("worker: search a contact by name", worker, by_name, "mine"),
        ("supervisor: Contacts list page (80) + count", supervisor, [], "team"),
        ("supervisor: search a contact by name", supervisor, by_name, "team"),
        ("manager: Contacts list page (80) + count", manager, [], "all"),
        ("manager: search a contact by name", manager, by_name, "all"),
    ]
    finance = env["res.users"].search([("login", "=", "bench_finance")], limit=1)
    if finance:
        # finance pays landlords and utilities: its contacts are the payees and the people
        # of unrestricted cases (REC-1)
        contacts += [
            ("finance: Contacts list page (80) + count", finance, [], "all"),
            ("finance: search a contact by name", finance, by_name, "all"),
        ]
    for label, user, domain, share in contacts:
        # Odoo's list of the same share: the tasks of the user's cases, named by household
        measure(
            env,
            label,
            lambda user=user, domain=domain: Partner.with_user(user).web_search_read(
                domain, PARTNER_LIST, limit=80, count_limit=10001
            ),
            odoo_list(env, user, share, task_by_name if domain else []),
        )
    if "rrs.staff.workload" in env:
        # rrs_staff (rules STF-1, STF-2, STF-4): the team workload and the ranking
        Workload = env["rrs.staff.workload"]
        sums = ["case_count:sum", "client_count:sum", "total_hours:sum"]
        measure(
            env,
            "supervisor: team workload by worker",
            lambda: Workload.with_user(supervisor).web_read_group([], ["user_id"], sums),
            odoo_list(env, supervisor, "team", groupby=["user_ids"]),
        )
        measure(
            env,
            "manager: workload by team",
            lambda: Workload.with_user(manager).web_read_group([], ["supervisor_user_id"], sums),
        )
        Wizard = env["rrs.case.assign.wizard"].with_user(supervisor)
        measure(
            env,
            "supervisor: rank the team to reassign one case",
            lambda: (
                Wizard.with_context(active_model="rrs.case", active_ids=case.ids)
                .create({"case_ids": [Command.set(case.ids)]})
                .candidate_ids.mapped("user_id")
            ),
        )
    if "rrs.assistance.request" in env:
        bench_assistance(env, worker, supervisor, manager)
    if "rrs.volunteer" in env:
        bench_volunteers(env, worker)
    if "rrs.logic.model" in env:
        bench_outcomes(env, worker, manager)
    if "rrs.orr.monthly.report" in env:
        bench_orr_monthly(env, manager)
    if "rrs.dashboard.caseload" in env:
        bench_reporting(env, worker, supervisor, manager)
    env.cr.rollback()
    bench_cron(env, "Case review cron", "_cron_case_reviews")
    env.cr.rollback()
    bench_cron(env, "Reception tasks cron", "_cron_checklist")
    env.cr.rollback()
    bench_cron(env, "Referral follow-up cron", "_cron_referral_follow_up", "rrs.referral")
    env.cr.rollback()
    if "rrs.prs.level" in env:
        bench_cron(env, "PRS clocks cron", "_cron_prs_clocks")
        env.cr.rollback()
    # the drafts of the last days are late once their reporter's next shift has ended: the
    # cron runs at the end of the next working day (UTC), as it would that evening
    evening = datetime.combine(fields.Date.today(), datetime.min.time()) + timedelta(hours=23)
    evening += timedelta(days=1)
    while evening.weekday() >= 5:
        evening += timedelta(days=1)
    late = env["rrs.incident"].search_count(
        [("state", "=", "draft"), ("supervisor_alerted", "=", False), ("due_date", "<", evening)]
    )
    print(f"\n(the incident cron runs on {evening:%A %Y-%m-%d} at 23:00 UTC: {late} drafts late)")
    bench_cron(
        env,
        "Late incident reports cron, at the end of the next working day",
        "_cron_late_incidents",
        "rrs.incident",
        at=evening,
    )
    env.cr.rollback()
    bench_cron(env, "Home visit check-out cron", "_cron_visit_checkout", "rrs.home.visit")
    env.cr.rollback()
    if "rrs.assessment" in env:
        bench_assessment_cron(env)
    env.cr.rollback()
    bench_access_review(env)
    env.cr.rollback()
    bench_disposal(env)
    env.cr.rollback()
    bench_change_history(env, worker)
    env.cr.rollback()
    bench_supervisor_steps(env, worker, supervisor)
    env.cr.rollback()
    history = {
        "create_date": {},
        "user_id": {"fields": {"display_name": {}}},
        "method": {},
        "model_name": {},
        "name": {},
        "rrs_case_id": {"fields": {"display_name": {}}},
    }
    print(f"\n{table_header()}")
    for label, user, share in (("supervisor", supervisor, "team"), ("manager", manager, "all")):
        measure(
            env,
            f"{label}: Change history list page (80) + count",
            lambda user=user: (
                env["auditlog.log"]
                .with_user(user)
                .web_search_read(
                    [("rrs_case_file", "=", True)], history, limit=80, count_limit=10001
                )
            ),
            odoo_list(env, user, share),
        )
    # the access log (REC-4) as it opens: the unusual entries grouped by reason, then the
    # whole log's list page; a supervisor reads the team's users' and cases' entries
    Log = env["rrs.access.log"]
    log_list = _view_spec(Log, "list")
    for label, user, share in (("supervisor", supervisor, "team"), ("manager", manager, "all")):
        measure(
            env,
            f"{label}: access log, unusual entries grouped by reason",
            lambda user=user: Log.with_user(user).web_read_group(
                [("unusual", "=", True)], ["unusual_reason"], ["__count"]
            ),
            odoo_list(env, user, share, groupby=["stage_id"]),
        )
        measure(
            env,
            f"{label}: access log list page (80) + count",
            lambda user=user: Log.with_user(user).web_search_read(
                [], log_list, limit=80, count_limit=10001
            ),
            odoo_list(env, user, share),
        )


def bench_supervisor_steps(env, worker, supervisor, size=40):
    """Issue 17: what a supervisor does to many records at once, each run rolled back: the day's
    visits of the team authorised (VIS-1), a worker's open cases moved to a teammate (STF-4)."""
    print(f"\nSupervisor's steps on {size} records at once (each run rolled back)\n")
    print("| scenario | median ms | queries |\n| --- | ---: | ---: |")
    team = [u for u in supervisor.rrs_supervised_user_ids() if u != supervisor.id]
    visits = env["rrs.home.visit"].search(
        [("state", "=", "planned"), ("worker_id", "in", team)], limit=size
    )
    if visits:
        # the workers' risk assessments, done before the supervisor's step (VIS-2)
        with visits._rrs_system_write():
            visits.sudo().write(
                {
                    "risk_assessed_date": fields.Datetime.now(),
                    "risk_assessed_by_id": worker.id,
                    "risk_level": "low",
                }
            )
        env.flush_all()
        measure(
            env,
            f"supervisor: authorise {len(visits)} of the team's visits",
            lambda: (visits.with_user(supervisor).action_authorise(), env.flush_all()),
            undo=True,
        )
    cases = env["rrs.case"].search(
        [("user_id", "=", worker.id), ("state", "in", ("intake", "active"))], limit=size
    )
    teammates = [u for u in team if u != worker.id]
    if cases and teammates:
        wizard = (
            env["rrs.case.assign.wizard"]
            .with_user(supervisor)
            .with_context(active_model="rrs.case", active_ids=cases.ids)
            .create({})
        )
        wizard.write({"user_id": teammates[0], "reason": "Workload above target"})
        env.flush_all()
        measure(
            env,
            f"supervisor: reassign {len(cases)} of a worker's open cases",
            lambda: (wizard.action_assign(), env.flush_all()),
            undo=True,
        )


def bench_change_history(env, worker):
    """Rule REC-4: what OCA auditlog's change history (with the suite's rules) adds to a save.
    Each write is measured with the rules' methods in place, then with auditlog's patches
    taken off (``_revert_methods``) in the same process, then the patches are put back."""
    rules = env["auditlog.rule"].search([("state", "=", "confirmed")])
    Case = env["rrs.case"].with_user(worker)
    case = Case.search([("worker_user_ids", "in", worker.ids), ("state", "!=", "closed")], limit=1)
    note = env["rrs.case.note"].with_user(worker).search([("case_id", "=", case.id)], limit=1)
    batch = env["rrs.case.note"].search([("case_id.state", "!=", "closed")], limit=100)
    # each run is rolled back: the same change from the same values each time
    priority = "1" if case.priority == "0" else "0"

    def toggle_priority():
        case.write({"priority": priority})
        env.flush_all()

    def edit_note():
        note.write({"purpose": "Follow up with the landlord"})
        env.flush_all()

    def edit_batch():
        batch.write({"purpose": "Checked by the bench"})
        env.flush_all()

    program = case.program_id
    # spread over the bench's workers, as populate does: one worker's 50 more open cases would
    # pass the program's caseload cap (STF-1)
    workers = env["res.users"].search([("login", "=like", "bench_worker_%")]) or worker

    def create_households():
        # populate's kind of batch: 50 households of two, with 3 notes each
        people = env["res.partner"].create([{"name": f"Bench person {i}"} for i in range(100)])
        cases = env["rrs.case"].create(
            [
                {
                    "program_id": program.id,
                    "user_id": workers[i % len(workers)].id,
                    "member_ids": [
                        Command.create({"partner_id": people[2 * i].id, "relationship": "head"}),
                        Command.create(
                            {"partner_id": people[2 * i + 1].id, "relationship": "spouse"}
                        ),
                    ],
                }
                for i in range(50)
            ]
        )
        env["rrs.case.note"].create(
            [{"case_id": c.id, "subject": f"Note {n}"} for c in cases for n in range(3)]
        )
        env.flush_all()

    scenarios = (
        ("system: create 50 households of two with 3 notes each", create_households),
        ("worker: save a change to a case (priority)", toggle_priority),
        ("worker: save a change to a case note", edit_note),
        ("system: one write to 100 case notes", edit_batch),
    )
    print(
        f"\nChange history (OCA auditlog, {len(rules)} rules on the case file): a save with and "
        "without it\n"
    )
    print("| scenario | with: ms | queries | without: ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, fn in scenarios:
        with_history = _timed(env, fn, undo=True)
        rules._revert_methods()
        try:
            without = _timed(env, fn, undo=True)
        finally:
            rules._register_hook()
        print(
            f"| {label} | {with_history[0]:.1f} | {with_history[1]} | "
            f"{without[0]:.1f} | {without[1]} |",
            flush=True,
        )
    env.cr.rollback()


def _timed(env, fn, undo=False):
    """Median ms and most queries of ``REPEAT`` runs after one to warm the caches. With
    ``undo``, each run is rolled back (a savepoint, outside the measure), so runs start alike."""
    runs = []
    for run in range(REPEAT + 1):
        savepoint = env.cr.savepoint() if undo else None
        measured = _run_once(env, fn, savepoint)
        if run:
            runs.append(measured)
    return _summary(runs)


def _run_once(env, fn, savepoint=None):
    """One run: (ms, queries); the savepoint, if any, rolled back outside the measure, and
    the caches emptied for the next run, as a new request starts: the records' cache and the
    cursor's (what the rules read once per transaction: each user's people, their emergency
    accesses), so each run pays for them."""
    before = env.cr.sql_log_count
    start = time.perf_counter()
    fn()
    elapsed = (time.perf_counter() - start) * 1000
    count = env.cr.sql_log_count - before
    if savepoint:
        savepoint.close(rollback=True)
    env.invalidate_all()
    env.cr.cache.clear()
    return elapsed, count


def _summary(runs):
    """Median ms and most queries of the measured runs."""
    return statistics.median(ms for ms, _ in runs), max(queries for _, queries in runs)


def bench_access_review(env):
    """Rule REC-4: the morning review over a month of access-log entries (100,000 opens by the
    bench's users, 30% outside their caseload, and one user opening 40 case files outside it
    on one day), written for the measure and rolled back."""
    env.cr.execute("SELECT id FROM res_users WHERE login LIKE 'bench_%%' ORDER BY id")
    users = [row[0] for row in env.cr.fetchall()]
    env.cr.execute("SELECT id, company_id FROM rrs_case ORDER BY id")
    cases = env.cr.fetchall()
    if not users or not cases:
        return
    day = datetime.combine(fields.Date.today(), datetime.min.time())
    # the month's entries and reviews populate wrote (scripts/populate) make way for the
    # measure's own, so that both databases are measured on the same month; rolled back
    env["rrs.access.log"].flush_model()
    env.cr.execute("DELETE FROM rrs_access_log WHERE date >= %s", [day - timedelta(days=31)])
    env.cr.execute(
        "DELETE FROM rrs_access_review WHERE date >= %s", [(day - timedelta(days=31)).date()]
    )
    rng = random.Random(1)
    rows = []
    for _i in range(100000):
        case, company = rng.choice(cases)
        when = day - timedelta(days=rng.randint(1, 30), seconds=rng.randint(0, 86399))
        rows.append((when, rng.choice(users), case, company, rng.random() < 0.3))
    heavy = day - timedelta(days=2)
    rows += [
        (heavy + timedelta(minutes=k), users[0], case, company, True)
        for k, (case, company) in enumerate(cases[:40])
    ]
    execute_values(
        env.cr._obj,
        "INSERT INTO rrs_access_log (date, user_id, action, res_model, res_id, case_id, "
        "company_id, outside_caseload, record_count, restricted, emergency, unusual) VALUES %s",
        [
            (when, user, "open", "rrs.case", case, case, company, outside, 1, False, False, False)
            for when, user, case, company, outside in rows
        ],
    )
    env.cr.execute("ANALYZE rrs_access_log")
    print(f"\nAccess review cron over {len(rows)} access-log entries (REC-4)\n")
    print("| day | median ms | queries | reviews | activities |")
    print("| --- | ---: | ---: | ---: | ---: |")
    Review = env["rrs.access.review"]
    for label, offset in (("without unusual access", 3), ("one user above the threshold", 2)):
        target = (day - timedelta(days=offset)).date()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        Review._cron_daily_review(target)
        ms = (time.perf_counter() - start) * 1000
        reviews = Review.search([("date", "=", target)])
        print(
            f"| {label} | {ms:.1f} | {env.cr.sql_log_count - before} | {len(reviews)} "
            f"| {len(reviews.activity_ids)} |",
            flush=True,
        )
    env.cr.rollback()


def bench_disposal(env):
    """Rule REC-3: a program manager disposes of the records of five closed cases past their
    retention (the households' people with them), each run rolled back: PostgreSQL checks
    every foreign key to each deleted row, from an index or by reading the table."""
    manager = env.ref("base.user_admin")
    cases = (
        env["rrs.case"]
        .with_user(manager)
        .search(
            [
                ("state", "=", "closed"),
                ("retention_until_date", "<", fields.Date.today()),
                ("litigation_hold", "=", False),
            ],
            limit=5,
            order="id",
        )
    )
    if len(cases) < 5:
        return
    env.flush_all()
    ms, queries = _timed(env, lambda: (cases.action_dispose(), env.flush_all()), undo=True)
    label = "manager: dispose of the records of 5 cases past their retention"
    RESULTS[label] = {"ms": ms, "queries": queries}
    print(f"\n| {label} | {ms:.1f} | {queries} |", flush=True)
    env.cr.rollback()


def bench_prs(env):
    """Post-release services (rules PRS-1 to PRS-6): the PRS compliance list as it opens (the
    open cases) and with its *PRS clock overdue* filter, as the worker with the most open PRS
    cases and their supervisor see it."""
    Case = env["rrs.case"]
    [(prs_worker, _count)] = Case._read_group(
        [("is_prs", "=", True), ("state", "!=", "closed")],
        ["user_id"],
        ["__count"],
        order="__count desc",
        limit=1,
    )
    prs_supervisor = prs_worker.employee_ids.parent_id.user_id[:1]
    view = env.ref("rrs_minors.rrs_case_view_list_prs")
    for label, user, share in (
        ("PRS worker", prs_worker, "mine"),
        ("PRS supervisor", prs_supervisor, "team"),
    ):
        if not user:
            continue
        Cases = Case.with_user(user)
        spec = _view_spec(Cases, "list", view.id)
        for title, name in (("open", "open"), ("clock overdue", "prs_late")):
            domain = [("is_prs", "=", True), *_filter_domain(Cases, name)]
            measure(
                env,
                f"{label}: PRS compliance, {title}, list page + count",
                lambda Cases=Cases, domain=domain, spec=spec: Cases.web_search_read(
                    domain, spec, limit=80, count_limit=10001
                ),
                odoo_list(env, user, share),
            )


def bench_minors(env):
    """Minors (rules MIN-1 to MIN-3, PRS-1, PRS-8; populated since the eighth pass of issue
    17): the case form of a household with a separated minor (the caregiver's assessments and
    the child's services) and of a post-release services case with its court hearings and
    moves, each as its worker opens it, beside the worker's own task form in Odoo."""
    Case = env["rrs.case"]
    forms = (
        (
            "worker: open the case form of a household with a separated minor",
            [("member_ids.separated_minor_category", "!=", False)],
        ),
        (
            "PRS worker: open a post-release services case form with its court hearings",
            [("is_prs", "=", True), ("prs_court_date_ids", "!=", False)],
        ),
    )
    for label, domain in forms:
        case = Case.search([*domain, ("state", "!=", "closed")], order="id", limit=1)
        if not case:
            print(f"| {label}: none in this database | | |")
            continue
        mine = case.with_user(case.user_id)
        spec = _view_spec(mine)
        measure(
            env,
            label,
            lambda mine=mine, spec=spec: mine.web_read(spec),
            odoo_form(env, case.user_id),
        )


def bench_cron(env, title, method, model="rrs.case", at=None):
    """A reminder cron (case reviews PLAN-4, reception tasks RES-1, the PRS clocks PRS-1 to
    PRS-5, referral follow-ups PLAN-6, late incident reports REC-5, visits not checked out
    VIS-3, volunteers' screening VOL-1), twice: reminders, then a quiet day, without
    committing (the caller rolls back).
    ``at``: the moment the cron runs (UTC), when today would find nothing to do."""
    import contextlib

    from freezegun import freeze_time

    if model == "rrs.case":
        count = env[model].search_count([("state", "!=", "closed")])
        print(f"\n{title} ({count} open cases):\n")
    else:
        print(f"\n{title} ({env[model].search_count([])} records of {model}):\n")
    print("| run | ms | queries |")
    print("| --- | ---: | ---: |")
    for label in ("first run (reminders)", "second run (nothing to change)"):
        with _no_commit(env), freeze_time(at, tick=True) if at else contextlib.nullcontext():
            before = env.cr.sql_log_count
            start = time.perf_counter()
            getattr(env[model], method)()
            seconds = time.perf_counter() - start
            queries = env.cr.sql_log_count - before
        RESULTS[f"{title}, {label}"] = {"ms": seconds * 1000, "queries": queries}
        print(f"| {label} | {seconds * 1000:.1f} | {queries} |", flush=True)


def bench_assessment_cron(env):
    """The daily assessment cron over every open assessment, twice: the second run finds
    everything done already (idempotence) and shows the cost of a quiet day."""
    import odoo.addons.rrs_assessment.models.rrs_assessment as module

    Assessment = env["rrs.assessment"]
    open_count = Assessment.search_count([("state", "in", ("planned", "in_progress"))])
    print(f"\nAssessment cron ({open_count} open assessments, batches of {module.BATCH_SIZE}):\n")
    print("| run | seconds | queries | queries per batch |")
    print("| --- | ---: | ---: | ---: |")
    batches = -(-open_count // module.BATCH_SIZE)
    for label in ("first run (flags and reminders)", "second run (nothing to change)"):
        with _no_commit(env):
            before = env.cr.sql_log_count
            start = time.perf_counter()
            Assessment._cron_assessment_reminders()
            seconds = time.perf_counter() - start
            queries = env.cr.sql_log_count - before
        RESULTS[f"Assessment cron, {label}"] = {"ms": seconds * 1000, "queries": queries}
        print(
            f"| {label} | {seconds:.1f} | {queries} | {queries / max(batches, 1):.0f} |", flush=True
        )


if __name__ == "__main__":
    main()
