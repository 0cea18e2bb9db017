import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityties.settings")
application = get_wsgi_application()

# What the application loaded at start-up lives as long as the worker: kept out of the
# cyclic collector's full passes, which otherwise walk it again and again (a pause of a
# few hundred milliseconds on a long page once in a while).
gc.collect()
gc.freeze()
