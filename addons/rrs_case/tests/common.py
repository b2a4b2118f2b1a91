# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime as safe_eval_datetime
from odoo.tools.safe_eval import safe_eval


class RrsCaseCommon(TransactionCase):
    """Users of every role, a supervision hierarchy and helpers to build cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One time zone for every date the tests compare (the system user's differs from UTC).
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        cls.company = cls.env.company
        cls.program = cls.env.ref("rrs_case.program_reception_placement")
        cls.program_icm = cls.env.ref("rrs_case.program_intensive_case_management")
        cls.program_prs = cls.env.ref("rrs_case.program_post_release_services")
        cls.cat_refugee = cls.env.ref("rrs_case.immigration_category_refugee")
        cls.cat_gar = cls.env.ref("rrs_case.immigration_category_gar")

        def user(login, group):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"rrs_case.{group}",
                name=login.replace("_", " ").title(),
            )

        cls.worker = user("rrs_worker", "group_case_worker")
        cls.worker_other = user("rrs_worker_other", "group_case_worker")
        cls.worker_far = user("rrs_worker_far", "group_case_worker")
        cls.supervisor = user("rrs_supervisor", "group_supervisor")
        cls.supervisor_other = user("rrs_supervisor_other", "group_supervisor")
        cls.manager = user("rrs_manager", "group_program_manager")
        cls.finance = user("rrs_finance", "group_finance")
        cls.auditor = user("rrs_auditor", "group_auditor")
        cls.volunteer = user("rrs_volunteer", "group_volunteer")

        Employee = cls.env["hr.employee"]
        sup = Employee.create({"name": "Supervisor", "user_id": cls.supervisor.id})
        sup_other = Employee.create(
            {"name": "Other supervisor", "user_id": cls.supervisor_other.id}
        )
        Employee.create({"name": "Worker", "user_id": cls.worker.id, "parent_id": sup.id})
        Employee.create(
            {"name": "Other worker", "user_id": cls.worker_other.id, "parent_id": sup.id}
        )
        Employee.create(
            {"name": "Far worker", "user_id": cls.worker_far.id, "parent_id": sup_other.id}
        )

        cls.today = fields.Date.context_today(Employee)

    @contextmanager
    def assertRefused(self, regex, exception=ValidationError):
        """The block is refused with a message matching ``regex`` and leaves nothing written."""
        with self.assertRaisesRegex(exception, regex), self.cr.savepoint():
            yield
        self.env.invalidate_all()

    # ----------------------------------------------------------------- helpers
    @classmethod
    def _company_worker(cls, company, login):
        """A case worker of ``company`` only (a second agency of a multi-company database)."""
        return new_test_user(
            cls.env,
            login=login,
            groups="rrs_case.group_case_worker",
            company_id=company.id,
            company_ids=[company.id],
        )

    @classmethod
    def _person(cls, name, age=None, birthdate=None):
        if age is not None and birthdate is None:
            birthdate = cls.today - relativedelta(years=age, days=10)
        return cls.env["res.partner"].create({"name": name, "birthdate_date": birthdate})

    @classmethod
    def _case(cls, user=None, head=None, program=None, members=(), **vals):
        """A case in intake with a head of household and optional other members.

        ``members`` is a list of (partner, relationship).
        """
        head = head or cls._person("Head of household", age=40)
        lines = [Command.create({"partner_id": head.id, "relationship": "head"})]
        lines += [Command.create({"partner_id": p.id, "relationship": rel}) for p, rel in members]
        values = {
            "program_id": (program or cls.program).id,
            "user_id": (user or cls.worker).id,
            "member_ids": lines,
        }
        values.update(vals)
        return cls.env["rrs.case"].create(values)

    @classmethod
    def _accepted_case(cls, **kwargs):
        kwargs.setdefault("immigration_category_id", cls.cat_refugee.id)
        kwargs.setdefault("applicant_informed_date", cls.today)
        case = cls._case(**kwargs)
        case.action_accept()
        return case

    @classmethod
    def _sign_all(cls, case, on_date=None):
        """Confidentiality form (countersigned) and Client Charter for every adult."""
        on_date = on_date or fields.Date.context_today(case)
        Consent = cls.env["rrs.consent"]
        for member in case.member_ids.filtered(lambda m: not m.is_minor):
            for kind in ("confidentiality", "charter"):
                vals = {
                    "case_id": case.id,
                    "consent_type": kind,
                    "member_id": member.id,
                    "signer_role": "client",
                    "signer_partner_id": member.partner_id.id,
                    "signature_date": on_date,
                }
                if kind == "confidentiality":
                    vals.update(countersign_user_id=case.user_id.id, countersign_date=on_date)
                Consent.create(vals)

    @classmethod
    def _active_case(cls, **kwargs):
        case = cls._accepted_case(**kwargs)
        cls._sign_all(case)
        case.action_start_service()
        return case

    @classmethod
    def _aftercare(cls, plan_date=None):
        """An aftercare plan made on ``plan_date`` (default today), rule CLO-2."""
        return {
            "aftercare_plan_date": plan_date or cls.today,
            "aftercare_short_term_needs": "Lease renewal in two months",
            "aftercare_long_term_needs": "Citizenship application when eligible",
            "aftercare_supports": "Community center mentor continues monthly visits",
        }

    @classmethod
    def _supervised_workers(cls, count, prefix):
        """``count`` case workers, each an employee under a supervisor of their own: a
        batch spread over them has ``count`` distinct workers and ``count`` reviewers."""
        Employee = cls.env["hr.employee"]
        workers = cls.env["res.users"]
        for i in range(count):
            supervisor = new_test_user(
                cls.env, login=f"{prefix}_sup_{i}", groups="rrs_case.group_supervisor"
            )
            worker = new_test_user(
                cls.env, login=f"{prefix}_worker_{i}", groups="rrs_case.group_case_worker"
            )
            boss = Employee.create({"name": supervisor.name, "user_id": supervisor.id})
            Employee.create({"name": worker.name, "user_id": worker.id, "parent_id": boss.id})
            workers |= worker
        return workers

    def _stage_change_entries(self, records, after_id=0):
        """The change-history entries of ``records`` that changed their stage (REC-4), later
        than the entry ``after_id``."""
        return self.env["auditlog.log"].search(
            [
                ("id", ">", after_id),
                ("model_id.model", "=", records._name),
                ("res_id", "in", records.ids),
                ("method", "=", "write"),
                ("line_ids.field_id.name", "=", records._rrs_state_field),
            ]
        )

    def _batch_query_counts(self, batches, run, reset, check):
        """The queries of ``run(batch)`` for each ``(name, batch)``, flush included, each
        after ``reset()`` and a cleared cache, then ``check(batch)`` that it did its work
        (issue 17: compare them)."""
        counts = {}
        for name, batch in batches:
            reset()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            run(batch)
            self.env.flush_all()
            counts[name] = self.env.cr.sql_log_count - before
            check(batch)
        return counts

    @staticmethod
    def _monday(year=2026, month=3, day=2):
        d = date(year, month, day)
        return d - relativedelta(days=d.weekday())

    # ------------------------------------------------------------ the product's filters
    def _search_field_domain(self, model, field_name, text):
        """The domain the web client sends for ``text`` typed in a field of the model's search
        view (its ``filter_domain``): a test of a search asserts the product's own."""
        arch = self.env[model].get_views([(False, "search")])["views"]["search"]["arch"]
        [node] = etree.fromstring(arch).xpath(f"//field[@name='{field_name}']")
        return safe_eval(node.get("filter_domain"), {"self": text})

    # planner methods a test may discourage, to show an index serves a query where, with far
    # more rows than a test has, it costs less than the alternative
    DISCOURAGE = {
        "seqscan": "SET LOCAL enable_seqscan = off",
        "indexscan": "SET LOCAL enable_indexscan = off",
        "sort": "SET LOCAL enable_sort = off",
        "bitmapscan": "SET LOCAL enable_bitmapscan = off",
    }

    def _plan(self, sql, discourage=()):
        """PostgreSQL's plan (``EXPLAIN``) of the ``SQL`` object ``sql``, the pending writes
        flushed first; ``discourage``: keys of ``DISCOURAGE``, off until the test ends."""
        self.env.flush_all()
        for method in discourage:
            self.env.cr.execute(self.DISCOURAGE[method])
        self.env.cr.execute(SQL("EXPLAIN %s", sql))
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def _search_filter(self, model, filter_name, user=None, domain=()):
        """The records a user finds with a filter of the model's search view, the domain
        written in the view (``context_today()`` included) evaluated as the web client
        evaluates it: a test of an "overdue" list asserts the product's filter, not one it
        builds itself (issue 18)."""
        Model = self.env[model].with_user(user or self.env.user)
        arch = Model.get_views([(False, "search")])["views"]["search"]["arch"]
        [node] = etree.fromstring(arch).xpath(f"//filter[@name='{filter_name}']")
        today = fields.Date.context_today(Model)
        filter_domain = safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: today,
                "datetime": safe_eval_datetime,
                "relativedelta": relativedelta,
                "uid": Model.env.uid,
            },
        )
        return Model.search(Domain.AND([filter_domain, list(domain)]))
