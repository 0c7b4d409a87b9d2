from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("이음 공통")

    def ready(self):
        # The admin's chooser widgets start with an inline script: give it the CSP nonce.
        from wagtail.admin.widgets.chooser import BaseChooser

        from intranet.csp import chooser_render_with_nonce

        if not getattr(BaseChooser.render, "ieum_nonce", False):
            BaseChooser.render = chooser_render_with_nonce(BaseChooser.render)
            BaseChooser.render.ieum_nonce = True
        # A snippet chooser's "Choose <model>" texts in the request's language, not start-up's.
        from wagtail.snippets.widgets import AdminSnippetChooser

        from intranet.admin_i18n import snippet_chooser_texts_lazy

        if not getattr(AdminSnippetChooser.__init__, "ieum_lazy_texts", False):
            AdminSnippetChooser.__init__ = snippet_chooser_texts_lazy(AdminSnippetChooser.__init__)

        from .columns import use_cached_signature
        from .uploads import stored_files_cleanup_connect

        use_cached_signature()

        from .routing import connect as routing_connect

        routing_connect()

        from .report.cache import connect as report_cache_connect

        report_cache_connect()

        stored_files_cleanup_connect()
