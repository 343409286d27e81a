import { ControlPanel } from "@web/search/control_panel/control_panel";
import { patch } from "@web/core/utils/patch";
import { session } from "@web/session";

const CLIENT_BASE_APP = "client_base.client_base_menu_root";

/**
 * Says above every list, kanban, pivot and graph of clients or of the suite's
 * client rows which clients it shows to the current user: their own and those
 * without a salesperson, or every client (Sales: All Documents). Partners are
 * shared with the rest of Odoo, so their views say it inside Client Base only.
 */
patch(ControlPanel.prototype, {
    setup() {
        super.setup(...arguments);
        const scope = session.client_base_scope;
        const resModel = this.env.searchModel?.resModel;
        const viewType = this.env.config?.viewType;
        let shown = Boolean(scope && scope.models.includes(resModel) && viewType !== "form");
        if (shown && resModel === "res.partner") {
            const app = this.env.services.menu?.getCurrentApp();
            shown = app?.xmlid === CLIENT_BASE_APP;
        }
        this.clientBaseScope = shown ? scope : null;
    },
});
