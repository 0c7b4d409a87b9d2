"""The log-in backend: Django's model backend, reading the person's directory record with the user."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ObjectDoesNotExist

from intranet.kept_queries import KeptObjectsQuery


def _user_with_staff(user_id):
    return get_user_model()._default_manager.select_related("staff__department__head").filter(pk=user_id)


# Compiled once per process: compiling this three-join query cost about 1 ms of CPU on every
# request, several times what sending it and reading its one row costs.
_SIGNED_IN_USER = KeptObjectsQuery(_user_with_staff, "user_id")


class StaffModelBackend(ModelBackend):
    """Loads the signed-in user together with their ``Staff`` record and its department (and
    head) in the one query every request makes anyway, so ``staff_for_user`` — which the menu,
    the dashboard and most pages ask — costs nothing more."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """With the agency directory configured, only a local superuser signs in with a password
        kept by Ieum (break-glass, for when the directory is down); everyone else through it."""
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and getattr(settings, "IEUM_LDAP_ENABLED", False) and not user.is_superuser:
            return None
        return user

    def get_user(self, user_id):
        try:
            users = _SIGNED_IN_USER.objects(user_id=int(user_id))
        except (TypeError, ValueError):
            return None  # a session holding something else than a user's id
        if not users:
            return None
        user = users[0]
        if not self.user_can_authenticate(user):
            return None
        try:
            user._ieum_staff = user.staff
        except ObjectDoesNotExist:
            user._ieum_staff = None
        return user
