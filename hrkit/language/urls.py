from django.urls import path

from hrkit.language import views

app_name = "language"
urlpatterns = [
    path("language/", views.check_page, name="check"),
    path(
        "language/coalition-assessment/",
        views.coalition_assessment,
        name="coalition-assessment",
    ),
]
