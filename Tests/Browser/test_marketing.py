"""An event's door on a 375-pixel phone: the invitee answers on the link and gets a QR ticket; at
the door the code is typed, the board answers in green (with undo) and then in red for the same
ticket; a walk-in is registered; the screen's figures follow."""
import datetime
import uuid

from selenium.webdriver.common.by import By

from test_crm import assert_fits, phone
from test_order_to_cash import api
from test_platform import login, logout, shot, submit


def setup_event(base, admin_password):
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    u = uuid.uuid4().hex[:6]
    campaign = api(base, "POST", "/api/v1/campaigns", token, {"code": "SALON-" + u, "name": "客户沙龙 " + u, "kind": "seminar",
                                                              "startsOn": datetime.date.today().isoformat()})
    api(base, "POST", f"/api/v1/campaigns/{campaign['id']}/transitions", token, {"action": "start"})
    day = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    event = api(base, "POST", "/api/v1/events", token, {"campaignId": campaign["id"], "name": "新品品鉴会 " + u,
                                                        "venue": "静安香格里拉", "startsAt": day + "T14:00", "endsAt": day + "T17:00"})
    customer = api(base, "POST", "/api/v1/customers", token, {"name": "上海嘉禾食品 " + u})
    contact = api(base, "POST", "/api/v1/contacts", token, {"partnerId": customer["id"], "name": "周经理" + u, "mobile": "13900001111",
                                                            "email": f"zhou{u}@example.cn"})
    invited = api(base, "POST", "/api/v1/invitations", token, {"eventId": event["id"], "contactIds": [contact["id"]]})["items"][0]
    return event, invited, u


def test_rsvp_then_check_in_at_the_door_on_a_phone(browser, base, admin_password):
    event, invitation, u = setup_event(base, admin_password)
    phone(browser)

    # The invitee, signed in nowhere, accepts on the link and sees the ticket.
    browser.get(base + invitation["rsvpPath"])
    assert "新品品鉴会" in browser.page_source
    assert_fits(browser, "rsvp")
    submit(browser, "form.rsvp-answer button[value=accept]")
    assert invitation["ticket"] in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "figure.qr.ticket svg")
    assert_fits(browser, "ticket")
    shot(browser, "event-ticket-375")

    # At the door: the code typed (small letters, as a thumb would) checks in, in green.
    login(browser, base, "admin", admin_password)
    board = f"{base}/marketing/events/{event['id']}/board"
    browser.get(board)
    assert_fits(browser, "board")
    browser.find_element(By.NAME, "code").send_keys(invitation["ticket"].lower())
    submit(browser, "form.board-scan button[type=submit]")
    answer = browser.find_element(By.CSS_SELECTOR, ".board-answer")
    assert "ok" in answer.get_attribute("class") and "周经理" + u in answer.text
    assert browser.find_element(By.CSS_SELECTOR, "[data-count=checkedIn]").text == "1"
    assert_fits(browser, "board after a check-in")
    shot(browser, "event-board-green-375")

    # Undone, then scanned twice: the second time is red and says when.
    submit(browser, "form[action*='/board/undo/'] button")
    assert browser.find_element(By.CSS_SELECTOR, "[data-count=checkedIn]").text == "0"
    for _ in range(2):
        browser.find_element(By.NAME, "code").send_keys(invitation["ticket"])
        submit(browser, "form.board-scan button[type=submit]")
    answer = browser.find_element(By.CSS_SELECTOR, ".board-answer")
    assert "refused" in answer.get_attribute("class") and "已于" in answer.text
    shot(browser, "event-board-red-375")

    # A walk-in: the fold opens, the guest is registered and checked in.
    browser.find_element(By.CSS_SELECTOR, "details.walk-in summary").click()
    browser.find_element(By.ID, "walk-name").send_keys("孙先生")
    browser.find_element(By.ID, "walk-phone").send_keys("13600004444")
    submit(browser, "details.walk-in form button[type=submit]")
    assert "孙先生" in browser.find_element(By.CSS_SELECTOR, ".board-answer.ok").text
    assert browser.find_element(By.CSS_SELECTOR, "[data-count=walkIns]").text == "1"
    assert browser.find_element(By.CSS_SELECTOR, "[data-count=checkedIn]").text == "2"
    assert_fits(browser, "board after a walk-in")


def test_an_invitation_mail_queued_and_its_page_on_a_phone(browser, base, admin_password):
    event, invitation, u = setup_event(base, admin_password)
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    template = api(base, "POST", "/api/v1/message-templates", token, {
        "name": "邀请 " + u, "subject": "诚邀您参加{{活动}}", "body": "{{姓名}}，您好：请点击 {{报名链接}} 报名。"})
    phone(browser)
    login(browser, base, "admin", admin_password)
    # The template reads with a real contact's data before anything is sent.
    browser.get(f"{base}/marketing/templates/{template['id']}")
    assert "诚邀您参加" in browser.find_element(By.CSS_SELECTOR, ".preview").text
    assert_fits(browser, "template")
    # From the event's page: the send is queued for its invitees.
    browser.get(f"{base}/marketing/sends/new?event={event['id']}")
    assert_fits(browser, "new send")
    browser.find_element(By.CSS_SELECTOR, f"select[name=templateId] option[value='{template['id']}']").click()
    submit(browser)
    assert "已排队" in browser.page_source
    assert_fits(browser, "send")
    shot(browser, "send-375")


def test_a_material_shared_and_its_visitor_leaves_a_number_on_a_phone(browser, base, admin_password):
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    u = uuid.uuid4().hex[:6]
    material = api(base, "POST", "/api/v1/materials", token, {"title": "工厂参观视频 " + u, "kind": "link",
                                                               "url": "https://www.example.com/tour-" + u})
    api(base, "POST", f"/api/v1/materials/{material['id']}/transitions", token, {"action": "publish"})
    phone(browser)
    login(browser, base, "admin", admin_password)
    # The salesperson's own link, made on the material's page.
    browser.get(f"{base}/marketing/materials/{material['id']}")
    assert_fits(browser, "material")
    submit(browser, "form[action$='/shares'] button[type=submit]")
    link = browser.find_element(By.CSS_SELECTOR, "input[value*='/m/']").get_attribute("value")
    assert_fits(browser, "material with its link")
    shot(browser, "material-375")
    # The visitor, signed in nowhere, opens it and leaves a number.
    logout(browser)
    browser.get(link)
    assert "工厂参观视频 " + u in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, "a[href='https://www.example.com/tour-" + u + "']")
    assert_fits(browser, "shared material")
    browser.find_element(By.NAME, "name").send_keys("林先生")
    browser.find_element(By.NAME, "phone").send_keys("1381111" + str(int(u, 16) % 10000).zfill(4))
    submit(browser, "form.form button[type=submit]")
    assert browser.find_element(By.CSS_SELECTOR, ".flash.success")
    assert_fits(browser, "shared material, number left")
    shot(browser, "material-shared-375")
    # Back on the material's page: one look, one lead.
    login(browser, base, "admin", admin_password)
    browser.get(f"{base}/marketing/materials/{material['id']}")
    figures = {dt.text: dd.text for dt, dd in zip(browser.find_elements(By.CSS_SELECTOR, "dl.figures dt"),
                                                  browser.find_elements(By.CSS_SELECTOR, "dl.figures dd"))}
    assert figures.get("查看次数") == "1" and figures.get("留资线索") == "1", figures
