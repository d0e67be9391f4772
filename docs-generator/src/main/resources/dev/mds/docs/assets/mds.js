/*
 * mds data docs: navigation tree, search, lineage graph, code tabs. No dependencies and no
 * network: data arrives as scripts beside the pages (data/*.js), which file:// pages may load.
 * Everything taken from the project is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';

  const body = document.body;
  const root = body.getAttribute('data-root') || '';
  const currentPage = body.getAttribute('data-page') || '';
  const SVG = 'http://www.w3.org/2000/svg';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    return node;
  }

  function dot(type) {
    const span = el('span', 'dot type-' + type);
    span.setAttribute('aria-hidden', 'true');
    return span;
  }

  /* ---------- Navigation tree ---------- */

  const LEAVES_SHOWN = 200;

  function buildTree() {
    const host = document.getElementById('tree');
    const data = window.MDS_NAV;
    if (!host) return;
    if (!data) {
      // The full-graph page loads the contents after the graph's first frame (see start()).
      const later = document.getElementById('nav-later');
      if (later && !later.hasAttribute('data-loading')) {
        later.setAttribute('data-loading', '');
        const script = document.createElement('script');
        script.src = later.getAttribute('data-src');
        script.onload = buildTree;
        document.body.appendChild(script);
      }
      return;
    }
    const onPath = new Set();
    (function find(entries, trail) {
      for (const entry of entries) {
        if (entry.c) {
          find(entry.c, trail.concat([entry]));
        } else if (entry.p === currentPage) {
          trail.forEach(function (t) { onPath.add(t); });
        }
      }
    })(data, []);
    const list = el('ul');
    data.forEach(function (group) {
      list.appendChild(branch(group, true, onPath));
    });
    host.textContent = '';
    host.appendChild(list);
    const current = host.querySelector('[aria-current="page"]');
    const sidebar = document.getElementById('sidebar');
    if (current && sidebar) {
      sidebar.scrollTop = Math.max(0, current.offsetTop - sidebar.clientHeight / 3);
    }
  }

  function countLeaves(entry) {
    if (!entry.c) return 1;
    let n = 0;
    for (const child of entry.c) n += countLeaves(child);
    return n;
  }

  function branch(entry, top, onPath) {
    const item = el('li', top ? 'tree-group' : 'tree-folder');
    const label = el('button', 'tree-label');
    label.type = 'button';
    const caret = el('span', 'tree-caret', '▸');
    caret.setAttribute('aria-hidden', 'true');
    label.appendChild(caret);
    label.appendChild(el('span', 'tree-name', entry.n));
    const count = el('span', 'count', String(countLeaves(entry)));
    label.appendChild(count);
    item.appendChild(label);
    let children = null;
    const open = function (yes) {
      label.setAttribute('aria-expanded', yes ? 'true' : 'false');
      if (yes && !children) {
        children = el('ul');
        fill(children, entry.c, onPath, 0);
        item.appendChild(children);
      }
      if (children) children.hidden = !yes;
    };
    label.addEventListener('click', function () {
      open(label.getAttribute('aria-expanded') !== 'true');
    });
    open(onPath.has(entry) || (top && countLeaves(entry) <= 60));
    return item;
  }

  function fill(list, entries, onPath, from) {
    const until = Math.min(entries.length, from + LEAVES_SHOWN);
    for (let i = from; i < until; i++) {
      const entry = entries[i];
      if (entry.c) {
        list.appendChild(branch(entry, false, onPath));
      } else {
        const li = el('li');
        const a = el('a', 'tree-leaf');
        a.href = root + entry.p;
        a.title = entry.n;
        a.appendChild(dot(entry.t));
        a.appendChild(el('span', 'leaf-name', entry.l || entry.n));
        if (entry.p === currentPage) a.setAttribute('aria-current', 'page');
        li.appendChild(a);
        list.appendChild(li);
      }
    }
    if (until < entries.length) {
      const li = el('li');
      const more = el('button', 'tree-more', 'Show ' + (entries.length - until) + ' more');
      more.type = 'button';
      more.addEventListener('click', function () {
        li.remove();
        fill(list, entries, onPath, until);
      });
      li.appendChild(more);
      list.appendChild(li);
    }
    // Keep the current page visible even when it sits past the first few hundred entries.
    if (from === 0 && until < entries.length) {
      for (let i = until; i < entries.length; i++) {
        if (entries[i].p === currentPage || onPath.has(entries[i])) {
          fill(list, entries.slice(i, i + 1), onPath, 0);
        }
      }
    }
  }

  /* ---------- Mobile navigation ---------- */

  function setUpNavToggle() {
    const toggle = document.querySelector('.nav-toggle');
    const scrim = document.querySelector('.scrim');
    if (!toggle) return;
    const set = function (open) {
      body.classList.toggle('nav-open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (scrim) scrim.hidden = !open;
    };
    toggle.addEventListener('click', function () {
      set(!body.classList.contains('nav-open'));
    });
    if (scrim) scrim.addEventListener('click', function () { set(false); });
  }

  /* ---------- Search ---------- */

  let searchLoading = null;

  function loadSearchIndex() {
    if (window.MDS_SEARCH) return Promise.resolve(window.MDS_SEARCH);
    if (!searchLoading) {
      searchLoading = new Promise(function (resolve, reject) {
        const script = document.createElement('script');
        script.src = root + 'data/search.js';
        script.onload = function () {
          for (const doc of window.MDS_SEARCH) {
            doc.ln = doc.n.toLowerCase();
            doc.ld = (doc.d || '').toLowerCase();
            doc.lc = (doc.c || []).map(function (c) { return c.toLowerCase(); });
            doc.lg = (doc.g || []).map(function (g) { return g.toLowerCase(); });
            doc.ls = (doc.s || '').toLowerCase();
          }
          resolve(window.MDS_SEARCH);
        };
        script.onerror = function () { reject(new Error('search index missing')); };
        document.head.appendChild(script);
      });
    }
    return searchLoading;
  }

  const KIND_RANK = { name: 0, column: 1, tag: 2, description: 3, sql: 4 };
  // Hits listed at first; a button shows the next batch.
  const HITS_SHOWN = 25;

  function matchTerm(doc, term) {
    if (doc.ln === term) return { score: 100, kind: 'name' };
    if (doc.ln.startsWith(term)) return { score: 70, kind: 'name' };
    if (doc.ln.indexOf(term) >= 0) return { score: 50, kind: 'name' };
    let partial = -1;
    for (let i = 0; i < doc.lc.length; i++) {
      if (doc.lc[i] === term) return { score: 40, kind: 'column', text: doc.c[i] };
      if (partial < 0 && doc.lc[i].indexOf(term) >= 0) partial = i;
    }
    if (partial >= 0) return { score: 25, kind: 'column', text: doc.c[partial] };
    for (let i = 0; i < doc.lg.length; i++) {
      if (doc.lg[i].indexOf(term) >= 0) return { score: doc.lg[i] === term ? 22 : 15, kind: 'tag', text: doc.g[i] };
    }
    if (doc.ld.indexOf(term) >= 0) return { score: 10, kind: 'description' };
    if (doc.ls && doc.ls.indexOf(term) >= 0) return { score: 5, kind: 'sql' };
    return null;
  }

  function runSearch(docs, query) {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    const hits = [];
    for (const doc of docs) {
      let score = 0;
      let why = null;
      let ok = true;
      for (const term of terms) {
        const m = matchTerm(doc, term);
        if (!m) { ok = false; break; }
        score += m.score;
        if (!why || KIND_RANK[m.kind] > KIND_RANK[why.kind]) why = Object.assign({ term: term }, m);
      }
      if (ok) {
        if (doc.t === 'test') score -= 30;
        if (doc.t === 'macro') score -= 10;
        hits.push({ doc: doc, score: score, why: why });
      }
    }
    hits.sort(function (a, b) { return b.score - a.score || a.doc.n.localeCompare(b.doc.n); });
    return hits;
  }

  function highlighted(text, term) {
    const span = el('span', 'result-why');
    const at = term ? text.toLowerCase().indexOf(term) : -1;
    if (at < 0) {
      span.textContent = text;
      return span;
    }
    const from = Math.max(0, at - 40);
    span.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, at)));
    span.appendChild(el('mark', null, text.slice(at, at + term.length)));
    span.appendChild(document.createTextNode(text.slice(at + term.length)));
    return span;
  }

  function setUpSearch() {
    const input = document.getElementById('search');
    const list = document.getElementById('search-results');
    if (!input || !list) return;
    let selected = -1;
    let timer = null;

    const close = function () {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      selected = -1;
    };
    const select = function (index) {
      const items = list.querySelectorAll('li[role="option"]');
      if (!items.length) return;
      selected = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute('aria-selected', i === selected ? 'true' : 'false'); });
      items[selected].scrollIntoView({ block: 'nearest' });
    };
    const show = function (hits, query, shown) {
      shown = shown || HITS_SHOWN;
      list.textContent = '';
      selected = -1;
      if (!hits.length) {
        list.appendChild(el('li', 'search-empty', 'Nothing matches “' + query + '”.'));
      } else {
        list.appendChild(el('li', 'search-count', hits.length + (hits.length === 1 ? ' result' : ' results')
          + (hits.length > shown ? ', showing ' + shown : '')));
      }
      hits.slice(0, shown).forEach(function (hit) {
        const doc = hit.doc;
        const li = el('li');
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const a = el('a');
        a.href = root + doc.p;
        const top = el('span', 'result-top');
        top.appendChild(dot(doc.t));
        top.appendChild(el('span', 'result-name', doc.n));
        top.appendChild(el('span', 'result-type', doc.t));
        a.appendChild(top);
        const why = hit.why;
        if (why.kind === 'column') {
          const line = el('span', 'result-why', 'Column ');
          line.appendChild(el('mark', null, why.text));
          a.appendChild(line);
        } else if (why.kind === 'tag') {
          a.appendChild(el('span', 'result-why', 'Tagged #' + why.text));
        } else if (why.kind === 'sql') {
          const at = doc.ls.indexOf(why.term);
          const line = highlighted(doc.s.slice(0, at + why.term.length + 60), why.term);
          line.insertBefore(document.createTextNode('SQL '), line.firstChild);
          line.classList.add('result-sql');
          a.appendChild(line);
        } else if (doc.d) {
          a.appendChild(highlighted(doc.d, why.kind === 'description' ? why.term : null));
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      if (hits.length > shown) {
        const li = el('li', 'search-more-row');
        const more = el('button', 'btn search-more', 'Show ' + Math.min(HITS_SHOWN, hits.length - shown) + ' more');
        more.type = 'button';
        more.addEventListener('click', function (event) {
          event.stopPropagation();
          show(hits, query, shown + HITS_SHOWN);
          input.focus();
        });
        li.appendChild(more);
        list.appendChild(li);
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };
    const update = function () {
      const query = input.value.trim();
      if (!query) { close(); return; }
      loadSearchIndex().then(function (docs) {
        if (input.value.trim() === query) show(runSearch(docs, query), query);
      }, function () {
        list.textContent = '';
        list.appendChild(el('li', 'search-empty', 'The search index (data/search.js) is missing.'));
        list.hidden = false;
      });
    };

    input.addEventListener('focus', function () { loadSearchIndex().catch(function () {}); });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 60);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') { event.preventDefault(); select(selected + 1); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); select(selected - 1); }
      else if (event.key === 'Escape') { close(); input.blur(); }
      else if (event.key === 'Enter') {
        const items = list.querySelectorAll('li[role="option"] a');
        const target = items[selected >= 0 ? selected : 0];
        if (target) { event.preventDefault(); window.location.href = target.href; }
      }
    });
    document.addEventListener('keydown', function (event) {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === '/' && !typing) { event.preventDefault(); input.focus(); }
    });
    document.addEventListener('click', function (event) {
      if (!event.target.closest('.search')) close();
    });
  }

  /* ---------- Lineage graph ---------- */

  const AUTO_LIMIT = 250;
  const PROJECT_AUTO_DRAW = 400;
  const COLUMN_GAP = 80;
  const ROW_GAP = 14;
  const LABEL_CHARS = 25;
  // Zoomed out (a long chain fitted into the card), a label grows within its box to keep about
  // LABEL_PX pixels on screen, shortened in the middle to fit; below FAR_SVG boxes go unlabelled.
  const LABEL_BASE = 12.5;
  const LABEL_PX = 10;
  const FAR_SVG = 0.3;
  // Above this many nodes a graph is drawn on a canvas (graph.js), not as SVG elements.
  const CANVAS_FROM = 400;

  let columnsLoading = null;

  // Column lineage is only needed once someone traces a column, so it loads then, not with the page.
  function loadColumns() {
    if (!columnsLoading) {
      columnsLoading = new Promise(function (resolve, reject) {
        if (window.MDS_COLUMNS) { resolve(window.MDS_COLUMNS); return; }
        const script = document.createElement('script');
        script.src = root + 'data/columns.js';
        script.onload = function () {
          const C = window.MDS_COLUMNS;
          C.kids = C.c.map(function () { return []; });
          C.s.forEach(function (parents, c) { parents.forEach(function (p) { C.kids[p].push(c); }); });
          C.byKey = new Map();
          C.c.forEach(function (col, c) { C.byKey.set(col[0] + ' ' + col[1].toLowerCase(), c); });
          resolve(C);
        };
        script.onerror = function () { reject(new Error('column lineage missing')); };
        document.head.appendChild(script);
      });
    }
    return columnsLoading;
  }

  // Every column reachable from start through next (parents or children), start left out.
  function reach(start, next) {
    const seen = new Set();
    const stack = [start];
    while (stack.length) {
      for (const other of next[stack.pop()]) {
        if (!seen.has(other)) { seen.add(other); stack.push(other); }
      }
    }
    return seen;
  }

  function setUpLineage() {
    const host = document.getElementById('lineage');
    if (!host) return;
    const G = window.MDS_GRAPH;
    if (!G) {
      host.appendChild(el('div', 'lineage-empty', 'The lineage data (data/graph.js) is missing.'));
      return;
    }
    const nodes = G.nodes;
    const nw = G.nw;
    const nh = G.nh;
    const up = nodes.map(function () { return []; });
    const down = nodes.map(function () { return []; });
    G.edges.forEach(function (edge, i) {
      up[edge[1]].push(i);
      down[edge[0]].push(i);
    });
    const byId = new Map();
    nodes.forEach(function (node, i) { byId.set(node[0], i); });
    const project = host.getAttribute('data-mode') === 'project';
    const focus = project ? -1 : byId.has(host.getAttribute('data-focus')) ? byId.get(host.getAttribute('data-focus')) : -1;
    const note = document.getElementById('lineage-note');
    const depthSelect = document.getElementById('lineage-depth');
    const fullButton = document.querySelector('[data-lineage="full"]');
    const view = { k: 1, x: 0, y: 0 };
    let viewport = null;
    let svg = null;
    let bounds = null;
    let edgeEls = [];
    let full = false;
    let focusPos = null;
    let drawn = new Set();
    let traced = null;
    let canvasView = null;
    let compactRoutes = null;
    let lastPos = null;
    let hint = null;
    let depthChosen = false;
    const GRAPHS = window.MDS_GRAPHS;
    const edgeOf = new Map();
    G.edges.forEach(function (edge, i) { edgeOf.set(edge[0] + '>' + edge[1], i); });
    const tracePanel = document.getElementById('column-trace');
    const columnSelect = document.getElementById('lineage-column');

    function neighbourhood(depth) {
      const seen = new Set([focus]);
      const walk = function (edgesOf, end) {
        let frontier = [focus];
        for (let level = 0; frontier.length && (depth === Infinity || level < depth); level++) {
          const next = [];
          for (const n of frontier) {
            for (const e of edgesOf[n]) {
              const other = G.edges[e][end];
              if (!seen.has(other)) { seen.add(other); next.push(other); }
            }
          }
          frontier = next;
        }
      };
      walk(up, 0);
      walk(down, 1);
      return seen;
    }

    // Columns keep the layers ELK chose for the whole graph, and rows keep its order within a
    // layer, so a neighbourhood reads like its part of the full picture, only closer together.
    function compactLayout(members) {
      const laid = GRAPHS.layered(members, G, { columnGap: COLUMN_GAP, rowGap: ROW_GAP });
      compactRoutes = laid.routes;
      return laid.pos;
    }

    function label(name) {
      return name.length > LABEL_CHARS ? name.slice(0, LABEL_CHARS - 1) + '…' : name;
    }

    // Keeps both ends of a name, where dbt names differ (stg_…_orders, fct_…_monthly).
    function shorten(name, chars) {
      if (name.length <= chars) return name;
      const head = Math.ceil((chars - 1) / 2);
      return name.slice(0, head) + '…' + name.slice(name.length - (chars - 1 - head));
    }

    let labelSize = LABEL_BASE;
    // One measurement per size (a sample of the characters names use), then only writes: reading
    // each label's width after writing it would lay the drawing out once per node and per step of
    // a zoom.
    const SAMPLE = 'stg_customer_orders_int_account_month_revenue_fct_dim_2024';
    function sizeLabels() {
      const size = Math.round(Math.min(nh * 0.7, Math.max(LABEL_BASE, LABEL_PX / view.k)) * 2) / 2;
      if (size === labelSize) return;
      labelSize = size;
      const texts = svg.querySelectorAll('.g-node text');
      if (!texts.length) return;
      let perChar = 0;
      if (size !== LABEL_BASE) {
        const probe = texts[0];
        probe.style.fontSize = size + 'px';
        probe.textContent = SAMPLE;
        perChar = probe.getComputedTextLength() / SAMPLE.length || size * 0.6;
      }
      // A small margin for names heavier than the sample (more m and w, capitals).
      const chars = Math.max(6, Math.floor((nw - 24) * 0.97 / (perChar || 1)));
      const shown = [];
      const seen = new Map();
      texts.forEach(function (text) {
        const g = text.parentNode;
        const name = nodes[Number(g.getAttribute('data-i'))][1];
        // The focused node's label is bold, a little wider.
        const room = g.classList.contains('focus') ? Math.floor(chars * 0.92) : chars;
        const short = size === LABEL_BASE ? label(name) : shorten(name, room);
        shown.push([text, name, room, short]);
        if (!seen.has(short)) seen.set(short, new Set());
        seen.get(short).add(name);
      });
      shown.forEach(function (s) {
        let short = s[3];
        // Names alike at both ends (bronze_…_latest) shorten to the same label: keep their ends
        // instead, where such names differ; the column they stand in tells their layer.
        if (size !== LABEL_BASE && seen.get(short).size > 1 && s[1].length > s[2]) {
          short = '…' + s[1].slice(s[1].length - (s[2] - 1));
        }
        s[0].style.fontSize = size === LABEL_BASE ? '' : size + 'px';
        s[0].setAttribute('y', String(nh / 2 + size * 0.36));
        s[0].textContent = short;
      });
    }

    function draw(members, pos, routed) {
      const routeOf = function (e) { return routed ? G.edges[e][2] : compactRoutes.get(e); };
      lastPos = pos;
      if (members.size > CANVAS_FROM) {
        drawCanvas(members, pos, routeOf);
        return;
      }
      canvasView = null;
      host.textContent = '';
      svg = svgEl('svg', { role: 'img', 'aria-label': 'Lineage graph with ' + members.size + ' nodes' });
      const defs = svgEl('defs', {});
      const marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
      marker.appendChild(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'g-arrow' }));
      defs.appendChild(marker);
      svg.appendChild(defs);
      viewport = svgEl('g', { class: 'g-viewport' });
      const edgeLayer = svgEl('g', { class: 'g-edges' });
      const nodeLayer = svgEl('g', { class: 'g-nodes' });
      edgeEls = new Array(G.edges.length);
      G.edges.forEach(function (edge, i) {
        if (!members.has(edge[0]) || !members.has(edge[1])) return;
        let d;
        const route = routeOf(i);
        if (route && route.length >= 4) {
          d = GRAPHS.pathData(route);
        } else {
          const a = pos.get(edge[0]);
          const b = pos.get(edge[1]);
          const x1 = a.x + nw;
          const y1 = a.y + nh / 2;
          const x2 = b.x - 2;
          const y2 = b.y + nh / 2;
          const bend = Math.max(30, (x2 - x1) / 2);
          d = 'M' + x1 + ' ' + y1 + 'C' + (x1 + bend) + ' ' + y1 + ' ' + (x2 - bend) + ' ' + y2 + ' ' + x2 + ' ' + y2;
        }
        const touches = focus >= 0 && (edge[0] === focus || edge[1] === focus);
        const path = svgEl('path', { d: d, class: touches ? 'g-edge focus-edge' : 'g-edge', 'marker-end': 'url(#arrow)' });
        edgeEls[i] = path;
        edgeLayer.appendChild(path);
      });
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      members.forEach(function (i) {
        const node = nodes[i];
        const p = pos.get(i);
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + nw); maxY = Math.max(maxY, p.y + nh);
        let cls = 'g-node t-' + node[2];
        if (node[8]) cls += ' ephemeral';
        if (node[7] === 'bad') cls += ' failed';
        if (node[10]) cls += ' ' + node[10];
        if (i === focus) cls += ' focus';
        const g = svgEl('g', { class: cls, transform: 'translate(' + p.x + ',' + p.y + ')', 'data-i': String(i) });
        const title = svgEl('title', {});
        title.textContent = node[1] + ' (' + node[2] + ')';
        g.appendChild(title);
        g.appendChild(svgEl('rect', { class: 'g-box', width: nw, height: nh, rx: 8 }));
        g.appendChild(svgEl('rect', { class: 'g-bar', x: 4, y: 8, width: 4, height: nh - 16, rx: 2 }));
        const text = svgEl('text', { x: 16, y: nh / 2 + 4.5 });
        text.textContent = label(node[1]);
        g.appendChild(text);
        nodeLayer.appendChild(g);
      });
      viewport.appendChild(edgeLayer);
      viewport.appendChild(nodeLayer);
      svg.appendChild(viewport);
      host.appendChild(svg);
      bounds = { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
      drawn = members;
      labelSize = LABEL_BASE;
      addHint();
      markTrace();
    }

    // Large graphs: one canvas with culling and level of detail instead of an element per node.
    function drawCanvas(members, pos, routeOf) {
      host.textContent = '';
      svg = null;
      viewport = null;
      edgeEls = [];
      canvasView = GRAPHS.CanvasGraph(host, G, label);
      bounds = canvasView.scene(members, pos, routeOf, focus);
      canvasView.canvas.setAttribute('aria-label', 'Lineage graph with ' + members.size + ' nodes');
      drawn = members;
      addHint();
      markTrace();
    }

    // A note over the graph while part of it lies outside the box, with a way to see it all.
    function addHint() {
      hint = el('div', 'lineage-hint');
      hint.hidden = true;
      const text = el('span');
      const button = el('button', 'btn', 'Fit all');
      button.type = 'button';
      button.addEventListener('click', function () { fit(); });
      hint.appendChild(text);
      hint.appendChild(button);
      host.appendChild(hint);
    }

    function updateHint() {
      if (!hint || !lastPos) return;
      const w = host.clientWidth;
      const h = host.clientHeight;
      let out = 0;
      drawn.forEach(function (i) {
        const p = lastPos.get(i);
        if (!p) return;
        const x = p.x * view.k + view.x;
        const y = p.y * view.k + view.y;
        if (x + nw * view.k < 0 || y + nh * view.k < 0 || x > w || y > h) out++;
      });
      hint.hidden = out === 0;
      hint.firstChild.textContent = out + ' of ' + drawn.size + (drawn.size === 1 ? ' node' : ' nodes') + ' off-screen: drag, zoom out, or';
      host.setAttribute('data-offscreen', String(out));
    }

    function nodeTitle(i) {
      const cols = traced && traced.byNode.get(i);
      return nodes[i][1] + ' (' + nodes[i][2] + ')' + (cols ? '\ntraced: ' + cols.map(function (c) { return c.name; }).join(', ') : '');
    }

    // Dims what the traced column does not pass through; the rest of the drawing stays as it was.
    function markTrace() {
      if (canvasView) { canvasView.mark(traced); return; }
      if (!svg) return;
      svg.classList.toggle('tracing', !!traced);
      svg.querySelectorAll('.g-node').forEach(function (g) {
        const i = Number(g.getAttribute('data-i'));
        g.classList.toggle('traced', !!traced && traced.byNode.has(i));
        g.querySelector('title').textContent = nodeTitle(i);
      });
      edgeEls.forEach(function (path, e) {
        if (path) path.classList.toggle('traced', !!traced && traced.edges.has(e));
      });
    }

    function traceSummary(C, start) {
      const column = C.c[start];
      const up = reach(start, C.s);
      const down = reach(start, C.kids);
      const byNode = new Map();
      const edges = new Set();
      const add = function (c, side) {
        const n = C.c[c][0];
        if (!byNode.has(n)) byNode.set(n, []);
        byNode.get(n).push({ name: C.c[c][1], side: side, complete: C.c[c][2] === 1, kind: C.c[c][3] || '' });
      };
      add(start, 'self');
      up.forEach(function (c) { add(c, 'up'); });
      down.forEach(function (c) { add(c, 'down'); });
      // An edge is on the path when a column on one side feeds a column on the same side.
      const upward = function (c) { return c === start || up.has(c); };
      const downward = function (c) { return c === start || down.has(c); };
      up.forEach(function (c) { C.kids[c].forEach(function (k) { if (upward(k)) link(c, k); }); });
      down.forEach(function (c) { C.s[c].forEach(function (p) { if (downward(p)) link(p, c); }); });
      function link(from, to) {
        const e = edgeOf.get(C.c[from][0] + '>' + C.c[to][0]);
        if (e !== undefined) edges.add(e);
      }
      return { name: column[1], node: column[0], up: up, down: down, byNode: byNode, edges: edges };
    }

    function showTrace(C) {
      if (!tracePanel) return;
      tracePanel.textContent = '';
      tracePanel.hidden = false;
      const head = el('div', 'trace-head');
      const title = el('strong', null, 'Tracing ');
      title.appendChild(el('code', null, traced.name));
      head.appendChild(title);
      const own = (traced.byNode.get(traced.node) || []).filter(function (c) { return c.side === 'self'; })[0];
      if (own && own.kind) {
        title.appendChild(document.createTextNode(' '));
        title.appendChild(el('span', 'kind kind-' + own.kind, own.kind));
      }
      const clear = el('button', 'btn', 'Clear');
      clear.type = 'button';
      clear.addEventListener('click', function () { traceColumn(''); });
      head.appendChild(clear);
      tracePanel.appendChild(head);
      [['up', 'Upstream: where it comes from'], ['down', 'Downstream: what is computed from it']].forEach(function (side) {
        const group = el('div', 'trace-side trace-' + side[0]);
        group.appendChild(el('h3', null, side[1]));
        const list = el('ul', 'trace-list');
        const members = Array.from(traced.byNode.keys())
          .filter(function (n) { return traced.byNode.get(n).some(function (c) { return c.side === side[0]; }); })
          .sort(function (a, b) { return nodes[a][6] - nodes[b][6] || nodes[a][1].localeCompare(nodes[b][1]); });
        members.forEach(function (n) {
          const item = el('li');
          item.setAttribute('data-node', nodes[n][0]);
          const link = el('a');
          link.href = root + nodes[n][3];
          link.appendChild(dot(nodes[n][2]));
          link.appendChild(document.createTextNode(nodes[n][1]));
          item.appendChild(link);
          traced.byNode.get(n).filter(function (c) { return c.side === side[0]; }).forEach(function (c) {
            item.appendChild(document.createTextNode(' '));
            const code = el('code', null, c.name);
            if (!c.complete) {
              code.className = 'unknown';
              code.title = 'Partly unknown: ' + (C.u[String(n)] || 'part of it could not be traced');
            }
            item.appendChild(code);
            if (c.kind) item.appendChild(el('span', 'kind kind-' + c.kind, c.kind));
          });
          list.appendChild(item);
        });
        if (!members.length) list.appendChild(el('li', 'muted', side[0] === 'up' ? 'Nothing traced: a constant, or where data enters.' : 'No model reads it.'));
        group.appendChild(list);
        tracePanel.appendChild(group);
      });
    }

    // Traces a column of the page's node; an empty name clears the trace.
    function traceColumn(name) {
      if (columnSelect) columnSelect.value = name;
      saveState();
      if (!name) {
        traced = null;
        markTrace();
        if (tracePanel) tracePanel.hidden = true;
        return;
      }
      loadColumns().then(function (C) {
        const start = C.byKey.get(focus + ' ' + name.toLowerCase());
        if (start === undefined) {
          traced = null;
          markTrace();
          if (tracePanel) {
            tracePanel.textContent = '';
            tracePanel.hidden = false;
            tracePanel.appendChild(el('p', 'muted', 'No column lineage for ' + name + ': no model reads it, or its SQL could not be traced.'));
          }
          return;
        }
        traced = traceSummary(C, start);
        const missing = Array.from(traced.byNode.keys()).filter(function (n) { return !drawn.has(n); });
        if (missing.length && !full) {
          const members = new Set(drawn);
          missing.forEach(function (n) { members.add(n); });
          const pos = compactLayout(members);
          focusPos = pos.get(focus);
          draw(members, pos, false);
          fit(true);
        } else {
          markTrace();
        }
        showTrace(C);
        say('Column ' + traced.name + ': ' + traced.up.size + ' upstream and ' + traced.down.size + ' downstream ' + (traced.down.size === 1 ? 'column' : 'columns') + ' across ' + (traced.byNode.size - 1) + ' other ' + (traced.byNode.size === 2 ? 'node' : 'nodes') + '.');
      }, function () {
        say('The column lineage (data/columns.js) is missing.');
      });
    }

    function apply() {
      // The view, for tests and for anyone scripting the page.
      host.setAttribute('data-view', view.k.toFixed(4) + ' ' + Math.round(view.x) + ' ' + Math.round(view.y));
      if (canvasView) {
        canvasView.setView(view);
        updateHint();
        return;
      }
      if (!viewport) return;
      viewport.setAttribute('transform', 'translate(' + view.x + ',' + view.y + ') scale(' + view.k + ')');
      svg.classList.toggle('far', view.k < FAR_SVG);
      sizeLabels();
      updateHint();
    }

    // Fits the whole drawing, however far that zooms out: what lies upstream stays in sight.
    function fit() {
      if (!bounds) return;
      if (canvasView) canvasView.resize();
      const w = host.clientWidth || 800;
      const h = host.clientHeight || 380;
      const k = Math.min(1.2, Math.min((w - 40) / Math.max(bounds.w, 1), (h - 40) / Math.max(bounds.h, 1)));
      view.k = Math.max(k, 0.005);
      view.x = (w - bounds.w * view.k) / 2 - bounds.x * view.k;
      view.y = (h - bounds.h * view.k) / 2 - bounds.y * view.k;
      apply();
    }

    function centreOn(p, k) {
      const w = host.clientWidth || 800;
      const h = host.clientHeight || 380;
      view.k = k;
      view.x = w / 2 - (p.x + nw / 2) * k;
      view.y = h / 2 - (p.y + nh / 2) * k;
      apply();
    }

    function zoomAt(factor, cx, cy) {
      const k = Math.min(3, Math.max(0.005, view.k * factor));
      view.x = cx - (cx - view.x) * (k / view.k);
      view.y = cy - (cy - view.y) * (k / view.k);
      view.k = k;
      apply();
    }

    function say(text) {
      if (note) note.textContent = text;
    }

    function drawNeighbourhood() {
      full = false;
      let depth = depthSelect && depthSelect.value !== 'all' ? Number(depthSelect.value) : Infinity;
      let members = neighbourhood(depth);
      let trimmed = false;
      members = filterTypes(members);
      // Trimmed only when nobody chose a depth: "All" chosen means all.
      if (depth === Infinity && members.size > AUTO_LIMIT && !depthChosen) {
        for (depth = 1; depth < 50; depth++) {
          const wider = neighbourhood(depth + 1);
          if (wider.size > AUTO_LIMIT) break;
          members = wider;
        }
        members = filterTypes(neighbourhood(depth));
        trimmed = true;
        if (depthSelect) {
          if (!Array.from(depthSelect.options).some(function (o) { return o.value === String(depth); })) {
            depthSelect.appendChild(new Option(String(depth), String(depth)));
          }
          depthSelect.value = String(depth);
        }
      }
      const pos = compactLayout(members);
      focusPos = pos.get(focus);
      draw(members, pos, false);
      // A short neighbourhood gets a short box; a tall one scrolls within 420 pixels.
      host.style.height = Math.round(Math.min(Math.max(420, window.innerHeight * 0.6), Math.max(200, bounds.h + 80))) + 'px';
      fit(true);
      const related = neighbourhood(Infinity).size - 1;
      say(trimmed
        ? 'Showing ' + depth + (depth === 1 ? ' level' : ' levels') + ' up and down (' + (members.size - 1) + ' of ' + related + ' related nodes). Pick a depth or open the full graph to see more.'
        : related === 0 ? 'Nothing flows into or out of this node yet.'
        : 'Everything upstream and downstream of this node: ' + related + ' related ' + (related === 1 ? 'node' : 'nodes') + '.');
      if (fullButton) fullButton.setAttribute('aria-pressed', 'false');
    }

    function drawFull() {
      full = true;
      const members = filterTypes(new Set(nodes.map(function (n, i) { return i; })));
      const pos = new Map();
      nodes.forEach(function (n, i) { pos.set(i, { x: n[4], y: n[5] }); });
      draw(members, pos, true);
      if (project) {
        // As tall as the drawing needs at the width it fits, up to most of the window.
        const k = Math.min(1.2, (host.clientWidth - 40) / Math.max(bounds.w, 1));
        host.style.height = Math.round(Math.min(window.innerHeight * 0.72, Math.max(260, bounds.h * k + 60))) + 'px';
      } else {
        host.style.height = '';
      }
      if (focus >= 0 && nodes.length > 60) {
        centreOn(pos.get(focus), 0.9);
      } else {
        fit();
      }
      say('The whole project: ' + nodes.length.toLocaleString() + ' nodes, ' + G.edges.length.toLocaleString() + ' edges, laid out left to right.' + (focus >= 0 ? ' This node is outlined.' : ''));
      if (fullButton) fullButton.setAttribute('aria-pressed', 'true');
    }

    function placeholder() {
      host.textContent = '';
      const box = el('div', 'lineage-empty');
      box.appendChild(el('p', null, 'This project has ' + nodes.length.toLocaleString() + ' nodes. Open a model to see its neighbourhood, or draw everything.'));
      const button = el('button', 'btn', 'Draw all ' + nodes.length.toLocaleString() + ' nodes');
      button.type = 'button';
      button.addEventListener('click', drawFull);
      box.appendChild(button);
      host.appendChild(box);
      say('');
    }

    /* Selector box, type filters and the view in the URL (select, types, depth, column, full). */
    let selectorInput = null;
    let selectorError = null;
    const typeBoxes = [];

    function render() {
      const text = selectorInput ? selectorInput.value.trim() : '';
      if (text) drawSelection(text);
      else if (full || project) drawFull();
      else drawNeighbourhood();
    }

    function filterTypes(members) {
      const hidden = typeBoxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.getAttribute('data-type'); });
      if (!hidden.length) return members;
      const out = new Set();
      members.forEach(function (i) { if (i === focus || hidden.indexOf(nodes[i][2]) < 0) out.add(i); });
      return out;
    }

    function drawSelection(text) {
      let members;
      try {
        members = filterTypes(GRAPHS.select(G, text));
        selectorError.textContent = '';
      } catch (e) {
        selectorError.textContent = e.message;
        return;
      }
      if (!members.size) {
        host.textContent = '';
        svg = null; viewport = null; canvasView = null; bounds = null; lastPos = null; hint = null;
        host.appendChild(el('div', 'lineage-empty', 'No node matches ' + text + '.'));
        say('');
        return;
      }
      const pos = compactLayout(members);
      focusPos = pos.get(focus);
      draw(members, pos, false);
      host.style.height = Math.round(Math.min(Math.max(420, window.innerHeight * 0.6), Math.max(200, bounds.h + 80))) + 'px';
      fit();
      say('Selected ' + members.size.toLocaleString() + ' of ' + nodes.length.toLocaleString() + ' nodes with ' + text + '.');
    }

    function setUpSelector() {
      if (!GRAPHS || !nodes.length) return;
      const form = el('form', 'lineage-select');
      form.setAttribute('role', 'search');
      form.setAttribute('aria-label', 'Select nodes');
      const input = document.createElement('input');
      input.type = 'text';
      input.id = 'lineage-selector';
      input.spellcheck = false;
      input.autocomplete = 'off';
      input.placeholder = project ? '+fct_orders  tag:finance  path:models/staging  --exclude …' : '+' + nodes[focus][1] + '+  tag:…  --exclude …';
      input.title = "dbt's selector syntax: +name+, 2+name, @name, tag:, path:, source:, exposure:, resource_type:, group:, state:new|modified, result:error|fail|skipped|…, a,b (both), --exclude";
      input.setAttribute('aria-label', "Select nodes with dbt's selector syntax");
      form.appendChild(input);
      const show = el('button', 'btn', 'Show');
      show.type = 'submit';
      form.appendChild(show);
      const clear = el('button', 'btn', 'Clear');
      clear.type = 'button';
      clear.addEventListener('click', function () { input.value = ''; selectorError.textContent = ''; render(); saveState(); });
      form.appendChild(clear);
      const types = el('span', 'type-filters');
      ['model', 'seed', 'snapshot', 'source', 'exposure', 'semantic_model', 'metric', 'saved_query'].forEach(function (type) {
        if (!nodes.some(function (n) { return n[2] === type; })) return;
        const label = el('label', 'type-filter');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = true;
        box.setAttribute('data-type', type);
        box.addEventListener('change', function () { render(); saveState(); });
        label.appendChild(box);
        label.appendChild(dot(type));
        label.appendChild(document.createTextNode(type.replace('_', ' ') + 's'));
        types.appendChild(label);
        typeBoxes.push(box);
      });
      form.appendChild(types);
      selectorError = el('span', 'select-error');
      selectorError.setAttribute('role', 'alert');
      form.appendChild(selectorError);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        render();
        saveState();
      });
      host.parentNode.insertBefore(form, host);
      selectorInput = input;
      const params = new URLSearchParams(window.location.search);
      if (params.get('select')) input.value = params.get('select');
      if (params.get('types')) {
        const shown = params.get('types').split(',');
        typeBoxes.forEach(function (b) { b.checked = shown.indexOf(b.getAttribute('data-type')) >= 0; });
      }
      const depth = params.get('depth');
      if (depth && depthSelect && /^(all|\d+)$/.test(depth)) {
        if (!Array.from(depthSelect.options).some(function (o) { return o.value === depth; })) {
          depthSelect.appendChild(new Option(depth, depth));
        }
        depthSelect.value = depth;
        depthChosen = true;
      }
      if (params.get('full') === '1' && !project) full = true;
    }

    function saveState() {
      if (!selectorInput || !window.history || !history.replaceState) return;
      const params = new URLSearchParams(window.location.search);
      const put = function (key, value) { if (value) params.set(key, value); else params.delete(key); };
      put('select', selectorInput.value.trim());
      const shown = typeBoxes.filter(function (b) { return b.checked; });
      put('types', shown.length < typeBoxes.length ? shown.map(function (b) { return b.getAttribute('data-type'); }).join(',') : '');
      put('depth', depthSelect && depthChosen ? depthSelect.value : '');
      put('column', columnSelect ? columnSelect.value : '');
      put('full', full && !project ? '1' : '');
      const query = params.toString();
      try {
        history.replaceState(history.state, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash);
      } catch (e) {
        // Some browsers refuse to rewrite file:// addresses; the view still works.
      }
    }

    function restoreColumn() {
      const column = new URLSearchParams(window.location.search).get('column');
      if (column && columnSelect) traceColumn(column);
    }

    setUpSelector();
    if (project) {
      if (depthSelect) depthSelect.closest('label').hidden = true;
      if (nodes.length === 0) {
        host.appendChild(el('div', 'lineage-empty', 'No models, seeds or sources yet.'));
      } else if (nodes.length <= PROJECT_AUTO_DRAW || GRAPHS) {
        render();
        if (fullButton) fullButton.hidden = true;
      } else {
        placeholder();
      }
    } else if (focus >= 0) {
      render();
    }

    if (depthSelect) depthSelect.addEventListener('change', function () { depthChosen = true; render(); saveState(); });
    if (columnSelect) columnSelect.addEventListener('change', function () { traceColumn(columnSelect.value); });
    document.querySelectorAll('[data-trace]').forEach(function (button) {
      button.addEventListener('click', function () {
        traceColumn(button.getAttribute('data-trace'));
        host.closest('section').scrollIntoView({ behavior: 'smooth', block: 'start' });
      });
    });
    if (fullButton) {
      fullButton.addEventListener('click', function () {
        if (selectorInput) selectorInput.value = '';
        full = !(full && !project);
        render();
        saveState();
      });
    }
    document.querySelectorAll('[data-lineage]').forEach(function (button) {
      const action = button.getAttribute('data-lineage');
      if (action === 'full') return;
      button.addEventListener('click', function () {
        const w = host.clientWidth / 2;
        const h = host.clientHeight / 2;
        if (action === 'zoom-in') zoomAt(1.25, w, h);
        else if (action === 'zoom-out') zoomAt(0.8, w, h);
        else fit();
      });
    });

    // Pan with a drag, zoom with the wheel or a pinch, open a node with a click or a tap.
    const pointers = new Map();
    let moved = 0;
    let pinch = 0;
    host.addEventListener('pointerdown', function (event) {
      if (event.button !== 0 || (!viewport && !canvasView) || event.target.closest('button')) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      moved = 0;
      host.setPointerCapture(event.pointerId);
      host.classList.add('dragging');
    });
    host.addEventListener('pointermove', function (event) {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      if (pointers.size === 2) {
        const other = Array.from(pointers.entries()).find(function (e) { return e[0] !== event.pointerId; })[1];
        const distance = Math.hypot(event.clientX - other.x, event.clientY - other.y);
        if (pinch) {
          const rect = host.getBoundingClientRect();
          zoomAt(distance / pinch, (event.clientX + other.x) / 2 - rect.left, (event.clientY + other.y) / 2 - rect.top);
        }
        pinch = distance;
        moved += 10;
      } else {
        const dx = event.clientX - last.x;
        const dy = event.clientY - last.y;
        moved += Math.abs(dx) + Math.abs(dy);
        view.x += dx;
        view.y += dy;
        apply();
      }
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    });
    const release = function (event) {
      if (!pointers.has(event.pointerId)) return;
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = 0;
      host.classList.remove('dragging');
      if (moved < 5 && event.type === 'pointerup' && canvasView) {
        const rect = host.getBoundingClientRect();
        const hit = canvasView.hit(event.clientX - rect.left, event.clientY - rect.top);
        if (hit >= 0) window.location.href = root + nodes[hit][3];
      } else if (moved < 5 && event.type === 'pointerup') {
        const target = document.elementFromPoint(event.clientX, event.clientY);
        const node = target && target.closest ? target.closest('.g-node') : null;
        if (node) window.location.href = root + nodes[Number(node.getAttribute('data-i'))][3];
      }
    };
    host.addEventListener('pointerup', release);
    host.addEventListener('pointercancel', release);
    host.addEventListener('wheel', function (event) {
      if (!viewport && !canvasView) return;
      event.preventDefault();
      const rect = host.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    host.addEventListener('keydown', function (event) {
      const step = 40;
      if (event.key === '+' || event.key === '=') zoomAt(1.25, host.clientWidth / 2, host.clientHeight / 2);
      else if (event.key === '-') zoomAt(0.8, host.clientWidth / 2, host.clientHeight / 2);
      else if (event.key === '0') fit();
      else if (event.key === 'ArrowLeft') { view.x += step; apply(); }
      else if (event.key === 'ArrowRight') { view.x -= step; apply(); }
      else if (event.key === 'ArrowUp') { view.y += step; apply(); }
      else if (event.key === 'ArrowDown') { view.y -= step; apply(); }
      else return;
      event.preventDefault();
    });
    host.addEventListener('mouseover', function (event) {
      const node = event.target.closest && event.target.closest('.g-node');
      if (!node) return;
      const i = Number(node.getAttribute('data-i'));
      up[i].concat(down[i]).forEach(function (e) { if (edgeEls[e]) edgeEls[e].classList.add('hot'); });
    });
    host.addEventListener('mouseout', function (event) {
      const node = event.target.closest && event.target.closest('.g-node');
      if (!node) return;
      const i = Number(node.getAttribute('data-i'));
      up[i].concat(down[i]).forEach(function (e) { if (edgeEls[e]) edgeEls[e].classList.remove('hot'); });
    });
    host.addEventListener('mousemove', function (event) {
      if (!canvasView || pointers.size) return;
      const rect = host.getBoundingClientRect();
      const i = canvasView.hit(event.clientX - rect.left, event.clientY - rect.top);
      canvasView.hover(i);
      host.title = i >= 0 ? nodeTitle(i) : '';
      host.style.cursor = i >= 0 ? 'pointer' : '';
    });
    window.addEventListener('resize', function () { if (!full) fit(); });
    restoreColumn();
  }

  /* ---------- Code tabs and copy ---------- */

  function setUpCode() {
    document.querySelectorAll('.code-card').forEach(function (card) {
      const tabs = card.querySelectorAll('[role="tab"]');
      tabs.forEach(function (tab) {
        tab.addEventListener('click', function () {
          tabs.forEach(function (t) {
            const on = t === tab;
            t.setAttribute('aria-selected', on ? 'true' : 'false');
            document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
          });
        });
      });
      const copy = card.querySelector('[data-copy]');
      if (!copy) return;
      copy.addEventListener('click', function () {
        const visible = card.querySelector('pre.code:not([hidden])');
        if (!visible) return;
        const done = function () {
          copy.textContent = 'Copied';
          setTimeout(function () { copy.textContent = 'Copy'; }, 1500);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(visible.textContent).then(done, function () { selectText(visible); });
        } else {
          selectText(visible);
        }
      });
    });
  }

  function selectText(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* ---------- Times ---------- */

  function relative(date) {
    const seconds = (Date.now() - date.getTime()) / 1000;
    if (seconds < 0 || isNaN(seconds)) return null;
    if (seconds < 60) return 'just now';
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return minutes + ' min ago';
    const hours = Math.round(minutes / 60);
    if (hours < 24) return hours + (hours === 1 ? ' hour ago' : ' hours ago');
    const days = Math.round(hours / 24);
    if (days < 30) return days + (days === 1 ? ' day ago' : ' days ago');
    return null;
  }

  function setUpTimes() {
    document.querySelectorAll('time[datetime]').forEach(function (time) {
      const date = new Date(time.getAttribute('datetime'));
      const text = relative(date);
      time.title = time.textContent + (isNaN(date) ? '' : ' (' + date.toLocaleString() + ' your time)');
      if (text) time.textContent = text;
    });
  }

  function start() {
    const host = document.getElementById('lineage');
    if (host && host.getAttribute('data-mode') === 'project') {
      // The whole graph first: its first frame is what the page is opened for. The contents
      // tree (5,000 entries on a large project), search and the rest follow right after it.
      setUpLineage();
      requestAnimationFrame(function () {
        setTimeout(function () {
          buildTree();
          setUpNavToggle();
          setUpSearch();
          setUpCode();
          setUpTimes();
        }, 0);
      });
      return;
    }
    buildTree();
    setUpNavToggle();
    setUpSearch();
    setUpLineage();
    setUpCode();
    setUpTimes();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
