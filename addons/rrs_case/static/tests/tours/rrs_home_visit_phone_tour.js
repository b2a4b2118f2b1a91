/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A case worker on the phone: today's authorised visit, check in on arrival, check out on
// leaving (rule VIS-3).
registry.category("web_tour.tours").add("rrs_home_visit_phone", {
    steps: () => [
        {
            content: "On the phone the visits open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains(Kitchen heater check)",
        },
        {
            content: "The card of a visit not yet authorised offers no check-in",
            trigger: ".o_kanban_record:contains(Tenancy papers):not(:has(button[name=action_check_in]))",
        },
        {
            content: "Open the authorised visit",
            trigger: ".o_kanban_record:contains(Kitchen heater check)",
            run: "click",
        },
        { content: "Check in on arrival", trigger: ".o_statusbar_buttons button[name=action_check_in]", run: "click" },
        { content: "The check-in time shows", trigger: ".o_field_widget[name=check_in_date]:not(:empty)" },
        { content: "Check out on leaving", trigger: ".o_statusbar_buttons button[name=action_check_out]", run: "click" },
        { content: "The check-out time shows", trigger: ".o_field_widget[name=check_out_date]:not(:empty)" },
        { content: "Nothing left to click", trigger: ".o_form_view:not(:has(.o_statusbar_buttons button[name=action_check_out]))" },
    ],
});
