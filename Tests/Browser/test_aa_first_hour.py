"""A new company's first hour in the browser, as `admin` alone on the empty install (this file runs
first): the setup guide on the home page — company details, a warehouse, a product, opening
stock, a customer; branches, product categories, people and approval rules skipped — then quote → contract → payment
plan → order → delivery → invoice → collection with no approval rule and nobody else to ask,
ending with nothing owed and the plan collected in full; the flow once at 1366 px and once on a
375 px phone."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_order_to_cash import contract_from_sent_quote, fill
from test_platform import click_and_wait, login, shot, submit


def guide(browser):
    return browser.find_elements(By.CSS_SELECTOR, "section.setup-guide")


def open_step(browser, base, label):
    browser.get(base + "/")
    click_and_wait(browser, guide(browser)[0].find_element(By.XPATH, f".//a[normalize-space()='{label}']"))


def skip_step(browser, base, label):
    browser.get(base + "/")
    item = guide(browser)[0].find_element(By.XPATH, f".//li[a[normalize-space()='{label}']]")
    click_and_wait(browser, item.find_element(By.CSS_SELECTOR, "form button"))
    assert "已跳过这一步" in browser.page_source


def no_wider_than_the_screen(browser):
    width, screen = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen + 1, f"{browser.current_url} is {width}px wide on a {screen}px screen"


def sell_and_collect(browser, base, quantity, amount):
    """One sale from quote to money in the bank, every step on its page; answers the contract's address."""
    browser.get(base + "/contracts/quotes/new")
    Select(browser.find_element(By.NAME, "partnerId")).select_by_visible_text("北京快普科技有限公司")
    fill(browser, "lines[0][product]", "SW")
    fill(browser, "lines[0][quantity]", quantity)
    fill(browser, "lines[0][unitPrice]", "3")
    no_wider_than_the_screen(browser)
    submit(browser)
    assert "报价单已保存" in browser.page_source
    contract_url = contract_from_sent_quote(browser)
    fill(browser, "items[0][dueDate]", "2026-12-20")
    fill(browser, "items[0][amount]", amount)
    submit(browser, "form[action$='/plan'] button[type=submit]")
    assert "回款计划已保存" in browser.page_source
    # No approval rule: submitted, the contract is in force at once.
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/submit'] button"))
    assert "已生效" in browser.page_source, "without an approval rule a contract needs no approval"
    no_wider_than_the_screen(browser)
    fill(browser, "lines[0][quantity]", quantity)
    submit(browser, "form[action$='/order'] button[type=submit]")
    assert "订单已生成" in browser.page_source
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/fulfil'] button"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/post'] button"))
    assert "已过账" in browser.page_source
    browser.get(contract_url)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "开具发票"))
    browser.find_element(By.CSS_SELECTOR, "input[name='stockDocumentIds[]']").click()
    submit(browser)
    assert "发票已开具" in browser.page_source and amount in browser.page_source
    browser.get(contract_url)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "登记收款"))
    fill(browser, "amount", amount)
    Select(browser.find_element(By.NAME, "target")).select_by_index(1)
    submit(browser)
    assert "已保存" in browser.page_source
    browser.get(contract_url)
    assert "已收齐" in browser.page_source, "the plan is collected in full"
    no_wider_than_the_screen(browser)
    return contract_url


def test_an_empty_install_to_its_first_contract_collected(browser, base, admin_password):
    browser.set_window_size(1366, 900)
    login(browser, base, "admin", admin_password)
    assert guide(browser), "the home page of a new install shows the setup guide"
    shot(browser, "first-hour-guide")

    open_step(browser, base, "公司信息")
    fill(browser, "name", "快普商贸有限公司")
    fill(browser, "taxNumber", "91350100M000100Y43")
    fill(browser, "address", "北京市海淀区中关村大街 1 号")
    submit(browser)
    assert "公司信息已保存" in browser.page_source
    skip_step(browser, base, "分支机构")

    open_step(browser, base, "仓库")
    fill(browser, "code", "W1")
    fill(browser, "name", "总仓")
    submit(browser)

    skip_step(browser, base, "商品分类")
    open_step(browser, base, "商品")
    fill(browser, "code", "SW")
    fill(browser, "name", "矿泉水 550ml")
    fill(browser, "baseUnit", "瓶")
    fill(browser, "unit1Name", "箱")
    fill(browser, "unit1Factor", "24")
    fill(browser, "salePrice", "3")
    fill(browser, "floorPrice", "2.5")
    submit(browser)
    assert "商品已保存" in browser.page_source

    open_step(browser, base, "期初库存")
    fill(browser, "reason", "期初库存")
    fill(browser, "lines[0][product]", "SW")
    fill(browser, "lines[0][unit]", "箱")
    fill(browser, "lines[0][quantity]", "20")
    fill(browser, "lines[0][unitCost]", "36")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[name=post][value='1']"))
    assert "已过账" in browser.page_source

    open_step(browser, base, "客户")
    fill(browser, "name", "北京快普科技有限公司")
    submit(browser)
    skip_step(browser, base, "员工和角色")
    skip_step(browser, base, "审批规则")
    browser.get(base + "/")
    assert not guide(browser), "every step done or skipped, the guide steps aside"

    # The first sale on a desktop, the second on a phone.
    sell_and_collect(browser, base, "100", "300.00")
    browser.set_window_size(375, 800)
    sell_and_collect(browser, base, "40", "120.00")

    browser.get(base + "/cash/receivables")
    assert "没有未结款项" in browser.page_source, "nothing is owed"
    shot(browser, "first-hour-done-phone")
