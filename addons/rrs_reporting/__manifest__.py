# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Reporting",
    "summary": "Outcome facts recorded on the case (employment, school enrolment), logic models "
    "per program with outcomes measured from the records",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rrs_case"],
    "data": [
        "security/ir.model.access.csv",
        "security/rrs_reporting_rules.xml",
        "views/rrs_employment_views.xml",
        "views/rrs_school_enrolment_views.xml",
        "views/rrs_logic_model_views.xml",
        "views/rrs_case_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/rrs_reporting_demo.xml",
    ],
}
