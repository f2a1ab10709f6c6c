# A settings module whose import fails.
import nosuchmodule_for_conncheck  # noqa: F401

DATABASES = {}
