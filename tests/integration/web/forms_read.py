"""The forms of a page as a browser would send them: each form's address and the values its
fields hold (hidden fields, typed values, ticked boxes, chosen options), including fields
placed outside the form that name it with `form=`."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One form of a page: where it posts, and the fields a browser would send."""

    action: str
    form_id: str = ""
    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def data(self, **changes: str | list[str]) -> dict[str, list[str]]:
        """The fields as sent, with some replaced (a list for several values of one name)."""
        sent = {name: list(values) for name, values in self.fields.items()}
        for name, value in changes.items():
            sent[name] = value if isinstance(value, list) else [value]
        return sent


SENT_INPUTS = ("hidden", "text", "number", "date", "search", "tel", "email", "")


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.open: Form | None = None
        self.pending: list[tuple[str | None, str, str]] = []
        self.select: tuple[str | None, str] | None = None
        self.select_value: str | None = None
        self.textarea: tuple[str | None, str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        owner = a.get("form")
        if tag == "form":
            self.open = Form(a.get("action", ""), a.get("id", ""))
            self.forms.append(self.open)
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "").lower()
            ticked = kind in ("checkbox", "radio") and "checked" in a
            if kind in SENT_INPUTS or ticked:
                self._field(owner, a["name"], a.get("value", "on" if ticked else ""))
        elif tag == "select" and a.get("name"):
            self.select, self.select_value = (owner, a["name"]), None
        elif tag == "option" and self.select is not None:
            if self.select_value is None or "selected" in a:
                self.select_value = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.textarea, self.text = (owner, a["name"]), []

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.open = None
        elif tag == "select" and self.select is not None:
            self._field(*self.select, self.select_value or "")
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self._field(*self.textarea, "".join(self.text))
            self.textarea = None

    def _field(self, owner: str | None, name: str, value: str) -> None:
        if owner is None and self.open is not None:
            self.open.add(name, value)
        else:
            self.pending.append((owner, name, value))

    def close(self) -> None:
        super().close()
        by_id = {form.form_id: form for form in self.forms if form.form_id}
        for owner, name, value in self.pending:
            if owner in by_id:
                by_id[owner].add(name, value)


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_to(html: str, action_ends: str) -> Form:
    """The page's form that posts to an address ending so."""
    found = [form for form in forms(html) if form.action.endswith(action_ends)]
    assert found, f"no form posts to …{action_ends}"
    return found[0]
