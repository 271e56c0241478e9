"""Every page a person reaches from the home page, at 375 px (a phone) and at 1366 px, in zh-CN,
as the administrator and as each ready-made role: nothing wider than the screen, every table cell
keeps its column's name when the table folds into cards, every field has a label a person can see,
no string missing from the catalog, no error page, and every chart's figures agree with the table
beside it. Runs last (the name), so the pages hold what the other browser tests created."""
import re
import uuid
from urllib.parse import urlparse

from test_order_to_cash import api
from test_platform import login, logout

CHECK = r"""
const problems = [];
const phone = window.innerWidth < 500;
if (phone && !location.pathname.endsWith('/print') && document.documentElement.scrollWidth > window.innerWidth + 1) {
  problems.push('wider than the screen: ' + document.documentElement.scrollWidth + 'px');
}
for (const td of document.querySelectorAll('table.data tbody td, table.data tfoot td')) {
  if (!td.getAttribute('data-label')) { problems.push('a cell without its label: ' + td.textContent.trim().slice(0, 40)); break; }
}
for (const el of document.querySelectorAll('input, select, textarea')) {
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (['hidden', 'submit', 'button'].includes(type)) continue;
  if (el.closest('[hidden]') || el.closest('form[role=search]')) continue;
  const labelled = (el.labels && el.labels.length > 0) || (el.closest('td') && el.closest('td').getAttribute('data-label'));
  if (!labelled) problems.push('a field without a visible label: ' + (el.name || el.id));
}
if (document.body.innerText.includes('\u27e6')) problems.push('a string missing from the catalog');
if (document.querySelector('.error-page')) problems.push('an error page: ' + document.querySelector('.error-page').innerText.slice(0, 80));
// A chart's figure ("label: figure" in each mark's title) is the figure of the row with that label
// in a table on the page, in the chart's unit (万元 is ten thousand yuan, to the half hundred).
const number = (t) => { const m = (t || '').replace(/[,¥\s]/g, '').match(/^-?\d+(\.\d+)?$/); return m ? parseFloat(m[0]) : null; };
for (const svg of document.querySelectorAll('svg.chart')) {
  const title = svg.getAttribute('aria-label') || '';
  const factor = title.includes('万元') ? 10000 : 1;
  for (const mark of svg.querySelectorAll(':scope > g > title, rect > title, path > title, circle > title')) {
    const text = mark.textContent, cut = text.lastIndexOf(': ');
    if (cut < 0) continue;
    const label = text.slice(0, cut), figure = number(text.slice(cut + 2));
    if (figure === null) continue;
    const rows = [...document.querySelectorAll('table tr')].filter(tr => tr.cells.length > 1 && tr.cells[0].innerText.trim() === label);
    if (rows.length === 0) continue;
    const agrees = rows.some(tr => [...tr.cells].slice(1).some(td => {
      const v = number(td.innerText);
      return v !== null && Math.abs(v - figure * factor) <= (factor > 1 ? 50 : 0.005);
    }));
    if (!agrees) problems.push('chart "' + title + '" shows ' + text + ', not what its table says');
  }
}
return problems;
"""

SKIP = ("/logout", "/lang/", "/assets/", "/api/", "/healthz")


def shape(path):
    p = urlparse(path)
    route = re.sub(r"/\d+", "/N", p.path)
    keys = sorted(k.split("=")[0] for k in p.query.split("&") if k)
    return route + "?" + "&".join(keys)


def crawl(browser, base, limit=90):
    seen, shapes, queue, problems = set(), set(), ["/"], []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        browser.get(base + path)
        for p in browser.execute_script(CHECK):
            problems.append(f"{path} ({browser.get_window_size()['width']}px): {p}")
        for a in browser.find_elements("css selector", "a[href^='/']"):
            href = a.get_attribute("href") or ""
            link = urlparse(href)
            target = link.path + ("?" + link.query if link.query else "")
            if any(target.startswith(s) for s in SKIP) or target in seen:
                continue
            s = shape(target)
            if s not in shapes:
                shapes.add(s)
                queue.append(target)
    return seen, problems


def test_every_page_on_a_phone_and_a_desktop(browser, base, admin_password):
    login(browser, base, "admin", admin_password)
    for width in (375, 1366):
        browser.set_window_size(width, 900)
        seen, problems = crawl(browser, base)
        assert len(seen) > 30, f"the crawl reached {len(seen)} pages"
        assert not problems, "\n".join(problems[:60])


PASSWORD = "role-journey-1"


def test_each_role_on_a_phone_and_a_desktop(browser, base, admin_password):
    """A general manager, a salesperson, finance and a warehouse keeper, each made from the
    ready-made roles, walk what their menu reaches: the same checks, and never an error page."""
    token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": admin_password})["token"]
    hq = next(b for b in api(base, "GET", "/api/v1/branches", token)["items"] if b["kind"] == "head_office")["id"]
    templates = {t["key"]: t for t in api(base, "GET", "/api/v1/role-templates", token)["items"]}
    existing = {r["code"]: r["id"] for r in api(base, "GET", "/api/v1/roles?limit=200", token)["items"]}
    u = uuid.uuid4().hex[:6]
    for key in ("general_manager", "sales_rep", "finance", "warehouse_keeper"):
        t = templates[key]
        role = existing.get(key) or api(base, "POST", "/api/v1/roles", token, {
            "code": t["code"], "name": t["name"], "permissions": t["permissions"], "dataScope": t["dataScope"]})["id"]
        username = key.replace("_", "") + u
        api(base, "POST", "/api/v1/users", token, {"username": username, "displayName": t["name"] + u, "password": PASSWORD,
                                                  "branchId": hq, "roleIds": [role]})
        login(browser, base, username, PASSWORD)
        for width in (375, 1366):
            browser.set_window_size(width, 900)
            seen, problems = crawl(browser, base, limit=45)
            assert len(seen) > 5, f"{key} reached {len(seen)} pages"
            assert not problems, key + "\n" + "\n".join(problems[:60])
        browser.get(base + "/")
        logout(browser)
