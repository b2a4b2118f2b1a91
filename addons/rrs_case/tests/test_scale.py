# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 17: a supervisor's lists cost what the team's share of the work costs.

The query counts are held at two team sizes and two database sizes; the shape of the queries
is checked too, because a count cannot see a query that reads every case of the database: the
supervisor's rules start from the team (the indexed relation of the cases' workers), and the
kanban's columns read their page from an index in the list's order.
"""

from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models import res_partner
from .common import RrsCaseCommon
from .test_performance import CASE_LIST, PLAN_LIST

OPEN = [("state", "!=", "closed")]
SYSTEM = "Household member names.* is set by the system"


@tagged("post_install", "-at_install")
class TestSupervisorListsScale(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        # a second team of six workers beside the common one (worker, worker_other)
        cls.supervisor_big = cls.env["res.users"].create(
            {
                "name": "Big team supervisor",
                "login": "rrs_supervisor_big",
                "group_ids": [Command.set(cls.env.ref("rrs_case.group_supervisor").ids)],
            }
        )
        lead = Employee.create({"name": "Big team lead", "user_id": cls.supervisor_big.id})
        cls.big_team = cls.env["res.users"].create(
            [
                {
                    "name": f"Big team worker {i}",
                    "login": f"rrs_big_worker_{i}",
                    "group_ids": [Command.set(cls.env.ref("rrs_case.group_case_worker").ids)],
                }
                for i in range(6)
            ]
        )
        Employee.create(
            [{"name": u.name, "user_id": u.id, "parent_id": lead.id} for u in cls.big_team]
        )
        cls.small_cases = cls._cases_of(cls.worker | cls.worker_other, "Small")
        cls.big_cases = cls._cases_of(cls.big_team, "Big")

    @classmethod
    def _cases_of(cls, users, prefix, per_user=2):
        cases = cls.env["rrs.case"]
        for user in users:
            for i in range(per_user):
                case = cls._case(user=user, head=cls._person(f"{prefix} {user.login} {i}"))
                cls.env["rrs.service.plan"].create({"case_id": case.id})
                cases |= case
        return cases

    def _lists(self, supervisor, expected_cases):
        """The supervisor's open cases and plans lists, warmed once then counted."""
        Case = self.env["rrs.case"].with_user(supervisor)
        Plan = self.env["rrs.service.plan"].with_user(supervisor)
        Case.web_search_read(OPEN, CASE_LIST, limit=80)
        Plan.web_search_read([], PLAN_LIST, limit=80)
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            cases = Case.web_search_read(OPEN, CASE_LIST, limit=80)
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            plans = Plan.web_search_read([], PLAN_LIST, limit=80)
        self.env.invalidate_all()
        # exactly the team's cases and plans, nothing of the other team or of the rest
        self.assertEqual({r["id"] for r in cases["records"]}, set(expected_cases.ids))
        self.assertEqual({r["case_id"]["id"] for r in plans["records"]}, set(expected_cases.ids))

    def test_supervisor_lists_cost_the_same_at_two_team_sizes_and_two_database_sizes(self):
        self._lists(self.supervisor, self.small_cases)
        self._lists(self.supervisor_big, self.big_cases)
        # the database grows by 20 households of a worker in neither team
        self._cases_of(self.worker_far, "Far", per_user=20)
        self._lists(self.supervisor, self.small_cases)
        self._lists(self.supervisor_big, self.big_cases)

    def _where(self, user, model="rrs.case", domain=None):
        query = self.env[model].with_user(user)._search(OPEN if domain is None else domain)
        return query.select().code

    def test_supervisor_rules_start_from_the_team_without_an_emergency_access(self):
        """Without an open emergency access the rules' OR has one branch, the team's
        relation, so PostgreSQL starts from the team instead of testing every case of the
        database against a subquery; an open access adds its cases by their ids."""
        for model in ("rrs.case", "rrs.service.plan", "rrs.case.note"):
            sql = self._where(self.supervisor, model, [])
            self.assertIn("rrs_case_worker_user_rel", sql, model)
            self.assertNotIn("rrs_case_emergency_access", sql, model)
        far_case = self._case(user=self.worker_far, head=self._person("Far head"))
        self.env["rrs.emergency.access.wizard"].with_user(self.supervisor).create(
            {
                "case_reference": far_case.name,
                "reason": "The family called the crisis line; their worker is unreachable.",
                "duration_hours": 2,
            }
        ).action_open()
        Case = self.env["rrs.case"].with_user(self.supervisor)
        self.assertIn(far_case, Case.search(OPEN))
        self.assertNotIn("rrs_case_emergency_access", self._where(self.supervisor))
        grant = self.env["rrs.case.emergency.access"].search([("case_id", "=", far_case.id)])
        grant.with_user(self.supervisor).action_end()
        self.env.invalidate_all()
        self.assertNotIn(far_case, Case.search(OPEN))
        self.assertIn(self.small_cases[0], Case.search(OPEN))

    def test_kanban_columns_and_default_order_read_from_an_index(self):
        """Each kanban column (one stage, 40 cards in the list's order), the unfiltered list
        and the open cases can be read from an index in that order: with sorting discouraged,
        PostgreSQL takes the index rather than sorting the stage's cases."""
        Case = self.env["rrs.case"]
        for domain, index in (
            ([("state", "=", "closed")], "rrs_case_state_order_idx"),
            ([], "rrs_case_order_idx"),
            (OPEN, "rrs_case_open_order_idx"),
        ):
            query = Case._search(domain, order=Case._order, limit=40)
            plan = self._plan(query.select("rrs_case.id"), discourage=("sort", "seqscan"))
            self.assertIn(index, plan)
            self.assertNotIn("Sort Key", plan)

    def test_out1_the_arrivals_of_a_period_are_read_from_their_index(self):
        """OUT-1, issue 17: the outcome indicators, the program KPIs and the outcome dashboard
        count the households that arrived in a period; those are read from the arrival
        date's index, not by testing every case of the database (scans discouraged here, as
        they cost more there)."""
        Case = self.env["rrs.case"]
        domain = [("arrival_date", ">=", "2026-01-01"), ("arrival_date", "<=", "2026-01-31")]
        plan = self._plan(Case._search(domain).select("COUNT(*)"), discourage=("seqscan",))
        self.assertIn("rrs_case__arrival_date_index", plan)


