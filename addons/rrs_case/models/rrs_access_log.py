# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access log of the case file (rule REC-4): who opened, listed, exported, printed or was
refused a case, a case note, an assessment or a minor's record, and when.

Why a log of its own rather than OCA ``auditlog`` for reads: auditlog writes, synchronously,
one log and one line per field for every record of every ``read`` (a list of 80 cases is 80
logs and hundreds of lines, in the user's request), and it logs every internal ``read`` alike.
Here the web client's and the API's reads are recorded, one entry per record and action and
request (a list is one entry), collected in memory and written in one batch when the
transaction commits (just before, or, for the web client's read-only requests, just after in a
transaction of its own): opening a case costs no query in the user's request, and the commit a
few (see ``docs/benchmarks.md``). A refused read is written at once in its own transaction,
since the request's own is rolled back.
"""

import contextvars
import functools
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .rrs_domains import in_query_of_users

_logger = logging.getLogger(__name__)

# Inside a list read (web_search_read) or another logged read: the records it reads are not
# each "opened".
_LOGGING = contextvars.ContextVar("rrs_access_logging", default=False)
PRECOMMIT_KEY = "rrs.access.log"

ACTIONS = [
    ("open", "Opened"),
    ("list", "Listed"),
    ("export", "Exported"),
    ("print", "Printed"),
    ("refused", "Refused"),
]
REASONS = [
    ("restricted", "Minor's record read outside its case staff"),
    ("export", "Export"),
    ("refused", "Access refused"),
    ("emergency", "Emergency access"),
    ("outside", "Many case files outside the caseload in a day"),
]
# What the web client reads of a record it only names (a many2one's display)
NAME_ONLY = {"id", "display_name"}
# How many ids a list or an export entry keeps (the count is always kept).
MAX_IDS = 200


class RrsAccessLog(models.Model):
    _name = "rrs.access.log"
    _description = "Access Log Entry"
    _inherit = ["rrs.guard.mixin"]
    _order = "date desc, id desc"
    _log_access = False
    _rrs_parent_field = "case_id"
    # a log about the case file, not part of it: its workers do not read it (managers,
    # auditors and supervisors do)
    _rrs_not_in_case_file = True

    date = fields.Datetime(required=True, index=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, index=True, ondelete="restrict", readonly=True
    )
    action = fields.Selection(ACTIONS, required=True, index=True, readonly=True)
    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    model_name = fields.Char(string="Record type", compute="_compute_model_name")
    res_id = fields.Integer(string="Record", index=True, readonly=True)
    res_ids = fields.Char(
        string="Records listed", readonly=True, help="Ids of the records of a list."
    )
    record_count = fields.Integer(string="Number of records", readonly=True, default=1)
    case_id = fields.Many2one("rrs.case", index="btree_not_null", ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    restricted = fields.Boolean(
        string="Minor's record", readonly=True, help="The case was restricted (REC-1)."
    )
    outside_caseload = fields.Boolean(
        index=True,
        readonly=True,
        help="The user is neither a worker of the case nor the supervisor of one.",
    )
    emergency = fields.Boolean(
        string="In an emergency", readonly=True, help="Read through an emergency access."
    )
    unusual = fields.Boolean(index=True, readonly=True)
    unusual_reason = fields.Selection(REASONS, readonly=True)
    case_worker_user_ids = fields.Many2many(
        "res.users",
        string="Workers of the case",
        compute="_compute_case_worker_user_ids",
        search="_search_case_worker_user_ids",
    )

    @api.depends("res_model")
    def _compute_model_name(self):
        for entry in self:
            if entry.res_model in self.env:
                entry.model_name = self.env[entry.res_model]._description
            else:
                entry.model_name = entry.res_model

    @api.depends("action", "res_model", "case_id", "user_id")
    def _compute_display_name(self):
        labels = dict(self._fields["action"]._description_selection(self.env))
        for entry in self:
            entry.display_name = self.env._(
                "%(action)s by %(user)s: %(record)s",
                action=labels.get(entry.action, ""),
                user=entry.user_id.name,
                record=entry.case_id.name or entry.model_name,
            )

    @api.depends("case_id.worker_user_ids")
    def _compute_case_worker_user_ids(self):
        for entry in self:
            # sudo(): the workers of the entry's case, for a reader of the log who may not read
            # the case (a program manager of another company, an auditor)
            entry.case_worker_user_ids = entry.sudo().case_id.worker_user_ids

    def _search_case_worker_user_ids(self, operator, value):
        """The entries of the cases ``value`` work on, read from the workers' index (the
        supervisor's rule, issue 17): a path through ``case_id`` would join every case of the
        database to the log to count the team's entries."""
        return in_query_of_users(
            operator,
            value,
            "case_id",
            lambda env, user_ids: env["rrs.case"]._rrs_cases_of_workers_sql(user_ids),
        )

    # -------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
            raise AccessError(self.env._("The access log is written by the system only."))
        return super().create(vals_list)

    def write(self, vals):
        # the daily review flags a day's entries as unusual (``_rrs_flag_outside``); nothing
        # else is ever written
        if self._rrs_is_granted() and set(vals) <= {"unusual", "unusual_reason"}:
            return super().write(vals)
        self.check_access("write")
        raise UserError(self.env._("The access log is never changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "The access log is never deleted; its entries go with their case when the "
                "case's records are disposed of (REC-3)."
            )
        )

    # ----------------------------------------------------------------- writing
    @api.model
    def _rrs_collect(self, records, action, ids=None):
        """Keep an entry for the end of the transaction (rule REC-4): no query now. A read-only
        request (the web client's reads) writes its entries once it has ended, in a cursor of
        its own; any other, with its own changes."""
        env = records.env
        callbacks = env.cr.postcommit if env.cr.readonly else env.cr.precommit
        data = callbacks.data
        if PRECOMMIT_KEY not in data:
            data[PRECOMMIT_KEY] = {}
            # sudo(): the log is written by the system for the user who read the records
            callbacks.add(functools.partial(self.sudo()._rrs_flush, data))
        ids = list(ids if ids is not None else records.ids)
        if not ids and action not in ("list", "refused"):
            return
        now = fields.Datetime.now()
        if action == "list":
            data[PRECOMMIT_KEY].setdefault(
                (env.uid, records._name, action, tuple(ids)), {"date": now, "ids": ids}
            )
            return
        for rid in ids:
            data[PRECOMMIT_KEY].setdefault((env.uid, records._name, action, rid), {"date": now})

    def _rrs_flush(self, data):
        pending = data.pop(PRECOMMIT_KEY, None)
        if not pending:
            return
        if not self.env.cr.readonly:
            self._rrs_write(pending)
            return
        # after a read-only request: the log is written in a transaction of its own
        with self.env.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["rrs.access.log"]._rrs_write(pending)

    @api.model
    def _rrs_write(self, pending):
        """Write the collected entries in one batch, with the case of each record and whether
        its reader is inside the case's caseload."""
        by_model = {}
        for (_uid, model, _action, rid), _info in pending.items():
            if isinstance(rid, int):
                by_model.setdefault(model, set()).add(rid)
        record_case = {}
        for model, ids in by_model.items():
            if model == "rrs.case":
                record_case.update({(model, rid): rid for rid in ids})
            elif "case_id" in self.env[model]._fields:
                # sudo(): the case of each record read, for the log, whatever the reader's rights
                records = (
                    self.env[model]
                    .sudo()
                    .with_context(active_test=False)
                    .search_fetch([("id", "in", list(ids))], ["case_id"])
                )
                record_case.update({(model, rec.id): rec.case_id.id for rec in records})
        # sudo(): the workers and the restricted flag of those cases, to qualify the reads
        cases = (
            self.env["rrs.case"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", list({c for c in record_case.values() if c}))],
                ["restricted", "company_id", "worker_user_ids"],
            )
        )
        workers = {case.id: set(case.worker_user_ids.ids) for case in cases}
        restricted = {case.id for case in cases if case.restricted}
        company_of = {case.id: case.company_id.id for case in cases}
        case_of = {key: case for key, case in record_case.items() if case in workers}
        user_company = {}
        team_of = {}
        vals_list = []
        for (uid, model, action, rid), info in pending.items():
            ids = info.get("ids") or ([rid] if isinstance(rid, int) else [])
            case_id = case_of.get((model, rid)) if isinstance(rid, int) else False
            outside = False
            emergency = False
            if case_id and uid not in workers[case_id]:
                if uid not in team_of:
                    team_of[uid] = set(self.env["res.users"].browse(uid).rrs_supervised_user_ids())
                outside = not (workers[case_id] & team_of[uid])
                if outside:
                    opened = self.env["rrs.case"].with_user(uid)._rrs_emergency_expiries()
                    emergency = case_id in opened and opened[case_id] > info["date"]
            reason = False
            if action == "refused":
                reason = "refused"
            elif action == "export":
                reason = "export"
            elif emergency:
                reason = "emergency"
            elif case_id in restricted and outside:
                reason = "restricted"
            company = company_of.get(case_id)
            if not company:
                if uid not in user_company:
                    # sudo(): the company of the reader, for an entry without a case
                    user_company[uid] = self.env["res.users"].sudo().browse(uid).company_id.id
                company = user_company[uid]
            vals_list.append(
                {
                    "date": info["date"],
                    "user_id": uid,
                    "action": action,
                    "res_model": model,
                    "res_id": rid if isinstance(rid, int) else False,
                    "res_ids": ",".join(map(str, ids[:MAX_IDS])) if action == "list" else False,
                    "record_count": len(ids) if action == "list" else 1,
                    "case_id": case_id or False,
                    "company_id": company,
                    "restricted": case_id in restricted,
                    "outside_caseload": outside,
                    "emergency": emergency,
                    "unusual": bool(reason),
                    "unusual_reason": reason,
                }
            )
        self.create(vals_list)

    @api.model
    def _rrs_flag_outside(self, company, start, end):
        """Flag the day's entries of each user who opened more case files outside their
        caseload than the company's threshold (REC-4 monitoring)."""
        threshold = company.rrs_access_outside_threshold
        domain = [
            ("date", ">=", start),
            ("date", "<", end),
            ("company_id", "=", company.id),
            ("action", "=", "open"),
            ("outside_caseload", "=", True),
        ]
        groups = self._read_group(domain, ["user_id"], ["case_id:count_distinct"])
        heavy = [user.id for user, count in groups if count >= threshold]
        if not heavy:
            return
        entries = self.search(domain + [("user_id", "in", heavy), ("unusual", "=", False)])
        with entries._rrs_system_write():
            entries.write({"unusual": True, "unusual_reason": "outside"})

    @api.model
    def _rrs_log_refused(self, records, ids):
        """A refused read is logged at once in its own transaction: the request's own is
        rolled back with the error."""
        env = records.env
        pending = {
            (env.uid, records._name, "refused", rid): {"date": fields.Datetime.now()}
            for rid in (ids or [None])
        }
        try:
            with env.registry.cursor() as cr:
                api.Environment(cr, SUPERUSER_ID, {})["rrs.access.log"]._rrs_write(pending)
        except Exception:  # noqa: BLE001 - the refusal itself must reach the user
            _logger.exception("The refused access of user %s could not be logged", env.uid)


def _in_request():
    return bool(request) and getattr(request, "db", None)


class RrsAccessLoggedMixin(models.AbstractModel):
    """Records whose reads are logged (rule REC-4): the case file, case notes, assessments
    and minors' records. Forms (``web_read``), lists (``web_search_read``), API reads
    (``read``, ``search_read`` in a request), exports and refusals."""

    _name = "rrs.access.logged.mixin"
    _description = "Reads logged in the access log"

    def _rrs_logging(self):
        return not self.env.su and not _LOGGING.get()

    def _rrs_logged_call(self, call, ids=None):
        if not self._rrs_logging():
            return call()
        token = _LOGGING.set(True)
        try:
            result = call()
        except AccessError:
            self.env["rrs.access.log"]._rrs_log_refused(self, ids if ids is not None else self.ids)
            raise
        finally:
            _LOGGING.reset(token)
        return result

    @api.readonly
    def web_read(self, specification):
        # a record's name shown on another record (a many2one) is not the record opened
        if set(specification) <= NAME_ONLY:
            return super().web_read(specification)
        result = self._rrs_logged_call(
            lambda: super(RrsAccessLoggedMixin, self).web_read(specification)
        )
        if self._rrs_logging():
            self.env["rrs.access.log"]._rrs_collect(self, "open")
        return result

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        logging = self._rrs_logging()
        result = self._rrs_logged_call(
            lambda: super(RrsAccessLoggedMixin, self).web_search_read(
                domain,
                specification,
                offset=offset,
                limit=limit,
                order=order,
                count_limit=count_limit,
            ),
            ids=[],
        )
        if logging:
            ids = [values["id"] for values in result.get("records", ())]
            self.env["rrs.access.log"]._rrs_collect(self, "list", ids)
        return result

    @api.readonly
    def read(self, fields=None, load="_classic_read"):
        if not (self._rrs_logging() and _in_request()):
            return super().read(fields, load)
        result = self._rrs_logged_call(lambda: super(RrsAccessLoggedMixin, self).read(fields, load))
        self.env["rrs.access.log"]._rrs_collect(self, "open")
        return result

    @api.model
    @api.readonly
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        if not (self._rrs_logging() and _in_request()):
            return super().search_read(domain, fields, offset, limit, order, **read_kwargs)
        result = self._rrs_logged_call(
            lambda: super(RrsAccessLoggedMixin, self).search_read(
                domain, fields, offset, limit, order, **read_kwargs
            ),
            ids=[],
        )
        self.env["rrs.access.log"]._rrs_collect(self, "list", [r["id"] for r in result])
        return result

    def export_data(self, fields_to_export):
        result = self._rrs_logged_call(
            lambda: super(RrsAccessLoggedMixin, self).export_data(fields_to_export)
        )
        if not self.env.su:
            self.env["rrs.access.log"]._rrs_collect(self, "export")
        return result
