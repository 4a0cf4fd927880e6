"""The seeds' own year-end: Tây Hồ district, 2017 (practice.md §7; conference of 18/12/2017).

The district gave "Chiến sĩ thi đua cơ sở" to 59 people, "Lao động tiên tiến" to 83, Giấy khen to 63 people and
21 collectives, "Tập thể lao động tiên tiến" to 35 collectives and "Tập thể tiên tiến" to 4 (39 collective
titles, read as TTLĐTT), for 191,360,000 đồng in all. A history built from those counts, judged by the law of
2017 (Luật TĐKT 2003 as amended 2013, Nghị định 65/2014; money of Nghị định 91/2017 on the decision date, base
salary 1,300,000 đồng) and the nomination list of that year-end, for the district chairman.
"""

from tdkt.testing.history import FORMAT

DISTRICT = "HN-TH17"
CSTDCS, LDTT, GK_PEOPLE, GK_UNITS, TITLES = 59, 83, 63, 21, 39
DECISION_DATE = "2017-12-18"
REPORTED_TOTAL = 191_360_000


def _person(i):
    return f"TH{i:03d}"


def _unit(i):
    return f"{DISTRICT}-U{i:02d}"


def history() -> dict:
    """The district, 39 collectives (offices, wards, schools of the district, each a recipient), 142 people spread
    over them since 2010, rated in 2017 (the 59 of them proposed for CSTĐCS with an initiative recognised at
    grassroots in 2017, which the 2003 law required), each collective rated "hoàn thành tốt nhiệm vụ"."""
    units = [{"code": "HN", "name": "Thành phố Hà Nội", "kind": "province", "parent": None},
             {"code": DISTRICT, "name": "Quận Tây Hồ", "kind": "district", "parent": "HN", "valid_to": "2025-06-30"}]
    units += [{"code": _unit(i), "name": f"Đơn vị số {i} quận Tây Hồ", "kind": "agency", "parent": DISTRICT,
               "valid_to": "2025-06-30"} for i in range(1, TITLES + 1)]
    people, memberships, ratings, initiatives = [], [], [], []
    for i in range(1, CSTDCS + LDTT + 1):
        unit = _unit((i - 1) % TITLES + 1)
        people.append({"code": _person(i), "full_name": f"Cán bộ Tây Hồ Số {i}", "unit": unit})
        memberships.append({"person": _person(i), "unit": unit, "from": "2010-01-01", "to": None})
        ratings.append({"person": _person(i), "year": 2017, "rating": "HTTNV"})
        if i <= CSTDCS:
            initiatives.append({"code": f"SK-TH-2017-{i:03d}", "title": f"Sáng kiến cải tiến số {i}",
                                "authors": [_person(i)], "recognized_on": "2017-11-20", "scope": "co_so"})
    ratings += [{"unit": _unit(i), "year": 2017, "rating": "HTTNV"} for i in range(1, TITLES + 1)]
    return {"format": FORMAT, "units": units, "people": people, "memberships": memberships, "ratings": ratings,
            "disciplines": [], "initiatives": initiatives, "awards": []}


def lines() -> list[dict]:
    """The year-end list: 59 CSTĐCS, 83 LĐTT, 63 individual and 21 collective Giấy khen, 39 TTLĐTT."""
    out = [{"recipient": _person(i), "award": "CSTDCS"} for i in range(1, CSTDCS + 1)]
    out += [{"recipient": _person(i), "award": "LDTT"} for i in range(CSTDCS + 1, CSTDCS + LDTT + 1)]
    out += [{"recipient": _person(i), "award": "GK"} for i in range(CSTDCS + 1, CSTDCS + GK_PEOPLE + 1)]
    out += [{"recipient": _unit(i), "award": "GK", "recipient_kind": "collective"} for i in range(1, GK_UNITS + 1)]
    out += [{"recipient": _unit(i), "award": "TTLDTT"} for i in range(1, TITLES + 1)]
    return out


def nominations() -> dict:
    return {"format": "tdkt-nominations/1", "authority": DISTRICT, "decision_date": DECISION_DATE, "year": 2017,
            "lines": lines()}
