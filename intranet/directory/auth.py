"""The log-in backend: Django's model backend, reading the person's directory record with the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ObjectDoesNotExist


class StaffModelBackend(ModelBackend):
    """Loads the signed-in user together with their ``Staff`` record and its department (and
    head) in the one query every request makes anyway, so ``staff_for_user`` — which the menu,
    the dashboard and most pages ask — costs nothing more."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("staff__department__head").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        try:
            user._ieum_staff = user.staff
        except ObjectDoesNotExist:
            user._ieum_staff = None
        return user
