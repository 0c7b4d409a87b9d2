"""factory_boy factories shared by every test package."""

import factory
from django.contrib.auth.models import Group, User

from intranet.directory.models import Department, Staff

DEMO_PASSWORD = "test-pass-ieum"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:04d}")
    name = factory.Sequence(lambda n: f"시험부서{n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff
        django_get_or_create = ("employee_number",)

    employee_number = factory.Sequence(lambda n: f"E{n:06d}")
    name = factory.Iterator(["김민수", "이영희", "박정훈", "최은정", "정대현", "강서연", "조현우"])
    department = factory.SubFactory(DepartmentFactory)
    grade = "5급"
    position = "팀원"
    email = factory.LazyAttribute(lambda o: f"{o.employee_number.lower()}@agency.example")


def staff_with_login(*, roles=(), **kwargs) -> Staff:
    """A staff member with a user account in the given role groups (plus "staff")."""
    user = UserFactory(roles=["staff", *roles])
    return StaffFactory(user=user, **kwargs)
