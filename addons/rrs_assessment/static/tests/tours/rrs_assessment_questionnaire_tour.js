/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

function answer(question, option, answered, total) {
    return [
        {
            content: `Question ${question}: answer ${option}`,
            trigger: `.o_rrs_factor fieldset:nth-of-type(${question}) .form-check:nth-of-type(${option}) input`,
            run: "click",
        },
        {
            content: `Saved: ${answered} of ${total}`,
            trigger: `.o_rrs_progress_text:contains("${answered} / ${total}")`,
        },
    ];
}

registry.category("web_tour.tours").add("rrs_assessment_questionnaire", {
    steps: () => [
        { content: "The questionnaire opens on the first factor", trigger: ".o_rrs_factor h3:contains(Housing)" },
        ...answer(1, 4, 1, 6),
        ...answer(2, 4, 2, 6),
        ...answer(3, 3, 3, 6),
        ...answer(4, 4, 4, 6),
        { content: "Factor level shown", trigger: ".o_rrs_factor h3 .badge:contains(High)" },
        { content: "Next factor", trigger: "button.o_rrs_next", run: "click" },
        { trigger: ".o_rrs_factor h3:contains(Employment)" },
        ...answer(1, 2, 5, 6),
        ...answer(2, 1, 6, 6),
        { content: "Overall level shown", trigger: ".o_rrs_need_level" },
        { content: "Complete the assessment", trigger: "button[name=action_complete]", run: "click" },
        { content: "Completed", trigger: ".o_statusbar_status .o_arrow_button_current:contains(Completed)" },
    ],
});
