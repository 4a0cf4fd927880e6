"""A form page as a browser would post it back: for the tests of two people editing one row."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The fields of each form of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._select, self._textarea, self._text = [], None, None, []

    @property
    def data(self):
        return self.forms[-1] if self.forms else {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and a.get("name") and self.forms:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.setdefault(a["name"], []).append(a.get("value") or "on")
                return
            self.data[a["name"]] = a.get("value") or ""
        elif tag == "select" and self.forms:
            self._select = a.get("name")
            self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value") or ""
        elif tag == "button" and a.get("name") and self.forms:
            self.data[a["name"]] = a.get("value") or ""  # as if clicked (the last one, when a form has several)
        elif tag == "textarea" and self.forms:
            self._textarea, self._text = a.get("name"), []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data[self._textarea] = text[1:] if text.startswith("\n") else text
            self._textarea = None


def loaded_form(client, url, marker=None):
    """What a browser would post back unchanged: every field of the page's form as loaded, the hidden
    ones included (checkboxes: their checked values). The form is the first holding a field named
    ``marker``, else the one with the most fields (not the header's search or logout)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return form_fields(response.content.decode(), marker)


def form_fields(html, marker=None):
    """The fields of a page's form as ``loaded_form`` reads them, from the page's HTML (a refused save's page)."""
    parser = _FormFields()
    parser.feed(html)
    forms = [f for f in parser.forms if marker in f] if marker else sorted(parser.forms, key=len, reverse=True)
    assert forms, f"no form with a field {marker!r} on the page"
    data = {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in forms[0].items()}
    data.pop("csrfmiddlewaretoken", None)
    return data


def seen_fields(client, url, marker=None):
    """{field: value the editor saw} that the page's form carries (the hidden ``initial-<field>`` inputs)."""
    return {k[len("initial-"):]: v for k, v in loaded_form(client, url, marker).items() if k.startswith("initial-")}
