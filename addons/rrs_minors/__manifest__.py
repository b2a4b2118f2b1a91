# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Minors and Post-Release Services",
    "summary": "Unaccompanied children's post-release services (ORR PRS): compliance clocks, "
    "levels, safety calls, notifications of concern, monthly and closure reports",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rrs_case", "rrs_assessment"],
    "data": [
        "security/ir.model.access.csv",
        "security/rrs_minors_rules.xml",
        "data/rrs_auditlog_rules.xml",
        "data/rrs_prs_level_data.xml",
        "data/rrs_prs_service_area_data.xml",
        "data/rrs_minor_caregiver_topic_data.xml",
        "data/rrs_prs_cron_data.xml",
        "report/rrs_prs_report_templates.xml",
        "views/rrs_prs_level_views.xml",
        "views/rrs_prs_concern_views.xml",
        "views/rrs_incident_views.xml",
        "views/rrs_prs_safety_call_views.xml",
        "views/rrs_prs_report_views.xml",
        "views/rrs_case_note_views.xml",
        "views/rrs_minor_views.xml",
        "views/rrs_case_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "rrs_minors/static/tests/tours/*",
        ],
    },
    "demo": [
        "demo/rrs_minors_demo.xml",
    ],
}
