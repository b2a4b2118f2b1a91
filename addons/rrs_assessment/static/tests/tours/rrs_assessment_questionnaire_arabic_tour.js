/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Issue 11: the questionnaire in Arabic, right to left, on a phone. The Arabic words are the
// shipped translations (ar.po); the Python test checks that they still are. The factors are
// the test's own instrument, named in English.
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

registry.category("web_tour.tours").add("rrs_assessment_questionnaire_arabic", {
    steps: () => [
        { content: "The questionnaire opens on the first factor", trigger: ".o_rrs_factor h3:contains(Housing)" },
        { content: "Right to left", trigger: "body.o_rtl" },
        { content: "Its buttons in Arabic (Next factor)", trigger: "button.o_rrs_next:contains(العامل التالي)" },
        ...answer(1, 4, 1, 6),
        ...answer(2, 4, 2, 6),
        ...answer(3, 3, 3, 6),
        ...answer(4, 4, 4, 6),
        { content: "Factor level in Arabic (High)", trigger: ".o_rrs_factor h3 .badge:contains(مرتفع)" },
        { content: "Next factor", trigger: "button.o_rrs_next", run: "click" },
        { content: "The next factor", trigger: ".o_rrs_factor h3:contains(Employment)" },
        ...answer(1, 2, 5, 6),
        ...answer(2, 1, 6, 6),
        { content: "Overall level shown", trigger: ".o_rrs_need_level" },
    ],
});
