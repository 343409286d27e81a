import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("client_base_loyalty_issue_card", {
    url: "/odoo/action-client_base.res_partner_action_clients",
    steps: () => [
        {
            content: "Open the client",
            trigger: ".o_kanban_record:contains(Tour Card Client)",
            run: "click",
        },
        {
            content: "Hand the client a card",
            trigger: ".o_form_view button[name=action_open_client_card_issue]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=program_id] input",
            run: "edit Tour Honoured",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Honoured Card)",
            run: "click",
        },
        {
            content: "The program asks for the questionnaire at the counter",
            trigger: ".modal .o_field_widget[name=questionnaire_at_issue]:contains(fill in)",
        },
        {
            trigger: ".modal button[name=action_issue]",
            run: "click",
        },
        {
            content: "The questionnaire opens for the client",
            trigger: 'button.btn.btn-primary.btn-lg:contains("Start Survey")',
            run: "click",
        },
        {
            trigger: 'div.js_question-wrapper:contains("When is your birthday?") input',
            run: "edit 11/05/1979",
        },
        {
            trigger:
                'div.js_question-wrapper:contains("How do you prefer us to contact you?") label:contains("Email")',
            run: "click",
        },
        {
            trigger:
                'div.js_question-wrapper:contains("How many people work in your company?") label:contains("Micro")',
            run: "click",
        },
        {
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            trigger: ".o_survey_finished",
        },
        {
            content: "A new quotation for one of the client's people",
            trigger: "body",
            run: "goToUrl /odoo/action-sale.action_quotations_with_onboarding/new",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "edit Tour Card Buyer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Card Buyer)",
            run: "click",
        },
        {
            trigger: ".o_field_x2many_list_row_add a:contains(Add a product)",
            run: "click",
        },
        {
            trigger: ".o_data_row .o_field_widget[name=product_id] input, .o_data_row .o_field_widget[name=product_template_id] input",
            run: "edit Tour Card Goods",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Card Goods)",
            run: "click",
        },
        {
            content: "Wait for the line's price before claiming",
            trigger: ".o_data_row .o_data_cell[name=price_subtotal]:contains(200.00)",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Claim the card's reward",
            trigger: ".o_form_view button[name=action_open_reward_wizard]",
            run: "click",
        },
        {
            content: "The card discount is on the quotation",
            trigger: ".o_data_row .o_data_cell:contains(Tour card 5%)",
        },
    ],
});
