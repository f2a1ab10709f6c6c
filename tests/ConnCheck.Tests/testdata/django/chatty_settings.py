# A settings module that prints on import and holds values JSON has no type for.
import pathlib

print("loading chatty settings")

BASE_DIR = pathlib.Path('/srv/app')
DEBUG = False
ALLOWED_HOSTS = ('app.example', 'www.app.example')
SITE_ID = 1
RATE = 0.5
GREETING = 'Grüß Gott'
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache',
        'LOCATION': ('m1:11211', 'm2:11211'),
    },
}
FLAGS = {'a'}


class Handler:
    pass


HANDLER = Handler
lowercase_is_not_a_setting = 'ignored'
