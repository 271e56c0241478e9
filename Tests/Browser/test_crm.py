"""A salesperson's day on a 375-pixel phone: find a customer by pinyin initials, log a visit
with the phone's position, move an opportunity on the board, give a customer back to the pool
and claim it again."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_platform import click_and_wait, login, shot, submit, wait_replaced


def phone(browser):
    browser.set_window_size(375, 800)


def assert_fits(browser, path):
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide on a phone"


def new_customer(browser, base, name):
    browser.get(base + "/crm/customers/new")
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "phone").send_keys("010-8234 5678")
    browser.find_element(By.NAME, "tags").send_keys("重点")
    submit(browser)
    assert "客户已保存" in browser.page_source
    return browser.current_url


def test_find_by_pinyin_and_log_a_visit_with_a_check_in(browser, base, admin_password):
    phone(browser)
    login(browser, base, "admin", admin_password)
    name = "北京快普科技 " + uuid.uuid4().hex[:6]
    new_customer(browser, base, name)

    # Found by its initials from the list's search box.
    browser.get(base + "/crm/customers")
    assert_fits(browser, "/crm/customers")
    box = browser.find_element(By.CSS_SELECTOR, "input[type=search]")
    box.send_keys("bjkp")
    click_and_wait(browser, box.find_element(By.XPATH, "ancestor::form//button"))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, name))
    assert_fits(browser, "profile")

    # The phone's position, given to the browser as a phone would.
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["geolocation"]})
    browser.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": 39.983424, "longitude": 116.316833, "accuracy": 30})
    browser.find_element(By.NAME, "content").send_keys("上门拜访，演示多仓库")
    browser.find_element(By.CSS_SELECTOR, "button[data-checkin]").click()
    browser.implicitly_wait(0)
    for _ in range(50):
        if browser.find_element(By.NAME, "latitude").get_attribute("value"):
            break
        browser.execute_script("return new Promise(r => setTimeout(r, 100))")
    browser.implicitly_wait(3)
    assert browser.find_element(By.NAME, "latitude").get_attribute("value") == "39.983424"
    assert Select(browser.find_element(By.NAME, "kind")).first_selected_option.get_attribute("value") == "visit"
    shot(browser, "crm-visit-form")
    submit(browser, "form.followup-form button[type=submit]")
    assert "跟进记录已保存" in browser.page_source
    timeline = browser.find_element(By.CSS_SELECTOR, "ol.timeline").text
    assert "上门拜访，演示多仓库" in timeline and "39.983424" in timeline
    shot(browser, "crm-profile")

    # The rest of the day's pages fit the phone too.
    for path in ("/crm/leads", "/crm/activities", "/crm/schedule?view=week", "/crm/schedule/new", "/crm/reports/new?kind=daily",
                 "/crm/opportunities/forecast", "/notifications", "/"):
        browser.get(base + path)
        assert_fits(browser, path)


def test_move_an_opportunity_on_the_board(browser, base, admin_password):
    phone(browser)
    login(browser, base, "admin", admin_password)
    customer = new_customer(browser, base, "杭州明远贸易 " + uuid.uuid4().hex[:6])
    customer_id = customer.rstrip("/").split("/")[-1]
    browser.get(base + "/crm/opportunities/new?partnerId=" + customer_id)
    title = "年度采购 " + uuid.uuid4().hex[:4]
    browser.find_element(By.NAME, "name").send_keys(title)
    amount = browser.find_element(By.NAME, "amount")
    amount.clear()
    amount.send_keys("88000")
    submit(browser)
    assert "商机已保存" in browser.page_source
    opportunity_id = browser.current_url.rstrip("/").split("/")[-1]

    browser.get(base + "/crm/opportunities")
    assert_fits(browser, "/crm/opportunities")
    card = browser.find_element(By.CSS_SELECTOR, f"[data-card='{opportunity_id}']")
    first = card.find_element(By.XPATH, "ancestor::section[@data-stage-id]").get_attribute("data-stage-id")
    columns = [c.get_attribute("data-stage-id") for c in browser.find_elements(By.CSS_SELECTOR, "[data-outcome='open']")]
    target = columns[columns.index(first) + 1]
    # A drag and drop as the browser delivers it.
    old = browser.find_element(By.TAG_NAME, "html")
    browser.execute_script("""
        const card = document.querySelector(`[data-card='${arguments[0]}']`);
        const col = document.querySelector(`[data-stage-id='${arguments[1]}']`);
        const dt = new DataTransfer();
        card.dispatchEvent(new DragEvent('dragstart', {dataTransfer: dt, bubbles: true}));
        col.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        col.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    """, opportunity_id, target)
    wait_replaced(browser, old)
    assert "商机阶段已更新" in browser.page_source
    card = browser.find_element(By.CSS_SELECTOR, f"[data-card='{opportunity_id}']")
    assert card.find_element(By.XPATH, "ancestor::section[@data-stage-id]").get_attribute("data-stage-id") == target
    shot(browser, "crm-board")


def test_release_to_the_pool_and_claim_again(browser, base, admin_password):
    phone(browser)
    login(browser, base, "admin", admin_password)
    browser.get(base + "/crm/pools/new")
    browser.find_element(By.NAME, "name").send_keys("公海 " + uuid.uuid4().hex[:6])
    submit(browser, "form.pool-form button[type=submit]")
    assert "公海已保存" in browser.page_source

    name = "成都天府软件 " + uuid.uuid4().hex[:6]
    profile = new_customer(browser, base, name)
    browser.find_element(By.NAME, "reason").send_keys("暂不跟进")
    browser.execute_script("window.confirm = () => true")
    submit(browser, "form[action$='/release'] button")
    assert "客户已放回公海" in browser.page_source
    # The profile now offers to claim it from the pool it went to.
    action = browser.find_element(By.CSS_SELECTOR, "form[action*='/claim/']").get_attribute("action")
    pool_id = action.split("/crm/pools/")[1].split("/")[0]
    pool_url = base + "/crm/pools?pool=" + pool_id

    # The pool's default rule makes the last owner wait 30 days; the refusal says so and until when.
    browser.get(pool_url)
    assert_fits(browser, "/crm/pools")
    row = browser.find_element(By.XPATH, f"//tr[.//a[text()='{name}']]")
    click_and_wait(browser, row.find_element(By.XPATH, ".//button[text()='领取']"))
    assert "30 天内不能再领" in browser.page_source and "起可以领取" in browser.page_source
    shot(browser, "crm-claim-refused")

    # Without that wait, the claim goes through.
    browser.get(base + f"/crm/pools/{pool_id}/edit")
    browser.find_element(By.NAME, "reclaimAfterDays").clear()
    submit(browser, "form.pool-form button[type=submit]")
    row = browser.find_element(By.XPATH, f"//tr[.//a[text()='{name}']]")
    click_and_wait(browser, row.find_element(By.XPATH, ".//button[text()='领取']"))
    assert "已领取" in browser.page_source
    assert browser.current_url.rstrip("/") == profile.rstrip("/")
    shot(browser, "crm-claimed")
