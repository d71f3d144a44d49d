// errsvc playground: calls this server's own REST API (same origin) and
// shows its answers. Plain script, no dependencies, nothing from elsewhere.
'use strict';

const $ = (id) => document.getElementById(id);
const providerEntries = new Map(); // provider id -> entries, fetched once

function short(v, prefix) {
  return typeof v === 'string' ? v.replace(prefix, '') : '';
}

function lines(text, sep) {
  const out = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(sep);
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(body.message || res.status + ' ' + res.statusText);
    err.status = res.status;
    throw err;
  }
  return body;
}

async function loadProviders() {
  const list = await api('/v1/providers');
  const sel = $('provider');
  for (const p of list.providers || []) {
    const o = document.createElement('option');
    o.value = p.id;
    o.textContent = p.id + ' (' + p.name + ')';
    sel.append(o);
  }
  $('browse-note').textContent = (list.providers || []).length + ' providers and standards in catalog ' + list.catalogVersion + '.';
  return list;
}

async function entriesOf(provider) {
  if (!providerEntries.has(provider)) {
    const p = await api('/v1/providers/' + encodeURIComponent(provider));
    providerEntries.set(provider, p.entries || []);
  }
  return providerEntries.get(provider);
}

// toYAML writes the JSON form of an entry in the catalog files' YAML style.
function toYAML(v, indent) {
  indent = indent || '';
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    if (v.every((x) => typeof x !== 'object')) return ' [' + v.map(scalar).join(', ') + ']';
    return v.map((x) => '\n' + indent + '- ' + toYAML(x, indent + '  ').replace(/^\n\s*/, '')).join('');
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => !empty(v[k]));
    return keys.map((k) => '\n' + indent + snake(k) + ':' + (typeof v[k] === 'object' ? toYAML(v[k], indent + '  ') : ' ' + scalar(v[k]))).join('');
  }
  return ' ' + scalar(v);
}
function empty(x) {
  return x === '' || x === false || x === 0 || x === null || x === undefined ||
    (Array.isArray(x) && x.length === 0) || (typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0) ||
    (typeof x === 'string' && /_UNSPECIFIED$/.test(x));
}
function snake(k) { return k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()); }
function scalar(x) {
  if (typeof x !== 'string') return String(x);
  const s = x.replace(/^(CATEGORY|ACTION|WHO)_/, '');
  return /^[A-Za-z0-9_.\/-]+$/.test(s) && !/^(true|false|null|yes|no)$/i.test(s) ? s : JSON.stringify(s);
}

function request() {
  const req = {};
  const f = (id) => $(id).value;
  if (f('provider')) req.provider = f('provider');
  if (f('operation')) req.operation = f('operation');
  if (f('status')) req.httpStatus = Number(f('status'));
  if (f('body')) req.body = f('body');
  if (f('redirect')) req.redirectUri = f('redirect');
  const headers = lines(f('headers'), ':');
  if (Object.keys(headers).length) req.headers = headers;
  const context = lines(f('context'), '=');
  if (Object.keys(context).length) req.context = context;
  return req;
}

// highlight shows the input with the values errsvc read marked.
function highlight(req, evidence) {
  let text = '';
  if (req.httpStatus) text += 'HTTP ' + req.httpStatus + '\n';
  for (const [k, v] of Object.entries(req.headers || {})) text += k + ': ' + v + '\n';
  if (req.redirectUri) text += 'Redirect: ' + req.redirectUri + '\n';
  if (req.body) text += '\n' + req.body;
  const values = [];
  for (const ev of evidence) {
    const i = ev.indexOf('=');
    if (i < 0 || ev.startsWith('inferred') || ev.startsWith('context.')) continue;
    const v = ev.slice(i + 1);
    if (v.length >= 2) values.push(v);
  }
  const pre = $('a-input');
  pre.textContent = '';
  let pos = 0;
  while (pos < text.length) {
    let best = -1, len = 0;
    for (const v of values) {
      const at = text.indexOf(v, pos);
      if (at >= 0 && (best < 0 || at < best)) { best = at; len = v.length; }
    }
    if (best < 0) break;
    pre.append(text.slice(pos, best));
    const m = document.createElement('mark');
    m.textContent = text.slice(best, best + len);
    pre.append(m);
    pos = best + len;
  }
  pre.append(text.slice(pos));
}

