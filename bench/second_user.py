"""A second user saving a person's phone number every 0.3 s while a benchmark imports:
how many saves, how many failed ("database is locked"), and the slowest."""

import threading
import time


class SecondUser:
    def __init__(self, *, acting_user, person):
        self.acting_user, self.person = acting_user, person
        self.edits, self.failures, self.slowest = 0, [], 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop)

    def _loop(self):
        from django.db import connection

        from org import actions

        i = 0
        while not self._stop.is_set():
            i += 1
            t0 = time.perf_counter()
            try:
                actions.person_update(acting_user=self.acting_user, person=self.person, phone=f"0988{i:06d}")
            except Exception as e:  # noqa: BLE001 - counted and shown
                self.failures.append(f"{type(e).__name__}: {e}")
            self.edits += 1
            self.slowest = max(self.slowest, time.perf_counter() - t0)
            time.sleep(0.3)
        connection.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def summary(self):
        return (f"second user: {self.edits} saves, {len(self.failures)} failed, slowest {self.slowest:.2f} s"
                + (f"; first failure: {self.failures[0]}" if self.failures else ""))
