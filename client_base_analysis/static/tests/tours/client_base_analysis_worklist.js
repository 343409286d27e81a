import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_analysis_worklist", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the Clients menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Clients)",
            run: "click",
        },
        {
            content: "Open the day's worklist",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Worklist)",
            run: "click",
        },
        {
            content: "The biggest client comes first, its contact overdue",
            trigger: ".o_data_row:first:contains(Tour Worklist Oak):contains(Contact overdue)",
        },
        {
            content: "and the small client's quotation is below its minimum",
            trigger: ".o_data_row:contains(Tour Worklist Fern):contains(Quotation below minimum)",
        },
        {
            content: "Open the overdue client",
            trigger: ".o_data_row:contains(Tour Worklist Oak) button[name=action_open]",
            run: "click",
        },
        {
            content: "Log the call in the chatter",
            trigger: ".o-mail-Chatter button:contains(Log note)",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit Called: a bigger order next month",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains(a bigger order next month)",
        },
        {
            content: "Back to the worklist",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Worklist)",
            run: "click",
        },
        {
            content: "The contact is done: the line left the list",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour Worklist Oak)))",
        },
        {
            content: "Open the Analysis menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Analysis)",
            run: "click",
        },
        {
            content: "Open the base health dashboard",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Dashboard)",
            run: "click",
        },
        {
            content: "The Client Base dashboard opens in the Dashboards app",
            trigger: ".o_spreadsheet_dashboard_action .o_search_panel_category_value.active[data-name='Client Base']",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
        },
        {
            content: "Back to Client Base",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            trigger: '.o_app[data-menu-xmlid="client_base.client_base_menu_root"]',
            run: "click",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections button:contains(Analysis)",
            run: "click",
        },
        {
            content: "Open the repeat revenue share",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Repeat Revenue Share)",
            run: "click",
        },
        {
            content: "The month's share of repeat clients shows",
            trigger: ".o_pivot th:contains(Repeat Share)",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections button:contains(Analysis)",
            run: "click",
        },
        {
            content: "Open the cohort table",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Cohort Retention)",
            run: "click",
        },
        {
            content: "Cohorts by quarters after the first purchase",
            trigger: ".o_pivot th:contains(Retention)",
        },
        {
            content: "whose columns read Q+1, Q+2 …",
            trigger: ".o_pivot thead th:contains(Q+1)",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections button:contains(Analysis)",
            run: "click",
        },
        {
            content: "Open the purchase rhythm",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Purchase Rhythm)",
            run: "click",
        },
        {
            content: "Weekdays by hours",
            trigger: ".o_pivot th:contains(Orders)",
        },
        {
            content: "hours read as the clock does",
            trigger: ".o_pivot thead th:contains(:00)",
        },
    ],
});
