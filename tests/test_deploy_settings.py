"""`tdkt check --deploy` with production settings (issue 7, item 25).

With DEBUG off the HTTPS settings are on by default, e-mail goes to the SMTP server named by
EMAIL_HOST, and a production start without any mail configuration says so instead of
printing reminders on a console nobody reads.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args, tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "EMAIL_", "DEBUG", "SESSION_", "CSRF_"))}
    base.pop("SECRET_KEY", None)
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' live server in the same worker
    base.update({"TDKT_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tdkt.settings"}, **env)
    return subprocess.run([sys.executable, "-m", "django", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "tdkt.example.gov.vn",
              "CSRF_TRUSTED_ORIGINS": "https://tdkt.example.gov.vn", "EMAIL_HOST": "smtp.example.gov.vn"}


def test_deploy_check_with_production_environment_has_no_warning(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr


def test_production_settings_are_secure_and_mail_goes_to_the_smtp_server(tmp_path):
    code = ("from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.MAILERS['default']['BACKEND'].rsplit('.', 2)[1], "
            "s.MAILERS['default']['OPTIONS']['host'], s.MAILERS['default']['OPTIONS']['port'], getattr(s, 'SECURE_PROXY_SSL_HEADER', None))")
    result = run(["shell", "--no-imports", "-c", code], tmp_path, **PRODUCTION, EMAIL_PORT="587", EMAIL_USE_TLS="1",
                 SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "smtp", "smtp.example.gov.vn", "587",
                                     "('HTTP_X_FORWARDED_PROTO',", "'https')"], result.stderr


def test_each_https_setting_can_be_turned_off_from_the_environment(tmp_path):
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    result = run(["shell", "--no-imports", "-c", code], tmp_path, **PRODUCTION, SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0",
                 CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0")
    assert result.stdout.split() == ["False", "False", "False", "0"], result.stderr


def test_production_without_mail_configuration_refuses_to_start_and_says_what_to_set(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"}
    result = run(["check", "--deploy"], tmp_path, **env)
    assert result.returncode != 0
    assert "EMAIL_HOST" in result.stderr and "EMAIL_BACKEND" in result.stderr
    # A console backend named explicitly is the deploy check's error, not silence.
    result = run(["check", "--deploy"], tmp_path, **env, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert result.returncode != 0 and "mail.E001" in result.stderr


def test_one_machine_runs_without_debug_on_plain_http_with_the_console(tmp_path):
    """`make run`: no SECRET_KEY in the environment. Nobody sees a traceback (DEBUG off), the key is kept in the
    data folder (readable by its owner only), plain HTTP, reminders printed on the console."""
    code = ("from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
            "s.MAILERS['default']['BACKEND'].rsplit('.', 2)[1], s.SECRET_KEY == open(s.DATA_DIR / 'secret_key').read())")
    result = run(["shell", "--no-imports", "-c", code], tmp_path)
    assert result.stdout.split() == ["False", "False", "False", "console", "True"], result.stderr
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_developer_turns_debug_on(tmp_path):
    code = "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT)"
    result = run(["shell", "--no-imports", "-c", code], tmp_path, DEBUG="1")
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_the_proxy_header_may_be_written_either_way(tmp_path):
    code = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER[0])"
    for written in ["X-Forwarded-Proto", "HTTP_X_FORWARDED_PROTO", "x-forwarded-proto"]:
        result = run(["shell", "--no-imports", "-c", code], tmp_path, **PRODUCTION, SECURE_PROXY_SSL_HEADER=written)
        assert result.stdout.strip() == "HTTP_X_FORWARDED_PROTO", (written, result.stderr)
