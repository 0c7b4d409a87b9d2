"""The data-migration helpers of intranet/roles.py: grant creates missing permissions and gives
them to each role; revoke takes back the models granted, or the whole app; collection permissions
(Wagtail's media) on the root collection, given and taken back exactly."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from intranet.roles import (
    ALL_ACTIONS,
    ensure_permission,
    role_collection_permissions_operation,
    role_permissions_grant,
    role_permissions_operation,
    role_permissions_revoke,
)

pytestmark = pytest.mark.django_db


def codenames(name: str, app_label: str) -> set[str]:
    group = Group.objects.get(name=name)
    return set(group.permissions.filter(content_type__app_label=app_label).values_list("codename", flat=True))


def test_grant_creates_what_is_missing_and_revoke_takes_back_only_those_models():
    role_permissions_grant(
        apps,
        roles=["leader", "editor"],
        app_label="ieumtest",
        models={"thing": ["view"], "other": ALL_ACTIONS},
    )
    assert codenames("leader", "ieumtest") == {"view_thing", *(f"{a}_other" for a in ALL_ACTIONS)}
    assert Permission.objects.get(codename="view_thing").name == "Can view thing"

    role_permissions_revoke(apps, roles=["leader"], app_label="ieumtest", models=["thing"])
    assert codenames("leader", "ieumtest") == {f"{a}_other" for a in ALL_ACTIONS}
    role_permissions_revoke(apps, roles=["editor", "no such group"], app_label="ieumtest")
    assert codenames("editor", "ieumtest") == set()


def test_operation_runs_both_ways():
    operation = role_permissions_operation(
        roles=["planner"], app_label="ieumtest", models={"thing": ["view"], "other": ["view"]}
    )
    operation.code(apps, None)
    assert codenames("planner", "ieumtest") == {"view_thing", "view_other"}
    # a permission on another model of the app, given by someone else
    Group.objects.get(name="planner").permissions.add(
        ensure_permission(apps, "ieumtest", "unrelated", "view")
    )
    operation.reverse_code(apps, None)
    assert codenames("planner", "ieumtest") == {"view_unrelated"}  # only the models it granted

    whole = role_permissions_operation(
        roles=["planner"], app_label="ieumtest", models={"thing": ["view"]}, revoke_whole_app=True
    )
    whole.code(apps, None)
    whole.reverse_code(apps, None)
    assert codenames("planner", "ieumtest") == set()


def collection_codenames(name: str) -> set[str]:
    from wagtail.models import GroupCollectionPermission

    return set(
        GroupCollectionPermission.objects.filter(group__name=name, collection__depth=1).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_migrations_give_media_per_collection_to_editors_secretaries_and_planners():
    assert collection_codenames("editor") == {
        *(f"{a}_image" for a in ("add", "change", "choose")),
        *(f"{a}_document" for a in ("add", "change", "choose")),
    }
    # The ceremony photo and the annual report's photos: upload and choose, but not change
    # everyone's images; nobody else has media.
    assert collection_codenames("committee secretary") == {"add_image", "choose_image"}
    assert collection_codenames("planner") == {"add_image", "choose_image"}
    assert collection_codenames("leader") == set()


def test_collection_operation_runs_both_ways():
    operation = role_collection_permissions_operation(
        role="planner", permissions={("wagtailimages", "image"): ["add", "choose"]}
    )
    operation.code(apps, None)
    operation.code(apps, None)  # twice: still one row each
    assert collection_codenames("planner") == {"add_image", "choose_image"}
    role_collection_permissions_operation(
        role="planner", permissions={("wagtaildocs", "document"): ["choose"]}
    ).code(apps, None)
    operation.reverse_code(apps, None)
    assert collection_codenames("planner") == {"choose_document"}  # only what it gave
