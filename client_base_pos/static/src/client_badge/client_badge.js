import { Component } from "@odoo/owl";
import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { PartnerLine } from "@point_of_sale/app/screens/partner_list/partner_line/partner_line";
import { patch } from "@web/core/utils/patch";

/**
 * The client at a glance for the cashier: status, tier, ABC class and a
 * round date soon, as the server labelled them (res.partner.client_pos_badge,
 * loaded with the till's customers).
 */
export class ClientBadge extends Component {
    static template = "client_base_pos.ClientBadge";
    static props = { partner: Object, compact: { type: Boolean, optional: true } };

    get parts() {
        return this.props.partner.client_pos_badge || [];
    }
}

patch(OrderSummary, {
    components: { ...OrderSummary.components, ClientBadge },
});

patch(PartnerLine, {
    components: { ...PartnerLine.components, ClientBadge },
});
