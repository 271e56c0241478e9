"""Order to cash as people do it in the browser: a salesperson quotes under the floor price, the
manager approves from the approvals inbox, the quote becomes a contract with a payment plan,
the manager approves the contract, its order ships from two warehouses, the delivery is
invoiced, two collections (one by document, one by product) clear it; the receivable is zero,
the installments are paid and the contract shows its cost of goods and gross margin."""
import json
import urllib.request
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_platform import click_and_wait, login, shot, submit

PASSWORD = "o2c-password-1"


def api(base, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"{}")


def setup(base, admin_password, u):
    """People, goods in two warehouses, a customer and an opportunity, through the API."""
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    hq = next(b for b in api(base, "GET", "/api/v1/branches", token)["items"] if b["kind"] == "head_office")["id"]
    perms = ["customers.view", "customers.create", "opportunities.view", "opportunities.create", "quotes.view", "quotes.create", "quotes.edit",
             "contracts.view", "contracts.create", "contracts.edit", "contracts.approve", "orders.view", "orders.create", "orders.edit",
             "stock.view", "stock.create", "stock.edit", "cash.view", "cash.create", "cash.edit", "partners.view", "products.view",
             "approvals.view", "audit.view", "costs.view"]
    role = api(base, "POST", "/api/v1/roles", token, {"code": "o2c" + u, "name": "销售" + u, "permissions": perms, "dataScope": "all"})["id"]
    mgr = api(base, "POST", "/api/v1/users", token, {"username": "mgr" + u, "displayName": "经理" + u, "password": PASSWORD, "branchId": hq,
                                                    "roleIds": [role]})["id"]
    api(base, "POST", "/api/v1/users", token, {"username": "rep" + u, "displayName": "销售" + u, "password": PASSWORD, "branchId": hq,
                                              "managerId": mgr, "roleIds": [role]})
    # The company's rule: a contract from 900 yuan goes to the submitter's manager (without a rule it needs no approval).
    api(base, "POST", "/api/v1/approval-rules", token, {"docType": "contract", "name": "合同上级审批" + u, "minAmount": "900",
                                                       "steps": [{"kind": "manager"}]})
    w1 = api(base, "POST", "/api/v1/warehouses", token, {"code": "A" + u, "name": "一号仓" + u, "branchId": hq, "kind": "central"})["id"]
    w2 = api(base, "POST", "/api/v1/warehouses", token, {"code": "B" + u, "name": "二号仓" + u, "branchId": hq, "kind": "branch"})["id"]
    api(base, "POST", "/api/v1/warehouses", token, {"code": "M" + u, "name": "三号仓" + u, "branchId": hq, "kind": "store"})
    water = api(base, "POST", "/api/v1/products", token, {"code": "W" + u, "name": "矿泉水" + u, "baseUnit": "袋", "costingMethod": "moving_average",
                                                          "purchasePrice": "2", "salePrice": "3", "floorPrice": "2.5", "taxRate": "13"})["id"]
    api(base, "POST", "/api/v1/products", token, {"code": "K" + u, "name": "饼干" + u, "baseUnit": "袋", "units": [{"name": "箱", "factor": "24"}],
                                                  "costingMethod": "fifo", "purchasePrice": "2", "salePrice": "3", "floorPrice": "2.5", "taxRate": "13"})
    biscuits = next(p for p in api(base, "GET", "/api/v1/products?q=K" + u, token)["items"] if p["code"] == "K" + u)["id"]
    supplier = api(base, "POST", "/api/v1/partners", token, {"code": "S" + u, "name": "供应商" + u, "isSupplier": True})["id"]
    customer = api(base, "POST", "/api/v1/partners", token, {"code": "C" + u, "name": "北京快普科技" + u, "isCustomer": True})["id"]
    api(base, "POST", "/api/v1/stock-documents", token, {
        "type": "purchaseReceipt", "postingDate": "2026-11-01", "partnerId": supplier, "post": True, "lines": [
            {"productId": water, "quantity": "100", "warehouseId": w1, "unitCost": "2"},
            {"productId": water, "quantity": "50", "warehouseId": w2, "unitCost": "2.2"},
            {"productId": biscuits, "unit": "箱", "quantity": "20", "warehouseId": w1, "unitCost": "48"}]})
    opp = api(base, "POST", "/api/v1/opportunities", token, {"partnerId": customer, "name": "年度采购" + u, "amount": "988"})["id"]
    return {"w1": w1, "w2": w2, "customer": customer, "opp": opp, "biscuits": biscuits}


