from django.contrib import messages
from django.contrib.auth import get_user_model, views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.text import search_terms
from org import actions as org_actions
from org import duties
from org.duties import Duty
from org.forms import GrantForm
from org import selectors as org_selectors
from org.models import Membership

from . import actions
from .forms import UserCreateForm

User = get_user_model()


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


def _users_for(user):
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(duties.duty_q(user, Duty.MANAGE_ACCOUNTS, prefix="memberships__unit__")).distinct()


def user_list(request):
    _require_manager(request.user)
    qs = _users_for(request.user).prefetch_related("memberships__unit").order_by("username")
    q = request.GET.get("q", "")
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
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


def _user_get(request, pk):
    try:
        return _users_for(request.user).get(pk=pk)
    except (User.DoesNotExist, ValueError):
        raise Http404 from None


def user_detail(request, pk):
    _require_manager(request.user)
    target = _user_get(request, pk)
    form = GrantForm(request.POST or None, units=_managed_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            org_actions.membership_grant(acting_user=request.user, user=target, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã giao vai trò.")
            return redirect("accounts:user_detail", pk=target.pk)
    memberships = target.memberships.select_related("unit").order_by("unit__path")
    from audit.recording import events_for

    return render(request, "accounts/user_detail.html", {
        "target": target, "memberships": memberships, "form": form, "events": events_for(target)[:50],
    })


@require_POST
def membership_revoke(request, pk, membership_pk):
    _require_manager(request.user)
    target = _user_get(request, pk)
    try:
        membership = target.memberships.select_related("unit").get(pk=membership_pk)
    except Membership.DoesNotExist:
        raise Http404 from None
    if not duties.has_duty(request.user, membership.unit, Duty.MANAGE_ACCOUNTS):
        raise Http404
    org_actions.membership_revoke(acting_user=request.user, membership=membership)
    messages.success(request, "Đã thu hồi vai trò.")
    return redirect("accounts:user_detail", pk=target.pk)


@require_POST
def user_toggle_active(request, pk):
    _require_manager(request.user)
    target = _user_get(request, pk)
    try:
        actions.user_set_active(acting_user=request.user, user=target, active=not target.is_active)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("accounts:user_detail", pk=target.pk)
