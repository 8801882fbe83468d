from django.urls import path

from hrkit.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("lang/<str:code>/", views.switch_language, name="switch-language"),
    path("healthz", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
