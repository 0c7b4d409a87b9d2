"""The newsroom's lists that every reader sees the same, kept per generation (``intranet.caching``).

The newsroom home's latest issue (with its cover's renditions), recent columns and articles and
recent notices, and the live mandatory notices the dashboard filters for each person, change only
when a page does. They are kept until a page is saved, deleted or moved, a view restriction or a
site changes (``intranet.routing.connect_page_writes``), an image or a rendition is saved or
deleted, or a notice's departments change; the article authors' names are kept per generation of
the directory too (``intranet.directory.cache``: a renamed person is seen at once). What is per
person — acknowledgements, the editor's links — is read on every request, never kept here.
"""

import uuid

from intranet.caching import Generational

SAFETY_SECONDS = 600  # a write that bypasses the signals (a shell's ``update()``) waits this long
_lists = Generational("newsroom:lists", SAFETY_SECONDS, limit=16)


def newsroom_cache_clear(**kwargs) -> None:
    _lists.invalidate()


def _directory_marker() -> str:
    """A value that changes with each generation of the directory's cached figures (cleared by
    every staff or department write, bulk writers included)."""
    from intranet.directory.cache import cached

    return cached("newsroom-marker", lambda: uuid.uuid4().hex)


def newsroom_home_cached():
    from .selectors import newsroom_home

    return _lists.get(f"home:{_directory_marker()}", newsroom_home)


def mandatory_notices_cached():
    from .selectors import mandatory_notices

    return _lists.get("mandatory-notices", mandatory_notices)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model

    from intranet.directory.sections import profile_sections_changed
    from intranet.routing import connect_page_writes

    from .models import NoticePage

    connect_page_writes(newsroom_cache_clear, "newsroom.cache")
    connect_page_writes(profile_sections_changed, "newsroom.profile")  # the person's articles
    image = get_image_model()
    through = NoticePage._meta.get_field("departments").remote_field.through
    for model in (image, image.get_rendition_model(), through):
        uid = f"newsroom.cache.{model._meta.label}"
        post_save.connect(newsroom_cache_clear, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(newsroom_cache_clear, sender=model, dispatch_uid=f"{uid}.deleted")
