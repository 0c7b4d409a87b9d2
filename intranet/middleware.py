"""Korean first: the language is Korean unless the person chose another one."""

from django.middleware.locale import LocaleMiddleware


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is ignored.

    Staff browsers are often set to English; the agency's working language is Korean, so only an
    explicit choice (the language cookie set by the switcher) changes it.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
