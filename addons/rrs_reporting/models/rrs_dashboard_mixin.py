# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .rrs_logic_model_outcome import in_scope


class RrsDashboardMixin(models.AbstractModel):
    """A morning dashboard: figures counted over the user's report scope, each a button that
    opens the records behind it in a list, graph and pivot.

    A dashboard is a transient record made, its figures counted, when the user opens it or
    refreshes it (``rrs_open_dashboard``). The figures are counted as superuser over the cases
    of the user's scope (``res.users.rrs_report_scope``): a restricted case is counted; the records
    behind a figure open with the user's own rights, so who may not read it does not see it
    listed. A dashboard implements ``_rrs_refresh_values`` (the figures, in a fixed number of
    grouped queries whatever the number of cases) and ``_rrs_figures`` (figure -> (model, action
    xml id, domain, the figure's title)); a figure named after a list filter of the suite counts
    what that filter finds (the tests compare them).
    """

    _name = "rrs.dashboard.mixin"
    _description = "Dashboard"

    name = fields.Char(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    scope_label = fields.Char(string="Cases", readonly=True)
    refreshed_at = fields.Datetime(string="As of", readonly=True)

    @api.model
    def rrs_open_dashboard(self, values=None):
        """The menu's entry and the Refresh button: a new dashboard, its figures counted
        before it is saved (one insert; an old dashboard is left to the transient vacuum)."""
        values = dict(values or {})
        scope, label = self._rrs_scope()
        figures = self.new(values)._rrs_refresh_values(scope)
        figures.update(
            values, name=self._rrs_title(), scope_label=label, refreshed_at=fields.Datetime.now()
        )
        return self.create(figures)._rrs_form_action()

    def _rrs_title(self):
        """The dashboard's name, in the user's language (the breadcrumb shows it)."""
        raise NotImplementedError

    def _rrs_kept_values(self):
        """What a refreshed dashboard keeps of this one (the user's choices)."""
        return {}

    def _rrs_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self._description,
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _rrs_scope(self):
        """(case domain, label) of the user's scope, the label as the user reads it on their
        own dashboard."""
        kind, domain = self.env.user.rrs_report_scope_kind()
        labels = {
            "company": self.env._("Every case of the company"),
            "team": self.env._("Your team's cases"),
            "caseload": self.env._("Your caseload"),
        }
        return domain, labels[kind]

    def _rrs_in_scope(self, model, scope):
        return in_scope(self.env, model, scope)

    def _rrs_count(self, model, domain, scope, groupby=()):
        """Counts of ``model`` over the scope: one query."""
        # sudo(): the caller's scope comes from rrs_report_scope(), which checked the role;
        # restricted cases in it are counted here, listed only with the user's own rights
        Model = self.env[model].sudo()
        return Model._read_group(
            Domain(domain) & self._rrs_in_scope(model, scope), list(groupby), ["__count"]
        )

    def _rrs_count_each(self, model, figures, scope):
        """{figure: count} of several figures of one model in one pass over the scope.

        ``figures``: {figure: domain}. The records of any figure are read once and each is
        counted in every figure whose domain it matches (``COUNT(*) FILTER``), where a query
        per figure, or an arm per figure in a UNION, read the scope's records once per figure
        (issue 17: a team's 5,000 cases read three times for the caseload dashboard).
        """
        # sudo(): over the scope rrs_report_scope_kind() gave for the user's role; restricted
        # cases are counted, never listed
        Model = self.env[model].sudo()
        domains = {name: Domain(domain).optimize_full(Model) for name, domain in figures.items()}
        query = Model._search(Domain.OR(domains.values()) & self._rrs_in_scope(model, scope))
        counts = [
            SQL("COUNT(*) FILTER (WHERE %s)", domain._to_sql(Model, Model._table, query))
            for domain in domains.values()
        ]
        [row] = self.env.execute_query(query.select(*counts))
        return dict(zip(domains, row, strict=True))

    def _rrs_count_by_worker(self, figures, scope):
        """{figure: {case worker id: count}} of several figures in one query.

        ``figures``: {figure: (model, domain)}. Each figure's records are selected by the
        ORM (``_search``: the domain, the scope) and counted by the case's worker; the
        counts are put together with UNION ALL, so a dashboard costs one round trip whatever
        the number of its figures and of the cases.
        """
        counts = {figure: {} for figure in figures}
        if query := self._rrs_count_by_worker_query(figures, scope):
            self.env.cr.execute(query)
            for figure, user_id, count in self.env.cr.fetchall():
                counts[figure][user_id] = count
        return counts

    def _rrs_count_by_worker_query(self, figures, scope):
        """The query of ``_rrs_count_by_worker`` (None without figures): one ``SELECT``
        (figure, case worker, count) per figure, put together with UNION ALL."""
        parts = []
        for figure, (model, domain) in figures.items():
            # sudo(): over the scope rrs_report_scope_kind() gave for the user's role;
            # restricted cases are counted, never listed
            Model = self.env[model].sudo()
            Model.flush_model()
            self.env["rrs.case"].flush_model(["user_id"])
            records = Model._search(Domain(domain) & self._rrs_in_scope(model, scope))
            table = SQL.identifier(Model._table)
            # counted where they are selected: ``id IN (the selection)`` read each record
            # twice, the selection and the count (issue 17)
            if model == "rrs.case":
                worker = SQL.identifier(Model._table, "user_id")
            else:
                records.add_join(
                    "JOIN",
                    "rrs_dashboard_case",
                    "rrs_case",
                    SQL("rrs_dashboard_case.id = %s.case_id", table),
                )
                worker = SQL("rrs_dashboard_case.user_id")
            records.groupby = SQL("2")
            parts.append(records.select(SQL("%s, %s, COUNT(*)", figure, worker)))
        return SQL(" UNION ALL ").join(parts) if parts else None

    def _rrs_refresh_values(self, scope):
        raise NotImplementedError

    def _rrs_figures(self):
        raise NotImplementedError

    def action_refresh(self):
        self.ensure_one()
        return self.rrs_open_dashboard(self._rrs_kept_values())

    def action_open_figure(self):
        """The records behind the figure named in the context, as the user may read them."""
        self.ensure_one()
        figure = self.env.context.get("rrs_figure")
        figures = self._rrs_figures()
        if figure not in figures:
            raise UserError(self.env._("This figure has no records to open."))
        model, xmlid, domain, title = figures[figure]
        scope, _label = self._rrs_scope()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            {
                "name": title,
                "domain": list(Domain(domain) & self._rrs_in_scope(model, scope)),
                "context": {"create": False},
                "views": [(False, "list"), (False, "graph"), (False, "pivot"), (False, "form")],
                "view_mode": "list,graph,pivot,form",
                "target": "current",
            }
        )
        return action
