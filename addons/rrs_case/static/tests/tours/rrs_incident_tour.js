/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A case worker reports an incident and submits it before the end of the shift (rule REC-5).
registry.category("web_tour.tours").add("rrs_incident_report", {
    steps: () => [
        { content: "Report a new incident", trigger: ".o_list_button_add", run: "click" },
        { content: "The form says when the report is due", trigger: ".alert-info:contains(Submit this report by the end of your shift)" },
        { content: "Where", trigger: ".o_field_widget[name=location] input", run: "edit Agency office, waiting room" },
        { content: "How severe", trigger: ".o_field_widget[name=severity] .o_select_menu_toggler", run: "click" },
        { content: "High: harm, or a risk to safety", trigger: ".o_select_menu_item:contains(High)", run: "click" },
        { content: "What happened", trigger: ".o_field_widget[name=description] textarea", run: "edit A client fainted while waiting for her appointment." },
        { content: "Who was involved", trigger: ".o_field_widget[name=people_involved] textarea", run: "edit The client, her daughter, the receptionist." },
        { content: "What was done", trigger: ".o_field_widget[name=actions_taken] textarea", run: "edit Called an ambulance; the daughter went with her." },
        { content: "Submit", trigger: ".o_statusbar_buttons button[name=action_submit]", run: "click" },
        { content: "The report is submitted", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)" },
        { content: "It is now frozen: the Submit button is gone", trigger: ".o_form_view:not(:has(button[name=action_submit]))" },
    ],
});
