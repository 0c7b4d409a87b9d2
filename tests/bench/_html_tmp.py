import sys, os
from tests.bench import profile_requests as pr
pr.setup()
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.test.client import RequestFactory
from tests.bench.survey_submit import session_cookie
import urllib.parse
h=WSGIHandler(); c=session_cookie(User.objects.get(username=os.environ.get("U","staff")))
route,_,q=sys.argv[1].partition("?")
env=RequestFactory()._base_environ(PATH_INFO=route, QUERY_STRING=urllib.parse.quote(q,safe="=&%+"), HTTP_COOKIE=c, HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ko")
out=[]
body=b"".join(h(env, lambda s,hd,e=None: out.append(s)))
print(out, file=sys.stderr)
sys.stdout.write(body.decode())
