import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_open_client", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "The Clients view lists the base; open the tour's client",
            trigger: ".o_kanban_record:contains(Tour Client Wholesale)",
            run: "click",
        },
        {
            content: "The client's form is open",
            trigger: ".o_form_view .o_breadcrumb:contains(Tour Client Wholesale)",
        },
    ],
});
