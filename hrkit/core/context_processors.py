from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"languages": settings.LANGUAGES, "current_path": request.get_full_path()}