def as_user(browser, base, name):
    browser.delete_all_cookies()
    login(browser, base, name, PASSWORD)


def fill(browser, name, value):
    el = browser.find_element(By.NAME, name)
    if el.get_attribute("type") == "date":
        # Typing into a date control depends on the browser's locale; set it as a picker would.
        browser.execute_script("arguments[0].value = arguments[1]", el, value)
        return
    el.clear()
    el.send_keys(value)


def contract_from_sent_quote(browser):
    """On an approved quote's page: sends it, makes and saves its contract, opens the plan's form;
    answers the contract's address."""
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/send'] button"))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "生成合同"))
    submit(browser)
    assert "合同已保存" in browser.page_source
    contract_url = browser.current_url
    browser.find_element(By.XPATH, "//summary[contains(., '设置回款计划')]").click()
    return contract_url


def approve_first(browser, base, comment):
    browser.get(base + "/approvals")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "table a[href^='/approvals/']"))
    fill(browser, "comment", comment)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[name=decision][value=approve]"))
    assert "已处理" in browser.page_source


def test_an_opportunity_becomes_money_in_the_bank(browser, base, admin_password):
    u = uuid.uuid4().hex[:6]
    s = setup(base, admin_password, u)
    rep, mgr = "rep" + u, "mgr" + u

    # The quote, from the opportunity: the water under its floor.
    as_user(browser, base, rep)
    browser.get(base + "/contracts/quotes/new?opportunityId=" + s["opp"])
    fill(browser, "lines[0][product]", "W" + u)
    fill(browser, "lines[0][quantity]", "120")
    fill(browser, "lines[0][unitPrice]", "2.4")
    fill(browser, "lines[1][product]", "K" + u)
    fill(browser, "lines[1][unit]", "箱")
    fill(browser, "lines[1][quantity]", "10")
    fill(browser, "lines[1][unitPrice]", "70")
    submit(browser)
    assert "低于底价" in browser.page_source and "玖佰捌拾捌元整" in browser.page_source
    quote_url = browser.current_url
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action$='/send']"), "it cannot be sent before approval"
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/submit'] button"))
    assert "审批中" in browser.page_source
    shot(browser, "o2c-quote-pending")

    # The manager approves from the inbox.
    as_user(browser, base, mgr)
    approve_first(browser, base, "老客户，同意")

    # Sent, then the contract from it, with a plan that adds up.
    as_user(browser, base, rep)
    browser.get(quote_url)
    contract_url = contract_from_sent_quote(browser)
    fill(browser, "items[0][dueDate]", "2026-12-20")
    fill(browser, "items[0][amount]", "600")
    fill(browser, "items[1][dueDate]", "2027-01-20")
    fill(browser, "items[1][amount]", "400")
    submit(browser, "form[action$='/plan'] button[type=submit]")
    assert "回款计划合计 1000.00，与合同金额 988.00 不一致" in browser.page_source, "a plan that does not add up is refused, saying both sums"
    browser.find_element(By.XPATH, "//summary[contains(., '设置回款计划')]").click()
    fill(browser, "items[0][dueDate]", "2026-12-20")
    fill(browser, "items[0][amount]", "600")
    fill(browser, "items[1][dueDate]", "2027-01-20")
    fill(browser, "items[1][amount]", "388")
    submit(browser, "form[action$='/plan'] button[type=submit]")
    assert "回款计划已保存" in browser.page_source
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/submit'] button"))
    assert "审批中" in browser.page_source

    as_user(browser, base, mgr)
    approve_first(browser, base, "可以")

    # The order: the water from both warehouses.
    as_user(browser, base, rep)
    browser.get(contract_url)
    assert "已生效" in browser.page_source
    fill(browser, "lines[0][quantity]", "80")
    Select(browser.find_element(By.NAME, "lines[0][warehouseId]")).select_by_value(s["w1"])
    fill(browser, "lines[1][quantity]", "40")
    Select(browser.find_element(By.NAME, "lines[1][warehouseId]")).select_by_value(s["w2"])
    fill(browser, "lines[2][quantity]", "10")
    Select(browser.find_element(By.NAME, "lines[2][warehouseId]")).select_by_value(s["w1"])
    # With three warehouses a product can take one more row: it comes after the water's own rows with
    # the next free index and an empty quantity (left empty, it is not ordered).
    browser.find_element(By.CSS_SELECTOR, "tr[data-group='0'] button[data-add-row]").click()
    water_rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-group='0']")
    assert len(water_rows) == 3
    added = water_rows[2].find_element(By.CSS_SELECTOR, "input:not([type=hidden])")
    assert added.get_attribute("name") == "lines[4][quantity]" and added.get_attribute("value") == ""
    assert water_rows[2].find_element(By.CSS_SELECTOR, "input[type=hidden]").get_attribute("name") == "lines[4][contractLineId]"
    submit(browser, "form[action$='/order'] button[type=submit]")
    assert "订单已生成" in browser.page_source
    # Delivered and posted.
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/fulfil'] button"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/post'] button"))
    assert "已过账" in browser.page_source
    shot(browser, "o2c-delivery")

    # The invoice, for the whole delivery.
    browser.get(contract_url)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "开具发票"))
    browser.find_element(By.CSS_SELECTOR, "input[name='stockDocumentIds[]']").click()
    Select(browser.find_element(By.NAME, "kind")).select_by_value("special")
    fill(browser, "invoiceNo", "04405678")
    submit(browser)
    assert "发票已开具" in browser.page_source and "988.00" in browser.page_source

    # Two collections: 500 against the invoice, the rest against the biscuits.
    browser.get(contract_url)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "登记收款"))
    fill(browser, "amount", "500")
    Select(browser.find_element(By.NAME, "target")).select_by_index(1)
    submit(browser)
    assert "已保存" in browser.page_source and "500.00" in browser.page_source
    browser.get(contract_url)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "登记收款"))
    fill(browser, "amount", "488")
    browser.find_element(By.CSS_SELECTOR, "input[name=mode][value=product]").click()
    Select(browser.find_element(By.NAME, "productId")).select_by_value(s["biscuits"])
    fill(browser, "targetAmount", "500")
    submit(browser)
    assert "核销超出" in browser.page_source and "488.00" in browser.page_source, "more than is open on the biscuits is refused"
    fill(browser, "targetAmount", "488")
    submit(browser)
    assert "已保存" in browser.page_source

    # Nothing open, the plan paid, the margin right to the cent.
    browser.get(base + "/cash/receivables?partnerId=" + s["customer"])
    assert "没有未结款项" in browser.page_source
    browser.get(contract_url)
    page = browser.page_source
    assert page.count("已收齐") == 2, "both installments are paid"
    assert "728.00" in page and "146.34" in page, "cost of goods 728.00 and gross margin 146.34"
    shot(browser, "o2c-contract-done")

    # The same pages on a phone.
    browser.set_window_size(375, 800)
    for url in (contract_url, quote_url, base + "/cash/receivables", base + "/approvals", base + "/contracts"):
        browser.get(url)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width}px wide on a phone"

    # The audit log tells the story of the contract.
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    contract_id = contract_url.rstrip("/").split("/")[-1]
    actions = [e["action"] for e in api(base, "GET", "/api/v1/audit?entity=contract&entityId=%s&limit=50" % contract_id, token)["items"]]
    for a in ("create", "plan", "submit", "approval_approved", "order"):
        assert a in actions, (a, actions)
