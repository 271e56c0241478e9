"""Browser tests drive Debian's chromium through chromium-driver against a live Concord.

CONCORD_URL names the server (default http://127.0.0.1:8088) and CONCORD_ADMIN_PASSWORD the
administrator's password; .ci/run starts the server with both.
"""
import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE = os.environ.get("CONCORD_URL", "http://127.0.0.1:8088")
ADMIN_PASSWORD = os.environ.get("CONCORD_ADMIN_PASSWORD", "admin-password-ci-1")


@pytest.fixture
def browser():
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=zh-CN"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=opts)
    driver.implicitly_wait(3)
    yield driver
    driver.quit()


@pytest.fixture
def base():
    return BASE


@pytest.fixture
def admin_password():
    return ADMIN_PASSWORD
