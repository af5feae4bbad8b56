default_app_config = 'checkout.basket.apps.BasketConfig'
