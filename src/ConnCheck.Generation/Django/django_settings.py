# Run by `conn-check configs django` as `python3 -I -B -c THIS_SCRIPT MODULE [PYTHONPATH_DIR ...]`:
# isolated (-I), so that the only directories added to the import path are those given.
# Imports the Django settings module the way Django does (DJANGO_SETTINGS_MODULE, then
# django.conf.settings) and prints one JSON object on stdout, nothing else:
#   {"settings": {NAME: VALUE, ...},            every upper-case setting, as plain JSON data,
#    "defaults": [NAME, ...]}                   and those of them that are Django's defaults, not set by the module
#   {"error": "Type: message", "traceback": "..."}  when the module (or Django) fails to import
# All the mapping to checks is done by the C# side; this script only reads.
import json
import math
import os
import sys
import traceback
import warnings

MAX_DEPTH = 32


def plain(value, depth=0):
    """The value as JSON data: containers kept, anything else as its text."""
    if depth > MAX_DEPTH:
        return str(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, bytes):
        return value.decode('utf-8', 'replace')
    if isinstance(value, dict):
        return {str(key): plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(item, depth + 1) for item in value), key=str)
    return str(value)


def read_settings():
    from django.conf import settings
    result = {}
    for name in dir(settings):
        if not name.isupper():
            continue
        try:
            value = getattr(settings, name)
        except Exception:
            # A setting Django refuses to give (an empty SECRET_KEY, say) is no connection.
            continue
        result[name] = plain(value)
    return result


def default_names(settings, names):
    """The settings the module never set: Django's global defaults (EMAIL_HOST's localhost...)."""
    try:
        return sorted(name for name in names if not settings.is_overridden(name))
    except Exception:
        # A settings object without is_overridden (a configure()d one, say): everything counts as set.
        return []


def main():
    module = sys.argv[1] if len(sys.argv) > 1 else ''
    if module:
        os.environ['DJANGO_SETTINGS_MODULE'] = module
    sys.path[:0] = sys.argv[2:]
    # -I ignores PYTHONIOENCODING: the JSON is ASCII, but the settings module's output and Python's
    # errors, which go to stderr, are read as UTF-8 whatever the locale.
    sys.stdout.reconfigure(encoding='utf-8')
    sys.stderr.reconfigure(encoding='utf-8', errors='backslashreplace')
    output = sys.stdout
    # Whatever the settings module prints must not mix with the JSON.
    sys.stdout = sys.stderr
    warnings.simplefilter('ignore')
    try:
        from django.conf import settings
        values = read_settings()
        data = {'settings': values, 'defaults': default_names(settings, values)}
        status = 0
    except BaseException as error:  # noqa: B036 - SystemExit and all: report, never die silently
        lines = traceback.format_exception_only(type(error), error)
        data = {
            'error': lines[-1].strip() if lines else type(error).__name__,
            'traceback': ''.join(traceback.format_exception(type(error), error, error.__traceback__)),
        }
        status = 1
    output.write(json.dumps(data, ensure_ascii=True))
    output.write('\n')
    output.flush()
    return status


sys.exit(main())
