#!/usr/bin/env python3
"""Kills the server with SIGKILL in the middle of a stream of postings, starts it again and
checks that nothing committed was lost, no document is half-posted, every stock balance equals
its ledger entries and every posted delivery is owed exactly its lines.

Usage: kill_during_postings.py BIN [DATABASE_URL]   (no URL: SQLite in a new data directory)
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BIN = sys.argv[1]
DB_URL = sys.argv[2] if len(sys.argv) > 2 else None
PORT = int(os.environ.get("CRASH_PORT", "8091"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "crash-admin-password-1"
DATA = tempfile.mkdtemp(prefix="concord-crash-")


def start():
    env = dict(os.environ, CONCORD_DATA_DIR=DATA, PORT=str(PORT), CONCORD_ADMIN_PASSWORD=PASSWORD, CONCORD_BCRYPT_COST="4")
    if DB_URL:
        env["DATABASE_URL"] = DB_URL
    p = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(DATA, "server.log"), "a"))
    for _ in range(200):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)
            return p
        except Exception:
            time.sleep(0.2)
    sys.exit("server did not start")


def api(method, path, token=None, body=None):
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode() if body is not None else None, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read() or b"{}")


def query(sql):
    """One value per row, first column, straight from the database."""
    if DB_URL:
        out = subprocess.run(["psql", DB_URL.replace("?tlsmode=disable", ""), "-qAt", "-c", sql], capture_output=True, text=True, check=True).stdout
        return [line for line in out.splitlines() if line]
    import sqlite3
    con = sqlite3.connect(os.path.join(DATA, "concord.sqlite"))
    try:
        return [str(r[0]) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def main():
    server = start()
    token = api("POST", "/api/v1/auth/token", body={"username": "admin", "password": PASSWORD})[1]["token"]
    hq = next(b for b in api("GET", "/api/v1/branches", token)[1]["items"] if b["kind"] == "head_office")["id"]
    wh = api("POST", "/api/v1/warehouses", token, {"code": "W1", "name": "总仓", "branchId": hq})[1]["id"]
    product = api("POST", "/api/v1/products", token, {"code": "P1", "name": "矿泉水", "baseUnit": "瓶", "costingMethod": "moving_average",
                                                       "purchasePrice": "1", "salePrice": "2"})[1]["id"]
    supplier = api("POST", "/api/v1/partners", token, {"code": "S1", "name": "供应商甲", "isSupplier": True})[1]["id"]
    customer = api("POST", "/api/v1/partners", token, {"code": "C1", "name": "客户甲", "isCustomer": True})[1]["id"]
    api("POST", "/api/v1/stock-documents", token, {"type": "purchaseReceipt", "postingDate": "2026-11-01", "partnerId": supplier, "post": True,
                                                   "lines": [{"productId": product, "quantity": "1000000", "warehouseId": wh, "unitCost": "1.25"}]})
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()

    def stream(n):
        i = 0
        while not stop.is_set():
            i += 1
            day = 2 + (i % 27)
            body = {"type": "salesDelivery", "postingDate": f"2026-11-{day:02d}", "partnerId": customer, "post": True,
                    "lines": [{"productId": product, "quantity": str(1 + i % 5), "warehouseId": wh, "unitPrice": "2.35"}]}
            try:
                status, doc = api("POST", "/api/v1/stock-documents", token, body)
                if status == 201:
                    with lock:
                        acknowledged.append(doc["id"])
            except Exception:
                return

    threads = [threading.Thread(target=stream, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    time.sleep(3)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads:
        t.join()
    print(f"killed after {len(acknowledged)} acknowledged postings")
    server = start()
    try:
        problems = []
        token = api("POST", "/api/v1/auth/token", body={"username": "admin", "password": PASSWORD})[1]["token"]
        for doc in acknowledged:
            status, d = api("GET", f"/api/v1/stock-documents/{doc}", token)
            if d.get("status") != "posted":
                problems.append(f"acknowledged document {doc} is {d.get('status')}")
        drafts = query("SELECT COUNT(*) FROM stock_documents WHERE status <> 'posted'")
        if drafts != ["0"]:
            problems.append(f"{drafts[0]} documents half-done (not posted)")
        unledgered = query("SELECT COUNT(*) FROM stock_documents d WHERE d.status = 'posted' AND NOT EXISTS "
                           "(SELECT 1 FROM stock_entries e WHERE e.document_id = d.id)")
        if unledgered != ["0"]:
            problems.append(f"{unledgered[0]} posted documents without ledger entries")
        balances = query("SELECT COUNT(*) FROM stock_balances b WHERE b.qty <> (SELECT COALESCE(SUM(e.qty), 0) FROM stock_entries e "
                         "WHERE e.product_id = b.product_id AND e.warehouse_id = b.warehouse_id AND e.batch = b.batch) "
                         "OR b.value <> (SELECT COALESCE(SUM(e.value), 0) FROM stock_entries e "
                         "WHERE e.product_id = b.product_id AND e.warehouse_id = b.warehouse_id AND e.batch = b.batch)")
        if balances != ["0"]:
            problems.append(f"{balances[0]} balances differ from their ledger")
        owed = query("SELECT COUNT(*) FROM stock_documents d WHERE d.status = 'posted' AND d.doc_type = 'salesDelivery' AND "
                     "(SELECT COALESCE(SUM(o.amount), 0) FROM open_items o WHERE o.source = 'stock' AND o.doc_id = d.id) <> "
                     "(SELECT COALESCE(SUM(l.amount), 0) FROM stock_document_lines l WHERE l.document_id = d.id)")
        if owed != ["0"]:
            problems.append(f"{owed[0]} deliveries owed other than their lines")
        posted = int(query("SELECT COUNT(*) FROM stock_documents WHERE doc_type = 'salesDelivery'")[0])
        if posted < len(acknowledged):
            problems.append(f"{len(acknowledged)} acknowledged, {posted} in the database")
        # And the server works on: one more posting.
        status, _ = api("POST", "/api/v1/stock-documents", token, {"type": "salesDelivery", "postingDate": "2026-11-30", "partnerId": customer,
                                                                   "post": True, "lines": [{"productId": product, "quantity": "1", "warehouseId": wh,
                                                                                            "unitPrice": "2.35"}]})
        if status != 201:
            problems.append(f"posting after the restart answered {status}")
        if problems:
            sys.exit("after SIGKILL:\n" + "\n".join(problems))
        print(f"after SIGKILL: {posted} deliveries posted, {len(acknowledged)} acknowledged before the kill, all books reconcile")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
