import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrkit.settings")
application = get_wsgi_application()

from hrkit.core.geo import load_zip_codes  # noqa: E402  (needs the settings above)

load_zip_codes()
