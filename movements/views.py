from django.shortcuts import render

from . import selectors


def plan_list(request):
    return render(request, "movements/plan_list.html", {"plans": selectors.plans_for(request.user)})
