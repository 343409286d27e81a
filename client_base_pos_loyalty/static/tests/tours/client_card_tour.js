import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PosLoyalty from "@pos_loyalty/../tests/tours/utils/pos_loyalty_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import { registry } from "@web/core/registry";

function rewardOffered(name, offered) {
    return {
        content: `the reward '${name}' is ${offered ? "" : "not "}offered`,
        trigger: offered
            ? `.modal .selection-item:contains("${name}")`
            : `.modal:has(.selection-item):not(:has(.selection-item:contains("${name}")))`,
    };
}

registry.category("web_tour.tours").add("ClientBaseTillCardTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),

            // a buyer of a client whose card holds no tier: the card's discount
            // from the client's card, not the tier's
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Plain Buyer"),
            ProductScreen.addOrderline("Desk Pad", "1"),
            ...ProductScreen.clickControlButton("Reward"),
            rewardOffered("Card 5%", true),
            rewardOffered("Silver", false),
            {
                content: "claim the card's discount",
                trigger: '.modal .selection-item:contains("Card 5%")',
                run: "click",
            },
            PosLoyalty.hasRewardLine("Card 5%"),
            PosLoyalty.finalizeOrder("Cash", "10"),

            // a buyer of a Silver client: the tier's reward too
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Chain Buyer"),
            ProductScreen.addOrderline("Desk Pad", "1"),
            PosLoyalty.claimReward("Silver"),
            PosLoyalty.hasRewardLine("Silver"),
            PosLoyalty.finalizeOrder("Cash", "10"),
        ].flat(),
});
