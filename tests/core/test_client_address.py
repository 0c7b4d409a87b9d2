"""The one reader of the client address: X-Forwarded-For is believed only from listed proxies."""

import pytest
from django.test import RequestFactory

from intranet.client_address import client_address

PROXY = "10.0.0.5"


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.9.0.0/16"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("10.0.0.5", "1.2.3.4")) == "10.0.0.5"


def test_the_proxy_names_the_client(behind_proxy):
    assert client_address(request(PROXY, "192.168.7.20")) == "192.168.7.20"


def test_a_spoofed_hop_before_the_real_client_is_ignored(behind_proxy):
    # The client wrote "1.1.1.1" itself; the proxy appended the address it really saw.
    assert client_address(request(PROXY, "1.1.1.1, 192.168.7.20")) == "192.168.7.20"


def test_chained_trusted_proxies_are_walked_from_the_right(behind_proxy):
    assert client_address(request(PROXY, "6.6.6.6, 192.168.7.20, 10.9.3.4")) == "192.168.7.20"


def test_an_untrusted_client_cannot_spoof_its_address(behind_proxy):
    assert client_address(request("192.168.7.99", "10.0.0.5, 1.1.1.1")) == "192.168.7.99"


def test_garbage_in_the_header_stops_at_the_last_vouched_hop(behind_proxy):
    assert client_address(request(PROXY, "<script>, 10.9.3.4")) == "10.9.3.4"
    assert client_address(request(PROXY, "")) == PROXY


def test_ipv4_mapped_addresses_are_ipv4(behind_proxy):
    assert client_address(request("::ffff:10.0.0.5", "192.168.7.20")) == "192.168.7.20"
