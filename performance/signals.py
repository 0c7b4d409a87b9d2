"""Drop the plan page's cached roll-up whenever anything it is computed from changes.

Services and the admin both save through the models, so the signals see every change: a
programme (weight, mode, override), its milestones and KPIs, a progress update (written last
in ``progress_update_post``, after the bulk ``update()`` of milestones and KPIs in the same
transaction), and the plan (its at-risk margin). The bump is part of the same transaction.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import plan_changed, programme_pages_changed
from .models import KPI, Milestone, Plan, Programme, ProgressUpdate, Proposal


@receiver(post_save, sender=Plan)
def _plan(sender, instance, created, **kwargs):
    if not created:  # a new plan has nothing cached yet
        plan_changed(instance.pk)


@receiver([post_save, post_delete], sender=Programme)
def _programme(sender, instance, **kwargs):
    plan_changed(instance.plan_id)


@receiver(post_delete, sender=ProgressUpdate)
@receiver([post_save, post_delete], sender=Proposal)
@receiver(m2m_changed, sender=Programme.co_owners.through)
def _programme_page(sender, **kwargs):
    """What a kept programme page shows beyond the plan's roll-up (``cache.programme_page_kept``)."""
    programme_pages_changed()


@receiver([post_save, post_delete], sender=Milestone)
@receiver([post_save, post_delete], sender=KPI)
@receiver(post_save, sender=ProgressUpdate)
def _programme_part(sender, instance, **kwargs):
    plan_id = Programme.objects.filter(pk=instance.programme_id).values_list("plan_id", flat=True).first()
    plan_changed(plan_id)
