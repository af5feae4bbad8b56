"""Files served by the areas: attachments that can never run script in the shop's origin."""

import datetime

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect

from catalogue.storage import signed_url
from producers.statements import build_statement, statement_csv, statement_pdf
from producers.uploads import content_type_for


def harden(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def scan_response(certificate):
    """The scan as an attachment: streamed from local disk, or a redirect to a signed URL
    of the private bucket (object storage). The caller has checked who may see it."""
    field = certificate.scan
    name = field.name.rsplit("/", 1)[-1]
    url = signed_url(field.name, filename=name, content_type=content_type_for(name))
    if url:
        return harden(HttpResponseRedirect(url))
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name,
                            content_type=content_type_for(name))
    return harden(response)


def csv_response(data: bytes, filename: str):
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return harden(response)


def statement_response(producer, year: int, month: int, fmt: str):
    """A producer's monthly statement as a CSV or PDF attachment; 404 for a format or month
    that cannot be."""
    if fmt not in ("csv", "pdf") or not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    statement = build_statement(producer=producer, month=datetime.date(year, month, 1))
    if fmt == "csv":
        response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(statement_pdf(statement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sao-ke-{producer.slug}-{year}-{month:02d}.{fmt}"'
    return harden(response)
