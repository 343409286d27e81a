import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_loyalty_cards_menu", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the keeping menu",
            trigger: '.o_main_navbar button:contains("Keeping Clients")',
            run: "click",
        },
        {
            content: "Open the clients' cards and coupons",
            trigger: '.dropdown-item:contains("Cards and Coupons")',
            run: "click",
        },
        {
            content: "The cards are listed by program, no error dialog",
            trigger: '.o_list_view .o_group_name:contains("Tour Menu Card")',
            run: "click",
        },
        {
            content: "The client's card is in its program",
            trigger: '.o_list_view .o_data_row:contains("Tour Menu Client")',
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
