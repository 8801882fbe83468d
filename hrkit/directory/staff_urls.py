"""Staff-only directory pages; hrkit.urls mounts them at /staff/directory/."""

from django.urls import path

from hrkit.directory import staff

app_name = "directory_staff"
urlpatterns = [
    path("stale/", staff.stale_list, name="stale"),
    path("stale.csv", staff.stale_list_csv, name="stale_csv"),
]
