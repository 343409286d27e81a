import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";

/**
 * A client card at the till: one card per client, shared by its people (the
 * till looks for the card of the customer's client, not only the customer's
 * own), and a tier's reward claimable only with a card holding that tier.
 */
patch(PosStore.prototype, {
    async fetchLoyaltyCard(programId, partnerId) {
        const program = this.models["loyalty.program"].get(programId);
        if (program?.client_issue_kind !== "card" || !partnerId) {
            return super.fetchLoyaltyCard(...arguments);
        }
        this.clientCardIds ??= {};
        const key = `${programId}-${partnerId}`;
        if (!(key in this.clientCardIds)) {
            this.clientCardIds[key] = await this.data.call(
                "loyalty.card",
                "get_client_card_for_pos",
                [programId, partnerId]
            );
        }
        const cardId = this.clientCardIds[key];
        if (cardId) {
            const card =
                this.models["loyalty.card"].get(cardId) ||
                (await this.fetchCoupons([["id", "=", cardId]]))[0];
            if (card) {
                return card;
            }
        }
        return super.fetchLoyaltyCard(...arguments);
    },
});

patch(PosOrder.prototype, {
    getClaimableRewards() {
        return super.getClaimableRewards(...arguments).filter(({ coupon_id, reward }) => {
            const tier = reward.client_tier_id;
            if (!tier) {
                return true;
            }
            const card = this.models["loyalty.card"].get(coupon_id);
            return card?.client_pos_tier_id?.id === tier.id;
        });
    },
});