@tagged("post_install", "-at_install")
class TestContactRulesScale(RrsCaseCommon):
    """Issue 17, rules CON-2 and REC-4: the contacts a case worker reads are the ordinary
    contacts and the people of their cases. The worker's rule gives those people as ids read
    once per transaction, so the contacts list and search start from them and from the
    ordinary contacts' index, never from a test of every contact of the database; and the ids
    follow every change of a household or of a case's workers within the same transaction.
    A supervisor's rule gives the team's people as ids too (up to RRS_TEAM_PEOPLE_AS_IDS),
    and follows the hierarchy as before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case(user=cls.worker, head=cls._person("Scale Mine"))
        cls.case_other = cls._case(user=cls.worker_other, head=cls._person("Scale Other"))
        cls.case_far = cls._case(user=cls.worker_far, head=cls._person("Scale Far"))
        cls.mine = cls.case.head_partner_id
        cls.other = cls.case_other.head_partner_id
        cls.far = cls.case_far.head_partner_id
        cls.provider = cls.env["res.partner"].create(
            {"name": "Scale Clinic", "is_company": True, "rrs_is_provider": True}
        )

    def _names(self, user):
        Partner = self.env["res.partner"].with_user(user)
        return set(Partner.search([("name", "=like", "Scale %")]).mapped("name"))

    def test_con2_contact_rules_start_from_the_users_people(self):
        """CON-2: the SQL of a worker's contacts has their people as ids and no subquery over
        the households, and every role reads exactly what the rules allow."""
        sql = self.env["res.partner"].with_user(self.worker)._search([]).select().code
        self.assertNotIn("rrs_case_member", sql)
        self.assertNotIn("rrs_case_worker_user_rel", sql)
        self.assertEqual(self._names(self.worker), {"Scale Mine", "Scale Clinic"})
        self.assertEqual(
            self._names(self.supervisor), {"Scale Mine", "Scale Other", "Scale Clinic"}
        )
        self.assertEqual(self._names(self.worker_far), {"Scale Far", "Scale Clinic"})
        with self.assertRaisesRegex(AccessError, "Contact"):
            self.far.with_user(self.worker).read(["name"])

    def test_con2_a_supervisors_contacts_start_from_the_teams_cases(self):
        """CON-2, issue 17: the supervisor's rule gives the team's people as ids, read once
        per transaction from the workers' relation and the households (so that PostgreSQL
        prices the team's share of the contacts right); a team of more people than
        RRS_TEAM_PEOPLE_AS_IDS keeps the subquery, which reads the same relation and never
        every case of the database. The people it gives are the team's, either way."""
        Partner = self.env["res.partner"].with_user(self.supervisor)
        query = Partner._search([])
        self.assertIn('"res_partner"."id" = ANY(', query.select().code)
        self.assertNotIn("rrs_case_member", query.select().code)
        literal = [param for param in query.select().params if isinstance(param, str)][0]
        ids = {int(partner_id) for partner_id in literal.strip("{}").split(",")}
        self.assertTrue({self.mine.id, self.other.id} <= ids)
        self.assertNotIn(self.far.id, ids)
        self.env.cr.cache.pop("rrs_people_of_users", None)
        with patch.object(res_partner, "RRS_TEAM_PEOPLE_AS_IDS", 1):
            sql = Partner._search([]).select().code
            self.assertIn("rrs_case_worker_user_rel", sql)
            self.assertNotIn('"rrs_case"', sql)
            self.assertEqual(
                self._names(self.supervisor), {"Scale Mine", "Scale Other", "Scale Clinic"}
            )
        self.env.cr.cache.pop("rrs_people_of_users", None)
        # only the rule reads the workers of a person's cases, no user
        with self.assertRaisesRegex(AccessError, "rrs_case_worker_user_ids"):
            self.mine.with_user(self.supervisor).read(["rrs_case_worker_user_ids"])
        # the value of a record in memory says the same as the SQL
        Partner = self.env["res.partner"]
        team = self.supervisor.rrs_supervised_user_ids()
        domain = [("rrs_case_worker_user_ids", "in", team)]
        people = self.mine | self.other | self.far
        self.assertEqual(people.filtered_domain(domain), self.mine | self.other)
        self.assertEqual(
            Partner.search(domain + [("id", "in", people.ids)]), self.mine | self.other
        )
        # a case passed to the far worker leaves the team, in the same transaction
        self.case_other.with_user(self.manager).write({"user_id": self.worker_far.id})
        self.assertEqual(self._names(self.supervisor), {"Scale Mine", "Scale Clinic"})
        self.assertEqual(people.filtered_domain(domain), self.mine)

    def test_con2_a_program_managers_contacts_in_every_company_read_the_flag(self):
        """CON-2, issue 17: a program manager working in every company of the database reads
        every person served; their rule is then the contact's own flag, never a hash of every
        member of the database. A company they do not work in keeps its people from them."""
        every_company = self.env["res.company"].search([])
        self.manager.company_ids = every_company

        def partners(companies):
            return (
                self.env["res.partner"]
                .with_user(self.manager)
                .with_context(allowed_company_ids=companies.ids)
            )

        def sql(companies):
            return partners(companies)._search([]).select().code

        def names(companies):
            return set(partners(companies).search([("name", "=like", "Scale %")]).mapped("name"))

        self.assertNotIn("rrs_case_member", sql(every_company))
        scale = {"Scale Mine", "Scale Other", "Scale Far", "Scale Clinic"}
        self.assertEqual(names(every_company), scale)
        # only the rule reads the companies of a person's cases, no user
        with self.assertRaisesRegex(AccessError, "rrs_case_company_ids"):
            self.mine.with_user(self.manager).read(["rrs_case_company_ids"])
        # a second agency in the database, with a household of its own
        agency = self.env["res.company"].create({"name": "Second agency (scale test)"})
        program = self.program.copy({"company_id": agency.id, "code": "RRS-SCALE"})
        self.manager.company_ids = [Command.link(agency.id)]
        worker_beyond = self._company_worker(agency, "rrs_worker_beyond")
        beyond = self._case(
            user=worker_beyond,
            head=self._person("Scale Beyond"),
            program=program,
            company_id=agency.id,
        ).head_partner_id
        # working in the first companies only: the path through the households, without them
        self.assertIn("rrs_case_member", sql(every_company))
        self.assertEqual(names(every_company), scale)
        with self.assertRaisesRegex(AccessError, "Contact"):
            beyond.with_user(self.manager).with_context(allowed_company_ids=every_company.ids).read(
                ["name"]
            )
        # in every company again: the flag, and the second agency's people with it
        self.assertNotIn("rrs_case_member", sql(every_company | agency))
        self.assertEqual(names(every_company | agency), scale | {"Scale Beyond"})
        # a record in memory says the same as the SQL
        domain = [("rrs_case_company_ids", "in", every_company.ids)]
        people = self.mine | self.far | beyond
        Partner = self.env["res.partner"]
        self.assertEqual(people.filtered_domain(domain), self.mine | self.far)
        self.assertEqual(Partner.search(domain + [("id", "in", people.ids)]), self.mine | self.far)
        # the other roles read as before: a case worker neither agency's other people
        self.assertEqual(self._names(self.worker), {"Scale Mine", "Scale Clinic"})

    def test_con2_a_new_company_is_known_to_the_contact_rules_at_once(self):
        """CON-2: the companies the contact rules compare with are read again once a company
        is created, even when a rule was checked between Odoo's clearing of its caches and the
        insert of the company (a manager in the other companies would read its people)."""
        Partner = self.env["res.partner"]
        Company = type(self.env["res.company"])
        insert = Company._create

        def insert_after_a_rule_check(model, data_list):
            Partner._rrs_every_company_id()
            return insert(model, data_list)

        with patch.object(Company, "_create", insert_after_a_rule_check):
            agency = self.env["res.company"].create({"name": "Agency created in a rule check"})
        self.assertIn(agency.id, Partner._rrs_every_company_id())
        manager = (
            self.env["res.partner"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=(self.env["res.company"].search([]) - agency).ids)
        )
        self.manager.company_ids = self.env["res.company"].search([])
        self.assertIn("rrs_case_member", manager._search([]).select().code)

    def test_rec1_finance_and_auditors_in_every_company_read_all_but_restricted_people(self):
        """REC-1, CON-2, issue 17: finance and auditors working in every company read every
        person served but those whose every case is restricted (a minor's record), from the
        restricted cases alone, never a hash of every member of the database; in some of the
        companies they keep the path through the households. Both give the same people."""
        every_company = self.env["res.company"].search([])
        both = self._person("Scale Both")
        self.case_other.member_ids = [
            Command.create({"partner_id": both.id, "relationship": "other_relative"})
        ]
        self._case(
            user=self.worker_far, head=self._person("Scale Minor"), members=[(both, "child")]
        )
        self.case_far.restricted = True
        self.env["rrs.case"].search(
            [("head_partner_id.name", "=", "Scale Minor")]
        ).restricted = True
        minor = self.env["res.partner"].search([("name", "=", "Scale Minor")])
        readable = {"Scale Mine", "Scale Other", "Scale Both", "Scale Clinic"}
        for user in (self.finance, self.auditor):
            user.company_ids = every_company
            for companies in (every_company, self.company):
                Partner = (
                    self.env["res.partner"]
                    .with_user(user)
                    .with_context(allowed_company_ids=companies.ids)
                )
                sql = Partner._search([]).select().code
                # the households' path only when some company is not the user's
                self.assertEqual('"rrs_case_member"' in sql, companies != every_company, user.login)
                found = Partner.search([("name", "=like", "Scale %")])
                self.assertEqual(set(found.mapped("name")), readable, user.login)
                for person in (self.far, minor):
                    with self.assertRaisesRegex(AccessError, "Contact"):
                        person.with_user(user).with_context(allowed_company_ids=companies.ids).read(
                            ["name"]
                        )
            with self.assertRaisesRegex(AccessError, "rrs_unrestricted_case_company_ids"):
                both.with_user(user).read(["rrs_unrestricted_case_company_ids"])
        # a record in memory says the same as the SQL
        domain = [("rrs_unrestricted_case_company_ids", "in", every_company.ids)]
        people = self.mine | self.far | both | minor
        Partner = self.env["res.partner"]
        self.assertEqual(people.filtered_domain(domain), self.mine | both)
        self.assertEqual(Partner.search(domain + [("id", "in", people.ids)]), self.mine | both)
        # the far case is no longer restricted: its people are read at once
        self.case_far.restricted = False
        self.assertIn(
            "Scale Far",
            self._names(self.finance.with_context(allowed_company_ids=every_company.ids)),
        )

    def test_con2_the_people_follow_a_household_and_its_workers_in_the_same_transaction(self):
        """CON-2, REC-4: the ids read once per transaction are read again after a change."""
        self.assertEqual(self._names(self.worker), {"Scale Mine", "Scale Clinic"})
        # a newcomer joins the worker's household: readable at once, by search and by read
        newcomer = self.env["res.partner"].with_user(self.worker).create({"name": "Scale New"})
        self.case.with_user(self.worker).member_ids = [
            Command.create({"partner_id": newcomer.id, "relationship": "other_relative"})
        ]
        self.assertIn("Scale New", self._names(self.worker))
        newcomer.with_user(self.worker).read(["name"])
        # the case passes to another worker: its people leave the first worker at once
        self.case.with_user(self.manager).write({"user_id": self.worker_other.id})
        self.assertEqual(self._names(self.worker), {"Scale Clinic"})
        with self.assertRaisesRegex(AccessError, "Contact"):
            self.mine.with_user(self.worker).read(["name"])
        self.assertIn("Scale Mine", self._names(self.worker_other))

    def test_con2_a_new_member_with_the_persons_details_in_one_create(self):
        """CON-2: a worker who has read their contacts adds a person to a household with
        the person's date of birth in the same create (as an import does): the person's own
        record is written once they are a member, and the rule already sees them."""
        self.assertEqual(self._names(self.worker), {"Scale Mine", "Scale Clinic"})
        newcomer = self.env["res.partner"].with_user(self.worker).create({"name": "Scale Baby"})
        self.env["rrs.case.member"].with_user(self.worker).create(
            {
                "case_id": self.case.id,
                "partner_id": newcomer.id,
                "relationship": "child",
                "birthdate_date": "2024-03-01",
            }
        )
        self.assertEqual(str(newcomer.birthdate_date), "2024-03-01")
        self.assertIn("Scale Baby", self._names(self.worker))

    def test_con2_rec4_the_team_follows_the_hierarchy_in_the_same_transaction(self):
        """REC-4: a worker moved to another supervisor takes their people along."""
        self.assertIn("Scale Other", self._names(self.supervisor))
        self.assertNotIn("Scale Other", self._names(self.supervisor_other))
        employee = self.env["hr.employee"].search([("user_id", "=", self.worker_other.id)])
        lead = self.env["hr.employee"].search([("user_id", "=", self.supervisor_other.id)])
        employee.parent_id = lead
        self.assertNotIn("Scale Other", self._names(self.supervisor))
        with self.assertRaisesRegex(AccessError, "Contact"):
            self.other.with_user(self.supervisor).read(["name"])
        self.assertIn("Scale Other", self._names(self.supervisor_other))

    def test_con2_ordinary_contacts_are_read_from_their_index(self):
        """The contacts every internal user reads have an index of their own: a worker's
        contacts count reads them from it (or-ed with their people's ids at 100,000 cases)
        instead of testing every contact (scans and index walks discouraged here, as they
        cost more there)."""
        Partner = self.env["res.partner"].with_user(self.worker)
        plan = self._plan(
            Partner._search([]).select("COUNT(*)"), discourage=("seqscan", "indexscan")
        )
        self.assertIn("rrs_res_partner_ordinary_idx", plan)

    def test_con2_a_search_by_name_reads_the_contacts_bearing_the_text(self):
        """Issue 17: the contacts' search by name, as the search view sends it (complete
        name, email, reference, tax ID, company ID), is ordered by the complete name as a
        value: PostgreSQL reads the contacts bearing the text (their trigram indexes, at any
        size of the database) and sorts them, and never walks the complete name's index
        testing each contact in turn (770 ms for a supervisor at 101,000 cases, where 164
        of the team's people bore the name). Index scans are all the planner is left with
        here, so the walk would be its plan if the order allowed it. Each role finds what
        its rules give, in the contacts' order; a list without a search, or a search for
        less than a trigram, keeps the index's order."""
        self.env["res.partner"].create({"name": "Scale Agency", "email": "intake@scale.example"})
        domain = self._search_field_domain("res.partner", "name", "Scale")
        expected = {
            self.worker: ["Scale Agency", "Scale Clinic", "Scale Mine"],
            self.supervisor: ["Scale Agency", "Scale Clinic", "Scale Mine", "Scale Other"],
            self.worker_far: ["Scale Agency", "Scale Clinic", "Scale Far"],
        }
        for user, names in expected.items():
            Partner = self.env["res.partner"].with_user(user)
            self.assertEqual(Partner.search(domain).mapped("name"), names, user.login)
            query = Partner._search(domain, limit=80, order=Partner._order)
            self.assertIn("|| '')", query.select().code)
            plan = self._plan(query.select(), discourage=("seqscan", "bitmapscan"))
            self.assertNotIn("complete_name_index", plan)
            self.assertNotIn("rrs_res_partner_ordinary_idx", plan)
        # the trigram indexes are there for the search to read from
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner' AND indexdef"
            " LIKE '%gin_trgm_ops%'"
        )
        indexes = {name for (name,) in self.env.cr.fetchall()}
        for column in ("complete_name", *res_partner.RRS_SEARCHED_PARTNER_COLUMNS):
            self.assertIn(f"rrs_res_partner_{column}_trgm_idx", indexes)
        Partner = self.env["res.partner"].with_user(self.worker)
        for domain in ([], self._search_field_domain("res.partner", "name", "Sc")):
            query = Partner._search(domain, limit=80, order=Partner._order)
            self.assertNotIn("|| '')", query.select().code)


