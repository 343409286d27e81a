import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * The main flows as a Russian and as a Romanian salesperson reads them: the
 * clients by status, a client's form, marking it lost, the worklist, a
 * quotation below its minimum and their own dashboard. Navigation goes
 * by menu ids and button names; each step checks the words the user reads.
 */
const LABELS = {
    ru: {
        app: "Клиентская база",
        dormant: "Спящий",
        lost: "Ушедший",
        markLost: "Отметить как ушедшего",
        reason: "Причина",
        notePlaceholder: "Что сказал клиент? Что вы выяснили?",
        clients: "Клиенты",
        worklist: "Рабочий список",
        belowMinimumKind: "Коммерческое предложение ниже минимального заказа",
        belowMinimum: "Ниже минимального заказа.",
        analysis: "Анализ",
        dashboard: "Панель управления",
        dashboardName: "Мои клиенты",
        yearToDate: "С начала года",
    },
    ro: {
        app: "Baza de clienți",
        dormant: "Inactiv",
        lost: "Pierdut",
        markLost: "Marchează ca pierdut",
        reason: "Motiv",
        notePlaceholder: "Ce a spus clientul? Ce ați aflat?",
        clients: "Clienți",
        worklist: "Lista de lucru",
        belowMinimumKind: "Ofertă sub pragul minim",
        belowMinimum: "Sub pragul minim de comandă.",
        analysis: "Analiză",
        dashboard: "Tablou de bord",
        dashboardName: "Clienții mei",
        yearToDate: "Anul în curs",
    },
};

function languageSteps(words) {
    return [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root", "Open the app"),
        {
            content: "The app speaks the user's language",
            trigger: `.o_main_navbar .o_menu_brand:contains(${words.app})`,
        },
        {
            content: "Clients by status: the dormant client",
            trigger: `.o_kanban_group:contains(${words.dormant}) .o_kanban_record:contains(Tour Language Dormant)`,
            run: "click",
        },
        {
            content: "The client's status",
            trigger: `.o_statusbar_status button.o_arrow_button_current:contains(${words.dormant})`,
        },
        {
            content: "The client's own tab",
            trigger: `.o_notebook a.nav-link:contains(${words.app})`,
        },
        {
            content: "Mark it lost",
            trigger: `button[name=action_open_mark_lost]:contains(${words.markLost})`,
            run: "click",
        },
        {
            content: "The wizard asks for the reason",
            trigger: `.modal .modal-title:contains(${words.markLost})`,
        },
        {
            trigger: `.modal .o_form_label:contains(${words.reason})`,
        },
        {
            trigger: ".modal .o_field_widget[name=churn_reason_id] input",
            run: "edit Tour Language Price",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Tour Language Price)",
            run: "click",
        },
        {
            content: "and what the client said",
            trigger: `.modal .o_field_widget[name=note] textarea[placeholder="${words.notePlaceholder}"]`,
            run: "edit Found a cheaper supplier",
        },
        {
            trigger: `.modal button[name=action_mark_lost]:contains(${words.markLost})`,
            run: "click",
        },
        {
            content: "The client is lost",
            trigger: `.o_statusbar_status button.o_arrow_button_current:contains(${words.lost})`,
        },
        {
            trigger: `.o_menu_sections [data-menu-xmlid="client_base.client_base_menu_clients"]:contains(${words.clients})`,
            run: "click",
        },
        {
            content: "Open the worklist",
            trigger: `.o-dropdown-item[data-menu-xmlid="client_base_analysis.client_base_worklist_menu"]:contains(${words.worklist})`,
            run: "click",
        },
        {
            content: "A quotation waits below its minimum",
            trigger: `.o_data_row:contains(Tour Language Fern):contains(${words.belowMinimumKind}) button[name=action_open]`,
            run: "click",
        },
        {
            content: "The quotation says it is below the minimum",
            trigger: `.alert[name=client_threshold_alert]:contains(${words.belowMinimum})`,
        },
        {
            trigger: `.o_menu_sections [data-menu-xmlid="client_base.client_base_menu_analysis"]:contains(${words.analysis})`,
            run: "click",
        },
        {
            content: "Open the base health dashboard",
            trigger: `.o-dropdown-item[data-menu-xmlid="client_base_analysis.client_base_health_dashboard_menu"]:contains(${words.dashboard})`,
            run: "click",
        },
        {
            content: "The dashboard and its filters, in words the user reads",
            trigger: `.o_spreadsheet_dashboard_action .o_search_panel_category_value.active:contains(${words.dashboardName})`,
        },
        {
            // the filter's own label is only its tooltip, which Odoo leaves
            // untranslated: the user reads the period it is set to
            content: "The period filter reads in the user's language",
            trigger: `.o_spreadsheet_dashboard_action .o_filter_value_container select.date_filter_values:contains(${words.yearToDate})`,
        },
    ];
}

for (const [lang, words] of Object.entries(LABELS)) {
    registry.category("web_tour.tours").add(`client_base_languages_${lang}`, {
        url: "/odoo",
        steps: () => languageSteps(words),
    });
}
