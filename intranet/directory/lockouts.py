"""django-axes tells us when a (user name, client address) pair is locked out; we keep it."""

from axes.signals import user_locked_out
from django.dispatch import receiver


@receiver(user_locked_out, dispatch_uid="directory.lockout_record")
def lockout_keep(sender, request=None, username=None, ip_address=None, **kwargs):
    from .services import lockout_record

    lockout_record(username=username or "", ip_address=ip_address, request=request)
