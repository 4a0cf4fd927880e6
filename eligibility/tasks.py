"""Work of the task worker for eligibility: keeping the year's results up to date."""

from django.tasks import task


@task
def refresh_results(year):
    from .results import bring_up_to_date

    return bring_up_to_date(year)
