from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from intranet import routing, views
from intranet.admin_access import admin_urlpatterns_guard
from intranet.forms import LoginForm
from intranet.home import views as home_views
from intranet.media import document_urlpatterns

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("feeds/renew/", views.feed_key_renew, name="feed_key_renew"),
    path("accounts/login/", auth_views.LoginView.as_view(form_class=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", include(admin_urlpatterns_guard(wagtailadmin_urls.urlpatterns))),
    path("documents/", include(document_urlpatterns())),
    path("directory/", include("intranet.directory.urls")),
    path("search/", home_views.search, name="search"),
    path("notifications/", include("intranet.home.urls")),
    path("surveys/", include("intranet.surveys.urls")),
    # The annual report is the core's (it reads every module through the registry), under /performance/.
    path("performance/report/", include("intranet.report.urls")),
    path("performance/", include("performance.urls")),
    path("advisory/", include("advisory.urls")),
    # /learning/ and /newsroom/ themselves are Wagtail pages; these are the screens beneath them.
    path("learning/records/", include("learning.records.urls")),
    path("learning/clubs/", include("learning.clubs.urls")),
    path("learning/", include("learning.urls")),
    path("newsroom/interviews/", include("newsroom.interviews.urls")),
    path("newsroom/", include("newsroom.activity.urls")),
    path("newsroom/", include("newsroom.urls")),
]

# Uploads go through Ieum's own view in every environment (DEBUG included), as production serves
# them: public folders only, images inline, everything else a download (see intranet.media).
urlpatterns += [path("media/<path:path>", home_views.media, name="media")]

# Wagtail's URLs, its page-serving view swapped for ``intranet.routing.serve`` (the same view with
# the site, the route and the restriction check kept per generation instead of queried each time).
urlpatterns += [
    path(
        "",
        include(
            [
                *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
                re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
            ]
        ),
    )
]
