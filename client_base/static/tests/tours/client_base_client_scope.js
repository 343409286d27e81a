import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_client_scope", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "The clients view says whose clients it shows",
            trigger: ".o_control_panel .o_client_base_scope:contains(Your clients and unassigned)",
        },
        {
            content: "Own clients are listed",
            trigger: ".o_kanban_record:contains(Scope Tour Mine)",
        },
        {
            content: "A colleague's client is not, while the default filter is on",
            trigger: ".o_searchview_facet:contains(Clients I See)",
            run() {
                const names = [...document.querySelectorAll(".o_kanban_record")].map(
                    (card) => card.textContent
                );
                if (names.some((name) => name.includes("Scope Tour Theirs"))) {
                    throw new Error("a colleague's client is listed under Clients I See");
                }
            },
        },
        {
            content: "Remove the filter to find the colleague's client",
            trigger: ".o_searchview_facet:contains(Clients I See) .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the colleague's client",
            trigger: ".o_kanban_record:contains(Scope Tour Theirs)",
            run: "click",
        },
        {
            content: "Its form says its client data is its salesperson's",
            trigger: ".o_form_view .o_client_base_data_hidden",
        },
        {
            content: "and shows no Client Base tab",
            trigger: ".o_form_view .o_notebook",
            run() {
                const tabs = [...document.querySelectorAll(".o_notebook .nav-link")].map(
                    (tab) => tab.textContent.trim()
                );
                if (tabs.includes("Client Base") || tabs.includes("Consent")) {
                    throw new Error(`client data tabs shown: ${tabs.join(", ")}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("client_base_client_scope_all", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "A user who sees every client is told so",
            trigger: ".o_control_panel .o_client_base_scope:contains(Every client)",
        },
        {
            content: "and sees the colleague's client too",
            trigger: ".o_kanban_record:contains(Scope Tour Theirs)",
            run: "click",
        },
        {
            content: "with its Client Base tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Client Base)",
        },
    ],
});
