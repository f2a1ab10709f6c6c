# A settings module that is not Python.
DATABASES = {
    'default': {
