# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Staff and Caseload",
    "summary": "Staff requirements on hr_skills certifications, caseload and weighted "
    "workload per worker, ranked assignment and bulk reassignment",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rrs_case", "hr_skills"],
    "data": [
        "security/ir.model.access.csv",
        "security/rrs_staff_rules.xml",
        "data/hr_skill_data.xml",
        "data/rrs_language_skill_data.xml",
        "data/rrs_program_requirement_data.xml",
        "data/rrs_workload_weight_data.xml",
        "data/ir_cron_data.xml",
        "views/rrs_program_views.xml",
        "views/hr_employee_views.xml",
        "views/rrs_staff_requirement_status_views.xml",
        "views/rrs_workload_weight_views.xml",
        "views/interpreter_views.xml",
        "views/rrs_staff_workload_views.xml",
        "wizards/rrs_case_assign_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/rrs_staff_demo.xml",
        "demo/rrs_staff_caseload_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "rrs_staff/static/tests/tours/*",
        ],
    },
}
