"""Model building blocks shared by every module (the core app has no tables of its own)."""

from django.db import models


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
