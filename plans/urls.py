from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/moi/", views.plan_create, name="create"),
    path("ke-hoach/lich/", views.plan_calendar, name="calendar"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="edit"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_publish, name="publish"),
    path("ke-hoach/<int:pk>/moc/moi/", views.plan_milestone_add, name="milestone_add"),
    path("ke-hoach/<int:pk>/moc/<int:mid>/hoan-thanh/", views.plan_milestone_complete, name="milestone_complete"),
    path("ke-hoach/<int:pk>/moc/<int:mid>/sua/", views.plan_milestone_edit, name="milestone_edit"),
    path("ke-hoach/<int:pk>/moc/<int:mid>/xoa/", views.plan_milestone_remove, name="milestone_remove"),
    path("ke-hoach/<int:pk>/nhiem-vu/moi/", views.plan_task_add, name="task_add"),
    path("ke-hoach/<int:pk>/nhiem-vu/<int:tid>/sua/", views.plan_task_edit, name="task_edit"),
    path("ke-hoach/<int:pk>/nhiem-vu/<int:tid>/xoa/", views.plan_task_remove, name="task_remove"),
    # Reminders and the late digest link here by path (notifications/reminders.py).
    path("ke-hoach/<int:pk>/tien-do/", views.plan_compliance, name="compliance"),
    # The plan in the official layout (Nghị định 30/2020), linked from the plan's page.
    path("ke-hoach/<int:pk>/van-ban.docx", views.plan_docx, name="docx"),
]
