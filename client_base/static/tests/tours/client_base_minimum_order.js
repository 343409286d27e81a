import { registry } from "@web/core/registry";

const openQuotation = [
    {
        content: "Find the client's small repeat quotation among the quotations",
        trigger: ".o_data_row:contains(Tour Minimum Client) .o_data_cell[name=partner_id]",
        run: "click",
    },
    {
        content: "A banner says it is below the minimum, by how much, and which rule",
        trigger: ".alert[name=client_threshold_alert]:contains(Below the minimum order):contains(Repeat order minimum)",
    },
];

registry.category("web_tour.tours").add("client_base_minimum_order_blocked", {
    url: "/odoo/action-sale.action_quotations_with_onboarding",
    steps: () => [
        ...openQuotation,
        {
            content: "A salesperson has no way around the minimum",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_open_threshold_override]))",
        },
        {
            content: "Try to confirm anyway",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_confirm]:visible",
            run: "click",
        },
        {
            content: "Refused, naming the missing amount",
            trigger: ".modal .modal-body:contains(below their minimum order amount):contains(missing)",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The order is still a quotation",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Quotation)",
        },
        {
            content: "Ask a manager for an exception instead",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_threshold_request]",
            run: "click",
        },
        {
            content: "Choose the manager",
            trigger: ".modal .o_field_widget[name=manager_id] input",
            run: "edit Tour Manager",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Manager)",
            run: "click",
        },
        {
            content: "Say why the order is worth it",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit A trial of the new range",
        },
        {
            trigger: ".modal button[name=action_request]",
            run: "click",
        },
        {
            content: "The chatter says whom the salesperson asked",
            trigger: ".o-mail-Message:contains(Asked Tour Manager):contains(A trial of the new range)",
        },
    ],
});

registry.category("web_tour.tours").add("client_base_minimum_order_override", {
    url: "/odoo",
    steps: () => [
        {
            content: "The manager finds the request among their activities",
            trigger: ".o_menu_systray i[aria-label=Activities]",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityGroup[data-model_name='sale.order']",
            run: "click",
        },
        ...openQuotation,
        {
            content: "The request says why",
            trigger: ".o-mail-Activity:contains(Below the minimum)",
        },
        {
            content: "A manager may confirm below the minimum, with a reason",
            trigger: ".o_form_view button[name=action_open_threshold_override]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] select",
            run: "selectByLabel Strategic client",
        },
        {
            content: "Say why this order is worth it",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Opens the northern region",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "The chatter keeps the reason",
            trigger: ".o-mail-Message:contains(Opens the northern region)",
        },
    ],
});
