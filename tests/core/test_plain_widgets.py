"""``PlainTextInput`` and ``PlainCheckboxInput`` write what Django's templates write."""

from django import forms

from intranet.widgets import PlainCheckboxInput, PlainTextInput


def test_the_same_markup_as_django():
    cases = [
        (forms.TextInput, PlainTextInput, "q", None, {"id": "id_q"}),
        (forms.TextInput, PlainTextInput, "q", '<b>"과정"&', {"id": "id_q", "maxlength": 100}),
        (forms.TextInput, PlainTextInput, "q", "", {"required": True, "disabled": False, "aria-x": '"'}),
        (forms.CheckboxInput, PlainCheckboxInput, "seats", None, {"id": "id_seats"}),
        (forms.CheckboxInput, PlainCheckboxInput, "seats", True, {"id": "id_seats"}),
        (forms.CheckboxInput, PlainCheckboxInput, "seats", "on", {"id": "id_seats"}),
        (forms.CheckboxInput, PlainCheckboxInput, "seats", False, None),
    ]
    for django_class, plain_class, name, value, attrs in cases:
        widget_attrs = {"class": "a<b"} if attrs is None else None
        expected = django_class(widget_attrs).render(name, value, attrs)
        assert plain_class(widget_attrs).render(name, value, attrs) == expected, (name, value, attrs)


def test_in_a_form_field():
    class Form(forms.Form):
        q = forms.CharField(label="과정명", required=False, widget=PlainTextInput)
        seats = forms.BooleanField(label="빈자리", required=False, widget=PlainCheckboxInput)

    class DjangoForm(forms.Form):
        q = forms.CharField(label="과정명", required=False)
        seats = forms.BooleanField(label="빈자리", required=False)

    data = {"q": "<교육>", "seats": "on"}
    assert [str(f) for f in Form(data)] == [str(f) for f in DjangoForm(data)]
    assert [str(f) for f in Form()] == [str(f) for f in DjangoForm()]
