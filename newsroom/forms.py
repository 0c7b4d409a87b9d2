from django import forms
from django.utils.translation import gettext_lazy as _


class SubscriptionForm(forms.Form):
    digest = forms.BooleanField(
        label=_("매달 카드뉴스가 발행되면 메일로 받기"),
        required=False,
        help_text=_("카드뉴스와 그사이 실린 칼럼·공지를 한 통의 메일로 보냅니다. 언제든 끌 수 있습니다."),
    )
