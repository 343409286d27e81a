import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";

/** The id of a many2one value as the POS holds it (record, id or false). */
function idOf(value) {
    return (value && (value.id ?? value)) || false;
}

/**
 * A client card at the till: one card per client, shared by its people (the
 * till looks for the card of the customer's client, not only the customer's
 * own), and a tier's reward claimable only with a card holding that tier.
 */
patch(PosStore.prototype, {
    async fetchLoyaltyCard(programId, partnerId) {
        const program = this.models["loyalty.program"].get(programId);
        const own = this.models["loyalty.card"].find(
            (c) => c.partner_id?.id === partnerId && c.program_id?.id === programId
        );
        if (own || program?.client_issue_kind !== "card" || !partnerId) {
            return super.fetchLoyaltyCard(...arguments);
        }
        // the client's card, asked once per customer and kept once found (a
        // card another till issues meanwhile is found at the next ask)
        this.clientCardIds ??= {};
        const key = `${programId}-${partnerId}`;
        if (!this.clientCardIds[key]) {
            try {
                this.clientCardIds[key] = await this.data.call(
                    "loyalty.card",
                    "get_client_card_for_pos",
                    [programId, partnerId]
                );
            } catch {
                // offline: as Odoo's till does, a card of the customer's own
                return super.fetchLoyaltyCard(...arguments);
            }
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
            const tierId = idOf(reward.raw?.client_tier_id ?? reward.client_tier_id);
            if (!tierId) {
                return true;
            }
            const card = this.models["loyalty.card"].get(coupon_id);
            return idOf(card?.raw?.client_pos_tier_id ?? card?.client_pos_tier_id) === tierId;
        });
    },
});
