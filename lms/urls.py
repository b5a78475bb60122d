"""Project URLs. Public without login: login, /verify/, /roster/, /accessibility/, /healthz, static."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from api.v1 import api as api_v1
from lms import display, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    # Course videos and documents are for logged-in learners only.
    path("documents/", include(decorate_urlpatterns(wagtaildocs_urls.urlpatterns, login_required))),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/password_change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/text-size/", display.set_text_size, name="text_size"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="lms/accessibility.html"),
        name="accessibility",
    ),
    path("people/", include("lms.people_urls")),
    path("learn/", include("courses.urls")),
    path("training/", include("training.urls")),
    path("exams/", include("exams.urls")),
    path("credentials/", include("credentials.urls")),
    path("", include("credentials.public_urls")),
    path("assessments/", include("assessments.urls")),
    path("reports/", include("reports.urls")),
    # The REST API for agencies' systems (token auth, its own error shape) and its tokens page.
    path("api/v1/", api_v1.urls),
    path("api/", include("api.urls")),
    path("", views.home, name="home"),
    # Wagtail serves the course pages; it comes last so the named routes above win.
    path("", include(wagtail_urls)),
]
