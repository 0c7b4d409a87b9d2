"""Model building blocks shared by every module (the core app has no tables of its own)."""

from django.db import models


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
