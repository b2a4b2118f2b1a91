# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Needs Assessment",
    "summary": "Assessment instruments (16-factor Needs Assessment Matrix, intake "
    "assessment), schedules A1-A5, need levels and their change over time",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rrs_case"],
    "data": [
        "security/ir.model.access.csv",
        "security/rrs_assessment_rules.xml",
        "security/rrs_assessment_restricted_rules.xml",
        "data/rrs_auditlog_rules.xml",
        "data/rrs_need_level_data.xml",
        "data/rrs_assessment_matrix_data.xml",
        "data/rrs_assessment_intake_data.xml",
        "data/rrs_assessment_schedule_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/rrs_need_level_views.xml",
        "views/rrs_assessment_instrument_views.xml",
        "views/rrs_assessment_views.xml",
        "views/rrs_assessment_factor_result_views.xml",
        "views/rrs_program_views.xml",
        "views/rrs_case_views.xml",
        "views/rrs_service_plan_views.xml",
        "views/rrs_case_activity_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/rrs_assessment_demo.xml"],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": [
            "rrs_assessment/static/src/questionnaire/*",
        ],
        "web.assets_tests": [
            "rrs_assessment/static/tests/tours/*",
        ],
    },
}
