"""Movements for the tests."""

from datetime import date

from movements import actions

SANG_KIEN = "Sáng kiến, sáng tạo Thủ đô"


def city_movement(world, launch=True, **kw):
    m = actions.movement_create(acting_user=world.users["specialist"], unit=world.city, name=kw.pop("name", SANG_KIEN),
                                kind=kw.pop("kind", "thuong_xuyen"), start=kw.pop("start", date(2021, 1, 1)),
                                end=kw.pop("end", date(2026, 12, 31)), **kw)
    if launch:
        actions.movement_launch(acting_user=world.users["specialist"], movement=m)
    return m
