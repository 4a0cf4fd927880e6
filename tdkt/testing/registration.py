"""A unit's registration form, as a client fills it in."""

from django.urls import reverse


def form_url(plan, unit):
    return reverse("registration:form", args=[plan.pk]) + f"?unit={unit.pk}"


def post_registration(client, plan, unit, ind=(), col=(), action="submit", note=""):
    return client.post(form_url(plan, unit), {"unit": unit.pk, "ind": list(ind), "col": list(col), "action": action, "note": note},
                       follow=True)
