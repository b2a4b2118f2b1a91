/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("rrs_waiting_work", {
    steps: () => [
        {
            content: "The supervisor starts on the work waiting for her: one letter to sign",
            trigger: ".o_rrs_waiting_card[name=letters] .o_rrs_waiting_count:contains(1)",
        },
        {
            content: "Two visits to authorise, one of them today or earlier",
            trigger: ".o_rrs_waiting_card[name=visits]:has(.o_rrs_waiting_count:contains(2)) .o_rrs_waiting_late:contains(1)",
        },
        { content: "Open the letters to sign", trigger: ".o_rrs_waiting_card[name=letters]", run: "click" },
        { content: "The list behind the number", trigger: ".o_list_view .o_data_row:contains(Letter to Oak Lane Rentals)" },
        { content: "Only that letter", trigger: ".o_list_view:not(:has(.o_data_row:nth-child(2)))" },
        { content: "Back to the work waiting", trigger: ".o_breadcrumb .breadcrumb-item a:contains(Waiting for me)", run: "click" },
        { content: "Open the visits to authorise", trigger: ".o_rrs_waiting_card[name=visits]", run: "click" },
        { content: "The team's visits, by worker", trigger: ".o_list_view .o_group_header:contains(Rrs Worker)" },
        { content: "Not the other team's", trigger: ".o_list_view:not(:has(.o_group_header:contains(Rrs Worker Far)))" },
    ],
});
