"""Start a new generation of the advisory pages' kept values (``cache.py``: the meeting years,
the domain list, the committee page's and the advice table's rendered fragments) whenever a
domain, member, term, ceremony, meeting, agenda item or piece of advice is saved or deleted.
Services and the admin both save through the models; a queryset ``delete()`` sends
``post_delete`` per row as well."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import advisory_cache_clear
from .models import Advice, AgendaItem, Ceremony, Domain, Meeting, Member, Term


@receiver([post_save, post_delete], sender=Meeting)
@receiver([post_save, post_delete], sender=Domain)
@receiver([post_save, post_delete], sender=Member)
@receiver([post_save, post_delete], sender=Term)
@receiver([post_save, post_delete], sender=Ceremony)
@receiver([post_save, post_delete], sender=AgendaItem)
@receiver([post_save, post_delete], sender=Advice)
def _cached_lists_changed(sender, **kwargs):
    advisory_cache_clear()
