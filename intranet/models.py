"""Model building blocks shared by every module, and the core's one table: feed keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(ValueError):
    """Raised when code tries to change or delete a record that is history."""


class AppendOnlyQuerySet(models.QuerySet):
    """For an audit log that is evidence: bulk edits and deletes are refused too (the admin's bulk
    delete and any ``.filter().delete()`` go through here). The database refuses them as well on
    PostgreSQL, by trigger (see the model's migration)."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    update.queryset_only = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """History and audit rows: written once, never edited or deleted (corrections are new rows)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


class FeedKey(models.Model):
    """How many times a person has renewed their feed key (``intranet.feedkeys``): the key is an
    HMAC of the staff id and this number, so renewing it (on the person's own profile) revokes
    every feed address given out before. No row means never renewed (generation 0)."""

    staff = models.OneToOneField(
        "directory.Staff", verbose_name=_("직원"), on_delete=models.PROTECT, related_name="feed_key"
    )
    generation = models.PositiveIntegerField(_("갱신 횟수"), default=0)
    renewed_at = models.DateTimeField(_("마지막 갱신 시각"), auto_now=True)

    class Meta:
        verbose_name = _("구독 주소 키")
        verbose_name_plural = _("구독 주소 키")

    def __str__(self):
        return str(self.staff_id)