async function showEntry(entryId, into) {
  into.textContent = '';
  if (!entryId) { into.textContent = '(no entry: the answer was reached without one)'; return; }
  const provider = entryId.split('.')[0];
  try {
    const e = (await entriesOf(provider)).find((x) => x.id === entryId);
    into.textContent = e ? ('- id: ' + e.id + toYAML(Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'id')), '  ')) : '(entry not found)';
  } catch (err) {
    into.textContent = 'could not load ' + provider + ': ' + err.message;
  }
}

async function classify() {
  const req = request();
  $('error').hidden = true;
  try {
    const resp = await api('/v1/classify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) });
    render(req, resp);
  } catch (err) {
    $('answer').hidden = true;
    $('error').hidden = false;
    $('error').textContent = err.message;
  }
}

function render(req, resp) {
  const c = resp.classification || {};
  const m = resp.match || {};
  $('a-category').textContent = short(c.category, 'CATEGORY_');
  $('a-action').textContent = short(c.action, 'ACTION_') + (c.fallbackAction && c.fallbackAction !== 'ACTION_UNSPECIFIED' ? ' (else ' + short(c.fallbackAction, 'ACTION_') + ')' : '');
  $('a-who').textContent = short(c.who, 'WHO_');
  $('a-retryable').textContent = c.retryable ? 'yes' : 'no';
  $('a-retry-after').textContent = c.retryAfter || '-';
  $('a-code').textContent = c.code || '-';
  $('a-entry').textContent = m.entryId || '-';
  $('a-kind').textContent = short(m.kind, 'MATCH_KIND_') + ', confidence ' + (m.confidence || 0).toFixed(2) + (m.upstreamCode ? ', upstream code ' + m.upstreamCode : '');
  $('a-description').textContent = c.description || '';
  $('a-remediation').textContent = c.remediation ? 'What to do: ' + c.remediation : '';
  const warnings = $('a-warnings');
  warnings.textContent = '';
  for (const w of m.warnings || []) { const li = document.createElement('li'); li.textContent = w; warnings.append(li); }
  const ev = $('a-evidence');
  ev.textContent = '';
  for (const e of m.evidence || []) { const li = document.createElement('li'); li.textContent = e; ev.append(li); }
  highlight(req, m.evidence || []);
  const alts = $('a-alternatives');
  alts.textContent = '';
  for (const a of m.alternatives || []) {
    const li = document.createElement('li');
    const ctx = Object.entries(a.context || {}).map(([k, v]) => k + '=' + v).join(', ');
    li.textContent = a.entryId + ': ' + short((a.classification || {}).category, 'CATEGORY_') + ' / ' +
      short((a.classification || {}).action, 'ACTION_') + (ctx ? ' when context ' + ctx : '') + (a.upstreamCode ? ' (code ' + a.upstreamCode + ')' : '');
    alts.append(li);
  }
  $('alternatives-box').hidden = (m.alternatives || []).length === 0;
  $('answer').hidden = false;
  showEntry(m.entryId, $('a-yaml'));
}

let searchTimer;
async function search() {
  const q = $('search').value.trim().toLowerCase().replace(/[-\s]/g, '_');
  const out = $('results');
  out.textContent = '';
  if (q.length < 2) return;
  const list = await api('/v1/providers');
  const found = [];
  for (const p of list.providers || []) {
    for (const e of await entriesOf(p.id)) {
      const codes = ((e.match || {}).codes || []).map((c) => c.toLowerCase().replace(/[-\s]/g, '_'));
      if (e.id.toLowerCase().includes(q) || codes.some((c) => c.includes(q))) found.push(e);
    }
  }
  // Entries that name the code exactly first.
  const exact = (e) => ((e.match || {}).codes || []).some((c) => c.toLowerCase().replace(/[-\s]/g, '_') === q) ? 0 : 1;
  found.sort((a, b) => exact(a) - exact(b));
  for (const e of found.slice(0, 50)) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = e.id;
    const pre = document.createElement('pre');
    pre.hidden = true;
    b.addEventListener('click', () => { pre.hidden = !pre.hidden; if (!pre.hidden) showEntry(e.id, pre); });
    const c = e.classification || {};
    li.append(b, ' ' + short(c.category, 'CATEGORY_') + ' / ' + short(c.action, 'ACTION_'), pre);
    out.append(li);
  }
  if (found.length === 0) out.textContent = 'No entry names that code.';
  else if (found.length > 50) out.append(found.length - 50 + ' more: narrow the search.');
}

