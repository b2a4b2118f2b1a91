# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Staff Workload by Need Level",
    "summary": "Weighs each worker's open cases by the case's need level (glue between "
    "rrs_staff and rrs_assessment)",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["rrs_staff", "rrs_assessment"],
    "data": [],
}
