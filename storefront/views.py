from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from storefront.health import check_health


@never_cache
@require_GET
def healthz(request):
    health = check_health()
    body = {"status": "ok" if health.ok else "error", "database": health.database, "search": health.search}
    return JsonResponse(body, status=200 if health.ok else 503)
