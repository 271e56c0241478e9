"""Every page a person reaches from the home page, at 375 px (a phone) and at 1366 px, in zh-CN:
nothing wider than the screen, every table cell keeps its column's name when the table folds into
cards, every field has a label a person can see, no string missing from the catalog, and no error
page. Runs last (the name), so the pages hold what the other browser tests created."""
import re
from urllib.parse import urlparse

from test_platform import login

CHECK = """
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
