"""The Wagtail admin in the reader's language where a catalogue alone cannot do it (issue 15 §4.1).

Korean for Wagtail's untranslated admin strings is in ``intranet/locale_admin`` (see
docs/accessibility.md). One more thing kept the admin English: a snippet chooser's button texts
("Choose 부서", "Choose another 부서", "Edit this 부서") are formatted when the widget is built, and
Wagtail builds each snippet's chooser widget once, at start-up, outside any request, so every
reader got the start-up language. ``snippet_chooser_texts_lazy`` makes them lazy: formatted
when the form is rendered, in that request's language, with Wagtail's own msgids."""

from django.utils.functional import lazy
from django.utils.translation import gettext


def _object_text(msgid: str, name) -> str:
    return gettext(msgid) % {"object": name}


object_text = lazy(_object_text, str)


def snippet_chooser_texts_lazy(init):
    """Wrap ``AdminSnippetChooser.__init__`` so that its three texts are lazy strings."""

    def __init__(self, model, **kwargs):
        init(self, model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = object_text("Choose %(object)s", name)
        self.choose_another_text = object_text("Choose another %(object)s", name)
        self.link_to_chosen_text = object_text("Edit this %(object)s", name)

    __init__.ieum_lazy_texts = True
    return __init__