// unmatchedBase is where the unmatched report is served: this origin, or
// the operations port of the same host, which lets this page (and only it)
// read the report.
let unmatchedBaseURL;
async function unmatchedBase() {
  if (unmatchedBaseURL === undefined) {
    const cfg = await api('/playground/config.json');
    unmatchedBaseURL = cfg.opsPort ? cfg.opsScheme + '://' + location.hostname + ':' + cfg.opsPort : '';
  }
  return unmatchedBaseURL;
}

async function loadUnmatched() {
  const table = $('unmatched-table');
  const body = table.querySelector('tbody');
  body.textContent = '';
  try {
    const r = await api(await unmatchedBase() + '/v1/unmatched');
    $('unmatched-note').textContent = r.total + ' unmatched answers since ' + r.since + '; ' + (r.signatures || []).length + ' signatures kept of at most ' + r.capacity + '.';
    for (const s of r.signatures || []) {
      const tr = document.createElement('tr');
      const c = s.classification || {};
      for (const v of [s.count, s.provider, s.httpStatus || '-', s.upstreamCode || '-', short(s.matchKind, 'MATCH_KIND_'),
        short(c.category, 'CATEGORY_') + ' / ' + short(c.action, 'ACTION_')]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      // The draft catalog entry for the signature, to fill in.
      const td = document.createElement('td');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = 'Draft';
      b.className = 'draft';
      const draftRow = document.createElement('tr');
      draftRow.hidden = true;
      const cell = document.createElement('td');
      cell.colSpan = 7;
      const pre = document.createElement('pre');
      cell.append(pre);
      draftRow.append(cell);
      b.addEventListener('click', async () => {
        draftRow.hidden = !draftRow.hidden;
        if (draftRow.hidden) return;
        const q = new URLSearchParams({ provider: s.provider, http_status: String(s.httpStatus || 0),
          upstream_code: s.upstreamCode || '', match_kind: s.matchKind });
        const res = await fetch(await unmatchedBase() + '/v1/unmatched/draft?' + q);
        pre.textContent = await res.text();
      });
      td.append(b);
      tr.append(td);
      body.append(tr, draftRow);
    }
    table.hidden = false;
  } catch (err) {
    $('unmatched-note').textContent = err.status === 404
      ? 'This server serves the unmatched report on its operations port: run errsvc unmatched --addr HOST:8082.'
      : 'Could not load the report: ' + err.message;
  }
}

function prefill() {
  const h = new URLSearchParams(location.hash.slice(1));
  let any = false;
  for (const [k, id] of [['provider', 'provider'], ['operation', 'operation'], ['status', 'status'], ['body', 'body'],
    ['headers', 'headers'], ['redirect', 'redirect'], ['context', 'context']]) {
    if (h.has(k)) { $(id).value = h.get(k); any = true; }
  }
  return any;
}

$('form').addEventListener('submit', (e) => { e.preventDefault(); classify(); });
$('form').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); classify(); } });
$('search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); });
$('load-unmatched').addEventListener('click', loadUnmatched);

// The fragment may also open a search (#search=invalid_grant) or the
// unmatched report (#unmatched=1), so that a link shows them.
function openFromHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.has('search')) { $('search').value = h.get('search'); search(); }
  if (h.has('unmatched')) {
    loadUnmatched().then(() => {
      const first = document.querySelector('#unmatched-table button.draft');
      if (h.has('draft') && first) first.click();
    });
  }
}

loadProviders().then(() => { if (prefill()) classify(); openFromHash(); }).catch((err) => {
  $('error').hidden = false;
  $('error').textContent = 'Could not load the providers: ' + err.message;
});
