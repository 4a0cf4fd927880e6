"""The user's notifications: the list, opening one (marks it read and follows its link),
marking them read."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.params import parse_id

from . import actions, selectors


def notification_list(request):
    qs = selectors.notifications_for(request.user)
    unread_only = request.GET.get("unread") == "1"
    n_unread = selectors.unread_count(request.user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page, "unread_only": unread_only, "n_unread": n_unread})


def notification_open(request, pk):
    n = actions.notification_mark_read(acting_user=request.user, notification=selectors.notification_get_for_user(request.user, pk))
    if n.url and url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(n.url)
    return redirect("notifications:list")


@require_POST
def notifications_read(request):
    n = actions.notifications_mark_read(acting_user=request.user, pk=parse_id(request.POST["id"]) if request.POST.get("id") else None)
    if not request.POST.get("id"):
        messages.success(request, f"Đã đánh dấu {n} thông báo là đã đọc." if n else "Không có thông báo chưa đọc.")
    back = reverse("notifications:list")
    if request.POST.get("unread") == "1":
        back += "?unread=1"
    return redirect(back)
