from django.apps import AppConfig


class GraphqlApiConfig(AppConfig):
    name = "graphql_api"
    label = "graphql_api"
    verbose_name = "Saleor-compatible GraphQL API"
    default_auto_field = "django.db.models.BigAutoField"
