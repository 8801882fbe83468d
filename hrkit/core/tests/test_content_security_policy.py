"""Every response carries a Content-Security-Policy that forbids inline script."""

import pytest
from django.test import Client

from hrkit.core.security import content_security_policy, origin_of
from hrkit.core.tests.public_pages import public_paths

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def script_policy_problems(response) -> list[str]:
    header = response.get("Content-Security-Policy")
    if header is None:
        return ["no Content-Security-Policy header"]
    policy = directives(header)
    problems = []
    if policy.get("script-src") != ["'self'"]:
        problems.append(f"script-src is {policy.get('script-src')}")
    for name in ("script-src-elem", "script-src-attr"):
        if name in policy:
            problems.append(f"{name} loosens script-src: {policy[name]}")
    for name in ("default-src", "script-src"):
        loose = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"} & set(policy.get(name, []))
        if loose:
            problems.append(f"{name} allows {sorted(loose)}")
    return problems


def test_every_public_page_and_the_staff_sign_in_forbid_inline_script():
    paths = public_paths(include_admin=True)
    assert "/admin/login/" in paths and "/safer-use/sw.js" in paths
    failures = {}
    for path in paths:
        problems = script_policy_problems(Client().get(path))
        if problems:
            failures[path] = problems
    assert failures == {}


def test_a_page_that_is_not_there_carries_the_policy_too():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert script_policy_problems(response) == []


def test_images_may_come_from_the_map_tile_server_only():
    policy = content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]


def test_no_map_means_no_tile_server():
    assert content_security_policy("")["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://tiles.example.org:8080/{z}/{x}/{y}.png", "http://tiles.example.org:8080"),
        ("https://user:secret@tiles.example.org/{z}.png", "https://tiles.example.org"),
        ("https://{host}/{z}/{x}/{y}.png", None),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("javascript:alert(1)", None),
    ],
)
def test_tile_origin_is_scheme_and_host_only(template, origin):
    assert origin_of(template) == origin


def test_the_policy_header_is_the_one_from_settings():
    header = Client().get("/").headers["Content-Security-Policy"]
    policy = directives(header)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
