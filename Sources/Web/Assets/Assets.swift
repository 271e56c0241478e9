import Vapor

/// The stylesheet and the little script, served from memory with a long cache life.
enum Assets {
    static func css(_ req: Request) -> Response {
        serve(stylesheet, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
    }
    static func js(_ req: Request) -> Response {
        serve(script, type: HTTPMediaType(type: "application", subType: "javascript", parameters: ["charset": "utf-8"]))
    }

    static func serve(_ text: String, type: HTTPMediaType) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.add(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// Only makes pages nicer: confirm before dangerous forms, the print button. Pages work without it.
    static let script = """
        document.addEventListener('submit', function (e) {
          var f = e.target;
          if (f && f.dataset && f.dataset.confirm && !window.confirm(f.dataset.confirm)) { e.preventDefault(); }
        });
        document.addEventListener('click', function (e) {
          var b = e.target.closest && e.target.closest('[data-print]');
          if (b) { window.print(); }
        });
        // The opportunity board: a card dropped on a column submits the card's own move form.
        document.addEventListener('dragstart', function (e) {
          var c = e.target.closest && e.target.closest('[data-card]');
          if (c) { e.dataTransfer.setData('text/plain', c.dataset.card); c.classList.add('dragging'); }
        });
        document.addEventListener('dragover', function (e) {
          if (e.target.closest && e.target.closest('[data-stage-id]')) { e.preventDefault(); }
        });
        document.addEventListener('drop', function (e) {
          var col = e.target.closest && e.target.closest('[data-stage-id]');
          if (!col) { return; }
          e.preventDefault();
          var card = document.querySelector('[data-card="' + e.dataTransfer.getData('text/plain') + '"]');
          var f = card && card.querySelector('form.card-move');
          if (!f) { return; }
          f.elements.stageId.value = col.dataset.stageId;
          if (col.dataset.outcome === 'lost' && !f.elements.lostReason.value) {
            var why = window.prompt(f.elements.lostReason.getAttribute('placeholder') || '');
            if (!why) { card.classList.remove('dragging'); return; }
            f.elements.lostReason.value = why;
          }
          f.submit();
        });
        // One more row for a product of a lines table: a copy of the button's row with the next free index,
        // its quantity empty, placed after the product's other rows. The button shows only where this runs.
        document.querySelectorAll('[data-add-row]').forEach(function (b) { b.hidden = false; });
        document.addEventListener('click', function (e) {
          var b = e.target.closest && e.target.closest('[data-add-row]');
          if (!b) { return; }
          var row = b.closest('tr'), body = row.parentNode, next = 0;
          b.form.querySelectorAll('[name^="lines["]').forEach(function (el) { next = Math.max(next, parseInt(el.name.slice(6), 10) + 1); });
          var copy = row.cloneNode(true);
          copy.querySelectorAll('[name^="lines["]').forEach(function (el) {
            el.name = el.name.replace(/^lines\\[\\d+\\]/, 'lines[' + next + ']');
            if (el.type !== 'hidden' && el.tagName !== 'SELECT') { el.value = ''; }
          });
          copy.querySelectorAll('[data-add-row]').forEach(function (x) { x.remove(); });
          copy.cells[0].textContent = ''; copy.cells[1].textContent = '';
          var group = body.querySelectorAll('tr[data-group="' + row.dataset.group + '"]');
          group[group.length - 1].after(copy);
          var q = copy.querySelector('input:not([type=hidden])'); if (q) { q.focus(); }
        });
        // An address: the city and district suggest from the province just chosen.
        document.addEventListener('change', function (e) {
          var s = e.target;
          if (!s || s.name !== 'province' || s.tagName !== 'SELECT' || !s.form) { return; }
          var c = s.form.elements.city, d = s.form.elements.district;
          if (c && c.getAttribute('list')) { c.setAttribute('list', 'cities-' + s.value); }
          if (d && d.getAttribute('list')) { d.setAttribute('list', 'districts-' + s.value); }
        });
        // A visit's check-in: the phone's position goes into the follow-up form.
        document.addEventListener('click', function (e) {
          var b = e.target.closest && e.target.closest('[data-checkin]');
          if (!b) { return; }
          e.preventDefault();
          var f = b.form, out = document.getElementById(b.dataset.checkin);
          if (!navigator.geolocation) { out.textContent = b.dataset.unavailable; return; }
          out.textContent = b.dataset.locating;
          navigator.geolocation.getCurrentPosition(function (p) {
            f.elements.latitude.value = p.coords.latitude.toFixed(6);
            f.elements.longitude.value = p.coords.longitude.toFixed(6);
            f.elements.accuracy.value = String(Math.round(p.coords.accuracy));
            if (f.elements.kind) { f.elements.kind.value = 'visit'; }
            out.textContent = b.dataset.done.replace('{0}', f.elements.latitude.value + ', ' + f.elements.longitude.value)
              .replace('{1}', f.elements.accuracy.value);
          }, function (err) { out.textContent = b.dataset.failed + ' ' + err.message; }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
        });
        // The check-in board: the camera reads a ticket's QR code where the browser can
        // (BarcodeDetector), else the code is typed; the figures for the screen at the door refresh.
        (function () {
          var b = document.querySelector('[data-scan]');
          if (b && 'BarcodeDetector' in window && navigator.mediaDevices) {
            b.hidden = false;
            b.addEventListener('click', function () {
              var video = document.querySelector('[data-scanner]'), input = document.getElementById(b.dataset.scan);
              var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
              navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
                video.srcObject = stream; video.hidden = false; video.play();
                var look = function () {
                  detector.detect(video).then(function (codes) {
                    if (codes.length > 0) {
                      stream.getTracks().forEach(function (t) { t.stop(); });
                      input.value = codes[0].rawValue; input.form.submit();
                    } else { window.setTimeout(look, 250); }
                  }, function () { window.setTimeout(look, 500); });
                };
                look();
              }, function () { b.textContent = b.dataset.scanFailed; });
            });
          }
          var counts = document.querySelector('[data-counts]');
          if (counts && window.fetch) {
            window.setInterval(function () {
              fetch(counts.dataset.counts, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
                if (!j) { return; }
                counts.querySelectorAll('[data-count]').forEach(function (dd) {
                  if (j[dd.dataset.count] !== undefined) { dd.textContent = String(j[dd.dataset.count]); }
                });
              }, function () {});
            }, 5000);
          }
        })();
        """

    static let stylesheet = """
        :root { --fg:#1d2330; --muted:#6b7280; --line:#e3e6eb; --bg:#f6f7f9; --card:#fff; --accent:#2f6fdf; --danger:#c9302c; --ok:#1f8a5b; }
        * { box-sizing: border-box; }
        body { margin:0; font: 15px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
        a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
        .topbar { display:flex; align-items:center; gap:12px; padding:8px 16px; background:#1d2330; color:#fff; position:sticky; top:0; z-index:10; }
        .topbar a, .topbar .link { color:#fff; }
        .brand { font-weight:700; font-size:17px; }
        .topbar-right { margin-left:auto; display:flex; align-items:center; gap:12px; flex-wrap:wrap; }
        .lang-switch a, .lang-switch strong { margin-left:6px; }
        .menu-button { display:none; cursor:pointer; font-size:20px; }
        .nav-toggle { display:none; }
        .shell { display:flex; min-height: calc(100vh - 44px); }
        .sidebar { width:210px; flex-shrink:0; background:#fff; border-right:1px solid var(--line); padding:12px 0; }
        .nav-section { margin-bottom:12px; }
        .nav-title { font-size:12px; color:var(--muted); padding:4px 16px; text-transform:uppercase; letter-spacing:.04em; }
        .sidebar a { display:block; padding:6px 16px; color:var(--fg); }
        .sidebar a.current { background:#eaf1fd; color:var(--accent); font-weight:600; border-left:3px solid var(--accent); }
        .content { flex:1; padding:16px 24px; min-width:0; }
        .narrow { max-width:420px; margin:40px auto; padding:0 16px; }
        .page-head { display:flex; align-items:center; justify-content:space-between; gap:12px; flex-wrap:wrap; }
        .page-help { margin-right:auto; } .page-help > summary { list-style:none; display:inline-block; width:24px; height:24px; line-height:22px; border-radius:12px; border:1px solid var(--line); text-align:center; cursor:pointer; color:var(--muted); background:#fff; }
        .page-help > summary::-webkit-details-marker { display:none; } .page-help[open] p { max-width:560px; background:#fff; border:1px solid var(--line); padding:8px 12px; border-radius:6px; margin:6px 0 0; }
        .empty-state { padding:16px; background:#fff; border:1px dashed var(--line); border-radius:8px; } .empty-help { color:var(--muted); }
        h1 { font-size:22px; margin:8px 0 16px; } h2 { font-size:17px; margin:0 0 12px; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px; margin-bottom:16px; }
        .tiles { display:grid; grid-template-columns: repeat(auto-fit, minmax(140px,1fr)); gap:12px; margin-bottom:16px; }
        .tile { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px; }
        .tile-value { font-size:26px; font-weight:700; } .tile-label { color:var(--muted); }
        details.card > summary { cursor:pointer; } details.card > summary h2 { display:inline; font-size:16px; }
        .thumb-bar { display:none; }
        .setup-steps li { margin:6px 0; } .setup-steps li.done { color:var(--muted); } .setup-steps form.inline { display:inline; margin-left:8px; }
        .bell { position:relative; text-decoration:none; font-size:18px; padding:2px 6px; }
        .bell-count { position:absolute; top:-4px; right:-6px; background:#d93025; color:#fff; border-radius:9px; font-size:11px; padding:0 5px; line-height:16px; }
        a.tile { display:block; color:inherit; text-decoration:none; } a.tile:hover { border-color:var(--accent); }
        .tile.warn { border-left:4px solid #e6a23c; } .tile-detail { font-size:12px; color:var(--muted); margin-top:2px; }
        .home-section > h2 { font-size:15px; margin:4px 0 8px; color:var(--muted); font-weight:600; }
        .grid2 { display:grid; grid-template-columns: repeat(auto-fit, minmax(300px,1fr)); gap:16px; }
        .button, button { display:inline-block; padding:6px 14px; border:1px solid var(--line); border-radius:6px; background:#fff; color:var(--fg); font:inherit; cursor:pointer; }
        .button.primary, button.primary { background:var(--accent); border-color:var(--accent); color:#fff; }
        button.danger { color:var(--danger); border-color:#f0c8c7; }
        button.link { background:none; border:none; padding:0; color:inherit; text-decoration:underline; }
        button.add-row { margin-left:.4rem; padding:0 .55rem; line-height:1.6; }
        .actions { display:flex; gap:8px; flex-wrap:wrap; }
        .flash { padding:10px 14px; border-radius:6px; margin-bottom:12px; border:1px solid; }
        .flash.success { background:#ecf8f1; border-color:#bfe5d0; } .flash.error { background:#fdeeee; border-color:#f2c4c3; } .flash.info { background:#eef3fd; border-color:#c9d8f6; }
        .list-filters { display:flex; flex-wrap:wrap; gap:8px; margin-bottom:12px; align-items:center; }
        .list-filters input[type=search] { min-width:220px; }
        input, select, textarea { font:inherit; padding:6px 8px; border:1px solid #cfd4dc; border-radius:6px; background:#fff; max-width:100%; }
        .table-wrap { overflow-x:auto; background:#fff; border:1px solid var(--line); border-radius:8px; }
        table.data { width:100%; border-collapse:collapse; }
        table.data th, table.data td { padding:8px 10px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
        table.data th { background:#fafbfc; font-weight:600; white-space:nowrap; }
        .num { text-align:right; font-variant-numeric: tabular-nums; }
        table.data td.num, table.data th.num { text-align:right; }
        .actions + h2, form.form + h2, .actions + h3 { margin-top:20px; }
        dl.figures { display:flex; flex-wrap:wrap; gap:10px; margin:8px 0 16px; } dl.figures > div { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:8px 14px; min-width:120px; }
        dl.figures dt { color:var(--muted); font-size:13px; } dl.figures dd { margin:0; font-size:22px; font-weight:600; font-variant-numeric:tabular-nums; }
        .board { max-width:560px; } .board-answer { font-size:24px; font-weight:700; padding:18px; border-radius:10px; margin-bottom:12px; color:#fff; overflow-wrap:anywhere; }
        .board-answer.ok { background:var(--ok); } .board-answer.refused { background:var(--danger); }
        .board-scan input[name=code] { font-size:22px; letter-spacing:2px; text-transform:uppercase; } .board video.scanner { width:100%; max-height:50vh; border-radius:8px; background:#000; }
        .board details.walk-in { margin-top:16px; } .board details.walk-in summary { font-weight:600; cursor:pointer; padding:8px 0; }
        .message-text { white-space:pre-wrap; overflow-wrap:anywhere; border:1px solid var(--line); border-radius:6px; padding:10px; background:#fff; }
        figure.qr.ticket svg { width:240px; height:240px; } .rsvp .agenda { white-space:pre-line; }
        figure.qr { margin:12px 0; } figure.qr svg { width:180px; height:180px; display:block; } figure.qr figcaption { color:var(--muted); font-size:13px; max-width:360px; }
        .pager { display:flex; gap:8px; margin-top:12px; }
        .empty, .muted { color:var(--muted); }
        .form { max-width:640px; } .field { margin-bottom:14px; display:flex; flex-direction:column; gap:4px; }
        .field label { font-weight:600; } .field .hint { color:var(--muted); font-size:13px; }
        .field.has-error input, .field.has-error select, .field.has-error textarea { border-color:var(--danger); }
        .field .error { color:var(--danger); font-size:13px; } .req { color:var(--danger); }
        .field.checkbox label { font-weight:normal; }
        .checks { display:grid; grid-template-columns: repeat(auto-fill, minmax(200px,1fr)); gap:4px 12px; }
        .check { font-weight:normal !important; }
        .form-actions { display:flex; gap:8px; margin-top:8px; }
        .inline { display:inline; } .inline-form { display:flex; gap:8px; align-items:flex-end; flex-wrap:wrap; max-width:none; }
        .profile-badges { display:flex; gap:6px; flex-wrap:wrap; margin:-8px 0 12px; align-items:center; }
        .badge.tag { background:#eef3fd; color:var(--accent); }
        .section-head { display:flex; justify-content:space-between; align-items:center; gap:8px; }
        .contact-card { border-top:1px solid var(--line); padding:8px 0; } .contact-card:first-of-type { border-top:none; }
        .small { font-size:13px; }
        .timeline { list-style:none; padding:0; margin:12px 0 0; }
        .timeline li { border-left:2px solid var(--line); padding:4px 0 10px 12px; margin-left:4px; }
        .timeline-body { margin:4px 0; white-space:pre-wrap; }
        .followup-form { display:flex; flex-direction:column; gap:8px; margin-bottom:12px; }
        .followup-form textarea { width:100%; }
        .followup-row { display:flex; gap:8px; flex-wrap:wrap; align-items:center; }
        .visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
        .honeypot { position:absolute; left:-10000px; width:1px; height:1px; overflow:hidden; }
        .tree { list-style:none; padding:0; margin:0; }
        .kanban { display:flex; gap:12px; overflow-x:auto; padding-bottom:8px; margin-bottom:16px; align-items:flex-start; }
        .kanban-column { flex:0 0 230px; background:#eef1f5; border-radius:8px; padding:8px; min-height:120px; }
        .kanban-column h2 { font-size:15px; margin:0 0 4px; }
        .kanban-card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px; margin-top:8px; cursor:grab; }
        .kanban-card.dragging { opacity:.5; }
        .card-move { display:flex; flex-wrap:wrap; gap:4px; margin-top:6px; } .card-move select, .card-move input, .card-move button { font-size:13px; padding:2px 6px; }
        @media (max-width: 700px) { .kanban { flex-direction:column; } .kanban-column { flex:1 1 auto; width:100%; } }
        .week-grid { display:grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap:8px; }
        .week-grid .day-column { padding:8px; margin:0; min-width:0; } .week-grid .day-column h2 { font-size:14px; }
        .task.done { color:var(--muted); text-decoration:line-through; }
        @media (max-width: 900px) { .week-grid { grid-template-columns: 1fr; } }
        .month-grid { display:grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap:2px; }
        .month-head { font-size:12px; color:var(--muted); text-align:center; padding:4px 0; }
        .month-day { border:1px solid var(--line); border-radius:4px; min-height:88px; padding:4px; min-width:0; overflow:hidden; font-size:12px; }
        .month-day.other { background:#f7f8fa; color:var(--muted); } .month-day.today { border-color:var(--accent); }
        .month-date { font-weight:600; } .month-count { display:none; }
        .month-items li { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; } .follow-up { color:#8a5a00; }
        @media (max-width: 600px) {
          .month-day { min-height:48px; text-align:center; } .month-items { display:none; }
          .month-count { display:block; margin:2px auto 0; width:20px; border-radius:10px; background:#eef3fd; color:var(--accent); }
        }
        ul.plain { list-style:none; padding:0; margin:0; } ul.plain li { padding:3px 0; }
        .unread { font-weight:600; }
        .pool-form table input { width:6em; }
        .tree li { padding:3px 0; } .tree li.current { font-weight:600; }
        .tree .depth-1 { padding-left:20px; } .tree .depth-2 { padding-left:40px; } .tree .depth-3 { padding-left:60px; }
        .tree .depth-4 { padding-left:80px; } .tree .depth-5 { padding-left:100px; } .tree .depth-6 { padding-left:120px; }
        .facts { display:grid; grid-template-columns: 160px 1fr; gap:6px 16px; background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px; margin:0 0 16px; }
        .facts dt { color:var(--muted); } .facts dd { margin:0; }
        .badge { display:inline-block; padding:1px 8px; border-radius:10px; background:#eef0f3; font-size:12px; margin-left:6px; }
        .badge.independent { background:#e6f4ea; } .badge.consolidated { background:#fdf3e0; }
        .badge.approved, .badge.active, .badge.accepted, .badge.issued, .badge.posted, .badge.completed { background:#e6f4ea; color:#1e6b34; }
        .sandbox-banner { background:#fff4d6; color:#6b4e00; padding:6px 16px; font-size:14px; border-bottom:1px solid #f0d58a; }
        .badge.pending, .badge.sent, .badge.near { background:#fdf3e0; color:#8a5a00; }
        .badge.rejected, .badge.terminated, .badge.declined, .badge.expired, .badge.cancelled { background:#fdecea; color:#a8261b; }
        tr.warn td { background:#fff7e6; }
        .notice.warn { background:#fff7e6; border-left:3px solid #e6a23c; padding:8px 12px; }
        .progress-row { display:flex; align-items:center; gap:10px; margin:6px 0; }
        .progress-label { width:7em; flex:none; }
        .progress-bar { flex:1; height:10px; min-width:80px; border-radius:5px; }
        .progress-bar .track { fill:#eef0f3; } .progress-bar .fill { fill:var(--accent); }
        td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
        .signatures { margin-top:48px; }
        .tree, .tree ul { list-style:none; padding-left:18px; } .tree { padding-left:0; }
        .tree li { margin:6px 0; } .tree-item { padding:6px 10px; background:#fff; border:1px solid var(--line); border-radius:6px; display:inline-block; }
        .tree-departments { font-size:13px; margin:2px 0 0 12px; }
        .timeline { list-style:none; padding:0; margin:0; } .timeline li { padding:4px 0; border-bottom:1px dashed var(--line); }
        .timeline time { color:var(--muted); font-size:13px; }
        .chart { width:100%; height:auto; max-height:260px; } .chart .label { font-size:11px; fill:var(--muted); } .chart .value { font-size:11px; fill:var(--fg); }
        .chart .value.inverse { fill:#fff; } .chart .axis { stroke:#ccd; }
        .donut { display:flex; align-items:center; gap:12px; flex-wrap:wrap; } .donut .chart { width:180px; }
        .legend { list-style:none; padding:0; margin:0; } .swatch { display:inline-block; width:10px; height:10px; margin-right:6px; vertical-align:middle; }
        .changes { margin:0; padding-left:16px; font-size:13px; }
        pre.secret { background:#1d2330; color:#fff; padding:10px; border-radius:6px; white-space:pre-wrap; word-break:break-all; }
        .error-page .status { font-size:48px; font-weight:700; color:var(--muted); margin:0; }
        .login h1 { margin-top:0; }
        body.print { background:#fff; } .print main { max-width:900px; margin:0 auto; padding:24px; }
        .print-bar { text-align:right; padding:8px 24px; display:flex; justify-content:flex-end; gap:16px; align-items:center; flex-wrap:wrap; }
        .logo-preview { max-height:64px; max-width:200px; border:1px solid var(--line); padding:4px; background:#fff; }
        label.inline-field { display:inline-flex; flex-direction:column; gap:2px; margin-right:6px; vertical-align:bottom; }
        label.inline-field > span { font-size:12px; color:var(--muted); }
        .paper-choice a { margin-left:8px; } .paper-choice a[aria-current] { font-weight:700; text-decoration:none; color:var(--fg); }
        table.sheet { width:100%; border-collapse:collapse; } table.sheet > thead { display:table-header-group; } table.sheet > * > tr > td { padding:0; }
        .letterhead { display:flex; align-items:center; gap:12px; border-bottom:2px solid #222; padding-bottom:6px; margin-bottom:8px; }
        .letterhead .logo { max-height:48px; max-width:120px; } .letterhead .issuer { flex:1; }
        .letterhead .company { font-size:18px; font-weight:700; margin:0; } .letterhead .issuer-details { font-size:11px; margin:2px 0 0; color:#333; }
        .letterhead .doc-title { text-align:right; } .letterhead h1 { font-size:20px; margin:0; letter-spacing:4px; } .doc-number { margin:2px 0 0; font-size:12px; }
        .print-head { display:flex; gap:24px; justify-content:space-between; margin:6px 0 8px; font-size:13px; }
        .print-head dl { margin:0; } .print-head dl div { display:flex; gap:6px; } .print-head dt { color:#444; white-space:nowrap; } .print-head dt::after { content:"："; }
        .print-head dd { margin:0; }
        table.lines { width:100%; border-collapse:collapse; font-size:12px; } table.lines th, table.lines td { border:1px solid #333; padding:3px 6px; }
        table.lines thead { display:table-header-group; } table.lines tr { break-inside:avoid; } table.lines tfoot td { font-weight:700; }
        .print-section { break-inside:avoid; font-size:12px; } .print-section h2 { font-size:13px; margin:10px 0 4px; } .print-section ol { margin:0; padding-left:20px; }
        .print-note { font-size:12px; }
        .sign-boxes { display:flex; gap:16px; margin-top:14px; break-inside:avoid; }
        .sign-box { flex:1; border:1px solid #333; min-height:80px; padding:6px; display:flex; flex-direction:column; justify-content:space-between; font-size:12px; }
        .sign-date { color:#444; } .copies { font-size:11px; text-align:center; margin-top:8px; }
        @page { size:A4; margin:12mm 12mm 16mm; @bottom-center { content:counter(page) " / " counter(pages); font-size:9pt; } }
        @page half { size:241mm 140mm; margin:6mm 8mm 9mm; @bottom-center { content:counter(page) " / " counter(pages); font-size:8pt; } }
        @page whole { size:241mm 280mm; margin:8mm 8mm 10mm; @bottom-center { content:counter(page) " / " counter(pages); font-size:8pt; } }
        body.paper-241x140 table.sheet { page:half; } body.paper-241x280 table.sheet { page:whole; }
        body.paper-241x140 .sign-box { min-height:48px; } body.paper-241x140 .letterhead .logo { max-height:32px; }
        @media print { .print main { max-width:none; padding:0; } }
        @media print { .no-print, .topbar, .sidebar { display:none !important; } body { background:#fff; } .content { padding:0; } }
        @media (max-width: 760px) {
          .thumb-bar { display:flex; position:fixed; left:0; right:0; bottom:0; z-index:8; background:#fff; border-top:1px solid var(--line); }
          .thumb-bar a { flex:1; text-align:center; padding:12px 4px; text-decoration:none; font-size:15px; }
          body:has(.thumb-bar) .content { padding-bottom:64px; }
          .menu-button { display:block; }
          .sidebar { display:none; position:fixed; top:44px; left:0; bottom:0; z-index:9; box-shadow: 2px 0 8px rgba(0,0,0,.1); overflow-y:auto; }
          .nav-toggle:checked ~ .shell .sidebar { display:block; }
          .content { padding:12px; }
          .topbar .user { display:none; }
          table.data thead { display:none; }
          table.data, table.data tbody, table.data tfoot, table.data tr, table.data td, table.data tbody th, table.data tfoot th { display:block; width:100%; }
          table.data tbody th, table.data tfoot th { border:none; padding:3px 10px; text-align:left; }
          table.data tr { border-bottom:1px solid var(--line); padding:6px 0; }
          table.data td { border:none; padding:3px 10px; }
          table.data td::before { content: attr(data-label); display:block; font-size:12px; color:var(--muted); }
          table.data td.num { text-align:left; }
          .facts { grid-template-columns: 1fr; } .facts dt { margin-top:6px; }
          .list-filters input[type=search] { min-width:0; width:100%; }
        }
        """
}
