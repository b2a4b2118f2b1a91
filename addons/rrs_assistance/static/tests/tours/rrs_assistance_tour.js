/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A worker asks for assistance from the family's case; without a source document the
// request is not submitted (FIN-1).
registry.category("web_tour.tours").add("rrs_assistance_worker_request", {
    steps: () => [
        { content: "The worker opens the family's case", trigger: ".o_form_view .o_field_widget[name=name]:contains(RRS/)" },
        { content: "Open its assistance", trigger: "button[name=action_view_assistance]", run: "click" },
        { content: "New request", trigger: ".o_control_panel_main_buttons .o_list_button_add, .o_control_panel_main_buttons button.o-kanban-button-new", run: "click" },
        { content: "For the head of household", trigger: ".o_field_widget[name=beneficiary_id] input", run: "edit Tour Head" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Tour Head)", run: "click" },
        { content: "Purpose", trigger: ".o_field_widget[name=purpose_id] input", run: "edit Furniture" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Furniture)", run: "click" },
        { content: "Paid to the furniture store", trigger: ".o_field_widget[name=payee_id] input", run: "edit Tour Furniture" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Tour Furniture Store)", run: "click" },
        { content: "Amount", trigger: ".o_field_widget[name=amount] input", run: "edit 245" },
        { content: "The grant that pays", trigger: ".o_field_widget[name=grant_id] input", run: "edit Tour grant" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Tour grant)", run: "click" },
        { content: "Why", trigger: ".o_field_widget[name=justification] textarea", run: "edit Two beds and a table for the new apartment" },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        { content: "Saved with its reference", trigger: ".o_form_view .o_field_widget[name=name]:contains(FA/)" },
        { content: "Submit", trigger: "button[name=action_submit]", run: "click" },
        { content: "Refused: the quote is missing", trigger: ".modal:contains(Attach the quote, lease or invoice)" },
        { content: "Close the message", trigger: ".modal .modal-footer .btn-primary", run: "click" },
        { content: "Still a draft", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Draft)" },
    ],
});

registry.category("web_tour.tours").add("rrs_assistance_worker_submit", {
    steps: () => [
        { content: "The quote is attached", trigger: ".o_field_widget[name=document_ids]:contains(quote.txt)" },
        { content: "Submit for approval", trigger: "button[name=action_submit]", run: "click" },
        { content: "Submitted, waiting for the supervisor", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Submitted)" },
        { content: "No approve button for the requester", trigger: ".o_form_view:not(:has(button[name=action_approve]:visible))" },
    ],
});

registry.category("web_tour.tours").add("rrs_assistance_supervisor_approve", {
    steps: () => [
        { content: "The request waits in the supervisor's list", trigger: ".o_data_row:contains(Tour Furniture Store)" },
        { content: "Approve it from its row", trigger: ".o_data_row:contains(Tour Furniture Store) button[name=action_approve]", run: "click" },
        { content: "Nothing left to approve", trigger: ".o_view_nocontent, .o_list_view:not(:has(.o_data_row:contains(Tour Furniture Store)))" },
    ],
});

registry.category("web_tour.tours").add("rrs_assistance_finance_validate", {
    steps: () => [
        { content: "Finance opens the request to validate", trigger: ".o_data_row:contains(Tour Furniture Store) td[name=name]", run: "click" },
        { content: "Validate and post the bill", trigger: ".o_form_view button[name=action_validate]", run: "click" },
        { content: "Confirm", trigger: ".modal button.btn-primary", run: "click" },
        { content: "Validated", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Validated)" },
        { content: "The bill is one click away", trigger: "button[name=action_view_bill]" },
    ],
});
