import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_win_back", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Find the dormant client in the Dormant column",
            trigger: ".o_kanban_group:contains(Dormant) .o_kanban_record:contains(Tour Dormant Client)",
            run: "click",
        },
        {
            content: "The client is dormant",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Dormant)",
        },
        {
            content: "Mark it as lost",
            trigger: "button[name=action_open_mark_lost]",
            run: "click",
        },
        {
            content: "Choose the reason",
            trigger: ".modal .o_field_widget[name=churn_reason_id] input",
            run: "edit Tour Price",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Tour Price)",
            run: "click",
        },
        {
            content: "Say what the client said",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Found a supplier 7% cheaper",
        },
        {
            trigger: ".modal button[name=action_mark_lost]",
            run: "click",
        },
        {
            content: "The client is lost",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Lost)",
        },
        {
            content: "Open the client's orders",
            trigger: ".oe_stat_button[name=action_view_sale_order]",
            run: "click",
        },
        {
            content: "Open the new quotation (the most recent order)",
            trigger: ".o_data_row:first .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Confirm it",
            trigger: ".o_form_view button[name=action_confirm]:enabled",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "Back to the client",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Tour Dormant Client)",
            run: "click",
        },
        {
            content: "The client is back",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Occasional)",
        },
        {
            content: "Open the Client Base tab",
            trigger: ".o_notebook a.nav-link:contains(Client Base)",
            run: "click",
        },
        {
            content: "The history shows it won back",
            trigger: ".o_field_widget[name=client_status_history_ids] .o_data_row:first:contains(Won back)",
        },
    ],
});
