"""A distributor in the portal: signs in, lands on its own account, orders from its price list,
is refused another distributor's order, sees the delivery and its statement, reports its stock
for the week; and the portal fits a 375-pixel phone."""
import uuid

from selenium.webdriver.common.by import By

from test_order_to_cash import api, fill
from test_platform import click_and_wait, login, submit

PASSWORD = "portal-password-1"


def test_a_distributor_orders_follows_and_reports(browser, base, admin_password):
    u = uuid.uuid4().hex[:6]
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    hq = next(b for b in api(base, "GET", "/api/v1/branches", token)["items"] if b["kind"] == "head_office")["id"]
    w = api(base, "POST", "/api/v1/warehouses", token, {"code": "P" + u, "name": "门户仓" + u, "branchId": hq, "kind": "central"})["id"]
    api(base, "POST", "/api/v1/products", token, {"code": "J" + u, "name": "果汁" + u, "baseUnit": "瓶", "units": [{"name": "箱", "factor": "12"}],
                                                  "costingMethod": "moving_average", "purchasePrice": "3", "salePrice": "5", "floorPrice": "4", "taxRate": "13"})
    juice = next(p for p in api(base, "GET", "/api/v1/products?q=J" + u, token)["items"] if p["code"] == "J" + u)["id"]
    supplier = api(base, "POST", "/api/v1/partners", token, {"code": "PS" + u, "name": "果汁厂" + u, "isSupplier": True})["id"]
    api(base, "POST", "/api/v1/stock-documents", token, {"type": "purchaseReceipt", "postingDate": "2026-11-01", "partnerId": supplier, "post": True,
                                                         "lines": [{"productId": juice, "unit": "箱", "quantity": "50", "warehouseId": w, "unitCost": "36"}]})
    api(base, "POST", "/api/v1/price-lists", token, {"code": "PL" + u, "name": "经销价" + u, "customerLevel": "C", "validFrom": "2026-01-01",
                                                     "items": [{"productId": juice, "unit": "箱", "price": "55"}]})
    dist = api(base, "POST", "/api/v1/customers", token, {"name": "成都经销商" + u, "level": "C", "province": "四川省"})["id"]
    other = api(base, "POST", "/api/v1/customers", token, {"name": "别家经销商" + u, "level": "C"})["id"]
    theirs = api(base, "POST", "/api/v1/sales-orders", token, {"partnerId": other, "orderDate": "2026-11-02",
                                                               "lines": [{"productId": juice, "quantity": "1", "warehouseId": w}]})["id"]
    api(base, "POST", "/api/v1/portal-users", token, {"partnerId": dist, "username": "dist" + u, "displayName": "经销商" + u, "password": PASSWORD})

    login(browser, base, "dist" + u, PASSWORD)
    assert browser.current_url.endswith("/portal"), browser.current_url
    assert "成都经销商" + u in browser.page_source
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "下订单"))
    assert "55.00" in browser.page_source
    fill(browser, "lines[0][quantity]", "4")
    submit(browser)
    assert "订单已提交" in browser.page_source and "贰佰贰拾元整" in browser.page_source
    order_id = browser.current_url.rstrip("/").split("/")[-1]
    browser.get(base + "/portal/orders/" + theirs)
    assert "404" in browser.page_source, "another distributor's order is not there"
    browser.get(base + "/crm/customers")
    assert "403" in browser.page_source, "nothing internal"

    # Head office confirms and delivers.
    api(base, "POST", "/api/v1/sales-orders/%s/confirm" % order_id, token)
    line = api(base, "GET", "/api/v1/sales-orders/" + order_id, token)["lines"][0]["id"]
    api(base, "POST", "/api/v1/stock-documents", token, {"type": "salesDelivery", "postingDate": "2026-11-20", "partnerId": dist, "post": True,
                                                         "lines": [{"productId": juice, "unit": "箱", "quantity": "4", "warehouseId": w, "orderLineId": line}]})
    browser.get(base + "/portal/deliveries")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "table a[href^='/portal/deliveries/']"))
    assert "220.00" in browser.page_source
    browser.get(base + "/portal/statement?from=2026-11-01&to=2026-11-30")
    assert "220.00" in browser.page_source

    browser.get(base + "/portal/reports")
    fill(browser, "lines[0][onHand]", "30")
    fill(browser, "lines[0][sold]", "18")
    submit(browser)
    assert "已上报" in browser.page_source
    stock = api(base, "GET", "/api/v1/channel-stock", token)["items"]
    assert any(r["productId"] == juice and r["onHand"] == "30" for r in stock)

    browser.set_window_size(375, 800)
    for path in ("/portal", "/portal/orders", "/portal/orders/new", "/portal/deliveries", "/portal/statement", "/portal/reports"):
        browser.get(base + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a phone"
