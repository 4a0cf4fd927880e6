from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from org import actions as org_actions
from org import duties
from org.duties import Duty
from org.forms import GrantForm
from org import selectors as org_selectors

from . import actions, selectors
from .forms import UserCreateForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        actions.password_changed(acting_user=self.request.user)
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


def _require_manager(user):
    if not duties.has_duty(user, None, Duty.MANAGE_ACCOUNTS):
        raise Http404


def user_list(request):
    _require_manager(request.user)
    q = request.GET.get("q", "")
    page = Paginator(selectors.users_search(request.user, q), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "q": q})


def _managed_units(user):
    return org_selectors.units_with_duty(user, Duty.MANAGE_ACCOUNTS).order_by("path")


def user_create(request):
    _require_manager(request.user)
    form = UserCreateForm(request.POST or None, units=_managed_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.user_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            # Created with its first role in a unit the creator manages: always on a page they can see.
            messages.success(request, f"Đã tạo tài khoản {user.username}.")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


def user_detail(request, pk):
    _require_manager(request.user)
    target = selectors.user_get_for_user(request.user, pk)
    form = GrantForm(request.POST or None, units=_managed_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            org_actions.membership_grant(acting_user=request.user, user=target, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã giao vai trò.")
            return redirect("accounts:user_detail", pk=target.pk)
    return render(request, "accounts/user_detail.html", {
        "target": target, "memberships": selectors.user_memberships(target), "form": form,
        "events": selectors.user_events(target)[:50],
    })


@require_POST
def membership_revoke(request, pk, membership_pk):
    _require_manager(request.user)
    target = selectors.user_get_for_user(request.user, pk)
    membership = selectors.membership_get_for_user(request.user, target, membership_pk)
    org_actions.membership_revoke(acting_user=request.user, membership=membership)
    messages.success(request, "Đã thu hồi vai trò.")
    return redirect("accounts:user_detail", pk=target.pk)


@require_POST
def user_toggle_active(request, pk):
    _require_manager(request.user)
    target = selectors.user_get_for_user(request.user, pk)
    # The button says what it does ("Khóa" or "Mở khóa"): that, not the opposite of the state found now, so that
    # two managers locking the same account at once leave it locked (the second one's click changes nothing).
    wanted = request.POST.get("active")
    if wanted not in ("0", "1"):
        messages.error(request, "Không rõ muốn khóa hay mở khóa tài khoản; hãy tải lại trang rồi bấm lại.")
        return redirect("accounts:user_detail", pk=target.pk)
    try:
        actions.user_set_active(acting_user=request.user, user=target, active=wanted == "1")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("accounts:user_detail", pk=target.pk)
