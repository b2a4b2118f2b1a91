# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Query counts of the coordinator's lists and of the volunteer's portal pages.

Each path is measured at two data sizes and must cost the same number of queries.
"""

from datetime import datetime, time
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.addons.rrs_case.tests.common import RrsCaseCommon
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .portal_common import PDF, VolunteerPortalCommon

SIZES = (5, 40)


def list_spec(env, model, view_xmlid):
    """The fields of a list view, as the web client asks for them."""
    view = env.ref(view_xmlid)
    views = env[model].get_views([(view.id, "list")])
    arch = etree.fromstring(views["views"]["list"]["arch"])
    fields_info = views["models"][model]["fields"]
    relational = ("many2one", "many2many", "one2many")
    return {
        node.get("name"): (
            {"fields": {"display_name": {}}}
            if fields_info[node.get("name")]["type"] in relational
            else {}
        )
        for node in arch.xpath("/list/field")
    }


class VolunteerBulkMixin:
    """Screened volunteers, matches on families and hours, in bulk (as the system)."""

    @classmethod
    def _bulk_volunteers(cls, count, prefix):
        partners = cls.env["res.partner"].create(
            [{"name": f"{prefix} {i}", "phone": f"+1 204 555 {i:04d}"} for i in range(count)]
        )
        volunteers = cls.env["rrs.volunteer"].create(
            [
                {
                    "partner_id": p.id,
                    "language_ids": [(6, 0, cls.languages.ids)],
                    "skill_ids": [(6, 0, cls.skills.ids)],
                    "area_ids": [(6, 0, cls.areas.ids)],
                    "coordinator_id": cls.coordinator.id,
                }
                for p in partners
            ]
        )
        steps = volunteers.step_ids
        done = cls.today - relativedelta(days=30)
        steps.filtered(lambda s: not s.type_id.needs_document).write({"done_date": done})
        steps.filtered(lambda s: s.type_id.needs_document).write(
            {"done_date": done, "document": PDF, "document_name": "form.pdf"}
        )
        volunteers.write({"state": "active"})
        return volunteers

    @classmethod
    def _bulk_matches(cls, volunteers, count, state="active", prefix="Family"):
        """``count`` matches on as many families, spread over ``volunteers``."""
        cases = cls.env["rrs.case"]
        for i in range(count):
            cases |= cls._case(head=cls._person(f"{prefix}head{i} Bulkfamily", age=30 + i % 20))
        return cls.env["rrs.volunteer.match"].create(
            [
                {
                    "case_id": case.id,
                    "volunteer_id": volunteers[i % len(volunteers)].id,
                    "task_type_id": cls.task_types[i % len(cls.task_types)].id,
                    "meeting_place": f"Library {i}",
                    "meeting_datetime": datetime.combine(cls.today, time(10, 0)),
                    "description": "Conversation practice",
                    "language_id": cls.languages[i % len(cls.languages)].id,
                    "area_id": cls.areas[i % len(cls.areas)].id,
                    "state": state,
                    "approved_date": cls.today - relativedelta(days=10),
                }
                for i, case in enumerate(cases)
            ]
        )

    @classmethod
    def _bulk_hours(cls, matches, count):
        return cls.env["rrs.volunteer.hours"].create(
            [
                {
                    "volunteer_id": matches[i % len(matches)].volunteer_id.id,
                    "match_id": matches[i % len(matches)].id,
                    "hours": 1 + i % 4,
                    "activity": f"Visit {i}",
                    "date": cls.today - relativedelta(days=i % 9),
                    "state": "approved" if i % 3 else "submitted",
                }
                for i in range(count)
            ]
        )

    @classmethod
    def _bulk_reference_data(cls):
        cls.languages = cls.env["rrs.language"].search([], limit=3)
        cls.skills = cls.env["rrs.volunteer.skill"].search([], limit=3)
        cls.areas = cls.env["rrs.volunteer.area"].create(
            [{"name": f"Perf area {i}"} for i in range(3)]
        )
        cls.task_types = cls.env["rrs.volunteer.task.type"].search([], limit=4)


@tagged("post_install", "-at_install")
class TestVolunteerListPerformance(VolunteerBulkMixin, RrsCaseCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = new_test_user(
            cls.env,
            login="rrs_perf_coordinator",
            groups="rrs_volunteer.group_volunteer_coordinator",
            name="Perf Coordinator",
            tz="UTC",
        )
        cls._bulk_reference_data()
        cls.volunteers = cls._bulk_volunteers(max(SIZES), "Perfvol")
        cls.matches = cls._bulk_matches(cls.volunteers, max(SIZES))
        cls._bulk_hours(cls.matches, 2 * max(SIZES))

    def _count(self, model, spec, records, expected):
        Model = self.env[model].with_user(self.coordinator)
        domain = [("id", "in", records.ids)]
        for _warm_up in range(2):  # steady state: rules, ACLs and the user are cached
            Model.web_search_read(domain, spec)
            self.env.invalidate_all()
        with self.assertQueryCount(expected):
            result = Model.web_search_read(domain, spec)
        self.assertEqual(len(result["records"]), len(records))
        self.env.invalidate_all()
        return result["records"]

    def test_volunteer_list_query_count(self):
        spec = list_spec(self.env, "rrs.volunteer", "rrs_volunteer.rrs_volunteer_view_list")
        self.assertIn("is_matchable", spec)
        self.assertIn("next_expiry_date", spec)
        for size in SIZES:
            rows = self._count("rrs.volunteer", spec, self.volunteers[:size], 14)
            self.assertEqual({r["is_matchable"] for r in rows}, {True}, size)

    def test_match_list_query_count(self):
        spec = list_spec(
            self.env, "rrs.volunteer.match", "rrs_volunteer.rrs_volunteer_match_view_list"
        )
        self.assertIn("case_id", spec)
        self.assertIn("family_first_names", spec)
        for size in SIZES:
            rows = self._count("rrs.volunteer.match", spec, self.matches[:size], 11)
            self.assertEqual(len({r["case_id"]["id"] for r in rows}), size)

    def test_vol1_screening_reminder_cron_query_count(self):
        """The daily reminder cron costs the same for 5 and for 40 volunteers whose police
        check expires soon, and nothing more on a second run (one reminder each)."""
        police_check = self.env.ref("rrs_volunteer.step_type_police_check")
        activity_type = self.env.ref("rrs_volunteer.mail_activity_type_screening_expiry")
        Volunteer = self.env["rrs.volunteer"]
        Cron = type(self.env["ir.cron"])
        measured = {}
        # a first run at the small size warms the caches (models, the activity type)
        for size in (SIZES[0], *SIZES):
            with self.env.cr.savepoint(flush=False) as savepoint:
                group = self.volunteers[:size]
                group.step_ids.filtered(lambda s: s.type_id == police_check).write(
                    {"expiry_date": self.today + relativedelta(days=5)}
                )
                self.env.flush_all()
                self.env.invalidate_all()
                with patch.object(Cron, "_commit_progress", lambda *a, **k: float("inf")):
                    before = self.env.cr.sql_log_count
                    Volunteer._cron_screening_expiry()
                    self.env.flush_all()
                    first = self.env.cr.sql_log_count - before
                    self.env.invalidate_all()
                    before = self.env.cr.sql_log_count
                    Volunteer._cron_screening_expiry()
                    self.env.flush_all()
                    second = self.env.cr.sql_log_count - before
                reminders = self.env["mail.activity"].search_count(
                    [
                        ("res_model", "=", "rrs.volunteer"),
                        ("activity_type_id", "=", activity_type.id),
                        ("res_id", "in", group.ids),
                    ]
                )
                self.assertEqual(reminders, size)
                measured[size] = (first, second)
                savepoint.rollback()
                self.env.invalidate_all()
        self.assertEqual(measured[SIZES[0]], measured[SIZES[1]], measured)
        self.assertLessEqual(measured[SIZES[1]][0], 30, measured)

    def test_vol1_screening_reminder_batch_queries_do_not_grow_with_assignees(self):
        """Rule VOL-1, issue 17: a reminder batch costs the same whether its volunteers have
        one coordinator or twenty, at 5 or 20 volunteers."""
        coordinators = [
            new_test_user(
                self.env,
                login=f"rrs_vol1_coordinator_{i}",
                groups="rrs_volunteer.group_volunteer_coordinator",
            )
            for i in range(20)
        ]
        one, spread = self.volunteers[:20], self.volunteers[20:40]
        for volunteer, coordinator in zip(spread, coordinators, strict=True):
            volunteer.coordinator_id = coordinator
        police_check = self.env.ref("rrs_volunteer.step_type_police_check")
        (one | spread).step_ids.filtered(lambda s: s.type_id == police_check).write(
            {"expiry_date": self.today + relativedelta(days=5)}
        )
        activity_type = self.env.ref("rrs_volunteer.mail_activity_type_screening_expiry")
        Activity = self.env["mail.activity"]
        mine = [("res_model", "=", "rrs.volunteer"), ("res_id", "in", (one | spread).ids)]

        def reset():
            Activity.search(mine).unlink()
            self.env["mail.followers"].search(mine).unlink()

        def check(batch):
            for volunteer in batch:
                activity = volunteer.activity_ids
                self.assertEqual(activity.activity_type_id, activity_type)
                self.assertEqual(activity.user_id, volunteer.coordinator_id)
                self.assertIn(activity.user_id.partner_id, volunteer.message_partner_ids)

        batches = (("warm-up", one[:5]), ("5", one[:5]), ("one", one), ("20", spread))
        counts = self._batch_query_counts(
            batches, lambda batch: batch._remind_screening_expiry(), reset, check
        )
        self.assertEqual(len(spread.coordinator_id), 20)
        self.assertEqual(len(one.coordinator_id), 1)
        self.assertEqual(counts["one"], counts["20"], counts)
        self.assertEqual(counts["5"], counts["one"], counts)


@tagged("post_install", "-at_install")
class TestVolunteerPortalPerformance(VolunteerBulkMixin, HttpCase, VolunteerPortalCommon):
    """The portal pages of a volunteer with few and with many matches and hours lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bulk_reference_data()
        cls.pages = {}
        for size in SIZES:
            login = f"rrs_perf_vol_{size}"
            user, volunteer = cls._screened_volunteer(login, f"Perf Volunteer {size}")
            matches = cls._bulk_matches(volunteer, size, prefix=f"S{size}")
            cls._bulk_matches(volunteer, 2, state="ended", prefix=f"E{size}")
            cls._bulk_hours(matches, size)
            cls.pages[size] = user

    def _queries(self, url):
        """Queries of one request, in the steady state (the second of two)."""
        self.url_open(url)
        count0 = self.cr.sql_log_count
        response = self.url_open(url)
        count = self.cr.sql_log_count - count0
        self.assertEqual(response.status_code, 200, url)
        return count, response.text

    def test_portal_pages_query_count(self):
        measured = {}
        for size, user in self.pages.items():
            self.authenticate(user.login, user.login)
            matches, html = self._queries("/my/volunteer/matches")
            self.assertEqual(html.count("o_rrs_volunteer_match"), size)
            hours, html = self._queries("/my/volunteer/hours")
            self.assertEqual(html.count("o_rrs_hours_line"), min(size, 20))
            measured[size] = (matches, hours)
        # (matches page, hours page): the same few queries for 5 or 40 matches and lines
        self.assertEqual(measured, dict.fromkeys(SIZES, (11, 13)))
