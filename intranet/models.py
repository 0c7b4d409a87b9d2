"""Model building blocks shared by every module, and the core's one table: feed keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(ValueError):
    """Raised when code tries to change or delete a record that is history."""


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
    """A person's secret for the addresses that feed readers and calendar apps fetch without
    logging in (the learning calendar, the newsroom RSS feeds). One key per person, for every
    feed; renewing it (on the person's own profile) revokes every address given out before."""

    staff = models.OneToOneField(
        "directory.Staff", verbose_name=_("직원"), on_delete=models.PROTECT, related_name="feed_key"
    )
    token = models.CharField(_("비밀 키"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("구독 주소 키")
        verbose_name_plural = _("구독 주소 키")

    def __str__(self):
        return str(self.staff_id)
