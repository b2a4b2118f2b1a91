# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The change history of the case file (rule REC-4) through OCA ``auditlog``.

The suite ships ``auditlog.rule`` records (``data/rrs_auditlog_rules.xml`` here and in the
addons that add case-file models) that log every create, write and delete of a case, a case
note, a plan, an assessment, a minor's record ... with the values before and after. What this
module adds to ``auditlog``:

- each log of a case-file record knows its case (``rrs_case_id``), its company and whether it
  holds a confidential note's values, so record rules give it the audience of the access log
  (supervisors for their team, program managers, auditors) and hide restricted (minors') cases
  and confidential notes from whoever may not read them;
- the logs of the case file are append-only: no one edits or deletes them, the auto-vacuum of
  ``auditlog`` skips them, and they go with their case at disposal (REC-3), through the
  foreign key;
- a write or create of many records is logged in one insert (upstream creates one log per
  record), and the one2many fields of a case (its notes, members ...) are left to their own
  models' logs instead of being read before and after every write;
- a creation keeps who, when and the record's name: its values are the record's own, and the
  first change of each field keeps its value before;
- the records a many2many named before a write are looked up once for the whole batch, not
  once a record (``_prepare_log_line_vals_on_write``);
- auditlog's throw-away cache is fixed for Odoo 19 (``_ThrowAwayCache``).

Reads, exports and prints are not logged here but in ``rrs.access.log`` (see its module).
"""

from odoo import api, fields, models
from odoo.addons.auditlog.models import auditlog_rule
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .rrs_guard_mixin import is_disposing

# What a model's logs never carry: chatter and activity bookkeeping
_SKIPPED_PREFIXES = ("message_", "activity_", "website_message", "rating_")


def _is_case_file_model(env, model_name):
    """A model of the suite whose records belong to the case file (or are the suite's own
    records such as breaches): its logs are protected."""
    return bool(model_name) and model_name.startswith("rrs.") and model_name in env


class _ThrowAwayCache(auditlog_rule.ThrowAwayCache):
    """auditlog's disposable cache, also for the environments' cached views of the transaction.

    Odoo 19 environments keep ``_field_dirty`` and ``_protected`` as cached properties of the
    transaction's containers. An environment that first reads them while auditlog has swapped
    the containers keeps the throw-away ones for good: its later ``flush_all`` (the flush before
    every savepoint, by the transaction's default environment) then misses the dirty fields,
    whose values a rolled-back savepoint loses. Dropping those cached properties on the way in
    and out makes every environment read the live container again.
    """

    _ENV_CACHED = ("_field_dirty", "_protected")

    def _drop_env_cached(self):
        for env in self._transaction.envs:
            for name in self._ENV_CACHED:
                env.__dict__.pop(name, None)

    def __enter__(self):
        result = super().__enter__()
        self._drop_env_cached()
        return result

    def __exit__(self, exc_type, exc_val, exc_tb):
        result = super().__exit__(exc_type, exc_val, exc_tb)
        self._drop_env_cached()
        return result


# auditlog's create and write look the class up by its module-level name when they run
auditlog_rule.ThrowAwayCache = _ThrowAwayCache


def _case_of(record):
    """The case a record of the case file belongs to: itself, or its parent's case
    (``_rrs_parent_field``, else ``case_id``); an empty recordset when it has none."""
    for _depth in range(4):
        if record._name == "rrs.case":
            return record
        parent = getattr(record, "_rrs_parent_field", None)
        if not parent and "case_id" in record._fields:
            parent = "case_id"
        if not parent or parent not in record._fields:
            break
        record = record[parent]
        if not record:
            break
    return record.env["rrs.case"]


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    @api.model
    def get_auditlog_fields(self, model):
        names = super().get_auditlog_fields(model)
        if not _is_case_file_model(self.env, model._name):
            return names
        if not model and "auditlog_guard" not in self.env.context:
            # a creation (auditlog's create passes the model, its write and unlink the records,
            # and its write sets ``auditlog_guard``): the entry keeps who created what and when,
            # with the record's name only. Its other values are the record's own, and the
            # first change of each keeps its value before: copying every field of every new
            # record into lines made scripts/populate 3 times slower (31 against 102 cases
            # per second, docs/benchmarks.md).
            return self._rrs_creation_fields(model, names)
        # - a case's notes, members, plans ... are logged on their own models: reading every
        #   one2many of the record before and after each write would cost a query per field;
        # - a file is an attachment, not a value to copy into a text line (and auditlog reads
        #   it with a cache of its own, where the attachment being created is not flushed yet)
        return [
            name
            for name in names
            if model._fields[name].type not in ("one2many", "binary")
            and not name.startswith(_SKIPPED_PREFIXES)
        ]

    @api.model
    def _rrs_creation_fields(self, model, names):
        """The one field that names a new record in its creation entry."""
        for candidate in (model._rec_name, getattr(model, "_rrs_parent_field", None), "case_id"):
            if candidate and candidate in names and candidate not in auditlog_rule.FIELDS_BLACKLIST:
                return [candidate]
        return names

    def create_logs(
        self,
        uid,
        res_model,
        res_ids,
        method,
        old_values=None,
        new_values=None,
        additional_log_values=None,
    ):
        if is_disposing() and _is_case_file_model(self.env, res_model):
            # the disposal of records past their retention (REC-3) is recorded by
            # rrs.record.disposal; the logs of a disposed case go with it
            return None
        if method in ("create", "write", "unlink"):
            # the names of the whole batch at once: upstream names each logged record by a
            # fetch of that record alone (issue 17)
            self.env[res_model].browse(res_ids).mapped("display_name")
        # one insert for the whole batch: auditlog.log.create collects the values upstream
        # creates one by one
        pending = []
        existing = self._rrs_existing_related_ids(res_model, method, old_values)
        rule = self.with_context(rrs_auditlog_pending=pending, rrs_auditlog_existing=existing)
        result = super(AuditlogRule, rule).create_logs(
            uid,
            res_model,
            res_ids,
            method,
            old_values=old_values,
            new_values=new_values,
            additional_log_values=additional_log_values,
        )
        if pending:
            result = self.env["auditlog.log"].create(pending)
        return result

    @api.model
    def _rrs_existing_related_ids(self, res_model, method, old_values):
        """For a write, the records the many2many values before still name, found once for
        the whole batch: ``{comodel: ids in its order}`` (see the next method)."""
        if method != "write" or not old_values or res_model not in self.env:
            return {}
        model = self.env[res_model]
        wanted = {}
        for values in old_values.values():
            for name, value in values.items():
                field = model._fields.get(name)
                if field is not None and field.type == "many2many" and value:
                    wanted.setdefault(field.comodel_name, set()).update(value)
        return {
            comodel: tuple(self.env[comodel]._search([("id", "in", sorted(ids))]))
            for comodel, ids in wanted.items()
        }

    def _prepare_log_line_vals_on_write(self, log_vals, field, old_values, new_values):
        """Upstream names the records of a many2many's value before after searching which
        still exist, once for each record written: a query a record of a batch (issue 17, a
        supervisor's reassignment of many cases). The search is made once for the batch by
        ``create_logs`` (``_rrs_existing_related_ids``); the line is upstream's otherwise,
        records that no longer exist named "DELETED" as upstream does."""
        existing = self.env.context.get("rrs_auditlog_existing") or {}
        relation = field["relation"]
        if (
            relation not in existing
            or field["ttype"] != "many2many"
            or log_vals.get("log_type") != "full"
        ):
            return super()._prepare_log_line_vals_on_write(log_vals, field, old_values, new_values)
        # upstream's line without its part for the relation, then that part
        vals = super()._prepare_log_line_vals_on_write(
            log_vals, dict(field, relation=False), old_values, new_values
        )
        comodel = self.env[relation]
        before = set(vals["old_value"] or ())
        alive = [id_ for id_ in existing[relation] if id_ in before]
        vals["old_value_text"] = [(rec.id, rec.display_name) for rec in comodel.browse(alive)] + [
            (id_, "DELETED") for id_ in before.difference(alive)
        ]
        vals["new_value_text"] = [
            (rec.id, rec.display_name) for rec in comodel.browse(vals["new_value"])
        ]
        return vals


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    rrs_case_file = fields.Boolean(
        string="Case file",
        readonly=True,
        index=True,
        help="A record of the suite: the entry is never changed or deleted.",
    )
    rrs_case_id = fields.Many2one(
        "rrs.case",
        string="Case",
        readonly=True,
        index="btree_not_null",
        # the entries go with their case when its records are disposed of (REC-3)
        ondelete="cascade",
    )
    rrs_company_id = fields.Many2one("res.company", string="Company", readonly=True, index=True)
    rrs_confidential = fields.Boolean(
        string="Confidential note",
        readonly=True,
        help="The entry holds the values of a note marked confidential: only the case's staff "
        "read it.",
    )

    # Issue 17: what the supervisor's rule searches on (the team's entries). Its search is one
    # condition on the entry's own columns, the author and the case, the case's workers read
    # by the workers' index; the path ``rrs_case_id.worker_user_ids`` joined every entry to its
    # case first, which hashed every case of the database for each list and count.
    rrs_user_ids = fields.Many2many(
        "res.users",
        string="Author or case workers",
        compute="_compute_rrs_user_ids",
        search="_search_rrs_user_ids",
        help="Who made the change, and the workers assigned to its case.",
    )

    # Issue 17: the supervisor's list counts up to 10,001 of the team's entries. The team's
    # entries are the same in number at 10,000 and 100,000 cases but twenty times sparser in the
    # larger table, where a count read 4,000 pages of the table to find them (118 ms). Every
    # column the supervisor's rule tests is in this index, so the count reads it alone (an
    # index-only scan, 17-19 ms at 101,000 cases, 3.6 ms at 10,100).
    _rrs_case_file_author_idx = models.Index(
        "(rrs_case_id, user_id, rrs_company_id) WHERE rrs_case_file IS TRUE"
    )

    @api.depends("user_id", "rrs_case_id.worker_user_ids")
    def _compute_rrs_user_ids(self):
        for log in self:
            log.rrs_user_ids = log.user_id | log.rrs_case_id.worker_user_ids

    def _search_rrs_user_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        users = {user_id for user_id in value if isinstance(user_id, int)}
        user_ids = sorted(users)

        def to_sql(model, alias, query):
            return SQL(
                "(%s = ANY(%s) OR %s IN (%s))",
                SQL.identifier(alias, "user_id"),
                user_ids,
                SQL.identifier(alias, "rrs_case_id"),
                model.env["rrs.case"]._rrs_cases_of_workers_sql(user_ids),
            )

        def predicate(log):
            return not users.isdisjoint(log.rrs_user_ids.ids)

        return Domain.custom(to_sql=to_sql, predicate=predicate)

    def init(self):
        res = super().init()
        # The change history lists newest first (auditlog's order, create_date desc) and
        # grows by every save of the case file: with an index in that order a page reads its
        # 80 entries instead of sorting the whole history (issue 17).
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS rrs_auditlog_log_create_date_idx "
            "ON auditlog_log (create_date)"
        )
        return res

    # -------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        pending = self.env.context.get("rrs_auditlog_pending")
        if pending is not None:
            pending.extend(vals_list)
            return self.browse()
        model_names = self._rrs_model_names(vals_list)
        if any(_is_case_file_model(self.env, name) for name in model_names.values()) and (
            not self.env.su
        ):
            self.check_access("create")
            raise AccessError(
                self.env._("The change history of the case file is written by the system only.")
            )
        self._rrs_prepare(vals_list, model_names)
        logs = super().create(vals_list)
        logs._rrs_mark_earlier_confidential()
        return logs

    def unlink(self):
        if self.env.context.get("rrs_autovacuum"):
            # the auto-vacuum purges by age what is not the case file's
            self = self - self.filtered("rrs_case_file")
        return super().unlink()

    def write(self, vals):
        if self.filtered("rrs_case_file"):
            self.check_access("write")
            raise UserError(self.env._("The change history of the case file is never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_case_file(self):
        if self.filtered("rrs_case_file") and not is_disposing():
            raise UserError(
                self.env._(
                    "The change history of the case file is never deleted; its entries go with "
                    "their case when the case's records are disposed of (REC-3)."
                )
            )

    # ----------------------------------------------------------------- helpers
    def _rrs_model_names(self, vals_list):
        """The technical model name of each log's ``model_id``, read once for the batch."""
        model_ids = {vals.get("model_id") for vals in vals_list if vals.get("model_id")}
        # sudo(): the model names of the logs being written; ir.model is not every role's
        models_ = self.env["ir.model"].sudo().browse(model_ids)
        return {model.id: model.model for model in models_}

    def _rrs_prepare(self, vals_list, model_names):
        """Fill the case, the company and the confidentiality of the logs of case-file
        records, a query per model and batch."""
        by_model = {}
        for vals in vals_list:
            name = model_names.get(vals.get("model_id"))
            if not _is_case_file_model(self.env, name):
                continue
            vals["rrs_case_file"] = True
            if vals.get("res_id"):
                by_model.setdefault(name, set()).add(vals["res_id"])
        facts = {}
        for name, ids in by_model.items():
            # sudo(): the log is written by the system about records its author changed
            records = self.env[name].sudo().with_context(active_test=False).browse(ids).exists()
            for record in records:
                case = _case_of(record)
                company = case.company_id
                if not company and "company_id" in record._fields:
                    company = record.company_id
                facts[name, record.id] = (
                    case.id,
                    company.id,
                    bool(record._fields.get("confidential") and record.confidential),
                )
        for vals in vals_list:
            name = model_names.get(vals.get("model_id"))
            fact = facts.get((name, vals.get("res_id")))
            if fact:
                vals["rrs_case_id"], vals["rrs_company_id"], vals["rrs_confidential"] = fact

    @api.model
    def _rrs_named_by_case_file(self, fname, records):
        """The HTTP requests or sessions (``fname`` of the entries) among ``records`` that an
        entry of the case file names: the auto-vacuum keeps them with the entry."""
        # sudo(): the auto-vacuum looks at every entry, whoever may read it
        entries = self.sudo().search([(fname, "in", records.ids), ("rrs_case_file", "=", True)])
        return entries[fname]

    def _rrs_mark_earlier_confidential(self):
        """A note made confidential makes its earlier entries confidential too: they hold the
        same text. The only change ever made to an entry, by the system."""
        # a creation has no earlier entries to mark
        marked = self.filtered(lambda log: log.rrs_confidential and log.method != "create")
        if not marked:
            return
        pairs = {(log.model_id.id, log.res_id) for log in marked}
        domain = Domain.OR(
            Domain("model_id", "=", model_id) & Domain("res_id", "=", res_id)
            for model_id, res_id in pairs
        )
        domain &= Domain("rrs_confidential", "=", False) & Domain("rrs_case_file", "=", True)
        # sudo(): the system marks the entries of the same note, whoever wrote it
        earlier = self.sudo().search(domain)
        if earlier:
            # bypass write(): the entries are otherwise never changed
            self.env.cr.execute(
                "UPDATE auditlog_log SET rrs_confidential = TRUE WHERE id = ANY(%s)",
                [earlier.ids],
            )
            earlier.invalidate_recordset(["rrs_confidential"])


class AuditlogLogLine(models.Model):
    _inherit = "auditlog.log.line"

    @api.model_create_multi
    def create(self, vals_list):
        log_ids = {vals.get("log_id") for vals in vals_list if vals.get("log_id")}
        # lines are created with their log (``line_ids`` commands), before it is flushed, by the
        # system; a line added later to an entry of the case file would change it
        # sudo(): only whether the entries are the case file's, before refusing the caller
        if not self.env.su and self.env["auditlog.log"].sudo().browse(log_ids).filtered(
            "rrs_case_file"
        ):
            self.check_access("create")
            raise AccessError(
                self.env._("The change history of the case file is written by the system only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        # sudo(): only whether the lines are the case file's, before refusing the caller
        if self.sudo().log_id.filtered("rrs_case_file"):
            self.check_access("write")
            raise UserError(self.env._("The change history of the case file is never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_case_file(self):
        # sudo(): only whether the lines are the case file's, before refusing the deletion
        if self.sudo().log_id.filtered("rrs_case_file") and not is_disposing():
            raise UserError(self.env._("The change history of the case file is never deleted."))


class AuditlogAutovacuum(models.TransientModel):
    _inherit = "auditlog.autovacuum"

    @api.model
    def autovacuum(self, days, chunk_size=None):
        # the case file's history follows the case's retention (REC-3), not a purge by age
        return super(AuditlogAutovacuum, self.with_context(rrs_autovacuum=True)).autovacuum(
            days, chunk_size=chunk_size
        )


class AuditlogHttpRequest(models.Model):
    _inherit = "auditlog.http.request"

    def unlink(self):
        if self.env.context.get("rrs_autovacuum"):
            self = self - self.env["auditlog.log"]._rrs_named_by_case_file("http_request_id", self)
        return super().unlink()


class AuditlogHttpSession(models.Model):
    _inherit = "auditlog.http.session"

    def unlink(self):
        if self.env.context.get("rrs_autovacuum"):
            self = self - self.env["auditlog.log"]._rrs_named_by_case_file("http_session_id", self)
        return super().unlink()
