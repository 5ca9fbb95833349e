"""Top-level URL routes."""

from django.contrib import admin
from django.urls import include, path

from taizhang.web import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("taizhang.access.urls")),
    path("", views.home, name="home"),
]
