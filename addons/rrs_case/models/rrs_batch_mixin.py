# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.fields import Domain

_logger = logging.getLogger(__name__)


class RrsBatchMixin(models.AbstractModel):
    """Cron work in committed batches and automated reminder activities, shared by the suite."""

    _name = "rrs.batch.mixin"
    _description = "Batched cron work and automated activities"

    @api.model
    def _rrs_run_in_batches(self, domain, method_name, batch_size):
        """Call ``method_name`` on the records of ``domain``, ``batch_size`` at a time by id.

        Each batch is committed with its progress (``ir.cron._commit_progress``), so a failure
        leaves the earlier batches done and the next run resumes; the method must be
        idempotent. A record that fails never blocks the others: the failing batch is run
        again record by record, and only the failing records are left out (and logged).
        """
        remaining = self.search_count(domain)
        last_id = 0
        while True:
            batch = self.search(
                Domain(domain) & Domain("id", ">", last_id), order="id", limit=batch_size
            )
            if not batch:
                break
            last_id = batch[-1].id
            batch._rrs_call_safely(method_name)
            remaining = max(remaining - len(batch), 0)
            if self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining) <= 0:
                break

    def _rrs_call_safely(self, method_name):
        try:
            with self.env.cr.savepoint():
                getattr(self, method_name)()
            return
        except Exception:  # noqa: BLE001 - one bad record must not stop the cron
            if len(self) == 1:
                _logger.exception("%s failed for %s", method_name, self)
                return
        self.env.invalidate_all()
        for record in self:
            record._rrs_call_safely(method_name)

    def _rrs_schedule_activities(self, activity_xmlid, values_for, notify=True):
        """One automated activity of the type per record, never two, however often it runs.

        ``values_for(record)`` returns the activity's ``user_id``, ``date_deadline`` and
        ``summary``, or None when the record needs no activity.
        """
        activity_type = self.env.ref(activity_xmlid)
        existing = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for record in self:
            values = record.id not in existing and values_for(record)
            if values:
                vals_list.append(
                    dict(
                        values,
                        res_model_id=model_id,
                        res_id=record.id,
                        activity_type_id=activity_type.id,
                        automated=True,
                    )
                )
        if vals_list:
            # mail.activity computes its res_name one record at a time: read the names of
            # the whole batch first, so that each of those computes finds them in the cache.
            self.browse([vals["res_id"] for vals in vals_list]).mapped("display_name")
            # sudo(): the system cron assigns the activities to each record's case worker
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=not notify
            ).create(vals_list)
