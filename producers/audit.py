"""The one writer of the audit log."""

from producers.models import AuditEntry


def audit_record(*, actor, action: str, obj, producer=None, reason: str = "") -> AuditEntry:
    name = ""
    if actor is not None:
        name = (actor.get_full_name() or actor.get_username()) if hasattr(actor, "get_username") else str(actor)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, actor_name=name[:150] or "hệ thống",
        action=action, object_type=obj._meta.model_name, object_id=str(obj.pk),
        object_repr=str(obj)[:255], producer=producer, reason=reason,
    )
