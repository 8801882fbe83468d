"""The gunicorn command `hrkit serve` runs."""

from hrkit.core.management.commands.serve import gunicorn_argv


def option(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else None


def test_workers_are_recycled_after_the_configured_number_of_requests(settings):
    settings.HRKIT = {**settings.HRKIT, "MAX_REQUESTS": 250, "MAX_REQUESTS_JITTER": 25}
    argv = gunicorn_argv("127.0.0.1", 8000, 2)
    assert option(argv, "--max-requests") == "250"
    assert option(argv, "--max-requests-jitter") == "25"


def test_private_logs_no_access_log_and_gunicorns_request_limits_kept():
    argv = gunicorn_argv("127.0.0.1", 8000, 2)
    assert option(argv, "--logger-class") == "hrkit.core.logs.PrivateGunicornLogger"
    assert "--access-logfile" not in argv
    assert not any(arg.startswith("--limit-request") for arg in argv)
