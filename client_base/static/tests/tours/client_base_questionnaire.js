import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("client_base_fill_questionnaire", {
    url: "/odoo/action-client_base.res_partner_action_clients",
    steps: () => [
        {
            content: "Open the client",
            trigger: ".o_kanban_record:contains(Tour Questionnaire Client)",
            run: "click",
        },
        {
            content: "Open the client's Client Base tab",
            trigger: ".o_notebook a.nav-link:contains(Client Base)",
            run: "click",
        },
        {
            content: "Fill the questionnaire in on the client's behalf",
            trigger: "button[name=action_fill_client_questionnaire]",
            run: "click",
        },
        {
            trigger: 'button.btn.btn-primary.btn-lg:contains("Start Survey")',
            run: "click",
        },
        {
            content: "The client says its birthday",
            trigger: 'div.js_question-wrapper:contains("When is your birthday?") input',
            run: "edit 03/09/1984",
        },
        {
            trigger:
                'div.js_question-wrapper:contains("How do you prefer us to contact you?") label:contains("Phone")',
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
            content: "Submitted",
            trigger: ".o_survey_finished",
        },
        {
            content: "Back to the clients",
            trigger: "body",
            run: "goToUrl /odoo/action-client_base.res_partner_action_clients",
        },
        {
            trigger: ".o_kanban_record:contains(Tour Questionnaire Client)",
            run: "click",
        },
        {
            content: "The birthday is filled",
            trigger: ".o_field_widget[name=client_birthday] input:value(03/09/1984)",
        },
    ],
});
