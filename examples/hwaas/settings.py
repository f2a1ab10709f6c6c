# The HWaaS (Hello World as a Service) settings of the manual's tutorial, part 2, with the statsd
# settings of its section 3.5. The tutorial's own listing says gibson.hwass.internal and PORT 11211
# where its generated checks (and part 1) say gibson.hwaas.internal and 5432; this is the latter.
# `conn-check configs django -m hwaas.settings` (run from examples/) reads it.
INSTALLED_APPS = [
    'hwaas',
    'django_statsd',
]
MIDDLEWARE_CLASSES = [
    'django_statsd.middleware.GraphiteMiddleware',
]
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql_psycopg2',
        'HOST': 'gibson.hwaas.internal',
        'NAME': 'hwaas_production',
        'PASSWORD': '123456asdf',
        'PORT': 5432,
        'USER': 'hwaas',
    }
}
CACHES = {
    'default': {
        'LOCATION': 'freeside.hwaas.internal:11211',
        'BACKEND': 'django.core.cache.backends.memcached.MemcachedCache',
    },
}
PROXY_HOST = 'countzero.hwaas.internal'
PROXY_PORT = 8080
TRANSLATE_API_KEY = 'BLAH'
STATSD_CLIENT = 'django_statsd.clients.normal'
STATSD_HOST = 'bigend.hwaas.internal'
STATSD_PORT = 10021
