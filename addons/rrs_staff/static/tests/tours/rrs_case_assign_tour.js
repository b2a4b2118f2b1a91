/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("rrs_case_assign", {
    steps: () => [
        { content: "The supervisor opens a case of her team", trigger: ".o_form_view .o_field_widget[name=name]:contains(RRS/)" },
        { content: "Open the Action menu", trigger: ".o_cp_action_menus button", run: "click" },
        { content: "Assign or reassign", trigger: ".o-dropdown--menu .dropdown-item:contains(Assign or reassign)", run: "click" },
        {
            content: "The team is ranked: the worker who speaks the family's language comes first",
            trigger: ".modal .o_field_widget[name=candidate_ids] .o_data_row:first-child:contains(Rrs Worker Other)",
        },
        {
            content: "Choose that worker",
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Rrs Worker Other",
        },
        { trigger: ".o-autocomplete--dropdown-item:contains(Rrs Worker Other)", run: "click" },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] input, .modal .o_field_widget[name=reason] textarea",
            run: "edit Arabic-speaking worker; lighter load",
        },
        { content: "Assign", trigger: ".modal button[name=action_assign]", run: "click" },
        { content: "The dialog closes", trigger: "body:not(:has(.modal))" },
        {
            content: "Back on the case, which shows the new worker",
            trigger: ".o_form_view .o_field_widget[name=user_id] input:value(Rrs Worker Other)",
        },
    ],
});
