from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="list"),
    path("quyet-dinh/xuat-excel/", views.decision_export, name="export"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="detail"),
    path("quyet-dinh/<int:pk>/tep/", views.decision_progress, name="progress"),
    path("quyet-dinh/<int:pk>/tao-lai-tep/", views.decision_files_again, name="files_again"),
    path("quyet-dinh/<int:pk>/tep/<str:kind>", views.decision_file, name="file"),
    # Revocations (hủy bỏ, Điều 93.2): drafts to sign and issued decisions.
    path("huy-bo/", views.revocation_list, name="revocations"),
    path("huy-bo/<int:pk>/", views.revocation_detail, name="revocation"),
    path("huy-bo/<int:pk>/huy-du-thao/", views.revocation_discard, name="revocation_discard"),
    path("huy-bo/<int:pk>/tep/", views.revocation_progress, name="revocation_progress"),
    path("huy-bo/<int:pk>/tao-lai-tep/", views.revocation_files_again, name="revocation_files_again"),
    path("huy-bo/<int:pk>/tep/<str:kind>", views.revocation_file, name="revocation_file"),
    # The recovery ledger: money and items to recover after a revocation, what was paid back.
    path("thu-hoi/", views.recovery_list, name="recoveries"),
    path("thu-hoi/xuat-excel/", views.recovery_export, name="recoveries_export"),
    path("thu-hoi/<int:pk>/", views.recovery_detail, name="recovery"),
    path("thu-hoi/<int:pk>/chung-tu/<int:recovery_pk>/", views.recovery_file, name="recovery_file"),
    # Public: a certificate's QR code and short code.
    path("xac-minh/", views.verify_lookup, name="verify_lookup"),
    path("xac-minh/<str:code>/", views.verify, name="verify"),
]
