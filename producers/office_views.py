"""The program office's pages (/van-phong/): verification queue, producers, audit log.
Reached by permission (``catalogue.change_certificate``), never by ``is_staff``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from core.collation import collated
from producers import certification, office
from producers.access import office_required
from producers.csvsafe import csv_bytes
from producers.forms import CertificateFilterForm, DecisionForm, InviteForm, ProducerCreateForm, SuspendForm
from producers.models import AuditEntry
from producers.responses import csv_response, scan_response, statement_response
from producers.selectors import office_certificates, producer_certificates

Certificate = get_model("catalogue", "Certificate")
Producer = get_model("catalogue", "Producer")


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@office_required
def queue(request):
    pending = (Certificate.objects.filter(status=Certificate.Status.PENDING)
               .select_related("product", "product__producer").order_by("date_created", "pk"))
    page = Paginator(pending, 50).get_page(request.GET.get("page"))
    return render(request, "producer_area/office/queue.html", {"page": page})


@office_required
def certificate_list(request):
    """Every certificate, searched and filtered, each row with its own decision form."""
    filter_form = CertificateFilterForm(request.GET)
    certificates = office_certificates(**filter_form.filters())
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    rows = [(c, DecisionForm.offered(c.status)) for c in page.object_list]
    return render(request, "producer_area/office/certificate_list.html",
                  {"page": page, "rows": rows, "filter_form": filter_form, "back": request.get_full_path()})


def _after_decision(request):
    """Back to the list the decision was made from (its filters kept), else the queue."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(target)
    return redirect("producer_area_office:queue")


@office_required
def certificate_decide(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.select_related("product", "product__producer", "submitted_by", "decided_by"),
        pk=pk)
    form = DecisionForm(request.POST or None, certificate=certificate)
    if request.method == "POST" and form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == DecisionForm.VERIFY:
                certification.certificate_verify(certificate=certificate, user=request.user)
            elif action == DecisionForm.REJECT:
                certification.certificate_reject(certificate=certificate, user=request.user, reason=reason)
            else:
                certification.certificate_revoke(certificate=certificate, user=request.user, reason=reason)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for errors in error.error_dict.values():
                    for e in errors:
                        form.add_error(None, e.message % (e.params or {}) if e.params else e.message)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi quyết định cho chứng nhận %(n)s.") % {"n": certificate.number})
            return _after_decision(request)
    return render(request, "producer_area/office/certificate.html",
                  {"certificate": certificate, "form": form})


@office_required
def certificate_scan(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    if not certificate.scan:
        raise Http404
    return scan_response(certificate)


@office_required
def producer_list(request):
    q = (request.GET.get("q") or "").strip()[:100].replace("\x00", "")
    producers = Producer.objects.select_related("province").order_by(collated("name"))
    if q:
        producers = producers.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    page = Paginator(producers, 50).get_page(request.GET.get("page"))
    return render(request, "producer_area/office/producer_list.html", {"page": page, "q": q})


@office_required
def producer_create(request):
    form = ProducerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            producer = office.producer_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Đã tạo chủ thể %(n)s.") % {"n": producer.name})
            return redirect("producer_area_office:producer-detail", pk=producer.pk)
    return render(request, "producer_area/office/producer_form.html", {"form": form})


@office_required
def producer_detail(request, pk):
    producer = get_object_or_404(Producer.objects.select_related("partner", "province"), pk=pk)
    suspend_form, invite_form = SuspendForm(), InviteForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "suspend":
                suspend_form = SuspendForm(request.POST)
                if suspend_form.is_valid():
                    certification.producer_suspend(producer=producer, user=request.user,
                                                      reason=suspend_form.cleaned_data["reason"])
                    messages.success(request, _("Đã tạm đình chỉ; sản phẩm của chủ thể ngừng bán."))
                    return redirect("producer_area_office:producer-detail", pk=producer.pk)
            elif action == "reinstate":
                certification.producer_reinstate(producer=producer, user=request.user,
                                                    reason=request.POST.get("reason", "")[:2000])
                messages.success(request, _("Đã khôi phục chủ thể."))
                return redirect("producer_area_office:producer-detail", pk=producer.pk)
            elif action == "invite":
                invite_form = InviteForm(request.POST)
                if invite_form.is_valid():
                    office.producer_invite(user=request.user, producer=producer,
                                           email=invite_form.cleaned_data["email"])
                    messages.success(request, _("Đã gửi lời mời."))
                    return redirect("producer_area_office:producer-detail", pk=producer.pk)
        except ValidationError as error:
            target = invite_form if action == "invite" else suspend_form
            for message in error.messages:
                target.add_error(None, message)
    return render(request, "producer_area/office/producer_detail.html", {
        "producer": producer, "users": producer.partner.users.order_by("username"),
        "suspend_form": suspend_form, "invite_form": invite_form,
        "entries": AuditEntry.objects.filter(producer=producer).select_related("actor")[:20],
        "certificates": producer_certificates(producer),
    })


AUDIT_HEADER = ["thoi_diem", "nguoi_thuc_hien", "hanh_dong", "doi_tuong", "ma_doi_tuong", "mo_ta", "chu_the", "ly_do"]


def _audit_rows(entries):
    for e in entries:
        yield [e.created_at.isoformat(), e.actor_name, e.action, e.object_type, e.object_id,
               e.object_repr, e.producer.slug if e.producer else "", e.reason]


@office_required
def audit_log(request):
    entries = AuditEntry.objects.select_related("producer")
    action = request.GET.get("action")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    if request.GET.get("format") == "csv":
        return csv_response(csv_bytes(AUDIT_HEADER, _audit_rows(entries.iterator(chunk_size=2000))),
                            "nhat-ky-ocop.csv")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "producer_area/office/audit_log.html",
                  {"page": page, "actions": AuditEntry.Action.choices, "action": action})


@office_required
def producer_statement(request, pk, year, month, fmt):
    return statement_response(get_object_or_404(Producer, pk=pk), year, month, fmt)
