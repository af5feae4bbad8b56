from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from storefront.health import check_health


@never_cache
@require_GET
def healthz(request):
    """200 while the shop can sell (a failing cache, search engine, storage or worker is
    named with "status": "degraded"), 503 when it cannot (the database is down)."""
    health = check_health()
    return JsonResponse(health.as_dict(), status=200 if health.can_sell else 503)
