import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("client_base_overdue_contact", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open Client Base"),
        {
            content: "Open the Clients menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Clients)",
            run: "click",
        },
        {
            content: "Open the clients waiting for a contact",
            trigger: ".dropdown-item:contains(Overdue Contacts)",
            run: "click",
        },
        {
            content: "The overdue client is listed, its next contact in red",
            trigger: ".o_data_row:contains(Tour Overdue Client) .o_data_cell[name=client_next_contact_date].text-danger",
        },
        {
            trigger: ".o_data_row:contains(Tour Overdue Client) .o_data_cell[name=complete_name]",
            run: "click",
        },
        {
            content: "Log the call in the chatter",
            trigger: ".o-mail-Chatter button:contains(Log note)",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit Called Maria: they restock before the holidays",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains(they restock before the holidays)",
        },
        {
            content: "Back to the overdue contacts",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Overdue Contacts)",
            run: "click",
        },
        {
            content: "The client is no longer overdue",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour Overdue Client)))",
        },
    ],
});
