import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket (label ``basket``); see models.py for the one change."""

    name = "basket"
