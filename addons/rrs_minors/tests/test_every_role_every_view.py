# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every role opens every screen of the suite, as the web client would.

For each demo user (and a volunteer made here), the test walks the suite's menus and window
actions the user can see, loads each action's views with ``get_views`` and reads real demo
records with the field specification the web client builds from those views: ``web_search_read``
for lists, kanbans, calendars and activity views, ``web_read`` on the records for forms
(x2many sub-views included), ``onchange`` for a new record, ``web_read_group`` for kanban
columns and the list's group-by options, ``formatted_read_group(ing_sets)`` for graphs and
pivots. Any error is a screen the role cannot open. A new model, action or view is covered
without a new line here.
"""

import re

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

DEMO_USERS = (
    "rrs_case.user_worker1_demo",
    "rrs_case.user_worker2_demo",
    "rrs_case.user_worker3_demo",  # works in French (Canada)
    "rrs_case.user_supervisor_demo",
    "rrs_case.user_manager_demo",
    "rrs_case.user_finance_demo",
    "rrs_case.user_auditor_demo",
    # rrs_volunteer, when installed
    "rrs_volunteer.user_coordinator_demo",
)
SUITE_PREFIX = "rrs_"
RECORD_LIMIT = 80
CHATTER_LIMIT = 5
CHATTER_REQUESTS = ["activities", "attachments", "followers", "scheduledMessages", "contact_fields"]
SUBVIEW_TAGS = ("list", "kanban", "form", "calendar", "graph")
RAW_NAME = re.compile(r"^[\w.]+,(\d+|NewId.*)$")
MULTI_RECORD_VIEWS = {"list", "kanban", "pivot", "graph", "calendar", "activity"}


def _field_nodes(node):
    """The <field> nodes of a view at its own level (not those of x2many sub-views)."""
    for child in node.iterchildren(tag=etree.Element):
        if child.tag == "field":
            yield child
        elif child.tag == "groupby":
            continue
        else:
            yield from _field_nodes(child)


@tagged("post_install", "-at_install")
class TestEveryRoleEveryView(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.env["res.users"]
        for xmlid in DEMO_USERS:
            user = cls.env.ref(xmlid, raise_if_not_found=False)
            if user:
                cls.users |= user
        cls.users |= new_test_user(
            cls.env, login="rrs_volunteer_views", groups="rrs_case.group_volunteer"
        )

    # ------------------------------------------------------------ the web client
    def _user_env(self, user, context=None):
        ctx = {
            "lang": user.lang or "en_US",
            "tz": user.tz or "UTC",
            "uid": user.id,
            "allowed_company_ids": [user.company_id.id],
        }
        ctx.update(context or {})
        return self.env(user=user, context=ctx, su=False)

    def _eval_context(self, env):
        return {
            "uid": env.uid,
            "user": env.user,
            "context": dict(env.context),
            "active_id": False,
            "active_ids": [],
            "active_model": False,
            "allowed_company_ids": env.context.get("allowed_company_ids", []),
            "current_company_id": env.company.id,
            "context_today": lambda: fields.Date.context_today(env.user),
            "datetime": safe_datetime,
            "relativedelta": relativedelta,
            "time": safe_time,
        }

    def _eval(self, env, expr, default):
        if not expr:
            return default
        if not isinstance(expr, str):
            return expr
        return safe_eval(expr, self._eval_context(env))

    def _spec(self, env, model, node):
        """The web_read specification of a view node, as the web client builds it."""
        spec = {}
        for fnode in _field_nodes(node):
            name = fnode.get("name")
            field = env[model]._fields.get(name)
            if field is None:
                continue
            if field.type in ("many2one", "reference"):
                spec[name] = {"fields": {"display_name": {}}}
            elif field.type in ("one2many", "many2many"):
                subview = next(
                    (c for c in fnode.iterchildren(*SUBVIEW_TAGS) if c.tag != "form"), None
                )
                if subview is not None:
                    spec[name] = {
                        "fields": self._spec(env, field.comodel_name, subview),
                        "limit": 40,
                    }
                else:
                    spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def _search_defaults(self, env, model, search_arch, context):
        """Domain of the search_default_* filters and the search view's group-by options."""
        domain, group_bys = [], []
        root = etree.fromstring(search_arch)
        for node in root.iter("filter"):
            name = node.get("name")
            ctx = self._eval(env, node.get("context"), {})
            group_by = ctx.get("group_by")
            # a properties group-by opens a sub-menu of properties in the web client
            field = env[model]._fields.get(group_by.split(":")[0]) if group_by else None
            if field and field.type != "properties":
                group_bys.append(group_by)
            if name and context.get(f"search_default_{name}") and node.get("domain"):
                domain += self._eval(env, node.get("domain"), [])
        return domain, group_bys

    # ----------------------------------------------------------------- openers
    def _open_view(self, env, action, view_type, view, search):
        """Open one view of an action; returns nothing, raises what the user would see."""
        model = env[action["res_model"]]
        arch = etree.fromstring(view["arch"])
        spec = self._spec(env, model._name, arch)
        domain = list(self._eval(env, action.get("domain"), []))
        filter_domain, group_bys = search
        if model._transient:
            if view_type == "form":
                model.onchange({}, [], spec)
            return
        records_domain = domain + filter_domain
        records = model.search(records_domain, limit=RECORD_LIMIT)
        if not records:
            records = model.search(domain, limit=RECORD_LIMIT)
        order = arch.get("default_order")
        if view_type == "list":
            model.web_search_read(records_domain, spec, limit=RECORD_LIMIT, order=order)
            for group_by in group_bys:
                model.web_read_group(
                    records_domain,
                    [group_by],
                    limit=RECORD_LIMIT,
                    unfold_read_specification=spec,
                )
        elif view_type == "kanban":
            group_by = action["context"].get("group_by") or arch.get("default_group_by")
            if group_by:
                model.web_read_group(
                    records_domain,
                    [group_by],
                    auto_unfold=True,
                    unfold_read_specification=spec,
                )
                progressbar = arch.find(".//progressbar")
                if progressbar is not None:
                    model.read_progress_bar(
                        records_domain,
                        group_by,
                        {
                            "field": progressbar.get("field"),
                            "colors": self._eval(env, progressbar.get("colors"), {}),
                        },
                    )
            else:
                model.web_search_read(records_domain, spec, limit=RECORD_LIMIT, order=order)
        elif view_type == "form":
            if records:
                self._read_records(records, spec)
                if arch.find(".//chatter") is not None:
                    for record in records[:CHATTER_LIMIT]:
                        self._open_chatter(record)
            if model.has_access("create") and arch.get("create") not in ("0", "false", "False"):
                model.onchange({}, [], spec)
        elif view_type == "calendar":
            for attr in ("date_start", "date_stop", "all_day", "color"):
                if arch.get(attr):
                    spec.setdefault(arch.get(attr), {})
            spec.setdefault("display_name", {})
            date_start = arch.get("date_start")
            today = fields.Datetime.now()
            model.web_search_read(
                [
                    *records_domain,
                    (date_start, ">=", today - relativedelta(months=1)),
                    (date_start, "<=", today + relativedelta(months=1)),
                ],
                spec,
            )
        elif view_type in ("pivot", "graph"):
            rows = [
                n.get("name") + (f":{n.get('interval')}" if n.get("interval") else "")
                for n in arch.iter("field")
                if n.get("type") in ("row", None, "col") and n.get("type") != "measure"
            ]
            measures = [n.get("name") for n in arch.iter("field") if n.get("type") == "measure"]
            aggregates = [
                f"{name}:{model._fields[name].aggregator or 'sum'}"
                for name in measures
                if name in model._fields
            ] + ["__count"]
            groupby = [g for g in rows if g.split(":")[0] in model._fields] or group_bys[:1]
            if view_type == "pivot":
                model.formatted_read_grouping_sets(
                    records_domain, [[], *[[g] for g in groupby], groupby], aggregates
                )
            else:
                model.formatted_read_group(records_domain, groupby[:1], aggregates)
        elif view_type == "activity":
            model.web_search_read(records_domain, spec, limit=RECORD_LIMIT)
            env["mail.activity"].get_activity_data(model._name, records_domain, limit=RECORD_LIMIT)
        else:
            model.web_search_read(records_domain, spec, limit=RECORD_LIMIT)

    def _open_chatter(self, record):
        """What the form's chatter loads: followers, activities, attachments, messages."""
        store = Store()
        store.add(record, request_list=CHATTER_REQUESTS, as_thread=True)
        store.get_result()
        messages = record.env["mail.message"]._message_fetch(domain=None, thread=record, limit=30)
        Store().add(messages["messages"]).get_result()

    def _read_records(self, records, spec):
        """web_read each record the list gives, as the form does one by one; the form's
        title and breadcrumb show a name, never the raw ``model,id``."""
        spec = dict(spec, display_name={})
        try:
            values = records.web_read(spec)
        except AccessError:
            for record in records:
                record.env.invalidate_all()
                record.web_read(spec)  # raises, naming this record in the report
            raise
        raw = [v["display_name"] for v in values if RAW_NAME.match(v["display_name"] or "")]
        if raw:
            raise AssertionError(f"Records without a name in the breadcrumb: {raw[:3]}")

    def _actions_of(self, user):
        """Window actions the user can reach: from the suite's visible menus, and the suite's
        own actions whose groups the user has and whose model the user may read."""
        env = self._user_env(user)
        menus = env["ir.ui.menu"].load_menus(False)
        roots = {
            menu_id
            for menu_id in menus["root"]["children"]
            if (menus[menu_id].get("xmlid") or "").startswith(SUITE_PREFIX)
        }
        actions = {}
        for menu in menus.values():
            if menu.get("app_id") in roots and menu.get("action_model") == "ir.actions.act_window":
                actions[menu["action_id"]] = menu["xmlid"]
        suite_actions = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.act_window"), ("module", "=like", f"{SUITE_PREFIX}%")]
        )
        for data in suite_actions:
            action = self.env["ir.actions.act_window"].browse(data.res_id)
            if action.group_ids and not (action.group_ids & user.all_group_ids):
                continue
            if action.res_model not in env or not env[action.res_model].has_access("read"):
                continue
            actions.setdefault(action.id, data.complete_name)
        return actions

    def _open_action(self, user, action_id):
        """Open each view of one action; yields (view_type, error or None)."""
        env = self._user_env(user)
        action = env["ir.actions.act_window"].browse(action_id)._get_action_dict()
        context = self._eval(env, action.get("context"), {})
        action["context"] = context
        env = self._user_env(user, context)
        model = env[action["res_model"]]
        views = [(view_id or False, view_type) for view_id, view_type in action["views"]]
        search_id = action.get("search_view_id")
        search_id = search_id[0] if isinstance(search_id, (list, tuple)) else search_id
        try:
            result = model.get_views(
                [*views, (search_id or False, "search")],
                {"load_filters": True, "toolbar": True, "action_id": action_id},
            )
            search = self._search_defaults(
                env, model._name, result["views"]["search"]["arch"], context
            )
        except Exception as exc:  # noqa: BLE001 - reported with the screen it belongs to
            yield "search", exc
            return
        for _view_id, view_type in views:
            self.env.invalidate_all()
            try:
                with self.env.cr.savepoint():
                    self._open_view(env, action, view_type, result["views"][view_type], search)
            except Exception as exc:  # noqa: BLE001 - reported with the screen it belongs to
                yield view_type, exc
            else:
                yield view_type, None

    def _server_actions_of(self, user):
        """Server actions the user reaches from the suite's visible menus (the dashboards)."""
        env = self._user_env(user)
        menus = env["ir.ui.menu"].load_menus(False)
        roots = {
            menu_id
            for menu_id in menus["root"]["children"]
            if (menus[menu_id].get("xmlid") or "").startswith(SUITE_PREFIX)
        }
        return {
            menu["action_id"]: menu["xmlid"]
            for menu in menus.values()
            if menu.get("app_id") in roots and menu.get("action_model") == "ir.actions.server"
        }

    def _open_server_action(self, user, action_id):
        """Run the menu's server action as the user and open the window it returns with its
        record, as the web client does; yields (view_type, error or None)."""
        env = self._user_env(user)
        try:
            with self.env.cr.savepoint():
                result = env["ir.actions.server"].browse(action_id).run()
                self.assertEqual(result["type"], "ir.actions.act_window")
                model = env[result["res_model"]]
                views = model.get_views(result["views"])["views"]
                for _view_id, view_type in result["views"]:
                    self.env.invalidate_all()
                    arch = etree.fromstring(views[view_type]["arch"])
                    record = model.browse(result["res_id"])
                    record.web_read(self._spec(env, model._name, arch))
        except Exception as exc:  # noqa: BLE001 - reported with the screen it belongs to
            yield "server action", exc
        else:
            yield "server action", None

    def test_every_role_opens_every_screen(self):
        self.assertIn(
            self.env.ref("rrs_case.user_worker1_demo", raise_if_not_found=False),
            self.users,
            "The test runs on the demo data (scripts/test installs it).",
        )
        opened, failures = [], []
        for user in self.users:
            for action_id, xmlid in sorted(self._server_actions_of(user).items()):
                for view_type, error in self._open_server_action(user, action_id):
                    if error is None:
                        opened.append((user.login, xmlid, view_type))
                    else:
                        failures.append(
                            f"{user.login} | {xmlid} | {view_type}: {type(error).__name__}: {error}"
                        )
            for action_id, xmlid in sorted(self._actions_of(user).items()):
                for view_type, error in self._open_action(user, action_id):
                    if error is None:
                        opened.append((user.login, xmlid, view_type))
                    else:
                        failures.append(
                            f"{user.login} | {xmlid} | {view_type}: {type(error).__name__}: {error}"
                        )
        print(  # noqa: T201 - the count is part of the test's report  # pylint: disable=print-used
            f"\nEvery role, every view: {len(opened)} (role, action, view) combinations opened, "
            f"{len(failures)} failed."
        )
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreater(len(opened), 0)
        if "rrs.dashboard.caseload" in self.env:  # rrs_reporting: the dashboards were opened
            manager = self.env.ref("rrs_case.user_manager_demo").login
            self.assertIn(
                (manager, "rrs_reporting.rrs_dashboard_caseload_menu", "server action"), opened
            )
        # every demo role reaches the suite (the volunteer has no case data)
        logins = {login for login, _xmlid, _view in opened}
        for user in self.users.filtered(lambda u: u.login != "rrs_volunteer_views"):
            self.assertIn(user.login, logins)

    def test_fields_of_records_a_role_may_not_read_stay_closed(self):
        """The other side: the case's fields that show records a role may not read are
        refused to it by name, not only left out of its screens."""
        finance = self.env.ref("rrs_case.user_finance_demo")
        auditor = self.env.ref("rrs_case.user_auditor_demo")
        supervisor = self.env.ref("rrs_case.user_supervisor_demo")
        case = self.env["rrs.case"].with_user(finance).search([], limit=1)
        self.assertTrue(case)
        # roles (README): finance never reads notes, forms, referrals, plans or assessments
        closed = ("note_ids", "consent_ids", "referral_ids", "assessment_ids", "current_plan_id")
        for name in closed:
            with self.assertRaisesRegex(AccessError, "not have enough rights to access the field"):
                case.read([name])
        self.assertTrue(case.read(["name", "member_ids", "program_id"]))
        # roles (README): auditors read the case file but never minors' records
        case = case.with_user(auditor)
        self.assertTrue(case.read(["note_ids", "referral_ids", "assessment_ids"]))
        with self.assertRaisesRegex(AccessError, "not have enough rights to access the field"):
            case.read(["prs_court_date_ids"])
        # a supervisor reads the case's supervisor, not the HR flag of the worker's employee
        case = case.with_user(supervisor)
        self.assertTrue(case.read(["supervisor_user_id"]))
        employee = self.env.ref("rrs_case.employee_worker1_demo").with_user(supervisor)
        with self.assertRaisesRegex(AccessError, "not available for employee public profiles"):
            employee.read(["rrs_self_review"])

    def test_every_list_says_what_it_is_for(self):
        """An empty list explains what it holds and how to begin, not Odoo's generic text."""
        missing = []
        for data in self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.act_window"), ("module", "=like", f"{SUITE_PREFIX}%")]
        ):
            action = self.env["ir.actions.act_window"].browse(data.res_id)
            if set(action.view_mode.split(",")) & MULTI_RECORD_VIEWS and not action.help:
                missing.append(data.complete_name)
        self.assertFalse(missing, "Window actions without an empty-state help")

    def test_each_role_starts_on_its_screen(self):
        """Demo users and new users of each role land on their role's screen, not Discuss."""
        expected = {
            "rrs_case.user_worker1_demo": "rrs_case.rrs_case_action_my",
            "rrs_case.user_supervisor_demo": "rrs_case.rrs_waiting_work_action",
            "rrs_case.user_manager_demo": "rrs_case.rrs_case_action_analysis",
            "rrs_case.user_finance_demo": "rrs_case.rrs_case_action",
            "rrs_case.user_auditor_demo": "rrs_case.rrs_case_action",
        }
        # with financial assistance installed, finance starts on the requests to validate
        if self.env.ref("rrs_assistance.rrs_assistance_request_action_to_validate", False):
            expected["rrs_case.user_finance_demo"] = (
                "rrs_assistance.rrs_assistance_request_action_to_validate"
            )
        for user_xmlid, action_xmlid in expected.items():
            user = self.env.ref(user_xmlid)
            self.assertEqual(user.action_id.id, self.env.ref(action_xmlid).id, user.login)
            new_user = new_test_user(
                self.env,
                login=f"rrs_new_{user.login}",
                groups=",".join(g.get_external_id()[g.id] for g in user.group_ids),
            )
            self.assertFalse(new_user.action_id)
            self.assertEqual(
                new_user.with_user(new_user).rrs_home_action().id,
                self.env.ref(action_xmlid).id,
                user.login,
            )
        # the volunteer has no screen in the suite and keeps Odoo's default
        self.assertFalse(
            self.users.filtered(lambda u: u.login == "rrs_volunteer_views").rrs_home_action()
        )

    def test_managers_and_auditors_export_lists(self):
        export = self.env.ref("base.group_allow_export")
        for xmlid, allowed in (
            ("rrs_case.user_manager_demo", True),
            ("rrs_case.user_auditor_demo", True),
            ("rrs_case.user_worker1_demo", False),
            ("rrs_case.user_supervisor_demo", False),
            ("rrs_case.user_finance_demo", False),
        ):
            user = self.env.ref(xmlid)
            self.assertEqual(export in user.all_group_ids, allowed, user.login)

    def test_demo_staff_are_the_demo_users(self):
        """In the demo, staff fields name the demo staff, never the system user (OdooBot); the
        demo staff share the agency's time zone."""
        root = self.env.ref("base.user_root")
        found = []
        for name in self.env:
            model = self.env[name]
            if not name.startswith("rrs.") or model._abstract or model._transient:
                continue
            for field in model._fields.values():
                if (
                    field.type == "many2one"
                    and field.comodel_name == "res.users"
                    and field.store
                    and field.name not in ("create_uid", "write_uid")
                    and model.with_context(active_test=False).search_count(
                        [(field.name, "=", root.id)], limit=1
                    )
                ):
                    found.append(f"{name}.{field.name}")
        self.assertFalse(found, "Demo records naming OdooBot as staff")
        for xmlid in DEMO_USERS:
            self.assertEqual(self.env.ref(xmlid).tz, "America/Chicago", xmlid)
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("auth_signup.invitation_scope"),
            "b2b",
            "no public sign-up on the login page",
        )
