# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo of financial assistance, played through the real workflow by the demo users."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class RrsAssistanceRequest(models.Model):
    _inherit = "rrs.assistance.request"

    # ------------------------------------------------------------------------- demo
    @api.model
    def _rrs_demo_populate(self):
        """Demo data (demo/rrs_assistance_demo.xml): the programs' expense account and the
        grants' budgets, then requests in every state, each move made by the demo user whose
        role makes it, through the same actions and checks as the buttons (FIN-1 to FIN-3)."""
        ref = self.env.ref
        company = ref("base.main_company")
        today = fields.Date.context_today(self)
        # The configuration an administrator enters once: the expense account of assistance
        # (the chart's general expense account where it has one) and each grant's budget.
        Account = self.env["account.account"].with_company(company)
        expense = [("account_type", "=", "expense"), ("company_ids", "in", company.ids)]
        account = Account.search(expense + [("code", "=like", "6%")], limit=1) or Account.search(
            expense, limit=1
        )
        programs = (
            ref("rrs_case.program_reception_placement")
            | ref("rrs_case.program_intensive_case_management")
            | ref("rrs_case.program_post_release_services")
        )
        programs.with_company(company).assistance_account_id = account
        position = self.env["account.budget.post"].create(
            {
                "name": self.env._("Direct financial assistance"),
                "account_ids": [(6, 0, account.ids)],
                "company_id": company.id,
            }
        )
        fy_start = (today - relativedelta(months=9)).replace(month=10, day=1)
        fy_end = fy_start + relativedelta(years=1, days=-1)
        year_start, year_end = today.replace(month=1, day=1), today.replace(month=12, day=31)
        for grant, planned, start, end in (
            (ref("rrs_assistance.grant_rp_percapita_demo"), 60000.0, fy_start, fy_end),
            (ref("rrs_assistance.grant_orr_matching_demo"), 25000.0, fy_start, fy_end),
            (ref("rrs_assistance.grant_foundation_demo"), 3000.0, year_start, year_end),
        ):
            budget = self.env["crossovered.budget"].create(
                {
                    "name": grant.name,
                    "date_from": start,
                    "date_to": end,
                    "company_id": company.id,
                    "crossovered_budget_line_ids": [
                        (
                            0,
                            0,
                            {
                                "general_budget_id": position.id,
                                "analytic_account_id": grant.id,
                                "date_from": start,
                                "date_to": end,
                                "planned_amount": -planned,
                            },
                        )
                    ],
                }
            )
            budget.action_budget_confirm()

        # The people: workers request, the supervisor (and the program manager above 1,000)
        # approve, finance validates and pays. Never the superuser for a move.
        worker1 = ref("rrs_case.user_worker1_demo")
        worker2 = ref("rrs_case.user_worker2_demo")
        supervisor = ref("rrs_case.user_supervisor_demo")
        manager = ref("rrs_case.user_manager_demo")
        finance = ref("rrs_case.user_finance_demo")
        landlord = ref("rrs_assistance.partner_landlord_demo")
        utility = ref("rrs_assistance.partner_utility_demo")
        store = ref("rrs_assistance.partner_furniture_demo")
        clinic = ref("rrs_case.org_clinic_demo")
        grant_rp = ref("rrs_assistance.grant_rp_percapita_demo")
        grant_hcf = ref("rrs_assistance.grant_foundation_demo")

        def month(day):
            start = day.replace(day=1)
            return start, start + relativedelta(months=1, days=-1)

        def create(
            xmlid,
            user,
            case,
            member,
            purpose,
            payee,
            payee_type,
            amount,
            grant,
            days_ago,
            justification,
            document,
            text,
            period=None,
        ):
            day = today - relativedelta(days=days_ago)
            request = self.with_user(user).create(
                {
                    "case_id": ref(f"rrs_case.{case}").id,
                    "beneficiary_id": ref(f"rrs_case.{member}").id,
                    "purpose_id": ref(f"rrs_assistance.purpose_{purpose}").id,
                    "payee_id": payee.id,
                    "payee_type": payee_type,
                    "amount": amount,
                    "grant_id": grant.id,
                    "date": day,
                    "period_start": period and period[0],
                    "period_end": period and period[1],
                    "justification": justification,
                }
            )
            # the worker attaches what the amount rests on (FIN-1), before submitting
            attachment = (
                self.env["ir.attachment"]
                .with_user(user)
                .create(
                    {
                        "name": document,
                        "raw": text.encode(),
                        "mimetype": "text/plain",
                        "res_model": self._name,
                        "res_id": request.id,
                    }
                )
            )
            request.document_ids = [(4, attachment.id)]
            self.env["ir.model.data"]._update_xmlids(
                [{"xml_id": f"rrs_assistance.{xmlid}", "record": request, "noupdate": True}]
            )
            return request

        def approve(request):
            request.with_user(supervisor).action_approve()
            if request.state == "submitted":  # a second tier: the program manager above 1,000
                request.with_user(manager).action_approve()

        def pay(request):
            wizard = (
                self.env["account.payment.register"]
                .with_user(finance)
                .with_context(active_model="account.move", active_ids=request.move_id.ids)
                .create({"payment_date": today})
            )
            wizard._create_payments()

        # Rahimi (R&P, arrived 75 days ago): deposit, first rent and winter clothing, all paid.
        lease = (
            "Lease agreement - Prairie View Apartments LLC, unit 14B, 3 bedrooms.\n"
            "Tenants: Fatima and Ahmad Rahimi. Monthly rent: 1,150.00. Security deposit: "
            "1,000.00.\n"
        )
        deposit = create(
            "request_rahimi_deposit_demo",
            worker1,
            "case_rahimi_demo",
            "member_rahimi_0_demo",
            "deposit",
            landlord,
            "landlord",
            1000.0,
            grant_rp,
            70,
            "Security deposit of the family's first apartment, as in the signed lease.",
            "lease_rahimi.txt",
            lease,
        )
        rent = create(
            "request_rahimi_rent_demo",
            worker1,
            "case_rahimi_demo",
            "member_rahimi_0_demo",
            "rent",
            landlord,
            "landlord",
            1150.0,
            grant_rp,
            70,
            "First month's rent while Ahmad starts work; the lease is attached.",
            "lease_rahimi.txt",
            lease,
            period=month(today - relativedelta(days=70)),
        )
        clothing = create(
            "request_rahimi_clothing_demo",
            worker1,
            "case_rahimi_demo",
            "member_rahimi_0_demo",
            "clothing",
            ref("rrs_case.person_rahimi_0_demo"),
            "client",
            360.0,
            grant_rp,
            20,
            "Winter coats and boots for the four children before the first snow; Fatima buys "
            "them and brings the receipts back.",
            "clothing_list_rahimi.txt",
            "Winter clothing: 4 coats (45.00 each), 4 pairs of boots (35.00 each), hats and "
            "gloves 40.00. Total 360.00.\n",
        )
        for request in deposit | rent | clothing:
            request.with_user(worker1).action_submit()
            approve(request)
            request.with_user(finance).action_validate()
            pay(request)

        # Abdullahi (R&P, arrived 30 days ago): the rent is validated, its bill not yet paid;
        # the same rent entered a second time is flagged as a possible duplicate (OUT-3).
        lease = (
            "Lease agreement - Prairie View Apartments LLC, unit 3A, 2 bedrooms.\n"
            "Tenants: Hodan Abdullahi and Abdi Warsame. Monthly rent: 1,240.00.\n"
        )
        rent = create(
            "request_abdullahi_rent_demo",
            worker2,
            "case_abdullahi_demo",
            "member_abdullahi_0_demo",
            "rent",
            landlord,
            "landlord",
            1240.0,
            grant_rp,
            5,
            "Rent of the coming month; Abdi's first paycheck is expected in three weeks.",
            "lease_abdullahi.txt",
            lease,
            period=month(today + relativedelta(months=1)),
        )
        rent.with_user(worker2).action_submit()
        approve(rent)
        rent.with_user(finance).action_validate()
        duplicate = create(
            "request_abdullahi_rent_duplicate_demo",
            worker2,
            "case_abdullahi_demo",
            "member_abdullahi_0_demo",
            "rent",
            landlord,
            "landlord",
            1240.0,
            grant_rp,
            1,
            "Rent of the coming month.",
            "lease_abdullahi.txt",
            lease,
            period=month(today + relativedelta(months=1)),
        )
        duplicate.with_user(worker2).action_submit()

        # Hossain (R&P, arrived 21 days ago): furniture approved, waiting for finance; the
        # utility deposit was validated, then waived by the utility: finance cancels it and the
        # bill is reversed (FIN-3).
        furniture = create(
            "request_hossain_furniture_demo",
            worker1,
            "case_hossain_demo",
            "member_hossain_0_demo",
            "furniture",
            store,
            "vendor",
            860.0,
            grant_rp,
            3,
            "Beds with mattresses for three, a kitchen table and chairs.",
            "quote_furniture_hossain.txt",
            "Quote Q-2231 - Second Chance Furniture & Home\n3 beds with mattresses 510.00\n"
            "Table and 4 chairs 230.00\nKitchen kit 120.00\nTotal 860.00, delivery included.\n",
        )
        furniture.with_user(worker1).action_submit()
        approve(furniture)
        utilities = create(
            "request_hossain_utility_deposit_demo",
            worker1,
            "case_hossain_demo",
            "member_hossain_0_demo",
            "deposit",
            utility,
            "utility",
            150.0,
            grant_rp,
            10,
            "Deposit to open the electricity account in the family's name.",
            "utility_deposit_hossain.txt",
            "Gateway City Utilities - new account 88-40217, deposit required: 150.00.\n",
        )
        utilities.with_user(worker1).action_submit()
        approve(utilities)
        utilities.with_user(finance).action_validate()
        utilities.with_user(finance).message_post(
            body=self.env._("The utility waived the deposit (letter of the utility on file)."),
            subtype_xmlid="mail.mt_note",
        )
        utilities.with_user(finance).action_cancel()

        # Nguyen (R&P, arrived 60 days ago): the utility bill waits for the supervisor.
        bill = create(
            "request_nguyen_utilities_demo",
            worker1,
            "case_nguyen_demo",
            "member_nguyen_0_demo",
            "utilities",
            utility,
            "utility",
            96.4,
            grant_rp,
            2,
            "Electricity and water of last month, before the first paycheck.",
            "utility_bill_nguyen.txt",
            "Gateway City Utilities - statement of account 88-39950: amount due 96.40.\n",
            period=month(today - relativedelta(months=1)),
        )
        bill.with_user(worker1).action_submit()

        # Ndayishimiye (R&P): a living-room set the supervisor rejects.
        sofa = create(
            "request_ndayishimiye_sofa_demo",
            worker2,
            "case_ndayishimiye_demo",
            "member_ndayishimiye_0_demo",
            "furniture",
            store,
            "vendor",
            940.0,
            grant_rp,
            12,
            "Sofa set for the living room.",
            "quote_sofa_ndayishimiye.txt",
            "Quote Q-2198 - Second Chance Furniture & Home\nSofa set 940.00.\n",
        )
        sofa.with_user(worker2).action_submit()
        sofa.with_user(supervisor).message_post(
            body=self.env._(
                "The welcome team delivered donated living-room furniture last week: ask only for "
                "what is still missing."
            ),
            subtype_xmlid="mail.mt_note",
        )
        sofa.with_user(supervisor).action_reject()

        # Jean-Baptiste (R&P, arrived 9 days ago): beds requested, then cancelled by the worker
        # when a congregation donated them.
        beds = create(
            "request_jeanbaptiste_beds_demo",
            worker2,
            "case_jeanbaptiste_demo",
            "member_jeanbaptiste_0_demo",
            "furniture",
            store,
            "vendor",
            420.0,
            grant_rp,
            6,
            "Two beds with mattresses.",
            "quote_beds_jeanbaptiste.txt",
            "Quote Q-2240 - Second Chance Furniture & Home\n2 beds with mattresses 420.00.\n",
        )
        beds.with_user(worker2).action_submit()
        beds.with_user(worker2).message_post(
            body=self.env._("St. Mark's congregation donated the beds; the request is cancelled."),
            subtype_xmlid="mail.mt_note",
        )
        beds.with_user(worker2).action_cancel()

        # Osman (R&P, arrived 2 days ago): the deposit is still a draft.
        create(
            "request_osman_deposit_demo",
            worker1,
            "case_osman_demo",
            "member_osman_0_demo",
            "deposit",
            landlord,
            "landlord",
            900.0,
            grant_rp,
            0,
            "Security deposit of the apartment the family moves into next week.",
            "lease_osman.txt",
            "Lease agreement - Prairie View Apartments LLC, unit 7C. Security deposit: 900.00.\n",
        )

        # Al-Hassan (intensive case management): the foundation's fund is nearly spent.
        arrears = create(
            "request_alhassan_rent_demo",
            worker1,
            "case_alhassan_demo",
            "member_alhassan_0_demo",
            "rent",
            landlord,
            "landlord",
            1850.0,
            grant_hcf,
            25,
            "Rent arrears after Samir's hospital stay; the landlord stops the eviction notice "
            "once paid.",
            "arrears_alhassan.txt",
            "Prairie View Apartments LLC - statement: rent arrears 1,850.00 (1.5 months).\n",
            period=month(today - relativedelta(months=1)),
        )
        copay = create(
            "request_alhassan_medical_demo",
            worker1,
            "case_alhassan_demo",
            "member_alhassan_0_demo",
            "medical",
            clinic,
            "vendor",
            935.0,
            grant_hcf,
            8,
            "Co-pays of Samir's follow-up visits and physiotherapy.",
            "invoice_clinic_alhassan.txt",
            "Eastside Community Health Center - patient balance 935.00.\n",
        )
        for request in arrears | copay:
            request.with_user(worker1).action_submit()
            approve(request)
            request.with_user(finance).action_validate()
        pay(arrears)
