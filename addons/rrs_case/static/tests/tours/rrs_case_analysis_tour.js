/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

const PROGRAM = "Pivot Tour Program";
const STAGE = "In service";

// A program manager opens the case analysis and drills down from a cell to its cases.
registry.category("web_tour.tours").add("rrs_case_analysis", {
    steps: () => [
        {
            content: "The pivot shows cases by program and stage",
            trigger: `.o_pivot thead th.o_pivot_header_cell_closed:contains(${STAGE})`,
        },
        {
            content: `Open the cell of ${PROGRAM}, ${STAGE}`,
            trigger: `.o_pivot tbody th.o_pivot_header_cell_closed:contains(${PROGRAM})`,
            async run(helpers) {
                // The columns of the body are the leaf headers of the head, in order.
                const stages = [...document.querySelectorAll(".o_pivot thead th.o_pivot_header_cell_closed")];
                const column = stages.findIndex((th) => th.textContent.trim() === STAGE);
                const row = this.anchor.closest("tr");
                const cell = row.querySelectorAll("td.o_pivot_cell_value")[column];
                if (column < 0 || !cell || cell.textContent.trim() !== "2") {
                    throw new Error(`The cell ${PROGRAM}, ${STAGE} should count 2 cases`);
                }
                await helpers.click(cell);
            },
        },
        { content: "The cases of the cell", trigger: ".o_list_view .o_data_row:contains(Pivotina Active One)" },
        { trigger: ".o_list_view .o_data_row:contains(Pivotina Active Two)" },
        {
            content: "Only the cases of the cell",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Pivotina Intake))):has(.o_data_row:count(2))",
        },
    ],
});
