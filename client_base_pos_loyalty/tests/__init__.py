from . import test_cards_at_the_till
from . import test_card_rewards_at_the_till
