# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The change history of the case file (rule REC-4), kept by OCA ``auditlog`` with the suite's
rules: who created, changed or deleted a record of the case file, when, and the values before
and after; who reads it; that no one changes or deletes it."""

from odoo.addons.auditlog.models import auditlog_rule
from odoo.addons.rrs_case.models.rrs_guard_mixin import rrs_disposing
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import RrsCaseCommon

NOT_WRITTEN_BY_CLIENT = "written by the system only"
NEVER_CHANGED = "never changed"
NEVER_DELETED = "never deleted"


@tagged("post_install", "-at_install")
class TestChangeHistory(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case()
        cls.case_far = cls._active_case(user=cls.worker_far)
        cls.Log = cls.env["auditlog.log"]
        cls.admin = new_test_user(cls.env, login="rrs_it_admin", groups="base.group_system")

    def _history(self, record, method=None):
        domain = [("model_model", "=", record._name), ("res_id", "=", record.id)]
        if method:
            domain.append(("method", "=", method))
        return self.Log.search(domain, order="id")

    def _values(self, log):
        return {
            line.field_name: (line.old_value_text, line.new_value_text) for line in log.line_ids
        }

    def _note(self, case=None, user=None, **vals):
        user = user or self.worker
        values = {"case_id": (case or self.case).id, "subject": "Housing", **vals}
        note = self.env["rrs.case.note"].with_user(user).create(values)
        self.env.flush_all()
        return note

    # ------------------------------------------------------------ what is kept
    def test_rec4_creating_a_note_keeps_who_when_the_case_and_its_name(self):
        note = self._note(body="<p>The family moved in.</p>")
        log = self._history(note)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.method, "create")
        self.assertEqual(log.user_id, self.worker)
        self.assertEqual(log.create_date, note.create_date)
        self.assertEqual(log.rrs_case_id, self.case)
        self.assertEqual(log.rrs_company_id, self.case.company_id)
        self.assertTrue(log.rrs_case_file)
        self.assertFalse(log.rrs_confidential)
        # the creation names the record; its values are the record's own until a change
        # keeps them as its values before
        self.assertEqual(self._values(log), {"subject": (False, "Housing")})
        note.with_user(self.worker).write({"body": "<p>The family moved in on Monday.</p>"})
        self.env.flush_all()
        change = self._history(note, "write")
        self.assertEqual(
            self._values(change)["body"],
            ("<p>The family moved in.</p>", "<p>The family moved in on Monday.</p>"),
        )
        # a change reads every stored field but the one2many and files; a creation the name
        Rule = self.env["auditlog.rule"].with_context(auditlog_guard=set())
        case_fields = Rule.get_auditlog_fields(self.env["rrs.case"])
        self.assertNotIn("note_ids", case_fields)
        self.assertNotIn("message_ids", case_fields)
        self.assertIn("worker_user_ids", case_fields)
        self.assertIn("priority", case_fields)
        self.assertEqual(
            self.env["auditlog.rule"].get_auditlog_fields(self.env["rrs.case"]), ["name"]
        )
        consent_fields = Rule.get_auditlog_fields(self.env["rrs.consent"])
        self.assertNotIn("document", consent_fields, "a file is an attachment, not a line")
        self.assertIn("signature_date", consent_fields)

    def test_rec4_a_many2many_change_names_the_records_before_and_after(self):
        """The workers a batch of cases had and has now, by name on each case's line; the
        records named before are looked up once for the whole batch (issue 17)."""
        other = self._active_case()
        self.case.secondary_user_ids = self.worker_other
        cases = self.case | other
        self.env.flush_all()
        cases.with_user(self.supervisor).write({"user_id": self.worker_other.id})
        self.env.flush_all()
        for case, before in ((self.case, self.worker | self.worker_other), (other, self.worker)):
            log = self._history(case, "write")[-1]
            self.assertEqual(log.user_id, self.supervisor)
            old_text, new_text = self._values(log)["worker_user_ids"]
            for user in before:
                self.assertIn(f"({user.id}, '{user.name}')", old_text)
            self.assertEqual(new_text, f"[({self.worker_other.id}, '{self.worker_other.name}')]")
            self.assertNotIn("DELETED", old_text)

    def test_rec4_a_change_keeps_the_value_before_and_after(self):
        note = self._note()
        note.with_user(self.worker).write({"subject": "Housing and rent"})
        self.env.flush_all()
        log = self._history(note, "write")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.worker)
        self.assertEqual(self._values(log), {"subject": ("Housing", "Housing and rent")})

    def test_rec4_a_change_of_the_case_is_logged_on_the_case(self):
        earlier = self._history(self.case)
        self.assertIn("create", earlier.mapped("method"))
        self.case.with_user(self.worker).write({"priority": "1"})
        self.env.flush_all()
        log = self._history(self.case, "write") - earlier
        self.assertEqual(len(log), 1)
        self.assertEqual(log.rrs_case_id, self.case)
        self.assertEqual(self._values(log), {"priority": ("0", "1")})

    def test_rec4_a_deletion_keeps_the_values_of_the_record(self):
        incident = (
            self.env["rrs.incident"]
            .with_user(self.worker)
            .create(
                {
                    "case_id": self.case.id,
                    "occurred_date": "2026-03-02 09:00:00",
                    "description": "A neighbour shouted at the children.",
                    "location": "Apartment building",
                    "actions_taken": "Talked with the family.",
                    "severity": "low",
                }
            )
        )
        self.env.flush_all()
        incident_id = incident.id
        incident.with_user(self.worker).unlink()
        log = self.Log.search(
            [
                ("model_model", "=", "rrs.incident"),
                ("res_id", "=", incident_id),
                ("method", "=", "unlink"),
            ]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.worker)
        self.assertEqual(log.rrs_case_id, self.case)
        self.assertEqual(
            self._values(log)["description"][0], "A neighbour shouted at the children."
        )

    def test_rec4_a_batch_is_logged_in_one_go_whatever_its_size(self):
        # one insert of the logs and their lines for a write of many records (upstream:
        # one per record)
        small = self.env["rrs.case.note"].create(
            [{"case_id": self.case.id, "subject": f"Note {i}"} for i in range(2)]
        )
        large = self.env["rrs.case.note"].create(
            [{"case_id": self.case.id, "subject": f"Note {i}"} for i in range(20)]
        )
        warm = self.env["rrs.case.note"].create({"case_id": self.case.id, "subject": "Warm"})
        # the first change of a field in a process fills auditlog's cache of the field
        warm.write({"purpose": "Warm up"})
        self.env.flush_all()
        counts = []
        for notes in (small, large):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            notes.write({"purpose": "Check the lease"})
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(
                len(
                    self.Log.search(
                        [
                            ("res_id", "in", notes.ids),
                            ("method", "=", "write"),
                            ("model_model", "=", "rrs.case.note"),
                        ]
                    )
                ),
                len(notes),
            )
        self.assertEqual(counts[0], counts[1], "the cost of the history grows with the batch")

    def test_rec4_environments_see_the_live_transaction_after_a_logged_write(self):
        # auditlog swaps the transaction's containers while it reads the values; an
        # environment that caches them then must not keep the swapped ones (the savepoint flush
        # of the default environment would miss the dirty fields, lost at a rollback)
        transaction = self.env.transaction
        env = transaction.default_env
        env.__dict__.pop("_field_dirty", None)
        env.__dict__.pop("_protected", None)
        live = transaction.field_dirty
        with auditlog_rule.ThrowAwayCache(self.env):
            self.assertIsNot(env._field_dirty, live)
            swapped_protected = env._protected  # cached while swapped
            self.assertIs(swapped_protected, transaction.protected)
        self.assertIs(env._field_dirty, live)
        self.assertIs(transaction.field_dirty, live)
        self.assertIs(env._protected, transaction.protected)
        # and the symptom: a case's pending head of household survives a refused move
        case = self._case(immigration_category_id=self.cat_refugee.id)
        with self.assertRaisesRegex(ValidationError, "applicant was told"), self.cr.savepoint():
            case.action_accept()
        self.env.invalidate_all()
        self.assertTrue(case.head_partner_id)

    def test_rec4_change_history_list_costs_the_same_at_two_sizes(self):
        # the supervisor's Change history list page: the same queries with 10 and 40
        # cases' entries, more than a page each (below a page Odoo needs no count)
        spec = {
            "create_date": {},
            "user_id": {"fields": {"display_name": {}}},
            "method": {},
            "model_name": {},
            "name": {},
            "rrs_case_id": {"fields": {"display_name": {}}},
        }
        Log = self.Log.with_user(self.supervisor)
        domain = [("rrs_case_file", "=", True)]
        counts = []
        for size in (10, 30):
            for _i in range(size):
                self._note(case=self._active_case(), subject=f"Visit {size}")
            Log.web_search_read(domain, spec, limit=80, count_limit=10001)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = Log.web_search_read(domain, spec, limit=80, count_limit=10001)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(result["records"]), 80)
        self.assertEqual(counts[0], counts[1], counts)

    # ------------------------------------------------------------- who reads it
    def test_rec4_supervisors_read_their_teams_history_managers_and_auditors_all(self):
        note = self._note()
        far_note = self._note(case=self.case_far, user=self.worker_far)
        both = (note | far_note).ids

        def seen(user):
            logs = self.Log.with_user(user).search(
                [("model_model", "=", "rrs.case.note"), ("res_id", "in", both)]
            )
            return set(logs.mapped("res_id"))

        self.assertEqual(seen(self.supervisor), {note.id})
        self.assertEqual(seen(self.supervisor_other), {far_note.id})
        self.assertEqual(seen(self.manager), set(both))
        self.assertEqual(seen(self.auditor), set(both))
        # the values too
        log = self._history(note)
        self.assertTrue(log.with_user(self.supervisor).line_ids)
        self.assertTrue(log.line_ids.with_user(self.auditor).read(["new_value_text"]))
        with self.assertRaisesRegex(AccessError, "have 'read' access"):
            log.with_user(self.supervisor_other).read(["name"])

    def test_rec4_supervisor_reads_the_teams_entries_by_author_and_by_case(self):
        """Issue 17: the supervisor's rule is one condition on the entry's author and its
        case, without joining every entry to its case; an entry stays the team's while its
        author is, after its case moved to another team, which reads it by its case."""
        sql = self.Log.with_user(self.supervisor)._search([]).select().code
        self.assertNotIn('JOIN "rrs_case"', sql)
        note = self._note()
        log = self._history(note)
        self.case.with_user(self.manager).write({"user_id": self.worker_far.id})
        self.env.flush_all()
        for supervisor in (self.supervisor, self.supervisor_other):
            self.env.invalidate_all()
            Log = self.Log.with_user(supervisor)
            self.assertEqual(Log.search([("id", "=", log.id)]), log, supervisor.login)
            self.assertTrue(log.with_user(supervisor).line_ids, supervisor.login)
        other_note = self._note(case=self.case_far, user=self.worker_far)
        other_log = self._history(other_note)
        self.assertFalse(self.Log.with_user(self.supervisor).search([("id", "=", other_log.id)]))
        with self.assertRaisesRegex(AccessError, "have 'read' access"):
            other_log.with_user(self.supervisor).read(["name"])
        with self.assertRaisesRegex(AccessError, "have 'read' access"):
            other_log.line_ids.with_user(self.supervisor).read(["field_name"])

    def test_rec4_the_history_reads_its_newest_page_from_an_index(self):
        """Issue 17: the change history lists newest first; an index on the entries' date
        gives a page without sorting the whole history."""
        self._note()
        Log = self.Log.with_user(self.manager)
        query = Log._search([("rrs_case_file", "=", True)], order=Log._order, limit=80)
        plan = self._plan(query.select("auditlog_log.id"), discourage=("sort", "seqscan"))
        self.assertIn("rrs_auditlog_log_create_date_idx", plan)
        self.assertNotIn("Sort Key", plan)

    def test_rec4_the_supervisors_count_reads_the_history_index_alone(self):
        """Issue 17: the supervisor's list counts the team's entries (up to 10,001); every
        column the supervisor's rule tests is in one index of the case file's entries, so the
        count reads that index without the table, whose pages the team's entries are spread
        over as the database grows."""
        self._note()
        Log = self.Log.with_user(self.supervisor)
        query = Log._search([("rrs_case_file", "=", True)], limit=10001)
        count = SQL("SELECT COUNT(*) FROM (%s) t", query.select(SQL("1")))
        plan = self._plan(count, discourage=("seqscan", "bitmapscan"))
        self.assertIn("Index Only Scan using auditlog_log_rrs_case_file_author_idx", plan)

    def test_rec4_workers_finance_and_volunteers_do_not_read_the_history(self):
        note = self._note()
        log = self._history(note)
        for user in (self.worker, self.finance, self.volunteer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(
                    AccessError, "not allowed to access|You are not allowed"
                ):
                    self.Log.with_user(user).search([("id", "=", log.id)])
                with self.assertRaisesRegex(
                    AccessError, "not allowed to access|You are not allowed"
                ):
                    log.line_ids.with_user(user).read(["new_value_text"])

    def test_rec4_history_of_a_restricted_case_only_for_its_case_staff(self):
        self.case.restricted = True
        note = self._note()
        log = self._history(note)
        self.assertEqual(self.Log.with_user(self.supervisor).search([("id", "=", log.id)]), log)
        self.assertEqual(self.Log.with_user(self.manager).search([("id", "=", log.id)]), log)
        self.assertFalse(self.Log.with_user(self.auditor).search([("id", "=", log.id)]))
        self.assertFalse(
            self.env["auditlog.log.line"].with_user(self.auditor).search([("log_id", "=", log.id)])
        )
        # auditlog's own users (an IT administrator) who are not case staff neither
        self.assertFalse(self.Log.with_user(self.admin).search([("id", "=", log.id)]))
        self.case.restricted = False
        self.assertEqual(self.Log.with_user(self.auditor).search([("id", "=", log.id)]), log)

    def test_rec4_history_of_a_confidential_note_only_for_case_staff(self):
        note = self._note(confidential=True, body="<p>Disclosed a health matter.</p>")
        log = self._history(note)
        self.assertTrue(log.rrs_confidential)
        self.assertEqual(self.Log.with_user(self.supervisor).search([("id", "=", log.id)]), log)
        self.assertFalse(self.Log.with_user(self.auditor).search([("id", "=", log.id)]))
        self.assertFalse(
            self.env["auditlog.log.line"].with_user(self.auditor).search([("log_id", "=", log.id)])
        )
        self.assertFalse(self.Log.with_user(self.admin).search([("id", "=", log.id)]))

    def test_rec4_a_note_made_confidential_takes_its_earlier_history_with_it(self):
        note = self._note(body="<p>Disclosed a health matter.</p>")
        created = self._history(note)
        self.assertEqual(
            self.Log.with_user(self.auditor).search([("id", "=", created.id)]), created
        )
        note.with_user(self.worker).write({"confidential": True})
        self.env.flush_all()
        logs = self._history(note)
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.mapped("rrs_confidential"), [True, True])
        self.assertFalse(self.Log.with_user(self.auditor).search([("id", "in", logs.ids)]))

    def test_rec4_auditlog_users_keep_their_view_of_other_models(self):
        partner_model = self.env["ir.model"]._get("res.partner")
        other = self.Log.sudo().create(
            {"model_id": partner_model.id, "res_id": self.worker.partner_id.id, "method": "write"}
        )
        self.assertFalse(other.rrs_case_file)
        manager_admin = new_test_user(
            self.env,
            login="rrs_pm_admin",
            groups="base.group_system,rrs_case.group_program_manager",
        )
        self.assertEqual(self.Log.with_user(manager_admin).search([("id", "=", other.id)]), other)
        self.assertFalse(self.Log.with_user(self.manager).search([("id", "=", other.id)]))
        # auditlog's managers edit and delete the logs of other models as before
        other.with_user(self.admin).write({"name": "Renamed"})
        other.with_user(self.admin).unlink()
        self.assertFalse(other.exists())

    def test_rec4_case_form_opens_the_case_history(self):
        self._note()
        action = self.case.with_user(self.supervisor).action_view_history()
        self.assertEqual(action["res_model"], "auditlog.log")
        logs = self.Log.with_user(self.supervisor).search(action["domain"])
        self.assertTrue(logs)
        self.assertEqual(logs.rrs_case_id, self.case)
        self.assertIn("rrs.case.note", logs.mapped("model_model"))
        self.assertIn("rrs.case", logs.mapped("model_model"))

    # ------------------------------------------------ nobody changes or deletes
    def test_rec4_no_one_changes_or_deletes_the_history(self):
        note = self._note()
        log = self._history(note)
        line = log.line_ids[:1]
        for user in (
            self.worker,
            self.supervisor,
            self.manager,
            self.auditor,
            self.finance,
            self.volunteer,
        ):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(
                    AccessError, "not allowed to modify|You are not allowed"
                ):
                    log.with_user(user).write({"name": "Nothing happened"})
                with self.assertRaisesRegex(
                    AccessError, "not allowed to delete|You are not allowed"
                ):
                    log.with_user(user).unlink()
                with self.assertRaisesRegex(
                    AccessError, "not allowed to modify|You are not allowed"
                ):
                    line.with_user(user).write({"new_value_text": "Nothing"})
        # auditlog's managers (the IT administrator) and code running as superuser neither
        for env_log, who in ((log.with_user(self.admin), "admin"), (log.sudo(), "sudo")):
            with self.subTest(who=who):
                with self.assertRaisesRegex(UserError, NEVER_CHANGED), self.cr.savepoint():
                    env_log.write({"name": "Nothing happened"})
                with self.assertRaisesRegex(UserError, NEVER_DELETED), self.cr.savepoint():
                    env_log.unlink()
                with self.assertRaisesRegex(UserError, NEVER_CHANGED), self.cr.savepoint():
                    env_log.line_ids[:1].write({"new_value_text": "Nothing"})
                with self.assertRaisesRegex(UserError, NEVER_DELETED), self.cr.savepoint():
                    env_log.line_ids[:1].unlink()
        self.assertEqual(self._values(self._history(note))["subject"], (False, "Housing"))

    def test_rec4_no_one_forges_an_entry(self):
        note_model = self.env["ir.model"]._get("rrs.case.note")
        field = self.env["ir.model.fields"]._get("rrs.case.note", "subject")
        note = self._note()
        log = self._history(note)
        with self.assertRaisesRegex(AccessError, NOT_WRITTEN_BY_CLIENT):
            self.Log.with_user(self.admin).create(
                {"model_id": note_model.id, "res_id": note.id, "method": "write"}
            )
        with self.assertRaisesRegex(AccessError, NOT_WRITTEN_BY_CLIENT):
            self.env["auditlog.log.line"].with_user(self.admin).create(
                {"log_id": log.id, "field_id": field.id, "new_value_text": "Forged"}
            )
        with self.assertRaisesRegex(AccessError, "not allowed to create|You are not allowed"):
            self.Log.with_user(self.manager).create(
                {"model_id": note_model.id, "res_id": note.id, "method": "write"}
            )
        self.assertEqual(self._history(note), log)

    def test_rec4_the_auto_vacuum_keeps_the_case_files_history(self):
        note = self._note()
        kept = self._history(note)
        partner_model = self.env["ir.model"]._get("res.partner")
        purged = self.Log.sudo().create(
            {"model_id": partner_model.id, "res_id": self.worker.partner_id.id, "method": "write"}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE auditlog_log SET create_date = '2020-01-01' WHERE id IN %s",
            [(kept.id, purged.id)],
        )
        self.env.invalidate_all()
        self.env["auditlog.autovacuum"].sudo().autovacuum(30)
        self.assertTrue(kept.exists())
        self.assertFalse(purged.exists())

    def test_rec4_the_history_goes_with_its_case_at_disposal(self):
        note = self._note()
        self.assertTrue(self.Log.search_count([("rrs_case_id", "=", self.case.id)]))
        with rrs_disposing():
            # what action_dispose does once its checks passed (REC-3)
            case = self.case.sudo()
            case._before_disposal()
            case.unlink()
        self.assertFalse(note.exists())
        self.assertFalse(self.Log.search_count([("rrs_case_id", "=", self.case.id)]))
        self.assertFalse(
            self.Log.search_count([("model_model", "=", "rrs.case.note"), ("res_id", "=", note.id)])
        )
