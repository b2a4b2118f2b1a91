# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import Command, api, fields, models
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
        self._rrs_schedule_activities_multi([(activity_xmlid, values_for)], notify=notify)

    def _rrs_schedule_activities_multi(self, schedules, notify=True):
        """``_rrs_schedule_activities`` for several activity types at once: one search of the
        existing activities, the assignees made followers once, one ``create`` (issue 17: the
        queries of a batch do not grow with its records or its distinct assignees).

        ``schedules`` is a list of ``(activity type XML id, values_for)``.
        """
        types = [(self.env.ref(xmlid), values_for) for xmlid, values_for in schedules]
        existing = {
            (activity.res_id, activity.activity_type_id.id)
            for activity in self.env["mail.activity"].search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", [t.id for t, _values_for in types]),
                ],
                ["res_id", "activity_type_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for activity_type, values_for in types:
            for record in self:
                if (record.id, activity_type.id) in existing:
                    continue
                values = values_for(record)
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
        if not vals_list:
            return
        # mail.activity computes its res_name one record at a time: read the names of the
        # whole batch first, so that each of those computes finds them in the cache.
        self.browse([vals["res_id"] for vals in vals_list]).mapped("display_name")
        self._rrs_add_assignees_as_followers(vals_list)
        # sudo(): the system cron assigns the activities to each record's case worker; the
        # assignees are followers already (above), so the create does not subscribe them
        # again one user at a time (see mail.activity._classify_by_model in this addon)
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=not notify, rrs_followers_added=True
        ).create(vals_list)

    def _rrs_alert(self, users, body, activity_xmlid, summary, note=None):
        """Tell ``users`` about this record at once: a note on its chatter that notifies them
        and an activity each (at most 5; the note already notified them, the activities do not
        a second time). The caller has checked its own right and passes the record as it may
        write it (``sudo()`` with its reason where the alert goes beyond the caller's rights)."""
        self.ensure_one()
        self._rrs_alert_each(activity_xmlid, lambda record: (users, body, summary, note))

    def _rrs_alert_each(self, activity_xmlid, alert_for):
        """``_rrs_alert`` for each record of a batch, ``alert_for(record)`` giving its
        ``(users, body, summary, note)``: a note each, and the activities of the whole batch
        in one ``create``, their assignees made followers once (issue 17: the queries of a
        batch do not grow with its distinct assignees)."""
        activity_type = self.env.ref(activity_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for record in self:
            users, body, summary, note = alert_for(record)
            record.message_post(
                body=body,
                partner_ids=users.partner_id.ids,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
            vals_list += [
                {
                    "activity_type_id": activity_type.id,
                    "summary": summary or activity_type.summary,
                    "note": note or activity_type.default_note,
                    "automated": True,
                    "date_deadline": today,
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "user_id": user.id,
                }
                for user in users[:5]
            ]
        if not vals_list:
            return
        # mail.activity computes its res_name one record at a time: the batch's names first
        self.mapped("display_name")
        self._rrs_add_assignees_as_followers(vals_list)
        self.env["mail.activity"].with_context(
            mail_activity_quick_update=True, rrs_followers_added=True
        ).create(vals_list)

    def _rrs_add_assignees_as_followers(self, vals_list):
        """Make each activity's assignee a follower of its record, for the whole batch in one
        search and one create, with the subtypes Odoo gives a new internal follower."""
        # sudo(): the system cron reads which contact each assignee is, to make it a follower
        users = self.env["res.users"].sudo().browse({vals["user_id"] for vals in vals_list})
        partner_of = {user.id: user.partner_id.id for user in users}
        wanted = {(vals["res_id"], partner_of[vals["user_id"]]) for vals in vals_list}
        # sudo(): followers are the system's bookkeeping of who is told about a record
        Followers = self.env["mail.followers"].sudo()
        present = {
            (follower.res_id, follower.partner_id.id)
            for follower in Followers.search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", list({res_id for res_id, _partner in wanted})),
                    ("partner_id", "in", list(set(partner_of.values()))),
                ],
                ["res_id", "partner_id"],
            )
        }
        missing = sorted(wanted - present)
        if missing:
            subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
            Followers.create(
                [
                    {
                        "res_model": self._name,
                        "res_id": res_id,
                        "partner_id": partner_id,
                        "subtype_ids": [Command.set(subtypes.ids)],
                    }
                    for res_id, partner_id in missing
                ]
            )
