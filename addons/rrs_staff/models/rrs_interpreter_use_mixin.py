# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RrsInterpreterUseMixin(models.AbstractModel):
    """The interpreter who took part in a contact with a family (rule CON-1, RRS 2.05)."""

    _name = "rrs.interpreter.use.mixin"
    _description = "Interpreter used"

    interpreter_partner_id = fields.Many2one(
        "res.partner",
        string="Interpreter",
        index="btree_not_null",
        domain="[('rrs_interpreter', '=', True)]",
    )
    interpreter_warning = fields.Char(compute="_compute_interpreter_warning")

    @api.depends(
        "interpreter_partner_id",
        "case_id.refuses_community_interpreter",
        "case_id.country_of_origin_id",
    )
    def _compute_interpreter_warning(self):
        concerned = self.filtered(lambda r: r.interpreter_partner_id and r.case_id)
        (self - concerned).interpreter_warning = False
        if not concerned:
            return
        # sudo(): whether the interpreters signed the cases' confidentiality forms; only
        # the answer is shown
        signed = {
            (case.id, partner.id)
            for case, partner in self.env["rrs.consent"]
            .sudo()
            ._read_group(
                [
                    ("case_id", "in", concerned.case_id.ids),
                    ("signer_partner_id", "in", concerned.interpreter_partner_id.ids),
                    ("signer_role", "=", "interpreter"),
                    ("consent_type", "=", "confidentiality"),
                    ("revoked", "=", False),
                ],
                ["case_id", "signer_partner_id"],
            )
        }
        for record in concerned:
            interpreter, case = record.interpreter_partner_id, record.case_id
            warnings = []
            if (
                case.refuses_community_interpreter
                and interpreter.rrs_community_country_id
                and interpreter.rrs_community_country_id == case.country_of_origin_id
            ):
                warnings.append(
                    self.env._(
                        "The family asked not to have an interpreter from their own community; "
                        "%(interpreter)s is from the %(community)s community.",
                        interpreter=interpreter.name,
                        community=interpreter.rrs_community_country_id.name,
                    )
                )
            if (case.id, interpreter.id) not in signed:
                warnings.append(
                    self.env._(
                        "%(interpreter)s has not signed the confidentiality form of case %(case)s.",
                        interpreter=interpreter.name,
                        case=case.name,
                    )
                )
            record.interpreter_warning = " ".join(warnings) or False

    @api.onchange("interpreter_partner_id")
    def _onchange_interpreter_warning(self):
        if self.interpreter_warning:
            return {
                "warning": {
                    "title": self.env._("Interpreter"),
                    "message": self.interpreter_warning,
                }
            }
        return None
