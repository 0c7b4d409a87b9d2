import cProfile, pstats, sys, os
sys.argv=[sys.argv[0]]+sys.argv[1:]
from tests.bench import profile_requests as pr
pr.setup()
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from tests.bench.bench_http import wsgi_get
from tests.bench.survey_submit import session_cookie
h=WSGIHandler(); c=session_cookie(User.objects.get(username=os.environ.get("U","staff")))
path=sys.argv[1]
for _ in range(5): wsgi_get(h,path,c)
p=cProfile.Profile(); p.enable()
for _ in range(20): wsgi_get(h,path,c)
p.disable()
st=pstats.Stats(p).strip_dirs()
for f in sys.argv[2:]:
    st.print_callees(f)
