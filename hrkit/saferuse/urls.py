app_name = "saferuse"
urlpatterns: list = []
