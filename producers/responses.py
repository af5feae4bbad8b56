"""Files served by the areas: attachments that can never run script in the shop's origin."""

from django.http import FileResponse, HttpResponse

from producers.uploads import content_type_for


def harden(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def scan_response(certificate):
    field = certificate.scan
    name = field.name.rsplit("/", 1)[-1]
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name,
                            content_type=content_type_for(name))
    return harden(response)


def csv_response(data: bytes, filename: str):
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return harden(response)
