# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Reporting",
    "summary": "Outcome facts recorded on the case (employment, school enrolment), logic models "
    "per program with outcomes measured from the records, broken down by group with small "
    "groups hidden, printed and exported",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rrs_case", "rrs_assessment", "report_xlsx", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/rrs_reporting_rules.xml",
        "security/rrs_kpi_rules.xml",
        "data/survey_client_satisfaction.xml",
        "views/rrs_self_sufficiency_views.xml",
        "views/survey_user_input_views.xml",
        "views/rrs_case_kpi_views.xml",
        "views/rrs_employment_views.xml",
        "views/rrs_school_enrolment_views.xml",
        "views/rrs_logic_model_views.xml",
        "views/rrs_case_views.xml",
        "views/res_config_settings_views.xml",
        "report/rrs_report_templates.xml",
        "wizards/rrs_outcome_breakdown_views.xml",
        "views/rrs_dashboard_views.xml",
        "wizards/rrs_css_caseload_report_views.xml",
        "wizards/rrs_compliance_report_views.xml",
        "wizards/rrs_kpi_report_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/rrs_reporting_demo.xml",
        "demo/rrs_kpi_demo.xml",
    ],
}
