# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugee Resettlement: Reporting of Financial Assistance",
    "summary": "The program KPIs' section of financial assistance: requests, amounts and the "
    "requests flagged as possible duplicates, unusual amounts or split purchases",
    "version": "19.0.1.0.0",
    "category": "Services/Case Management",
    "website": "https://github.com/rrs-suite/rrs",
    "author": "RRS suite contributors",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["rrs_reporting", "rrs_assistance"],
    "data": [],
}
