"""Drop the cached meeting years and domain list (``cache.py``) whenever a meeting or a domain
is saved or deleted. Services and the admin both save through the models; a queryset
``delete()`` of meetings or domains sends ``post_delete`` per row as well."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import advisory_cache_clear
from .models import Domain, Meeting


@receiver([post_save, post_delete], sender=Meeting)
@receiver([post_save, post_delete], sender=Domain)
def _cached_lists_changed(sender, **kwargs):
    advisory_cache_clear()
