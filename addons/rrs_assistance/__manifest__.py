# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Financial Assistance",
    "summary": "Direct financial assistance through Odoo accounting: requests on cases, "
    "four-eyes approval, grant budgets, vendor bills and payments, receipts, anomaly checks",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    # account: bills, payments, reversals and analytic distribution (grants);
    # base_tier_validation (OCA): the approval tiers with the four-eyes rule;
    # account_budget_oca (OCA): grant budgets per period on analytic accounts;
    # report_xlsx (OCA): the per-grant monthly workbook.
    "depends": [
        "rrs_case",
        "account",
        "base_tier_validation",
        "account_budget_oca",
        "report_xlsx",
    ],
    "data": [
        "security/rrs_assistance_security.xml",
        "security/ir.model.access.csv",
        "security/rrs_assistance_rules.xml",
        "data/rrs_auditlog_rules.xml",
        "data/ir_sequence_data.xml",
        "data/account_analytic_plan_data.xml",
        "data/rrs_assistance_purpose_data.xml",
        "data/tier_definition_data.xml",
        "report/rrs_assistance_receipt.xml",
        "report/rrs_assistance_grant_xlsx.xml",
        "views/rrs_assistance_request_views.xml",
        "views/rrs_assistance_purpose_views.xml",
        "views/rrs_assistance_policy_views.xml",
        "views/rrs_assistance_per_capita_views.xml",
        "views/crossovered_budget_lines_views.xml",
        "views/account_analytic_account_views.xml",
        "views/account_move_views.xml",
        "views/rrs_case_views.xml",
        "views/rrs_program_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/rrs_assistance_override_wizard_views.xml",
        "wizards/rrs_assistance_grant_report_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/rrs_assistance_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "rrs_assistance/static/tests/tours/*",
        ],
    },
}
