import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_pos_card_penetration", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the analyses",
            trigger: '.o_main_navbar button:contains("Analysis")',
            run: "click",
        },
        {
            content: "Open card penetration",
            trigger: '.dropdown-item:contains("Card Penetration")',
            run: "click",
        },
        {
            content: "The shop's month: 30% of its revenue from identified clients",
            trigger: '.o_list_view .o_data_row:contains("Penetration Shop"):contains("30.0")',
        },
        {
            content: "The same by month in the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot shows the shop's revenue",
            trigger: '.o_pivot .o_pivot_header_cell_closed:contains("Penetration Shop")',
        },
    ],
});
