/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

function authorise(purpose) {
    return [
        {
            content: `Authorise “${purpose}” from its row`,
            trigger: `.o_data_row:contains(${purpose}) button[name=action_authorise]`,
            run: "click",
        },
        {
            content: `“${purpose}” is authorised`,
            trigger: `.o_list_renderer:not(:has(.o_data_row:contains(${purpose}) button[name=action_authorise]))`,
        },
    ];
}

// The visits to authorise are grouped by worker and day: open the worker's day.
function openTheWorkersDay() {
    return [
        { content: "Open the worker's visits", trigger: ".o_group_header:contains(Rrs Worker)", run: "click" },
        {
            content: "Open the day",
            trigger: ".o_group_header.o_group_open:contains(Rrs Worker) ~ .o_group_header:not(.o_group_open)",
            run: "click",
        },
    ];
}

// The supervisor authorises the day's planned visits, worker by worker (rule VIS-1).
registry.category("web_tour.tours").add("rrs_supervisor_authorise_visits", {
    steps: () => [
        ...openTheWorkersDay(),
        {
            content: "A visit without its risk assessment cannot be authorised",
            trigger: ".o_data_row:contains(Tenancy papers):not(:has(button[name=action_authorise]))",
        },
        ...authorise("Kitchen heater check"),
        ...authorise("School enrolment papers"),
    ],
});

// The supervisor selects the day's visits and authorises them together (rule VIS-1).
registry.category("web_tour.tours").add("rrs_supervisor_authorise_selected_visits", {
    steps: () => [
        ...openTheWorkersDay(),
        {
            content: "Select the first visit",
            trigger: ".o_data_row:contains(Kitchen heater check) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second visit",
            trigger: ".o_data_row:contains(School enrolment papers) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Authorise the selected visits",
            trigger: ".o_selection_container button:contains(Authorise)",
            run: "click",
        },
        {
            content: "Both are authorised",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(Kitchen heater check) button[name=action_authorise])):not(:has(.o_data_row:contains(School enrolment papers) button[name=action_authorise]))",
        },
        {
            content: "The visit without its risk assessment waits",
            trigger: ".o_data_row:contains(Tenancy papers):contains(Planned)",
        },
    ],
});

// The supervisor signs a letter written on behalf of a client (rule REC-2).
registry.category("web_tour.tours").add("rrs_supervisor_sign_letter", {
    steps: () => [
        {
            content: "Sign the letter from its row",
            trigger: ".o_data_row:contains(heating repairs) button[name=action_sign_letter]",
            run: "click",
        },
        {
            content: "The letter is signed",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(heating repairs) button[name=action_sign_letter]))",
        },
    ],
});

// The same on the phone: the cards carry the Authorise and Sign buttons.
registry.category("web_tour.tours").add("rrs_supervisor_authorise_visits_phone", {
    steps: () => [
        {
            content: "On the phone the visits to authorise open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains(Kitchen heater check)",
        },
        {
            content: "The card shows the risks found",
            trigger: ".o_kanban_record:contains(Kitchen heater check):contains(Dangerous animals)",
        },
        {
            content: "A visit without its risk assessment cannot be authorised",
            trigger: ".o_kanban_record:contains(Tenancy papers):contains(Risk assessment not done):not(:has(button[name=action_authorise]))",
        },
        {
            content: "Authorise from the card",
            trigger: ".o_kanban_record:contains(Kitchen heater check) button[name=action_authorise]",
            run: "click",
        },
        {
            content: "Authorised",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Kitchen heater check) button[name=action_authorise]))",
        },
    ],
});

registry.category("web_tour.tours").add("rrs_supervisor_sign_letter_phone", {
    steps: () => [
        {
            content: "Sign the letter from its card",
            trigger: ".o_kanban_view .o_kanban_record:contains(heating repairs) button[name=action_sign_letter]",
            run: "click",
        },
        {
            content: "The letter is signed",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(heating repairs) button[name=action_sign_letter]))",
        },
    ],
});
