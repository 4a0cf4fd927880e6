from django.urls import path

from . import views

app_name = "dossiers"

urlpatterns = [
    path("ho-so/", views.dossier_list, name="list"),
    path("ho-so/moi/", views.dossier_create, name="create"),
    path("ho-so/xuat-excel/", views.dossier_export, name="export"),
    path("ho-so/<int:pk>/", views.dossier_detail, name="detail"),
    path("ho-so/<int:pk>/buoc/<str:verb>/", views.dossier_step, name="step"),
    path("ho-so/<int:pk>/tra-lai/", views.dossier_reason_step, {"verb": "return"}, name="return"),
    path("ho-so/<int:pk>/rut/", views.dossier_reason_step, {"verb": "withdraw"}, name="withdraw"),
    path("ho-so/<int:pk>/huy/", views.dossier_reason_step, {"verb": "abandon"}, name="abandon"),
    path("ho-so/<int:pk>/giao/", views.dossier_assign, name="assign"),
    path("ho-so/<int:pk>/trinh-trung-uong/", views.central_submit, name="central_submit"),
    path("ho-so/<int:pk>/trinh-trung-uong/<int:sub_pk>/ket-qua/", views.central_result, name="central_result"),
    path("ho-so/<int:pk>/dong/moi/", views.line_add, name="line_add"),
    path("ho-so/<int:pk>/dong/de-xuat/", views.candidates, name="candidates"),
    path("ho-so/<int:pk>/dong/mau-excel/", views.lines_template, name="lines_template"),
    path("ho-so/<int:pk>/dong/nhap-excel/", views.lines_upload, name="lines_upload"),
    path("ho-so/<int:pk>/dong/<int:line_pk>/sua/", views.line_edit, name="line_edit"),
    path("ho-so/<int:pk>/dong/<int:line_pk>/xoa/", views.line_remove, name="line_remove"),
    path("ho-so/<int:pk>/dong/<int:line_pk>/khong-de-nghi/", views.line_set_aside, name="line_set_aside"),
    path("ho-so/<int:pk>/dong/<int:line_pk>/de-nghi-lai/", views.line_restore, name="line_restore"),
    path("ho-so/<int:pk>/van-ban/<str:kind>.docx", views.dossier_document, name="document"),
    path("ho-so/<int:pk>/dong/<int:line_pk>/bao-cao.docx", views.line_report, name="line_report"),
    path("ho-so/<int:pk>/tai-lieu/moi/", views.attachment_add, name="attachment_add"),
    path("ho-so/<int:pk>/tai-lieu/<int:att_pk>/", views.attachment_download, name="attachment"),
    path("ho-so/<int:pk>/tai-lieu/<int:att_pk>/xoa/", views.attachment_remove, name="attachment_remove"),
    path("ho-so/<int:pk>/gop-y/<int:comment_pk>/tra-loi/", views.comment_answer, name="comment_answer"),
    path("ho-so/<int:pk>/gop-y/thu-rac/", views.comment_spam, name="comment_spam"),
    # Public: the nominees published before the council meets (công khai), and comments on them.
    # The chairman's decision on the dossiers waiting for it (the decisions themselves live in decisions/).
    path("quyet-dinh/moi/", views.decide, name="decide"),
    path("cong-khai/", views.public_list, name="public_list"),
    path("cong-khai/<int:pk>/", views.public_detail, name="public_detail"),
]
