"""The program office's account, as the demo makes it: staff in the office group with the
certificate and producer permissions, not a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory

OFFICE_PERMISSIONS = ["change_certificate", "view_certificate", "change_producer", "add_producer",
                      "view_producer", "view_auditentry"]


@pytest.fixture
def office_user(db):
    group, _ = Group.objects.get_or_create(name="Văn phòng điều phối OCOP")
    group.permissions.add(*Permission.objects.filter(codename__in=OFFICE_PERMISSIONS))
    user = UserFactory(username="vanphong-test", is_staff=True, first_name="Lan")
    user.groups.add(group)
    return user
