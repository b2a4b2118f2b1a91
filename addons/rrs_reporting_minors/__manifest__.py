# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: ORR Monthly Summary",
    "summary": "The ORR monthly summary of post-release services cases from the per-case "
    "monthly and closure reports, printed and exported (glue between rrs_reporting and "
    "rrs_minors)",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["rrs_reporting", "rrs_minors"],
    "data": [
        "security/ir.model.access.csv",
        "wizards/rrs_orr_monthly_report_views.xml",
        "views/rrs_dashboard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/rrs_reporting_minors_demo.xml",
    ],
}
