from django.urls import path

from hrkit.saferuse import views

app_name = "saferuse"
urlpatterns = [
    path("safer-use/", views.index, name="index"),
    path("safer-use/combinations/", views.combination_checker, name="combinations"),
    path("safer-use/substances/", views.substance_list, name="substances"),
    path("safer-use/substances/<slug:substance_id>/", views.substance_detail, name="substance"),
    path("safer-use/guides/<slug:guide_id>/", views.guide_detail, name="guide"),
    path("safer-use/sw.js", views.service_worker, name="service-worker"),
    path("safer-use/training/", views.training, name="training"),
    path("safer-use/staff/training-codes/", views.check_training_code, name="check-code"),
    path("safer-use/legal/", views.legal_protections, name="legal"),
]
