# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Volunteers and Community",
    "summary": "Volunteers with a portal login, onboarding and screening with expiry, matching "
    "to families and tasks with the family's consent, hours from a phone, community capacity "
    "building",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rrs_case", "portal"],
    "data": [
        "security/rrs_volunteer_security.xml",
        "security/ir.model.access.csv",
        "security/rrs_volunteer_rules.xml",
        "data/ir_sequence_data.xml",
        "data/rrs_volunteer_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/rrs_volunteer_views.xml",
        "views/rrs_volunteer_step_views.xml",
        "views/rrs_volunteer_match_views.xml",
        "views/rrs_volunteer_hours_views.xml",
        "views/rrs_community_activity_views.xml",
        "views/rrs_volunteer_config_views.xml",
        "views/rrs_case_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/rrs_volunteer_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "rrs_volunteer/static/tests/tours/*",
        ],
    },
}
