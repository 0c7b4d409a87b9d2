"""The newsroom's lists that every reader sees the same, kept per generation (``intranet.caching``).

The newsroom home's latest issue (with its cover's renditions), recent columns and articles and
recent notices, and the live mandatory notices the dashboard filters for each person, change only
when a page does. They are kept until a page is saved, deleted or moved, a view restriction or a
site changes (``intranet.routing.connect_page_writes``), an image, a rendition or a document is
saved or deleted, or a notice's departments change; the article authors' names are kept per
generation of the directory too (``intranet.directory.cache``: a renamed person is seen at once). What is per
person — acknowledgements, read marks, the editor's links — is read on every request, never kept
here. The newsroom home's lists and an issue's cards and text are also kept rendered, under a
key of the same generation (``fragment_key``); an issue's preview is never kept.
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


def fragment_key(request, *parts) -> str:
    """The key of newsroom markup every reader sees the same (``{% cache %}`` in a template):
    this store's generation, the language, the site its links are written for and ``parts``."""
    from django.utils.translation import get_language

    from intranet.routing import site_for_request

    site = site_for_request(request)
    return ":".join(map(str, (_lists.generation(), get_language(), site.pk if site else "", *parts)))


def newsroom_home_fragment_key(request) -> str:
    """The newsroom home's lists: also the directory's generation (the authors' names)."""
    return fragment_key(request, "home", _directory_marker())


def mandatory_notices_cached():
    from .selectors import mandatory_notices

    return _lists.get("mandatory-notices", mandatory_notices)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from intranet.directory.sections import profile_sections_changed
    from intranet.routing import connect_page_writes

    from .models import NoticePage

    connect_page_writes(newsroom_cache_clear, "newsroom.cache")
    connect_page_writes(profile_sections_changed, "newsroom.profile")  # the person's articles
    image = get_image_model()
    through = NoticePage._meta.get_field("departments").remote_field.through
    # A document's address is written into a rich text's links (an issue's text version).
    for model in (image, image.get_rendition_model(), through, get_document_model()):
        uid = f"newsroom.cache.{model._meta.label}"
        post_save.connect(newsroom_cache_clear, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(newsroom_cache_clear, sender=model, dispatch_uid=f"{uid}.deleted")
