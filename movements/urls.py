from django.urls import path

from . import views

app_name = "movements"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plans"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/lich/", views.plan_calendar, name="plan_calendar"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_publish, name="plan_publish"),
    path("ke-hoach/<int:pk>/moc/moi/", views.plan_milestone_add, name="plan_milestone_add"),
    path("ke-hoach/<int:pk>/moc/<int:mid>/hoan-thanh/", views.plan_milestone_complete, name="plan_milestone_complete"),
    path("ke-hoach/<int:pk>/moc/<int:mid>/sua/", views.plan_milestone_edit, name="plan_milestone_edit"),
    path("ke-hoach/<int:pk>/moc/<int:mid>/xoa/", views.plan_milestone_remove, name="plan_milestone_remove"),
    path("ke-hoach/<int:pk>/nhiem-vu/moi/", views.plan_task_add, name="plan_task_add"),
    path("ke-hoach/<int:pk>/nhiem-vu/<int:tid>/sua/", views.plan_task_edit, name="plan_task_edit"),
    path("ke-hoach/<int:pk>/nhiem-vu/<int:tid>/xoa/", views.plan_task_remove, name="plan_task_remove"),
    # Reminders and the late digest link here by path (movements/reminders.py).
    path("ke-hoach/<int:pk>/tien-do/", views.plan_compliance, name="plan_compliance"),
    path("phong-trao/", views.movement_list, name="movements"),
    path("phong-trao/cap-tren/", views.movement_inbox, name="movement_inbox"),
    path("phong-trao/moi/", views.movement_create, name="movement_create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/phat-dong/", views.movement_launch, name="movement_launch"),
    path("phong-trao/<int:pk>/chi-tieu/moi/", views.movement_target_add, name="movement_target_add"),
    path("phong-trao/<int:pk>/chi-tieu/<int:tid>/sua/", views.movement_target_edit, name="movement_target_edit"),
    path("phong-trao/<int:pk>/chi-tieu/<int:tid>/xoa/", views.movement_target_remove, name="movement_target_remove"),
    path("phong-trao/<int:pk>/so-ket/moi/", views.movement_review_add, name="movement_review_add"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
]
