"""Sign-in routes."""

from django.urls import path

from taizhang.access import views

app_name = "access"

urlpatterns = [
    path("signin/", views.signin, name="signin"),
    path("signin/code/", views.code, name="code"),
    path("signin/set-up/", views.enrol, name="enrol"),
    path("signout/", views.signout, name="signout"),
    path("account/two-factor/", views.two_factor, name="two_factor"),
]
