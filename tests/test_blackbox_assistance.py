# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box tests of rrs_assistance over Odoo 19's JSON-2 API with API keys: an API client
goes through the same approval chain as the buttons, and the bill it ends in is on the grant
(rules FIN-1, FIN-2)."""

import base64

import pytest
from conftest import Json2Error
from test_blackbox_json2 import new_case


def _grant_with_budget(finance, amount):
    lines = finance(
        "crossovered.budget.lines",
        "search_read",
        domain=[("analytic_account_id.rrs_is_grant", "=", True)],
        fields=["analytic_account_id", "rrs_remaining_amount", "date_from", "date_to"],
    )
    usable = [line for line in lines if line["rrs_remaining_amount"] >= amount]
    assert usable, f"the demo has a grant with {amount} left: {lines}"
    return usable[0]["analytic_account_id"][0]


def test_request_approval_chain_over_json2(json2_login):
    worker1, supervisor, finance = (json2_login(n) for n in ("worker1", "supervisor", "finance"))
    case = new_case(worker1, arrival_date="2026-11-01")
    [member] = worker1("rrs.case.member", "search", domain=[("case_id", "=", case)])
    [purpose] = worker1("rrs.assistance.purpose", "search", domain=[("code", "=", "furniture")])
    grant = _grant_with_budget(finance, 75.0)
    [vendor] = worker1(
        "res.partner", "create", vals_list=[{"name": "Black-box Furniture", "is_company": True}]
    )
    [quote] = worker1(
        "ir.attachment",
        "create",
        vals_list=[
            {
                "name": "quote.txt",
                "datas": base64.b64encode(b"One bed: 75.00").decode(),
                "res_model": "rrs.assistance.request",
            }
        ],
    )
    [request] = worker1(
        "rrs.assistance.request",
        "create",
        vals_list=[
            {
                "case_id": case,
                "beneficiary_id": member,
                "payee_id": vendor,
                "purpose_id": purpose,
                "amount": 75.0,
                "grant_id": grant,
                "justification": "A bed for the youngest child",
                "document_ids": [(6, 0, [quote])],
            }
        ],
    )
    # a client cannot create it approved, nor skip the tiers by writing the stage
    with pytest.raises(Json2Error) as created:
        worker1(
            "rrs.assistance.request",
            "create",
            vals_list=[
                {
                    "case_id": case,
                    "beneficiary_id": member,
                    "payee_id": vendor,
                    "purpose_id": purpose,
                    "amount": 10.0,
                    "grant_id": grant,
                    "justification": "x",
                    "state": "approved",
                }
            ],
        )
    assert "cannot be created in “Approved”" in created.value.message, created.value.body
    worker1("rrs.assistance.request", "action_submit", ids=[request])
    with pytest.raises(Json2Error) as skipped:
        worker1("rrs.assistance.request", "write", ids=[request], vals={"state": "approved"})
    assert "approved once every approval tier" in skipped.value.message, skipped.value.body
    reviews = worker1(
        "tier.review",
        "search",
        domain=[("model", "=", "rrs.assistance.request"), ("res_id", "=", request)],
    )
    assert reviews
    with pytest.raises(Json2Error) as forged:
        worker1("tier.review", "write", ids=reviews, vals={"status": "approved"})
    assert "Approve and Reject buttons" in forged.value.message, forged.value.body
    with pytest.raises(Json2Error) as own:
        worker1("rrs.assistance.request", "action_approve", ids=[request])
    assert "requester never approves" in own.value.message, own.value.body
    supervisor("rrs.assistance.request", "action_approve", ids=[request])
    with pytest.raises(Json2Error) as not_finance:
        supervisor("rrs.assistance.request", "write", ids=[request], vals={"state": "validated"})
    assert not_finance.value.status == 403, not_finance.value.body
    assert "Only finance validates" in not_finance.value.message
    finance("rrs.assistance.request", "action_validate", ids=[request])
    [done] = finance(
        "rrs.assistance.request",
        "read",
        ids=[request],
        fields=["state", "move_id", "requested_by_id", "validated_by_id", "approved_by_ids"],
    )
    assert done["state"] == "validated"
    assert done["requested_by_id"][0] == worker1.uid
    assert done["validated_by_id"][0] == finance.uid
    assert done["approved_by_ids"] == [supervisor.uid]
    items = finance(
        "account.move.line",
        "search_read",
        domain=[("move_id", "=", done["move_id"][0]), ("display_type", "=", "product")],
        fields=["debit", "credit", "partner_id", "analytic_distribution"],
    )
    assert [(i["debit"], i["partner_id"][0], i["analytic_distribution"]) for i in items] == [
        (75.0, vendor, {str(grant): 100.0})
    ], items
    # case staff never read journals
    with pytest.raises(Json2Error) as journals:
        worker1("account.move", "read", ids=[done["move_id"][0]], fields=["name"])
    assert journals.value.status == 403, journals.value.body
