from django.urls import path

from hrkit.directory import views

app_name = "directory"
urlpatterns = [
    path("find/", views.find, name="find"),
    path("find/place/<int:location_id>/", views.place, name="place"),
]
