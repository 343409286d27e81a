import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_analysis_matrix", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the Analysis menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Analysis)",
            run: "click",
        },
        {
            content: "Open the client analyses",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Client Analyses)",
            run: "click",
        },
        {
            content: "Start a new analysis",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The company's settings fill the thresholds in",
            trigger: ".o_field_widget[name=abc_a] input:value(80.00)",
        },
        {
            content: "Run it",
            trigger: ".o_form_view button[name=action_run]",
            run: "click",
        },
        {
            content: "Open the ABC×XYZ matrix of the snapshot",
            trigger: ".oe_stat_button[name=action_view_matrix]",
            run: "click",
        },
        {
            content: "Drill down from the A×X cell to the clients behind it",
            trigger: ".o_pivot table tbody tr:has(th:contains(A)) td.o_pivot_cell_value:first",
            run: "click",
        },
        {
            content: "The steady client is A×X",
            trigger: ".o_list_view .o_data_row:contains(Tour Steady Client)",
        },
        {
            content: "and the one-off client is not",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour One-off Client)))",
        },
        {
            content: "Open its line",
            trigger: ".o_data_row .o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            content: "Open the client",
            trigger: ".o_form_view button[name=action_open_client]",
            run: "click",
        },
        {
            content: "Open the Client Base tab",
            trigger: ".o_notebook a.nav-link:contains(Client Base)",
            run: "click",
        },
        {
            content: "The client shows its class",
            trigger: ".o_form_view .o_field_widget[name=client_abc_xyz_class]:contains(AX)",
        },
        {
            content: "and its RFM segment",
            trigger: ".o_form_view .o_field_widget[name=client_rfm_segment]:not(:empty)",
        },
    ],
});
