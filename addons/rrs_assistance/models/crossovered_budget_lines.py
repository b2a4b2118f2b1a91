# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Requests whose money the grant has given: the bill is posted (committed) or paid.
ALLOCATED_STATES = ("validated", "paid")


class CrossoveredBudgetLines(models.Model):
    """A grant's budget for one period (OCA ``account_budget_oca``), with what assistance
    requests have taken from it (rule FIN-1): awaiting finance (approved), committed (bill
    posted, not paid), paid and remaining."""

    _inherit = "crossovered.budget.lines"

    # Sum of the validated and paid requests of this line, kept by the validation and the
    # cancellation under a row lock; the database refuses it above the planned amount, so two
    # validations that together exceed the budget can never both commit.
    rrs_allocated_amount = fields.Float(string="Allocated to assistance", readonly=True, digits=0)
    rrs_request_ids = fields.One2many("rrs.assistance.request", "budget_line_id")
    rrs_awaiting_amount = fields.Float(
        string="Awaiting finance", compute="_compute_rrs_amounts", digits=0
    )
    rrs_committed_amount = fields.Float(
        string="Committed", compute="_compute_rrs_amounts", digits=0
    )
    rrs_paid_amount = fields.Float(string="Paid", compute="_compute_rrs_amounts", digits=0)
    rrs_remaining_amount = fields.Float(
        string="Remaining", compute="_compute_rrs_amounts", digits=0
    )
    rrs_used_percent = fields.Float(string="Used (%)", compute="_compute_rrs_amounts")
    rrs_is_grant = fields.Boolean(related="analytic_account_id.rrs_is_grant")

    _rrs_allocation_within_budget = models.Constraint(
        "CHECK (rrs_allocated_amount <= ABS(planned_amount) + 0.005)",
        "The assistance validated on this grant would exceed its budget for the period.",
    )

    def _compute_rrs_amounts(self):
        Request = self.env["rrs.assistance.request"]
        totals = {}
        approved = {}
        real = self.filtered("id")
        if real:
            # The grant's figures: every request of the line, whoever reads them (a worker
            # sees how much is left without seeing other families' requests).
            # sudo(): aggregates only, no request is returned to the caller.
            for line, state, amount in Request.sudo()._read_group(
                [("budget_line_id", "in", real.ids), ("state", "in", ("validated", "paid"))],
                ["budget_line_id", "state"],
                ["amount:sum"],
            ):
                totals[line.id, state] = amount
            # Approved requests wait for finance; their line is the grant's current one.
            # sudo(): the same aggregate, no request returned.
            for grant, amount in Request.sudo()._read_group(
                [
                    ("grant_id", "in", real.analytic_account_id.ids),
                    ("state", "=", "approved"),
                ],
                ["grant_id"],
                ["amount:sum"],
            ):
                approved[grant.id] = amount
        today = fields.Date.context_today(self)
        for line in self:
            committed = totals.get((line.id, "validated"), 0.0)
            paid = totals.get((line.id, "paid"), 0.0)
            line.rrs_committed_amount = committed
            line.rrs_paid_amount = paid
            current = line.date_from and line.date_from <= today <= line.date_to
            line.rrs_awaiting_amount = (
                approved.get(line.analytic_account_id.id, 0.0) if current else 0.0
            )
            planned = abs(line.planned_amount)
            line.rrs_remaining_amount = planned - committed - paid
            line.rrs_used_percent = (committed + paid) / planned * 100 if planned else 0.0

    def _rrs_lock_and_check(self, amount, request):
        """Lock this line's row and refuse ``amount`` above what is left.

        The lock makes a second validation wait for the first; at the default isolation of
        Odoo's cursors (repeatable read) the second then fails to serialize and is retried,
        and its retry sees the first one's allocation."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT planned_amount FROM crossovered_budget_lines WHERE id = %s FOR UPDATE",
                self.id,
            )
        )
        planned = abs(self.env.cr.fetchone()[0] or 0.0)
        allocated = self._rrs_allocated_in_db()
        if allocated + amount > planned + 0.005:
            currency = request.currency_id
            raise ValidationError(
                self.env._(
                    "%(request)s cannot be validated: grant %(grant)s has %(left)s left for "
                    "%(start)s – %(end)s and the request is %(amount)s.",
                    request=request.name,
                    grant=self.analytic_account_id.display_name,
                    left=currency.format(max(planned - allocated, 0.0)),
                    start=self.date_from,
                    end=self.date_to,
                    amount=currency.format(amount),
                )
            )

    def _rrs_allocated_in_db(self):
        self.ensure_one()
        self.env["rrs.assistance.request"].flush_model(["budget_line_id", "state", "amount"])
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(SUM(amount), 0) FROM rrs_assistance_request "
                "WHERE budget_line_id = %s AND state IN %s",
                self.id,
                ALLOCATED_STATES,
            )
        )
        return self.env.cr.fetchone()[0]

    def _rrs_refresh_allocation(self):
        """Store the lines' allocation from their requests (after a validation or a
        cancellation was written); the CHECK constraint refuses an allocation over budget."""
        if not self:
            return
        self.env["rrs.assistance.request"].flush_model(["budget_line_id", "state", "amount"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE crossovered_budget_lines line
                   SET rrs_allocated_amount = COALESCE((
                        SELECT SUM(r.amount) FROM rrs_assistance_request r
                         WHERE r.budget_line_id = line.id AND r.state IN %s), 0)
                 WHERE line.id IN %s
                """,
                ALLOCATED_STATES,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["rrs_allocated_amount"])
