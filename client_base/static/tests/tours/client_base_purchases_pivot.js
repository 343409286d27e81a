import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** Analysis > Purchases as a pivot of the tour's two clients: the total
 * ``total`` is what the user may see of their purchases. */
function pivotSteps(total) {
    return [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the analyses",
            trigger: '.o_main_navbar button:contains("Analysis")',
            run: "click",
        },
        {
            content: "Open the purchases",
            trigger: '.dropdown-item:contains("Purchases")',
            run: "click",
        },
        {
            content: "Look for the tour's clients",
            trigger: ".o_searchview_input",
            run: "edit Pivot Tour",
        },
        {
            content: "Search them by client",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            trigger: '.o_searchview_facet:contains("Pivot Tour")',
        },
        {
            content: "The purchases by channel and year",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The sales channel's row",
            trigger: '.o_pivot .o_pivot_header_cell_closed:contains("Sales")',
        },
        {
            content: `Their purchases sum to ${total}`,
            trigger: `.o_pivot tbody tr:first-child .o_pivot_cell_value:last-child:contains("${total}")`,
        },
    ];
}

registry.category("web_tour.tours").add("client_base_purchases_pivot_own", {
    url: "/odoo",
    steps: () => pivotSteps("100.00"),
});

registry.category("web_tour.tours").add("client_base_purchases_pivot_all", {
    url: "/odoo",
    steps: () => pivotSteps("170.00"),
});
