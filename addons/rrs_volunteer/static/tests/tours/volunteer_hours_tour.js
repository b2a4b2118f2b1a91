/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A volunteer on their phone: their match, "Log hours" on its card, the hours and what they
// did, the thank-you and the line in the table (rule VOL-2: first names only on the card).
registry.category("web_tour.tours").add("rrs_volunteer_hours_tour", {
    url: "/my/volunteer/matches",
    steps: () => [
        {
            content: "The match card shows the family's first names and where to meet",
            trigger: ".o_rrs_volunteer_match:contains(Zahra):contains(Eastgate Library, front desk)",
        },
        {
            content: "Log hours for this match",
            trigger: ".o_rrs_volunteer_match:contains(Zahra) .card-footer a:contains(Log hours)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The form is for the match tapped",
            trigger: "select#rrs_hours_match:has(option[selected]:contains(Zahra))",
        },
        {
            content: "How many hours",
            trigger: "input#rrs_hours_hours",
            run() {
                // typed key by key, "1." is no number yet and the browser drops it: the phone's
                // decimal keypad gives the whole value at once
                this.anchor.value = "1.75";
                this.anchor.dispatchEvent(new Event("input", { bubbles: true }));
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "What was done",
            trigger: "input#rrs_hours_activity",
            run: "edit Walked to the bank together",
        },
        {
            content: "The form is complete",
            trigger: "form.o_rrs_hours_form:not(:has(:invalid))",
        },
        {
            content: "Send the hours",
            trigger: "button.o_rrs_hours_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thank you",
            trigger: ".o_rrs_hours_logged:contains(Thank you)",
        },
        {
            content: "The line is in the table, waiting for approval",
            trigger: "tr.o_rrs_hours_line:contains(Walked to the bank together):contains(1.75):contains(Submitted)",
        },
    ],
});

// The coordinator selects the week's lines in the list and approves them together.
registry.category("web_tour.tours").add("rrs_volunteer_hours_approve_selected", {
    steps: () => [
        {
            content: "Select the first line",
            trigger: ".o_data_row:contains(Walked to the bank) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second line",
            trigger: ".o_data_row:contains(Read the school letters) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Approve the selected lines",
            trigger: ".o_selection_container button:contains(Approve)",
            run: "click",
        },
        {
            content: "Both are approved: the lines to approve keep the third only",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(Walked to the bank))):not(:has(.o_data_row:contains(Read the school letters))) .o_data_row:contains(Filled in the bus pass form)",
        },
    ],
});
