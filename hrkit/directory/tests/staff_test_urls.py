"""The site's URLs plus the staff directory pages, for tests until hrkit.urls mounts them."""

from django.urls import include, path

from hrkit.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("staff/directory/", include("hrkit.directory.staff_urls")),
    *site_urlpatterns,
]
