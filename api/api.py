"""The JSON API (django-ninja, OpenAPI at /api/openapi.json), over the same selectors and actions as the pages.

Signed-in users only (the session of the web application)."""

from django.http import HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.security import django_auth

from dossiers.appraisal import appraise
from dossiers.nominations import parse_nominations
from org.duties import Duty, has_duty
from org.scope import CodeScope

# The schema only (/api/openapi.json): the interactive docs page would load its scripts from a CDN.
api = NinjaAPI(title="tdkt", version="1", auth=django_auth, urls_namespace="api", docs_url=None)


class Error(Schema):
    line: int | None = None
    field: str = ""
    message: str


class Errors(Schema):
    errors: list[Error]


@api.post("/appraise", response={200: dict, 400: Errors, 403: Errors}, summary="Thẩm định danh sách đề nghị khen thưởng (tdkt-nominations/1)",
          description="Cùng nội dung và kết quả như lệnh `tdkt appraise FILE --json` (domain/interchange.md). "
                      "Không ghi gì. Tệp không đọc được: 400 với từng lỗi (dòng, trường).")
def appraise_list(request: HttpRequest):
    import json

    try:
        data = json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return Status(400, {"errors": [{"line": None, "field": "", "message": f"không đọc được JSON: {e}"}]})
    except RecursionError:
        return Status(400, {"errors": [{"line": None, "field": "", "message": "không đọc được JSON: lồng nhau quá sâu"}]})
    code = data.get("authority") if isinstance(data, dict) else None
    authority = CodeScope().units([code]).get(code) if isinstance(code, str) else None
    if authority is not None and not has_duty(request.auth, authority, Duty.VIEW):
        return Status(403, {"errors": [{"line": None, "field": "authority", "message": "Bạn không có quyền xem đơn vị này."}]})
    # A recipient the user may not see is unknown to them: the answer never names another ward's people.
    nominations, errors = parse_nominations(data, CodeScope(request.auth, Duty.VIEW))
    if errors:
        return Status(400, {"errors": [{"line": e.line, "field": e.field, "message": e.message} for e in errors]})
    result = appraise(authority=nominations.authority, decision_date=nominations.decision_date, year=nominations.year,
                      lines=nominations.lines, signer=nominations.signer)
    return result.as_json()
