from django.shortcuts import render

from . import selectors


def index(request):
    return render(request, "movements/registration_index.html", {"plans": selectors.plans_for(request.user)})
