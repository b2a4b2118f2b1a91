/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

function fill(field, value, tag = "textarea") {
    return {
        content: `Fill in ${field}`,
        trigger: `.o_field_widget[name=${field}] ${tag}`,
        run: `edit ${value}`,
    };
}

registry.category("web_tour.tours").add("rrs_service_plan", {
    steps: () => [
        { content: "Start the service plan from the case", trigger: "button[name=action_new_plan]", run: "click" },
        { content: "The draft plan opens", trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)" },
        { content: "Add a goal", trigger: ".o_field_widget[name=goal_ids] .o_field_x2many_list_row_add a", run: "click" },
        { trigger: ".modal .o_field_widget[name=name] input", run: "edit Ahmad in paid work" },
        { trigger: ".modal .o_field_widget[name=desired_outcome] textarea", run: "edit Full-time job that covers the rent" },
        { trigger: ".modal .o_field_widget[name=target_date] input", run: "edit 12/31/2030" },
        { trigger: ".modal .o_field_widget[name=services] textarea", run: "edit Job readiness workshop and placement" },
        { content: "Save the goal", trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: ".o_field_widget[name=goal_ids] .o_data_row:contains(Ahmad in paid work)" },
        {
            content: "The form lists what the plan still needs before the client signs (PLAN-1)",
            trigger: ".alert-warning .o_field_widget[name=signing_problems]:contains(Family and informal networks)",
        },
        { content: "Family, crisis and self-sufficiency", trigger: ".o_notebook .nav-link:contains(Family)", run: "click" },
        fill("family_network", "Weekly call with relatives; community center mentor"),
        fill("crisis_procedure", "Office line, then the worker within one working day"),
        fill("self_sufficiency_pathway", "English classes, then warehouse work"),
        fill("self_sufficiency_barriers", "No local work history"),
        { content: "Signatures", trigger: ".o_notebook .nav-link:contains(Signatures)", run: "click" },
        {
            content: "Nothing is missing any more: the list is gone",
            trigger: ".o_form_sheet:not(:has(.alert-warning .o_field_widget[name=signing_problems]))",
        },
        { content: "The client signs", trigger: ".o_field_widget[name=client_signature] .o_signature", run: "click" },
        { content: "Signed with the client's name", trigger: ".modal .o_web_sign_signature" },
        { content: "Adopt the signature", trigger: ".modal .modal-footer .btn-primary:enabled", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { content: "Record the client's signature", trigger: "button[name=action_sign_client]", run: "click" },
        { trigger: ".o_field_widget[name=client_signature_date]:not(:empty)" },
        { content: "The worker signs", trigger: "button[name=action_sign_worker]", run: "click" },
        { content: "The plan is signed", trigger: ".o_statusbar_status .o_arrow_button_current:contains(Signed)" },
        { content: "Back to the case", trigger: ".o_breadcrumb .breadcrumb-item a:contains(Tourtest)", run: "click" },
        { content: "Open the referrals", trigger: "button[name=action_view_referrals]", run: "click" },
        { trigger: ".o_list_view" },
        { content: "New referral", trigger: ".o_list_button_add", run: "click" },
        {
            trigger: ".o_field_widget[name=service_category_id] input",
            run: "edit Employment",
        },
        { trigger: ".o-autocomplete--dropdown-item:contains(Employment)", run: "click" },
        { trigger: ".o_field_widget[name=provider_id] input", run: "edit WorkBridge Tour" },
        { trigger: ".o-autocomplete--dropdown-item:contains(WorkBridge Tour)", run: "click" },
        fill("reason", "Ahmad needs help finding work"),
        { content: "Send the referral", trigger: "button[name=action_send]", run: "click" },
        { content: "Sent", trigger: ".o_statusbar_status .o_arrow_button_current:contains(Sent)" },
    ],
});
