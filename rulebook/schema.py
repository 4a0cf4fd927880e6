"""The shape each rulebook parameter's value must have.

Each ``[[parameter]]`` of rulebook/data/rulebook.toml declares its ``schema``
beside its value — the one place the shape is written:

    { type = "integer", min = 1, max = 12, unit = "tháng" }
    { type = "number", min = 0, max = 1, or = ["none"] }     # a share: 0.7 is 70%
    { type = "boolean" }
    { type = "choice", choices = [">", ">="] }
    { type = "object", fields = { op = {…}, share = {…} } }  # every field required, no other
    { type = "text" }                                         # a wording (a law's text), not empty

``check(key, value)`` raises a ValidationError in Vietnamese naming what is
wrong; the edit screen calls it before saving. ``value_or_default(parameter)``
is how the engine reads a stored value: a value stored in a bad shape (by hand
in the database, or before schemas existed) is replaced by the seed file's
value, and ``problems`` lists it so that the pages can say so — the pages stay
up for everyone, and the administrator sees what to fix.
"""

import json
import math
from functools import lru_cache

from django.core.exceptions import ValidationError

from .loader import load_data


@lru_cache(maxsize=1)
def _declared():
    """{key: (schema, seed value, name)} from the seed file."""
    return {row["key"]: (row.get("schema"), row.get("value"), row.get("name", row["key"])) for row in load_data().get("parameter", [])}


def schema_for(key):
    entry = _declared().get(key)
    return entry[0] if entry else None


def default_for(key):
    entry = _declared().get(key)
    return entry[1] if entry else None


def _num(x):
    text = f"{x:,}".replace(",", "\u2009") if isinstance(x, int) else f"{x:g}"
    return text.replace(".", ",").replace("\u2009", ".")


def describe(schema) -> str:
    """What a value of ``schema`` looks like, in Vietnamese (shown under the field)."""
    if not schema:
        return "Giá trị JSON bất kỳ."
    t = schema["type"]
    extra = "".join(f" hoặc “{v}”" for v in schema.get("or", []))
    if t in ("integer", "number"):
        kind = "số nguyên" if t == "integer" else "số"
        unit = schema.get("unit", "")
        unit = unit if unit == "%" or not unit else f" {unit}"
        rng = ""
        if "min" in schema and "max" in schema:
            rng = f" từ {_num(schema['min'])} đến {_num(schema['max'])}{unit}"
        hint = " (tỷ lệ ghi dạng thập phân: 0.7 là 70%)" if t == "number" and schema.get("max") == 1 else ""
        return f"{kind}{rng}{hint}{extra}"
    if t == "boolean":
        return "true (có) hoặc false (không)"
    if t == "choice":
        return "một trong " + ", ".join(f"“{c}”" for c in schema["choices"])
    if t == "object":
        parts = [f"“{name}”: {describe(sub)}" for name, sub in schema["fields"].items()]
        return "đối tượng JSON có đúng các khóa " + "; ".join(parts)
    if t == "list":
        return f"danh sách, mỗi phần tử là {describe(schema['items'])}"
    if t == "text":
        return "một đoạn văn bản (trong dấu ngoặc kép)"
    return t


def _shown(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def shape_errors(schema, value, where="") -> list[str]:
    if not schema:
        return []
    t = schema["type"]
    at = f"“{where}” " if where else "Giá trị "
    if value in schema.get("or", []) and not isinstance(value, bool):
        return []
    if t in ("integer", "number"):
        ok_type = (isinstance(value, int) and not isinstance(value, bool)) if t == "integer" else (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value))
        if not ok_type:
            return [f"{at}phải là {describe(schema)}, không phải {_shown(value)}."]
        if ("min" in schema and value < schema["min"]) or ("max" in schema and value > schema["max"]):
            return [f"{at}phải là {describe(schema)}; {_shown(value)} nằm ngoài khoảng."]
        return []
    if t == "boolean":
        return [] if isinstance(value, bool) else [f"{at}phải là true hoặc false, không phải {_shown(value)}."]
    if t == "choice":
        return [] if (isinstance(value, str) and value in schema["choices"]) else [f"{at}phải là {describe(schema)}, không phải {_shown(value)}."]
    if t == "object":
        if not isinstance(value, dict):
            return [f"{at}phải là {describe(schema)}, không phải {_shown(value)}."]
        out = []
        for name, sub in schema["fields"].items():
            if name not in value:
                out.append(f"Thiếu khóa “{name}” ({describe(sub)}).")
            else:
                out.extend(shape_errors(sub, value[name], name))
        out.extend(f"Khóa “{name}” không có trong quy định của tham số này." for name in value if name not in schema["fields"])
        return out
    if t == "list":
        if not isinstance(value, list):
            return [f"{at}phải là {describe(schema)}, không phải {_shown(value)}."]
        return [e for i, item in enumerate(value, 1) for e in shape_errors(schema["items"], item, f"{where or 'phần tử'} thứ {i}")]
    if t == "text":
        return [] if isinstance(value, str) and value.strip() else [f"{at}phải là {describe(schema)}, không phải {_shown(value)}."]
    return [f"Kiểu “{t}” chưa được hỗ trợ."]


def errors(key, value) -> list[str]:
    return shape_errors(schema_for(key), value)


def check(key, value):
    """ValidationError (Vietnamese) when ``value`` does not fit the parameter ``key``'s schema."""
    problems_ = errors(key, value)
    if problems_:
        raise ValidationError(problems_, code="parameter_schema")
    return value


def value_or_default(parameter):
    """(value to use, problem or None): the stored value if it fits, else the seed file's."""
    found = errors(parameter.key, parameter.value)
    if not found:
        return parameter.value, None
    fallback = default_for(parameter.key)
    return fallback, (f"Tham số “{parameter.name}” đang lưu giá trị không hợp lệ ({_shown(parameter.value)}); "
                      f"tạm dùng giá trị mặc định {_shown(fallback)}. Quản trị viên cần sửa tại Quy định, mức thưởng.")


def problems(day) -> list[str]:
    """Messages for the parameters in force on ``day`` whose stored value does not fit."""
    from .models import Parameter

    out = []
    for p in Parameter.objects.in_force(day).order_by("key", "valid_from"):
        _, problem = value_or_default(p)
        if problem:
            out.append(problem)
    return out
