import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

function badgeShows(where, kind, text) {
    return {
        content: `${where}: the client badge shows ${kind} '${text}'`,
        trigger: `${where} .o_client_base_badge .o_client_base_badge_${kind}:contains("${text}")`,
    };
}

registry.category("web_tour.tours").add("ClientBaseTillBadgeTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),

            // the customer list tells the cashier who is who
            ProductScreen.clickPartnerButton(),
            badgeShows('.partner-info:contains("Vera Regular")', "status", "Regular"),
            badgeShows('.partner-info:contains("Pavel Walk-in")', "status", "Potential"),

            // selected: status and a round date soon beside the order
            ProductScreen.clickCustomer("Vera Regular"),
            badgeShows(".product-screen", "status_regular", "Regular"),
            badgeShows(".product-screen", "occasion_birthday", "Birthday"),

            // a first purchase at the till, paid
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Pavel Walk-in"),
            badgeShows(".product-screen", "status_potential", "Potential"),
            ProductScreen.addOrderline("Desk Pad", "2"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
