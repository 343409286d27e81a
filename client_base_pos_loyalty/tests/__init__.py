from . import test_cards_at_the_till
