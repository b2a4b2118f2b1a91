# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class RrsAssessmentFactorComparison(models.Model):
    """First versus latest completed matrix, factor by factor, per person (rule ASM-3).

    A database view over the kept factor results; factors are matched by code so that
    versions of the instrument compare.
    """

    _name = "rrs.assessment.factor.comparison"
    _description = "Need Level Change by Factor"
    _inherit = ["rrs.guard.mixin"]
    _auto = False
    _order = "case_id, member_id, factor_sequence"

    case_id = fields.Many2one("rrs.case", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    member_id = fields.Many2one("rrs.case.member", string="Person", readonly=True)
    factor_id = fields.Many2one("rrs.assessment.factor", readonly=True)
    factor_sequence = fields.Integer(readonly=True)
    first_point = fields.Selection(related="first_assessment_id.point", string="First")
    first_assessment_id = fields.Many2one("rrs.assessment", readonly=True)
    first_score = fields.Float(digits=(3, 2), readonly=True)
    first_level_id = fields.Many2one("rrs.need.level", string="First level", readonly=True)
    last_point = fields.Selection(related="last_assessment_id.point", string="Latest")
    last_assessment_id = fields.Many2one("rrs.assessment", readonly=True)
    last_score = fields.Float(digits=(3, 2), readonly=True)
    last_level_id = fields.Many2one("rrs.need.level", string="Latest level", readonly=True)
    change = fields.Float(digits=(3, 2), readonly=True, help="Negative: less need than at first.")
    trend = fields.Selection(
        [("better", "Less need"), ("same", "No change"), ("worse", "More need")], readonly=True
    )
    assessment_count = fields.Integer(string="Assessments", readonly=True)

    def _fetch_query(self, query, fields):
        """Read the records of each case with the case named in the query. A read by ids (the
        case form's comparison, a list's page) does not name the case, and the view's windows,
        partitioned by the case, were computed for every completed matrix of the database:
        194 ms a case form at 100,798 cases, 33 at 10,078 (issue 17). With the case, PostgreSQL
        computes them for that case only (2 ms). A view's id is its latest factor result's:
        the case is its assessment's."""
        if not self._ids:
            return super()._fetch_query(query, fields)
        self.env["rrs.assessment"].flush_model(["case_id"])
        self.env["rrs.assessment.factor.result"].flush_model(["assessment_id"])
        self.env.cr.execute(
            SQL(
                """SELECT a.case_id, array_agg(r.id)
                     FROM rrs_assessment_factor_result r
                     JOIN rrs_assessment a ON a.id = r.assessment_id
                    WHERE r.id = ANY(%s)
                    GROUP BY a.case_id""",
                list(self._ids),
            )
        )
        fetched = self.browse()
        for case_id, ids in self.env.cr.fetchall():
            records = self.browse(ids)
            # the same query as the caller's (the records, their access rules), with the case
            case_query = records._search(
                [("id", "in", ids), ("case_id", "=", case_id)], active_test=False
            )
            fetched |= super(RrsAssessmentFactorComparison, records)._fetch_query(
                case_query, fields
            )
        return fetched

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # ``done`` is read twice (the first and the latest results): PostgreSQL would compute
        # it once for every completed matrix of the database, then filter it by the case the
        # form reads (240 ms a case form at 101,000 cases). NOT MATERIALIZED lets it filter each
        # read by the case first, from the case's index: every window is partitioned by the
        # case, so the filter does not change what they rank (issue 17).
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH done AS NOT MATERIALIZED (
                    SELECT r.id, a.case_id, a.company_id, a.member_id, r.factor_id, f.code,
                           f.sequence, r.score, r.need_level_id, a.id AS assessment_id,
                           row_number() OVER w_first AS first_rank,
                           row_number() OVER w_last AS last_rank,
                           count(*) OVER (PARTITION BY a.case_id, a.member_id, f.code) AS n
                      FROM rrs_assessment_factor_result r
                      JOIN rrs_assessment a ON a.id = r.assessment_id
                      JOIN rrs_assessment_factor f ON f.id = r.factor_id
                     WHERE a.state = 'done' AND a.kind = 'matrix' AND r.score IS NOT NULL
                    WINDOW w_first AS (PARTITION BY a.case_id, a.member_id, f.code
                                       ORDER BY a.completion_date, a.id),
                           w_last AS (PARTITION BY a.case_id, a.member_id, f.code
                                      ORDER BY a.completion_date DESC, a.id DESC)
                )
                SELECT l.id, l.case_id, l.company_id, l.member_id, l.factor_id,
                       l.sequence AS factor_sequence,
                       f.assessment_id AS first_assessment_id, f.score AS first_score,
                       f.need_level_id AS first_level_id,
                       l.assessment_id AS last_assessment_id, l.score AS last_score,
                       l.need_level_id AS last_level_id,
                       l.score - f.score AS change,
                       CASE WHEN l.score - f.score <= -0.25 THEN 'better'
                            WHEN l.score - f.score >= 0.25 THEN 'worse'
                            ELSE 'same' END AS trend,
                       l.n AS assessment_count
                  FROM done l
                  JOIN done f ON f.case_id = l.case_id AND f.member_id = l.member_id
                             AND f.code = l.code AND f.first_rank = 1
                 WHERE l.last_rank = 1
            )
        """)
