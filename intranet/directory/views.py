from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from . import permissions, selectors, services
from .cache import SAFETY_SECONDS, directory_generation
from .filters import StaffFilter
from .forms import HrProfileForm, PersonalDataPurposeForm, ProfileForm
from .models import Department, Staff
from .sections import profile_sections_rendered
from .tables import StaffTable


def staff_list(request):
    """The directory list. Its result (the count and the table) is the same for every reader,
    so the rendered fragment is cached per directory generation (any staff or department write
    starts a new one), language and query string; the table is built, and its two queries run,
    only when the fragment is not cached (``results_key``)."""
    staff_filter = StaffFilter(request.GET, queryset=selectors.staff_queryset())

    def table_build():
        table = StaffTable(staff_filter.qs)
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        return table

    without_department = request.GET.copy()
    without_department.pop("department", None)
    without_department.pop("page", None)
    return render(
        request,
        "directory/staff_list.html",
        {
            "filter": staff_filter,
            "table": SimpleLazyObject(table_build),
            "results_key": f"{directory_generation()}:{get_language()}:{request.GET.urlencode()}",
            "results_seconds": SAFETY_SECONDS,
            "query": request.GET.get("q", ""),
            "department_label": staff_filter.department_label(),
            "without_department": without_department.urlencode(),
        },
    )


def staff_suggest(request):
    """Colleagues whose name (initials, 사번 …) matches ``q``, for the staff picker's list."""
    from django.http import JsonResponse

    from .fields import staff_suggestions

    return JsonResponse({"results": staff_suggestions(request.GET.get("q", "")[:50])})


def staff_profile(request, employee_number):
    try:
        person = selectors.staff_profile(employee_number=employee_number)
    except Staff.DoesNotExist:
        return render(
            request,
            "directory/staff_missing.html",
            {"employee_number": employee_number},
            status=404,
        )
    viewer = selectors.staff_for_user(request.user)
    show_personal = permissions.can_see_personal_fields(request.user, person)
    purpose_form = None
    if show_personal and viewer and viewer.pk != person.pk:
        # An HR admin sees someone else's personal fields only after saying why (POST, so that a
        # reload or a shared link asks again); each opening is logged with that purpose.
        purpose_form = PersonalDataPurposeForm(request.POST if request.method == "POST" else None)
        show_personal = purpose_form.is_valid()
        if show_personal:
            services.personal_data_access_record(
                viewer=viewer,
                subject=person,
                fields=Staff.PERSONAL_FIELDS,
                purpose=purpose_form.cleaned_data["purpose"],
                request=request,
            )
    elif request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    is_self = person.user_id is not None and person.user_id == request.user.pk
    context = {
        "person": person,
        "path": selectors.department_path(person.department),
        "show_personal": show_personal,
        "purpose_form": purpose_form,
        "can_edit": permissions.can_edit_profile(request.user, person),
        "is_self": is_self,
        "sections": profile_sections_rendered(request, person, is_self=is_self),
    }
    if context["is_self"]:
        context["feeds"] = _feed_addresses(person)
    return render(request, "directory/staff_profile.html", context)


def _feed_addresses(person: Staff) -> list[dict]:
    """The person's own feed addresses (calendar, RSS), each with their secret key."""
    from intranet.feedkeys import feed_key
    from intranet.links import absolute_url
    from intranet.registry import feed_addresses

    key = feed_key(person.pk)
    ordered = sorted(feed_addresses.values(), key=lambda a: (a.order, a.key))
    return [{"label": a.label, "url": absolute_url(a.path(key))} for a in ordered]


def staff_profile_edit(request, employee_number):
    person = get_object_or_404(Staff.objects.select_related("department"), employee_number=employee_number)
    if not permissions.can_edit_profile(request.user, person):
        raise PermissionDenied(_("다른 사람의 프로필은 수정할 수 없습니다."))
    if permissions.is_hr_admin(request.user):
        form = HrProfileForm(
            request.POST or None,
            request.FILES or None,
            instance=person,
            conceal_personal=person.user_id != request.user.pk,
        )
    else:
        form = ProfileForm(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.staff_profile_update(staff=person, form=form)
        messages.success(request, _("프로필을 저장했습니다."))
        return redirect(person)
    if request.method == "POST":
        messages.error(request, _("입력한 내용을 확인해 주세요. 표시된 항목에 오류가 있습니다."))
    return render(request, "directory/staff_edit.html", {"person": person, "form": form})


def org_chart(request, code=None):
    try:
        chart = selectors.org_chart(code=code)
    except Department.DoesNotExist:
        return render(request, "directory/org_missing.html", {"code": code}, status=404)
    return render(request, "directory/org_chart.html", {"chart": chart})
