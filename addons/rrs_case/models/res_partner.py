# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, sql

from .rrs_domains import in_query_of_users

# Issue 17: a supervisor's team up to this many people (memberships) is searched as ids; the
# SQL then holds the list (about 7 bytes an id) and PostgreSQL plans it in about 2 ms for
# 13,000. Above, the rule keeps the subquery of the team's cases and members.
RRS_TEAM_PEOPLE_AS_IDS = 20000
# The contact columns the search by name reads beside the complete name, each with a trigram
# index of the contacts that have a value (``init``).
RRS_SEARCHED_PARTNER_COLUMNS = ("email", "ref", "vat", "company_registry")
# A search for a text of at least this many characters (a trigram) reads the contacts that
# bear it from the trigram indexes, then orders them (``_search``).
RRS_TRIGRAM_LENGTH = 3


class ResPartner(models.Model):
    _inherit = "res.partner"

    rrs_member_ids = fields.One2many("rrs.case.member", "partner_id", string="Case memberships")
    # rules CON-2, REC-4: a person served is a protected contact, seen and changed only by
    # those who may see or change one of their cases (security/res_partner_rules.xml).
    rrs_person_served = fields.Boolean(
        string="Person served",
        compute="_compute_rrs_person_served",
        store=True,
        index=True,
        help="A member of at least one case: seen only by the staff of their cases.",
    )
    # Issue 17: what the case worker's contact rule searches on. Its search gives the people
    # of the user's cases as literal ids, read once per transaction, so PostgreSQL starts a
    # worker's contacts list or search from those people and the ordinary contacts (an index
    # each) instead of testing every contact of the database; the rule's check of records in
    # memory reads the same ids.
    rrs_of_my_cases = fields.Boolean(
        string="Person of my cases",
        compute="_compute_rrs_of_my_cases",
        search="_search_rrs_of_my_cases",
        help="A member of a household you are assigned to, as primary or secondary worker.",
    )
    # Issue 17: what the supervisor's contact rule searches on. The path
    # ``rrs_member_ids.case_id.worker_user_ids`` joined every member to its case and hashed
    # every case of the database for each contacts list, search and count (16 of a list's
    # 109 ms at 100,000 cases); this reads the team's cases from the workers' index and their
    # members from the household's, the same rows at any size of the database.
    rrs_case_worker_user_ids = fields.Many2many(
        "res.users",
        string="Workers of the person's cases",
        compute="_compute_rrs_case_worker_user_ids",
        search="_search_rrs_case_worker_user_ids",
        compute_sudo=True,
        # what the rule searches, not a value to show: it names the workers of every case of
        # the person, restricted ones included, to whoever reads the person
        groups="base.group_system",
        help="The primary and secondary workers of the cases this person is a member of.",
    )
    # Issue 17: what the program manager's contact rule searches on. The path
    # ``rrs_member_ids.company_id`` made PostgreSQL hash every member of the database for each
    # contacts list and count (27 ms of each at 100,000 cases). A manager working in every
    # company of the database reads every person served, which the stored flag says for each
    # contact; one working in some of them keeps the path.
    rrs_case_company_ids = fields.Many2many(
        "res.company",
        string="Companies of the person's cases",
        compute="_compute_rrs_case_company_ids",
        search="_search_rrs_case_company_ids",
        compute_sudo=True,
        # what the rule searches, not a value to show: it names the companies of every case
        # of the person, those the reader works in or not
        groups="base.group_system",
        help="The companies of the cases this person is a member of.",
    )
    # Issue 17, rule REC-1: what the finance and auditor contact rules search on, the same way:
    # in every company, a person served is theirs unless all of the person's cases are
    # restricted (a few people, read from the restricted cases' index), instead of a hash of
    # every member and case of the database for each list.
    rrs_unrestricted_case_company_ids = fields.Many2many(
        "res.company",
        string="Companies of the person's unrestricted cases",
        compute="_compute_rrs_unrestricted_case_company_ids",
        search="_search_rrs_unrestricted_case_company_ids",
        compute_sudo=True,
        groups="base.group_system",
        help="The companies of the cases, other than minors' restricted records, this person "
        "is a member of.",
    )
    rrs_is_provider = fields.Boolean(
        string="Service provider", index=True, help="Listed in the directory of service providers."
    )
    rrs_service_category_ids = fields.Many2many("rrs.service.category", string="Services offered")
    # rule VIS-2: an unsafe address waives home visits
    rrs_unsafe_address = fields.Boolean(
        string="Unsafe address",
        tracking=True,
        help="Home visits at this address are waived; staff meet the family elsewhere.",
    )
    rrs_unsafe_reason = fields.Char(string="Why unsafe")
    rrs_unsafe_since = fields.Date(string="Unsafe since")
    rrs_language_ids = fields.Many2many(
        "rrs.language", "res_partner_rrs_language_rel", string="Languages served"
    )

    def _auto_init(self):
        # The contact table can be large: when the flag's column is added to a database that
        # already has cases, it is set in one statement instead of computed person by person.
        cr = self.env.cr
        if not sql.column_exists(cr, "res_partner", "rrs_person_served"):
            sql.create_column(cr, "res_partner", "rrs_person_served", "boolean")
            if sql.table_exists(cr, "rrs_case_member"):
                cr.execute(
                    "UPDATE res_partner p SET rrs_person_served = EXISTS "
                    "(SELECT 1 FROM rrs_case_member m WHERE m.partner_id = p.id)"
                )
        return super()._auto_init()

    def init(self):
        res = super().init()
        # Case workers find households by a member's name ("ilike"): at 100,000 cases a
        # trigram index on res_partner.name turns a scan of every person into an index scan.
        if self.env.registry.has_trigram:
            self.env.cr.execute(
                "CREATE INDEX IF NOT EXISTS rrs_res_partner_name_trgm_idx "
                "ON res_partner USING gin (name gin_trgm_ops)"
            )
            # The contacts' search by name (the search view's "Name", and the many2one
            # dropdowns: ``_rec_names_search``) looks for the text in the complete name, the
            # email, the reference, the tax ID and the company ID. Each has a trigram index,
            # so that a search reads the contacts bearing the text, however many the database
            # holds, instead of testing every contact (issue 17). People served have none of
            # the last four: those indexes hold the contacts that have one.
            self.env.cr.execute(
                "CREATE INDEX IF NOT EXISTS rrs_res_partner_complete_name_trgm_idx "
                "ON res_partner USING gin (complete_name gin_trgm_ops)"
            )
            for column in RRS_SEARCHED_PARTNER_COLUMNS:
                self.env.cr.execute(
                    SQL(
                        "CREATE INDEX IF NOT EXISTS %s ON res_partner USING gin (%s gin_trgm_ops)"
                        " WHERE %s IS NOT NULL",
                        SQL.identifier(f"rrs_res_partner_{column}_trgm_idx"),
                        SQL.identifier(column),
                        SQL.identifier(column),
                    )
                )
        # The contacts every internal user reads (res_partner_rule_internal_not_served), in
        # the contacts list's order: with the user's people (their ids) they are the two arms
        # of the contact rules, each read from an index (issue 17).
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS rrs_res_partner_ordinary_idx ON res_partner "
            "(complete_name) WHERE rrs_person_served IS NOT TRUE OR partner_share IS NOT TRUE"
        )
        return res

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        # Issue 17: the contacts' order is Odoo's (complete name), and PostgreSQL may read a
        # page by walking the complete name's index and testing each contact. For a search by
        # text that walk is a gamble on how the matches are spread: a supervisor's search for
        # a family name borne by 164 of the team's people walked 167,416 contacts (770 ms at
        # 101,000 cases). A search for a text of a trigram or more is therefore ordered on the
        # complete name as a value, not as the index: PostgreSQL reads the contacts bearing
        # the text from the trigram indexes (``init``) and sorts them, a cost that follows the
        # matches. A list without such a search keeps the walk (the first page of the
        # contacts a user reads, found in the index's order), and so does a database without
        # the trigram indexes (no ``pg_trgm``).
        if self.env.registry.has_trigram and self._rrs_searches_text(domain):
            self = self.with_context(rrs_order_without_index=True)
        return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)

    @api.model
    def _rrs_searches_text(self, domain):
        """Whether ``domain`` looks for a text of at least ``RRS_TRIGRAM_LENGTH`` characters
        in the complete name, the name or a column of ``RRS_SEARCHED_PARTNER_COLUMNS``."""
        columns = {"complete_name", "name", *RRS_SEARCHED_PARTNER_COLUMNS}
        for condition in Domain(domain).iter_conditions():
            if (
                condition.operator in ("ilike", "like")
                and condition.field_expr in columns
                and isinstance(condition.value, str)
                and len(condition.value.replace("%", "").replace("_", "")) >= RRS_TRIGRAM_LENGTH
            ):
                return True
        return False

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        if field_name == "complete_name" and self.env.context.get("rrs_order_without_index"):
            # the same order, by an expression no index holds (see ``_search``)
            column = self._field_to_sql(alias, field_name, query)
            return SQL("(%s || '') %s %s", column, direction, nulls)
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    # no depends: the value is dropped with the ids it reads (``_rrs_forget_people_of_users``)
    @api.depends_context("uid")
    def _compute_rrs_of_my_cases(self):
        mine = self._rrs_people_of_user()
        for partner in self:
            partner.rrs_of_my_cases = partner.id in mine

    def _search_rrs_of_my_cases(self, operator, value):
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return []
        return [("id", "in" if True in value else "not in", self._rrs_people_of_user())]

    @api.model
    def _rrs_people_of_user(self):
        """Ids of the people of the cases the current user is assigned to (primary or
        secondary worker), read once per transaction: the case worker's contact rule searches
        them for every contact a case worker reads. A change of a case's workers or of a
        household's members clears them (``modified`` of rrs.case and rrs.case.member)."""
        cache = self.env.cr.cache.setdefault("rrs_people_of_users", {})
        if self.env.uid not in cache:
            rows = self.env.execute_query(self._rrs_people_of_users_sql([self.env.uid]))
            cache[self.env.uid] = frozenset(partner_id for (partner_id,) in rows)
        return cache[self.env.uid]

    @api.model
    def _rrs_people_of_users_sql(self, user_ids):
        """The query of the people of the cases ``user_ids`` work on (primary or secondary):
        the workers' cases from their index, then those cases' members."""
        self.env["rrs.case.member"].flush_model(["partner_id", "case_id"])
        self.env["rrs.case"].flush_model(["worker_user_ids"])
        return SQL(
            "SELECT member.partner_id FROM rrs_case_member member "
            "JOIN rrs_case_worker_user_rel rel ON rel.case_id = member.case_id "
            "WHERE rel.user_id = ANY(%s)",
            list(user_ids),
        )

    @api.model
    def _rrs_forget_people_of_users(self):
        """A case's workers or a household's members changed: the contact rule reads the
        people of every user's cases again (``_rrs_people_of_user``), and the values computed
        from them."""
        self.env.cr.cache.pop("rrs_people_of_users", None)
        self.env["res.partner"].invalidate_model(["rrs_of_my_cases"], flush=False)

    @api.depends("rrs_member_ids.case_id.worker_user_ids")
    def _compute_rrs_case_worker_user_ids(self):
        for partner in self:
            partner.rrs_case_worker_user_ids = partner.rrs_member_ids.case_id.worker_user_ids

    def _search_rrs_case_worker_user_ids(self, operator, value):
        if operator == "in":
            team = self._rrs_people_of_team(
                sorted({user_id for user_id in value if isinstance(user_id, int)})
            )
            if team is not None:
                people, literal = team

                def to_sql(model, alias, query):
                    # one string parameter: the ids as a list of a tuple's values are quoted
                    # one by one in Python (8-10 ms a query for 13,000)
                    return SQL("%s = ANY(%s::int[])", SQL.identifier(alias, "id"), literal)

                return Domain.custom(to_sql=to_sql, predicate=lambda partner: partner.id in people)
        return in_query_of_users(
            operator,
            value,
            "id",
            lambda env, user_ids: env["res.partner"]._rrs_people_of_users_sql(user_ids),
        )

    @api.model
    def _rrs_people_of_team(self, user_ids):
        """The ids of the people of the cases ``user_ids`` work on (a supervisor's team) and
        their array literal, read once per transaction like a worker's
        (``_rrs_people_of_user``), or ``None`` above
        ``RRS_TEAM_PEOPLE_AS_IDS``: the supervisor's contact rule then keeps the subquery.

        Issue 17: as a subquery inside the OR of the group rules, the team's people were
        priced by PostgreSQL at one contact in two, and a search by name walked Odoo's
        alphabetical index for its first 80 (143,582 rows, 254.8 ms at 100,798 cases); as
        ids, PostgreSQL prices the team's share right and tests the ids by a hash: 10 ms, the
        contacts list 14.4 -> 5.1 ms and its count 62.3 -> 45.5 ms, for 2.3 ms of planning
        (13,314 people)."""
        cache = self.env.cr.cache.setdefault("rrs_people_of_users", {})
        key = tuple(user_ids)
        if key not in cache:
            rows = self.env.execute_query(
                SQL(
                    "%s LIMIT %s",
                    self._rrs_people_of_users_sql(user_ids),
                    RRS_TEAM_PEOPLE_AS_IDS + 1,
                )
            )
            people = frozenset(partner_id for (partner_id,) in rows)
            literal = "{" + ",".join(map(str, sorted(people))) + "}"
            cache[key] = (people, literal) if len(rows) <= RRS_TEAM_PEOPLE_AS_IDS else None
        return cache[key]

    @api.depends("rrs_member_ids.company_id")
    def _compute_rrs_case_company_ids(self):
        for partner in self:
            partner.rrs_case_company_ids = partner.rrs_member_ids.company_id

    def _search_rrs_case_company_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        company_ids, every = self._rrs_companies_of_rule(value)
        if every:
            # every case is in one of these companies: a person is a member of one of them
            # exactly when they are a member of a case at all (a column of the contact)
            return [("rrs_person_served", "=", True)]
        return [("rrs_member_ids.company_id", "in", company_ids)]

    @api.depends("rrs_member_ids.company_id", "rrs_member_ids.case_id.restricted")
    def _compute_rrs_unrestricted_case_company_ids(self):
        for partner in self:
            partner.rrs_unrestricted_case_company_ids = partner.rrs_member_ids.filtered(
                lambda member: not member.case_id.restricted
            ).company_id

    def _search_rrs_unrestricted_case_company_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        company_ids, every = self._rrs_companies_of_rule(value)
        if not every:
            return [
                (
                    "rrs_member_ids",
                    "any",
                    [("company_id", "in", company_ids), ("case_id.restricted", "=", False)],
                )
            ]

        def to_sql(model, alias, query):
            # the people all of whose cases are restricted: those of the restricted cases
            # (their index) without another case
            model.env["rrs.case.member"].flush_model(["partner_id", "case_id"])
            model.env["rrs.case"].flush_model(["restricted"])
            return SQL(
                "%s NOT IN (SELECT member.partner_id FROM rrs_case_member member"
                " JOIN rrs_case ON rrs_case.id = member.case_id WHERE rrs_case.restricted"
                " AND NOT EXISTS (SELECT FROM rrs_case_member other"
                " JOIN rrs_case other_case ON other_case.id = other.case_id"
                " WHERE other.partner_id = member.partner_id"
                " AND other_case.restricted IS NOT TRUE))",
                SQL.identifier(alias, "id"),
            )

        # in every company: a member of a case that is not restricted. No predicate: a check
        # in memory runs the same SQL on the records' ids.
        return Domain("rrs_person_served", "=", True) & Domain.custom(to_sql=to_sql)

    @api.model
    def _rrs_companies_of_rule(self, value):
        """(the company ids a contact rule gives, sorted; whether they are every company of
        the database, so that every case is in one of them)."""
        company_ids = {company_id for company_id in value if isinstance(company_id, int)}
        return sorted(company_ids), company_ids >= self._rrs_every_company_id()

    @api.model
    @tools.ormcache()
    def _rrs_every_company_id(self):
        """Ids of every company of the database, archived ones included. Creating or deleting
        a company clears the cache, once more after the insert (res.company's ``create``),
        so that a rule checked in between does not keep the list without it."""
        return frozenset(
            company_id
            for (company_id,) in self.env.execute_query(SQL("SELECT id FROM res_company"))
        )

    @api.depends("rrs_member_ids")
    def _compute_rrs_person_served(self):
        for partner in self:
            partner.rrs_person_served = bool(partner.rrs_member_ids)

    @api.constrains("birthdate_date")
    def _check_birthdate_not_future(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birthdate_date and partner.birthdate_date > today:
                raise ValidationError(
                    self.env._(
                        "The date of birth of %(name)s (%(date)s) is in the future. "
                        "Enter the real date of birth, or leave it empty if it is unknown.",
                        name=partner.display_name,
                        date=partner.birthdate_date,
                    )
                )

    def _rrs_dispose_people(self):
        """After a disposal (rule REC-3): the people served who have no other case, no user
        and are no provider are deleted, or, when other records still point to them, stripped
        of their personal data and archived."""
        orphans = self.exists().filtered(
            lambda p: not p.rrs_member_ids and not p.user_ids and not p.rrs_is_provider
        )
        for person in orphans:
            try:
                with self.env.cr.savepoint():
                    person.unlink()
            except Exception:  # noqa: BLE001 - still referenced elsewhere: anonymise instead
                person.write(
                    {
                        "name": self.env._("Disposed record"),
                        "active": False,
                        "birthdate_date": False,
                        "email": False,
                        "phone": False,
                        "street": False,
                        "street2": False,
                        "city": False,
                        "zip": False,
                        "comment": False,
                    }
                )
