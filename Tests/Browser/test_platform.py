"""The platform as a person uses it: sign in, switch language, create a role and a user, sign
in as that user, see only what the role allows, be refused an admin page, and use it on a phone."""
import os
import time
import uuid

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

SHOTS = os.environ.get("CONCORD_SCREENSHOTS")


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def wait_replaced(driver, old):
    """Waits until the page that held `old` has been replaced by a new one."""
    def replaced(_):
        # Chromium sometimes reports the old page's node as "not in the document" rather than
        # stale; either way the page has been replaced.
        try:
            old.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    WebDriverWait(driver, 10).until(replaced)


def click_and_wait(driver, element):
    """Clicks something that loads a new page and waits until the new page is there."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait_replaced(driver, old)


def submit(driver, css="form.form button[type=submit]"):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, css))


def login(driver, base, username, password):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver, "form button[type=submit]")


def logout(driver):
    submit(driver, "form[action='/logout'] button")


def test_chinese_first_then_english_remembered(browser, base, admin_password):
    browser.get(base + "/login")
    assert "登录" in browser.title
    login(browser, base, "admin", admin_password)
    assert "工作台" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart"), "the home page draws a chart"
    shot(browser, "home-zh")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "English"))
    assert "Workspace" in browser.page_source
    browser.get(base + "/access/users")
    assert "Users" in browser.title, "the choice is remembered across pages"
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "中文"))
    assert "用户" in browser.title


def test_wrong_password_is_one_generic_message(browser, base):
    login(browser, base, "admin", "not-the-password")
    assert "用户名或密码错误" in browser.page_source
    login(browser, base, "nobody-" + uuid.uuid4().hex[:6], "not-the-password")
    assert "用户名或密码错误" in browser.page_source


def test_role_and_user_made_by_admin_limit_what_the_user_sees(browser, base, admin_password):
    suffix = uuid.uuid4().hex[:6]
    login(browser, base, "admin", admin_password)

    browser.get(base + "/access/roles/new")
    browser.find_element(By.NAME, "code").send_keys("viewer_" + suffix)
    browser.find_element(By.NAME, "name").send_keys("只看自己 " + suffix)
    Select(browser.find_element(By.NAME, "dataScope")).select_by_value("own")
    browser.find_element(By.CSS_SELECTOR, "input[name='permissions[]'][value='users.view']").click()
    submit(browser)
    assert "角色已保存" in browser.page_source

    browser.get(base + "/access/users/new")
    username = "viewer" + suffix
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "displayName").send_keys("测试用户" + suffix)
    browser.find_element(By.NAME, "password").send_keys("viewer-password-1")
    role_box = browser.find_element(By.XPATH, f"//label[contains(., '只看自己 {suffix}')]/input")
    role_box.click()
    submit(browser)
    assert "用户已保存" in browser.page_source
    shot(browser, "user-saved")
    logout(browser)

    login(browser, base, username, "viewer-password-1")
    nav = browser.find_element(By.CSS_SELECTOR, "nav.sidebar").text
    assert "用户" in nav
    assert "角色" not in nav and "审计日志" not in nav and "分支机构" not in nav
    browser.get(base + "/access/users")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 1 and username in rows[0].text, "an own-scope user sees only themself"
    browser.get(base + "/access/roles")
    assert "无权访问" in browser.page_source
    browser.get(base + "/audit")
    assert "无权访问" in browser.page_source
    shot(browser, "forbidden")


def test_a_form_error_names_the_field_and_keeps_the_input(browser, base, admin_password):
    login(browser, base, "admin", admin_password)
    browser.get(base + "/access/users/new")
    browser.find_element(By.NAME, "username").send_keys("keepme")
    browser.find_element(By.NAME, "email").send_keys("not-an-email")
    submit(browser)
    assert browser.find_element(By.NAME, "username").get_attribute("value") == "keepme"
    errors = browser.find_elements(By.CSS_SELECTOR, ".field.has-error")
    assert errors, "the wrong field is marked"


def test_works_on_a_375_pixel_phone(browser, base, admin_password):
    browser.set_window_size(375, 800)
    login(browser, base, "admin", admin_password)
    for path in ("/", "/access/users", "/organisation/branches", "/access/users/new", "/audit"):
        browser.get(base + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a phone"
    menu = browser.find_element(By.CSS_SELECTOR, "label.menu-button")
    assert menu.is_displayed()
    menu.click()
    time.sleep(0.2)
    assert browser.find_element(By.CSS_SELECTOR, "nav.sidebar").is_displayed()
    shot(browser, "phone-menu")
