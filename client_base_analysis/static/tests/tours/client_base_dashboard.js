import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** The spreadsheet model of the open dashboard (the grid is a canvas: its
 * numbers are read from the model the dashboard action renders). */
function dashboardModel() {
    function find(node, depth) {
        if (!node || depth > 80) {
            return null;
        }
        const model = node.component?.props?.model;
        if (model?.getters?.getEvaluatedCell) {
            return model;
        }
        for (const child of Object.values(node.children || {})) {
            const found = find(child, depth + 1);
            if (found) {
                return found;
            }
        }
        return null;
    }
    return find(odoo.__WOWL_DEBUG__.root.__owl__, 0);
}

function position(model, sheetIndex, xc) {
    const sheetId = model.getters.getSheetIds()[sheetIndex];
    const col = xc.match(/^[A-Z]+/)[0].charCodeAt(0) - 65;
    const row = parseInt(xc.match(/\d+$/)[0]) - 1;
    return { sheetId, col, row };
}

async function waitFor(check, what) {
    for (let attempt = 0; attempt < 150; attempt++) {
        const result = check();
        if (result) {
            return result;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out waiting for ${what}`);
}

/** Every tile's figure is computed: a number or a text, neither an error nor
 * still loading. */
function tilesFilled(tiles) {
    return {
        content: `The ${tiles} tiles show their figures and a year earlier`,
        trigger: ".o_spreadsheet_dashboard_action .o-figure",
        run: async () => {
            const model = await waitFor(dashboardModel, "the dashboard");
            // figures hidden behind IFERROR read 0 while loading: wait for
            // the revenue, then every figure is loaded with it
            await waitFor(() => {
                const revenue = model.getters.getEvaluatedCell(position(model, 1, "B2"));
                return revenue.value > 0;
            }, "the revenue of the period");
            for (let line = 2; line < 2 + tiles; line++) {
                for (const column of ["B", "C"]) {
                    const cell = model.getters.getEvaluatedCell(
                        position(model, 1, `${column}${line}`)
                    );
                    if (cell.type === "error" || cell.value === "Loading...") {
                        throw new Error(`Tile ${line - 1} reads ${cell.value}`);
                    }
                }
            }
        },
    };
}

/** Scroll the dashboard to a cell and mark its clickable area. */
function markCell(xc, what) {
    return {
        content: `Find ${what}`,
        trigger: ".o_spreadsheet_dashboard_action .o-figure",
        run: async () => {
            const model = await waitFor(dashboardModel, "the dashboard");
            const where = position(model, 0, xc);
            await waitFor(() => {
                const cell = model.getters.getEvaluatedCell(where);
                return cell.type === "number" && cell.value > 0;
            }, `a figure in ${xc}`);
            // the grid draws only what is in view: scroll the cell into it
            const { start } = model.getters.getRowDimensions(where.sheetId, where.row);
            model.dispatch("SET_VIEWPORT_OFFSET", {
                offsetX: 0,
                offsetY: Math.max(0, start - 200),
            });
            await waitFor(() => {
                const rect = model.getters.getVisibleRect({
                    left: where.col, right: where.col, top: where.row, bottom: where.row,
                });
                for (const element of document.querySelectorAll(".o-dashboard-clickable-cell")) {
                    const box = element.style;
                    if (
                        Math.abs(parseFloat(box.top) - rect.y) < 2 &&
                        Math.abs(parseFloat(box.left) - rect.x) < 2
                    ) {
                        element.classList.add("o_client_base_tour_cell");
                        return true;
                    }
                }
                return false;
            }, `the clickable ${xc}`);
        },
    };
}

function openDashboard() {
    return [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the Analysis menu of Client Base",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Analysis)",
            run: "click",
        },
        {
            content: "Open the dashboard of Base Health",
            trigger: `.o-dropdown-item[data-menu-xmlid="client_base_analysis.client_base_health_dashboard_menu"]`,
            run: "click",
        },
        {
            content: "The Dashboards app opens on the user's Client Base dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
        },
    ];
}

registry.category("web_tour.tours").add("client_base_dashboard_manager", {
    url: "/odoo",
    steps: () => [
        ...openDashboard(),
        tilesFilled(10),
        markCell("B41", "the retention of the oldest cohort a quarter after its first purchase"),
        {
            content: "Open the clients behind the cohort cell",
            trigger: ".o_client_base_tour_cell",
            run: "click",
        },
        {
            content: "The cohort's clients, one row each",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=partner_id]",
        },
    ],
});

registry.category("web_tour.tours").add("client_base_dashboard_salesperson", {
    url: "/odoo",
    steps: () => [
        ...openDashboard(),
        tilesFilled(7),
        {
            content: "A salesperson's dashboard has no company-wide filter",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.o_filter_value_container:contains(Salesperson)))",
        },
    ],
});
