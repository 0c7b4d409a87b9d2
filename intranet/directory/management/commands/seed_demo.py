"""``manage.py seed_demo [--scale N] [--if-empty] [--photos]``: the demo agency and every
module's demo data, through the seeders modules register in ``intranet.registry``."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.directory import demo
from intranet.directory.models import Staff
from intranet.registry import demo_seeders


class Command(BaseCommand):
    help = _("결정적인 데모 기관(부서, 직원, 역할별 데모 계정)과 각 모듈의 데모 자료를 만듭니다.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help=_("규모 배수: 1이면 직원 약 300명, 60이면 약 2만 명"),
        )
        parser.add_argument(
            "--if-empty", action="store_true", help=_("직원 자료가 이미 있으면 아무것도 하지 않습니다.")
        )
        parser.add_argument("--photos", action="store_true", help=_("데모 계정 직원의 사진을 만듭니다."))

    def handle(self, *args, scale, if_empty, photos, **options):
        if scale < 1:
            self.stderr.write(_("--scale은 1 이상이어야 합니다."))
            raise SystemExit(2)
        if if_empty and Staff.objects.exists():
            self.stdout.write(_("직원 자료가 이미 있어 데모 자료를 만들지 않았습니다."))
            return
        started = time.monotonic()
        with transaction.atomic():
            for seeder in sorted(demo_seeders.values(), key=lambda s: (s.order, s.key)):
                seeder.seed(scale=scale, stdout=self.stdout)
            if photos:
                demo.seed_photos(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                _("데모 자료 준비 완료 (규모 %(scale)s, %(seconds).1f초)")
                % {"scale": scale, "seconds": time.monotonic() - started}
            )
        )