@tagged("post_install", "-at_install")
class TestMemberSearchScale(RrsCaseCommon):
    """Issue 17: the search for a household member by name (the case search view's "Case"
    and "Household member" fields) reads the names kept on the case, so a supervisor's search
    reads the team's cases and no member or person; the names follow every change of a
    household or of a person's name in the same transaction, and only who reads the case
    finds it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spouse = cls._person("Leyla Qaderi")
        cls.case = cls._case(
            user=cls.worker, head=cls._person("Jawad Qaderi"), members=[(cls.spouse, "spouse")]
        )
        cls.case_far = cls._case(user=cls.worker_far, head=cls._person("Mina Qaderi"))

    def _domain(self, text, field="member_ids"):
        return self._search_field_domain("rrs.case", field, text)

    def _found(self, user, text, field="member_ids"):
        return self.env["rrs.case"].with_user(user).search(self._domain(text, field))

    def test_elig2_a_member_is_found_by_their_name_by_who_reads_the_case(self):
        # any member, not only the head; any part of the name, in any case
        self.assertEqual(self._found(self.worker, "Leyla"), self.case)
        self.assertEqual(self._found(self.worker, "leyla qad", field="name"), self.case)
        self.assertEqual(self._found(self.worker, "qaderi"), self.case)
        self.assertEqual(self._found(self.worker_far, "qaderi"), self.case_far)
        self.assertEqual(self._found(self.supervisor, "qaderi"), self.case)
        self.assertEqual(self._found(self.supervisor_other, "qaderi"), self.case_far)
        self.assertFalse(self._found(self.worker, "Mina"))
        # the roles that read every (unrestricted) case and its members; rrs_minors' tests
        # show the restricted cases are not found by name by those who may not read them
        for user in (self.manager, self.finance, self.auditor):
            self.assertEqual(self._found(user, "qaderi"), self.case | self.case_far)
        with self.assertRaises(AccessError):
            self._found(self.volunteer, "qaderi")

    def test_elig2_the_names_follow_the_household_in_the_same_transaction(self):
        worker_case = self.case.with_user(self.worker)
        # a person renamed (a spelling corrected): found by the new name, not the old one
        self.spouse.with_user(self.worker).name = "Leila Qaderi"
        self.assertEqual(self._found(self.worker, "Leila"), self.case)
        self.assertFalse(self._found(self.worker, "Leyla"))
        # a newborn joins the household, then the line entered by mistake is removed
        worker_case.member_ids = [
            Command.create({"person_name": "Baby Qaderi", "relationship": "child"})
        ]
        self.assertEqual(self._found(self.worker, "Baby"), self.case)
        worker_case.member_ids.filtered(lambda m: m.partner_id.name == "Baby Qaderi").unlink()
        self.assertFalse(self._found(self.worker, "Baby"))
        self.assertEqual(self.case.member_names, "Jawad Qaderi / Leila Qaderi")

    def test_elig2_the_names_are_the_systems(self):
        for user in (self.worker, self.supervisor, self.manager):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, SYSTEM):
                self.case.with_user(user).write({"member_names": "Someone Else"})
        with self.assertRaisesRegex(UserError, SYSTEM):
            self.env["rrs.case"].with_user(self.worker).create(
                {
                    "program_id": self.program.id,
                    "user_id": self.worker.id,
                    "member_names": "Someone Else",
                }
            )
        self.assertEqual(self.case.member_names, "Jawad Qaderi / Leyla Qaderi")

    def _tables(self):
        """(name, model) of every model of the database with a table of its own."""
        return [
            (name, model)
            for name, model in self.env.registry.items()
            if not model._abstract and not model._transient and model._auto
        ]

    def test_rec3_every_reference_to_a_case_record_or_a_person_is_indexed(self):
        """Disposing of a case deletes its records and its people (rule REC-3): PostgreSQL
        then checks every foreign key that may point to them. Each stored many2one of the suite
        to a person, a case or a record of a case is indexed, or each deleted row reads the
        whole referencing table (a case disposed of took a second at 100,000 cases, issue
        17)."""
        targets = {
            name
            for name, model in self.env.registry.items()
            if name in ("res.partner", "rrs.case") or "case_id" in model._fields
        }
        missing = [
            f"{model_name}.{field.name}"
            for model_name, model in self._tables()
            for field in model._fields.values()
            if field.type == "many2one"
            and field.store
            and (field._module or "").startswith("rrs_")
            and field.comodel_name in targets
            and not field.index
        ]
        self.maxDiff = None
        self.assertEqual(missing, [])

    def test_every_list_of_case_records_reads_its_order_from_an_index(self):
        """Issue 17: the records of the cases grow with the database; the page of their list
        is read from an index in the list's default order (newest first), not sorted from
        every record the reader may see. Each model of the suite with a case has an index
        whose first column is the first of its order."""
        missing = []
        for model_name, model in self._tables():
            field = model._fields.get("case_id")
            if not (model._original_module or "").startswith("rrs_") or not (field and field.store):
                continue
            first = model._order.split(",")[0].split()[0]
            self.env.cr.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                "i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = %s::regclass",
                [model._table],
            )
            if first not in {name for (name,) in self.env.cr.fetchall()}:
                missing.append(f"{model_name} ({model._order})")
        self.maxDiff = None
        self.assertEqual(missing, [])

    def test_a_supervisors_member_search_reads_the_team_cases_only(self):
        """The SQL reads the cases and the team's relation, no member or person; its query
        count holds when the database grows by households outside the team."""
        Case = self.env["rrs.case"].with_user(self.supervisor)
        sql = Case._search(self._domain("Qaderi")).select().code
        self.assertIn("rrs_case_worker_user_rel", sql)
        self.assertNotIn("rrs_case_member", sql)
        self.assertNotIn("res_partner", sql)

        def count_queries():
            Case.web_search_read(self._domain("Qaderi"), CASE_LIST, limit=80)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            found = Case.web_search_read(
                self._domain("Qaderi"), CASE_LIST, limit=80, count_limit=10001
            )
            self.assertEqual([r["id"] for r in found["records"]], self.case.ids)
            self.env.invalidate_all()
            return self.env.cr.sql_log_count - before

        count_queries()  # the rules' and groups' caches filled once
        small = count_queries()
        for i in range(20):
            self._case(user=self.worker_far, head=self._person(f"Far Qaderi {i}"))
        self.assertEqual(count_queries(), small)


@tagged("post_install", "-at_install")
class TestBatchNumbering(RrsCaseCommon):
    def test_a_batch_of_cases_is_numbered_from_one_lookup_of_its_sequence(self):
        """Households imported together (or by ``scripts/populate``) get consecutive numbers
        of their company's sequence; the sequence is looked up once per company and batch,
        not once per case."""
        other = self.env["res.company"].create({"name": "Other agency"})
        self.env["ir.sequence"].create(
            {
                "name": "Other agency's cases",
                "code": "rrs.case",
                "prefix": "OA/",
                "padding": 3,
                "company_id": other.id,
            }
        )
        program_b = self.program.copy({"company_id": other.id, "code": "RRS-B"})
        worker_b = self._company_worker(other, "rrs_worker_numbered")
        Sequence = type(self.env["ir.sequence"])
        searches = []
        original = Sequence.search

        def search(records, domain, *args, **kwargs):
            searches.append(domain)
            return original(records, domain, *args, **kwargs)

        vals_list = [{"program_id": self.program.id, "user_id": self.worker.id} for _ in range(3)]
        vals_list += [
            {"program_id": program_b.id, "user_id": worker_b.id, "company_id": other.id}
            for _ in range(2)
        ]
        with patch.object(Sequence, "search", search):
            cases = (
                self.env["rrs.case"]
                .with_context(allowed_company_ids=[self.company.id, other.id])
                .create(vals_list)
            )
        self.assertEqual(len([d for d in searches if ("code", "=", "rrs.case") in d]), 2)
        ours, theirs = cases[:3], cases[3:]
        self.assertTrue(all(name.startswith("RRS/") for name in ours.mapped("name")))
        self.assertEqual(theirs.mapped("name"), ["OA/001", "OA/002"])
        numbers = [int(name.rsplit("/", 1)[1]) for name in ours.mapped("name")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        # the next case alone continues the same sequence
        single = self._case()
        self.assertEqual(int(single.name.rsplit("/", 1)[1]), numbers[-1] + 1)


@tagged("post_install", "-at_install")
class TestCaseSupervisor(RrsCaseCommon):
    def test_a_cases_supervisor_is_its_workers_manager_in_the_cases_company(self):
        """The supervisor shown on a case (and alerted by home visits, emergency accesses,
        concerns): the manager of the worker's employee in the case's company, archived
        employees left out; read in one query for a list of cases as for one."""
        other = self.env["res.company"].create({"name": "Other agency"})
        self.worker.write({"company_ids": [Command.link(other.id)]})
        Employee = self.env["hr.employee"]
        manager_other = Employee.create(
            {"name": "Manager there", "user_id": self.supervisor_other.id, "company_id": other.id}
        )
        Employee.create(
            {
                "name": "Worker there",
                "user_id": self.worker.id,
                "company_id": other.id,
                "parent_id": manager_other.id,
            }
        )
        program_b = self.program.copy({"company_id": other.id, "code": "RRS-SUP"})
        here = self._case()
        there = (
            self.env["rrs.case"]
            .with_context(allowed_company_ids=[self.company.id, other.id])
            .create({"program_id": program_b.id, "user_id": self.worker.id, "company_id": other.id})
        )
        far = self._case(user=self.worker_far)
        self.assertEqual(here.supervisor_user_id, self.supervisor)
        self.assertEqual(there.supervisor_user_id, self.supervisor_other)
        self.assertEqual(far.supervisor_user_id, self.supervisor_other)
        # as the worker reads it on the form
        self.assertEqual(here.with_user(self.worker).supervisor_user_id, self.supervisor)
        # an archived employee has no manager to show; a worker without employee neither
        Employee.search([("user_id", "=", self.worker_far.id)]).action_archive()
        self.env.invalidate_all()
        self.assertFalse(far.supervisor_user_id)
        # one query for the batch, whatever its size
        cases = here | far
        for _ in range(4):
            cases |= self._case()
        counts = []
        for batch in (here, cases):
            self.env.invalidate_all()
            batch.mapped("user_id")
            batch.mapped("company_id")
            before = self.env.cr.sql_log_count
            batch.mapped("supervisor_user_id")
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts, [1, 1])
