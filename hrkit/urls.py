from django.contrib import admin
from django.urls import include, path

from hrkit.api import api

urlpatterns = [
    path("", include("hrkit.core.urls")),
    path("", include("hrkit.directory.urls")),
    path("", include("hrkit.saferuse.urls")),
    path("", include("hrkit.language.urls")),
    path("api/v1/", api.urls),
    path("staff/directory/", include("hrkit.directory.staff_urls")),
    path("admin/", admin.site.urls),
]

# hrkit's own pages for a missing page and a server error (the latter reads
# no database: see hrkit.core.views.server_error).
handler404 = "hrkit.core.views.page_not_found"
handler500 = "hrkit.core.views.server_error"
