import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_analysis_prediction", {
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
            content: "The prediction is on, as the settings say",
            trigger: ".o_field_widget[name=prediction] input:checked",
        },
        {
            content: "Run it",
            trigger: ".o_form_view button[name=action_run]",
            run: "click",
        },
        {
            content: "The clients' value was predicted",
            trigger: ".o_field_widget[name=prediction_state]:contains(Predicted)",
        },
        {
            content: "Open the model check",
            trigger: ".o_notebook a.nav-link:contains(Model Check)",
            run: "click",
        },
        {
            content: "It sets predicted against actual purchases, by repeat purchases",
            trigger: ".o_field_widget[name=prediction_check_ids] .o_data_row:contains(7+)",
        },
        {
            content: "Open the Clients menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Clients)",
            run: "click",
        },
        {
            content: "Open Valuable and Slipping Away",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Valuable and Slipping Away)",
            run: "click",
        },
        {
            content: "The bakery that stopped buying is there, the steady one is not",
            trigger: ".o_list_view .o_data_row:contains(Tour Gone Bakery)",
        },
        {
            content: "The steady bakery is not slipping away",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour Steady Bakery)))",
        },
        {
            content: "Open the bakery that stopped",
            trigger: ".o_data_row:contains(Tour Gone Bakery) .o_data_cell[name=display_name], .o_data_row:contains(Tour Gone Bakery) .o_data_cell:first",
            run: "click",
        },
        {
            content: "Open the Client Base tab",
            trigger: ".o_notebook a.nav-link:contains(Client Base)",
            run: "click",
        },
        {
            content: "Beside its status, the model says it is likely gone",
            trigger: ".o_form_view .o_field_widget[name=client_predicted_status]:contains(Likely gone)",
        },
        {
            content: "and shows its chance of still buying",
            trigger: ".o_form_view .o_field_widget[name=client_p_alive]:not(:empty)",
        },
    ],
});
