"""Django's tasks API (django.tasks) on top of huey.

Code enqueues with ``my_task.enqueue(...)`` (a ``@task`` from django.tasks);
this backend hands the call to huey, whose consumer (``tdkt run_huey``) runs
it. Storage is the SQLite file set in settings.HUEY: no Redis.
"""

from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TaskResult, TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from huey.contrib.djhuey import task as huey_task


@huey_task()
def run_django_task(func_path, args, kwargs):
    task = import_string(func_path)
    return task.call(*args, **kwargs)


class HueyBackend(BaseTaskBackend):
    supports_defer = True

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task, id=get_random_string(32), status=TaskResultStatus.READY,
            enqueued_at=timezone.now(), started_at=None, finished_at=None, last_attempted_at=None,
            args=args, kwargs=kwargs, backend=self.alias, errors=[], worker_ids=[],
        )
        path = f"{task.func.__module__}.{task.func.__name__}"
        if task.run_after is not None:
            run_django_task.schedule((path, result.args, result.kwargs), eta=task.run_after)
        else:
            run_django_task(path, result.args, result.kwargs)
        return result
