/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A case worker files a notification of concern from the child's case, then records that
// ORR was notified (rule PRS-7).
registry.category("web_tour.tours").add("rrs_prs_concern", {
    steps: () => [
        {
            content: "File a notification of concern from the case",
            trigger: ".o_statusbar_buttons button[name=action_new_prs_concern]",
            run: "click",
        },
        {
            content: "Running away",
            trigger: ".modal .o_field_widget[name=category] input[data-value=running_away]",
            run: "click",
        },
        {
            content: "What happened",
            trigger: ".modal .o_field_widget[name=description] textarea",
            run: "edit Did not come home last night; the sponsor called at 7:00",
        },
        {
            content: "Agencies reached by phone",
            trigger: ".modal .o_field_widget[name=agency_note] input",
            run: "edit Police (911) at 7:20",
        },
        { content: "File it", trigger: ".modal .o_form_button_save", run: "click" },
        { content: "Filed", trigger: "body:not(:has(.modal))" },
        { content: "More of the case's records", trigger: ".o-form-buttonbox .o_button_more", run: "click" },
        {
            content: "The case counts the concern",
            trigger: "button[name=action_view_prs_concerns]:contains(1)",
            run: "click",
        },
        { content: "Open the concern", trigger: ".o_data_row:contains(Running away) td.o_data_cell", run: "click" },
        { content: "Record that ORR was notified", trigger: "button[name=action_notify_orr]", run: "click" },
        { content: "ORR notified", trigger: ".o_form_view:not(:has(button[name=action_notify_orr]))" },
    ],
});
