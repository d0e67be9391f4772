/*
 * mds docs: the lineage graph's parts that do not touch the page's controls: a layered layout
 * for subgraphs that routes edges around boxes, dbt's node selector syntax, and a canvas renderer
 * for graphs too large for one SVG element per node. mds.js wires them to the page.
 * Exposed as window.MDS_GRAPHS; no network, works from file://.
 */
(function () {
  'use strict';

  /* ---------- Layout of a subgraph ---------- */

  // Columns keep the layers of the whole graph's layout and rows keep its order within a layer.
  // An edge that skips columns gets a slot of its own in every column it crosses (the layered
  // layout's "dummy nodes"), so it passes between boxes, never beneath one. Between columns an
  // edge is a curve with horizontal ends, which stays inside the gap.
  function layered(members, G, options) {
    const nodes = G.nodes;
    const nw = G.nw;
    const nh = G.nh;
    const columnGap = options.columnGap;
    const rowGap = options.rowGap;
    const slot = 8;
    const layerSet = new Set();
    members.forEach(function (i) { layerSet.add(nodes[i][6]); });
    const layers = Array.from(layerSet).sort(function (a, b) { return a - b; });
    const columnOf = new Map();
    layers.forEach(function (layer, c) { columnOf.set(layer, c); });
    const columns = layers.map(function () { return []; });
    members.forEach(function (i) {
      columns[columnOf.get(nodes[i][6])].push({ key: nodes[i][5] + nh / 2, h: nh, node: i });
    });
    const passing = new Map();
    G.edges.forEach(function (edge, e) {
      if (!members.has(edge[0]) || !members.has(edge[1])) return;
      const a = columnOf.get(nodes[edge[0]][6]);
      const b = columnOf.get(nodes[edge[1]][6]);
      if (b - a < 2) return;
      const ya = nodes[edge[0]][5] + nh / 2;
      const yb = nodes[edge[1]][5] + nh / 2;
      const slots = [];
      for (let c = a + 1; c < b; c++) {
        const entry = { key: ya + (yb - ya) * (c - a) / (b - a), h: slot, edge: e, column: c };
        columns[c].push(entry);
        slots.push(entry);
      }
      passing.set(e, slots);
    });
    let tallest = 0;
    columns.forEach(function (entries) {
      entries.sort(function (p, q) { return p.key - q.key || (p.node === undefined ? 1 : -1); });
      let y = 0;
      entries.forEach(function (entry) { entry.y = y; y += entry.h + rowGap; });
      entries.height = Math.max(0, y - rowGap);
      tallest = Math.max(tallest, entries.height);
    });
    const pos = new Map();
    columns.forEach(function (entries, c) {
      const shift = (tallest - entries.height) / 2;
      entries.forEach(function (entry) {
        entry.y += shift;
        if (entry.node !== undefined) pos.set(entry.node, { x: c * (nw + columnGap), y: entry.y });
      });
    });
    const routes = new Map();
    G.edges.forEach(function (edge, e) {
      if (!members.has(edge[0]) || !members.has(edge[1])) return;
      const a = pos.get(edge[0]);
      const b = pos.get(edge[1]);
      const points = [a.x + nw, a.y + nh / 2];
      (passing.get(e) || []).forEach(function (entry) {
        const x = entry.column * (nw + columnGap);
        points.push(x, entry.y + slot / 2, x + nw, entry.y + slot / 2);
      });
      points.push(b.x - 2, b.y + nh / 2);
      routes.set(e, points);
    });
    return { pos: pos, routes: routes };
  }

  // An SVG path through the points: curves with horizontal ends between them.
  function pathData(p) {
    let d = 'M' + p[0] + ' ' + p[1];
    for (let k = 2; k < p.length; k += 2) {
      const x0 = p[k - 2], y0 = p[k - 1], x1 = p[k], y1 = p[k + 1];
      if (y0 === y1 || x0 === x1) { d += 'L' + x1 + ' ' + y1; continue; }
      const m = (x1 - x0) / 2;
      d += 'C' + (x0 + m) + ' ' + y0 + ' ' + (x1 - m) + ' ' + y1 + ' ' + x1 + ' ' + y1;
    }
    return d;
  }

  function tracePath(ctx, p) {
    ctx.moveTo(p[0], p[1]);
    for (let k = 2; k < p.length; k += 2) {
      const x0 = p[k - 2], y0 = p[k - 1], x1 = p[k], y1 = p[k + 1];
      if (y0 === y1 || x0 === x1) { ctx.lineTo(x1, y1); continue; }
      const m = (x1 - x0) / 2;
      ctx.bezierCurveTo(x0 + m, y0, x1 - m, y1, x1, y1);
    }
  }

  /* ---------- dbt's node selection syntax ---------- */

  function glob(pattern) {
    const escaped = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp('^' + escaped + '$');
  }

  function adjacency(G) {
    if (G.parents) return;
    G.parents = G.nodes.map(function () { return []; });
    G.children = G.nodes.map(function () { return []; });
    G.edges.forEach(function (edge) {
      G.parents[edge[1]].push(edge[0]);
      G.children[edge[0]].push(edge[1]);
    });
  }

  function walk(G, start, next, depth, into) {
    let frontier = Array.from(start);
    for (let level = 0; frontier.length && level < depth; level++) {
      const more = [];
      frontier.forEach(function (n) {
        next[n].forEach(function (m) { if (!into.has(m)) { into.add(m); more.push(m); } });
      });
      frontier = more;
    }
  }

  // Nodes one selector method and value pick, e.g. tag:nightly, path:models/staging, orders.
  function pick(G, method, value) {
    const nodes = G.nodes;
    const found = new Set();
    const v = value.toLowerCase();
    const test = glob(value);
    nodes.forEach(function (node, i) {
      const id = node[0];
      const type = node[2];
      const path = String(node[9] || '').toLowerCase();
      let hit = false;
      if (method === 'tag') hit = (node[11] || []).some(function (t) { return test.test(String(t)); });
      else if (method === 'path' || method === 'file') {
        const p = v.replace(/\/+$/, '');
        hit = path === p || path.indexOf(p + '/') === 0 || test.test(path) || (method === 'file' && path.split('/').pop() === p);
      } else if (method === 'source') {
        if (type === 'source') {
          const parts = id.split('.');
          const qualified = (parts[2] + '.' + parts.slice(3).join('.')).toLowerCase();
          hit = test.test(parts[2].toLowerCase()) || test.test(qualified);
        }
      } else if (method === 'exposure') hit = type === 'exposure' && test.test(node[1].toLowerCase());
      else if (method === 'resource_type' || method === 'type') hit = type === v;
      else if (method === 'config.materialized' || method === 'materialized') hit = String(node[12] || '').toLowerCase() === v;
      else if (method === 'package') hit = id.split('.')[1].toLowerCase() === v;
      else if (method === 'state') {
        // As mds's --state: new, modified, or modified.<kind> (body, configs, descriptions, macros).
        const state = String(node[13] || '').split(' ');
        hit = v === 'new' ? state[0] === 'new'
          : state[0] === 'modified' && (v === 'modified' || state.indexOf(v.slice('modified.'.length)) > 0);
      } else if (method === 'result') hit = String(node[14] || '') === v;
      else if (method === 'group') hit = !!node[15] && test.test(String(node[15]).trim().toLowerCase());
      else {
        // No method: a name (as dbt's fqn: the last part, or the package-qualified name) or a path.
        const parts = id.split('.');
        hit = test.test(node[1].toLowerCase()) || test.test(parts.slice(1).join('.').toLowerCase())
          || (v.indexOf('/') >= 0 && (path === v || path.indexOf(v.replace(/\/+$/, '') + '/') === 0));
      }
      if (hit) found.add(i);
    });
    return found;
  }

  const METHODS = ['tag', 'path', 'file', 'source', 'exposure', 'resource_type', 'type', 'config.materialized', 'materialized', 'package', 'fqn', 'name', 'state', 'result', 'group'];
  const STATE_KINDS = ['body', 'configs', 'descriptions', 'macros'];

  // One selector term with its graph operators: [@][N]+method:value+[N].
  function term(G, text) {
    let t = text;
    let at = false;
    if (t[0] === '@') { at = true; t = t.slice(1); }
    let upDepth = 0;
    let downDepth = 0;
    const lead = /^(\d*)\+/.exec(t);
    if (lead) { upDepth = lead[1] ? Number(lead[1]) : Infinity; t = t.slice(lead[0].length); }
    const tail = /\+(\d*)$/.exec(t);
    if (tail) { downDepth = tail[1] ? Number(tail[1]) : Infinity; t = t.slice(0, t.length - tail[0].length); }
    if (!t) throw new Error('"' + text + '" names no node');
    let method = '';
    let value = t;
    const colon = t.indexOf(':');
    if (colon > 0) {
      method = t.slice(0, colon).toLowerCase();
      value = t.slice(colon + 1);
      if (METHODS.indexOf(method) < 0) throw new Error('Unknown selector method "' + method + ':" (use tag:, path:, source:, exposure:, resource_type:, group:, state:, result: or a name)');
      if (method === 'fqn' || method === 'name') method = '';
      if (!value) throw new Error('"' + text + '" has no value after "' + method + ':"');
      if (method === 'state') {
        const v = value.toLowerCase();
        if (!(v === 'new' || v === 'modified' || (v.indexOf('modified.') === 0 && STATE_KINDS.indexOf(v.slice(9)) >= 0))) {
          throw new Error('Use state:new, state:modified or state:modified.<kind> with kind one of ' + STATE_KINDS.join(', '));
        }
        if (!G.state) throw new Error('state: compares with an earlier manifest, and this site has none: run `mds docs generate --state path/to/production-artifacts`, or generate again after a change (the site then compares with target/manifest.json as the previous command left it)');
      }
      if (method === 'result' && !G.ran) throw new Error('result: reads the last run\'s results, and this site has none: run `mds build` (or run, test, seed), then `mds docs generate`');
    }
    const base = pick(G, method, value);
    const result = new Set(base);
    adjacency(G);
    if (upDepth) walk(G, base, G.parents, upDepth, result);
    if (downDepth || at) {
      const below = new Set(base);
      walk(G, base, G.children, downDepth || Infinity, below);
      below.forEach(function (n) { result.add(n); });
      if (at) walk(G, below, G.parents, Infinity, result);
    }
    return result;
  }

  // Space-separated terms are a union, comma-joined ones an intersection; what follows
  // --exclude is taken away. Returns the node indices, or throws an Error saying what is wrong.
  function select(G, text) {
    const words = text.trim().split(/\s+/).filter(Boolean);
    const include = [];
    const exclude = [];
    let into = include;
    words.forEach(function (word) {
      if (word === '--exclude' || word === '-x') into = exclude;
      else if (word === '--select' || word === '-s' || word === '-m' || word === '--models') into = include;
      else if (word.indexOf('--exclude=') === 0) exclude.push(word.slice(10));
      else into.push(word);
    });
    const union = function (list, all) {
      const out = new Set();
      if (!list.length) { if (all) G.nodes.forEach(function (n, i) { out.add(i); }); return out; }
      list.forEach(function (word) {
        let part = null;
        word.split(',').filter(Boolean).forEach(function (t) {
          const one = term(G, t);
          part = part === null ? one : new Set(Array.from(part).filter(function (n) { return one.has(n); }));
        });
        (part || []).forEach(function (n) { out.add(n); });
      });
      return out;
    };
    const chosen = union(include, true);
    union(exclude, false).forEach(function (n) { chosen.delete(n); });
    return chosen;
  }

  /* ---------- Canvas renderer for large graphs ---------- */

  const FAR = 0.5;       // below this zoom, boxes without labels
  const OVERVIEW = 0.35; // below this zoom, folder names over the drawing
  const CELL = 600;      // grid cell for culling and hit-testing, in layout units
  const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#dc2626', '#4f46e5', '#65a30d', '#db2777', '#0d9488', '#ca8a04', '#7c3aed'];

  function cssVar(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function folderOf(node) {
    if (node[2] === 'source') return 'source ' + node[0].split('.')[2];
    const path = String(node[9] || '');
    const slash = path.lastIndexOf('/');
    return slash > 0 ? path.slice(0, slash) : path ? path : node[2];
  }

  function CanvasGraph(host, G, labelOf) {
    const nodes = G.nodes;
    const nw = G.nw;
    const nh = G.nh;
    const canvas = document.createElement('canvas');
    canvas.className = 'g-canvas';
    canvas.setAttribute('role', 'img');
    host.appendChild(canvas);
    const ctx = canvas.getContext('2d', { alpha: false });
    const colours = {
      model: cssVar('--model', '#2563eb'), seed: cssVar('--seed', '#16a34a'),
      source: cssVar('--source', '#d97706'), exposure: cssVar('--exposure', '#9333ea'),
      snapshot: cssVar('--snapshot', '#0e7490'),
      edge: '#94a3b8', accent: cssVar('--accent', '#2563eb'), ink: cssVar('--ink', '#0f172a'),
      bad: cssVar('--bad', '#dc2626'), badBg: cssVar('--bad-bg', '#fef2f2'), muted: '#94a3b8'
    };
    const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
    const self = { canvas: canvas, view: { k: 1, x: 0, y: 0 }, frames: 0, painted: 0 };
    let members = [];
    let px = null;
    let py = null;
    let routes = [];
    let grid = new Map();
    let folders = [];
    let folderColour = new Map();
    let traced = null;
    let hot = -1;
    let focus = -1;
    let incident = new Set();
    let overview = null;
    let bounds = { x: 0, y: 0, w: 1, h: 1 };
    let pending = 0;
    let lastMove = 0;
    let idle = 0;
    let width = 0;
    let height = 0;
    let dpr = 1;

    function size() {
      dpr = window.devicePixelRatio || 1;
      width = host.clientWidth || 800;
      height = host.clientHeight || 400;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = width + 'px';
      canvas.style.height = height + 'px';
    }

    self.scene = function (memberSet, pos, routeOf, focusNode) {
      members = Array.from(memberSet);
      px = new Float64Array(nodes.length);
      py = new Float64Array(nodes.length);
      grid = new Map();
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      const groups = new Map();
      members.forEach(function (i) {
        const p = pos.get(i);
        px[i] = p.x; py[i] = p.y;
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + nw); maxY = Math.max(maxY, p.y + nh);
        const key = Math.floor(p.x / CELL) + ',' + Math.floor(p.y / CELL);
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(i);
        const folder = folderOf(nodes[i]);
        if (!groups.has(folder)) groups.set(folder, { name: folder, n: 0, sx: 0, sy: 0 });
        const g = groups.get(folder);
        g.n++; g.sx += p.x + nw / 2; g.sy += p.y + nh / 2;
      });
      bounds = { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
      folders = Array.from(groups.values()).sort(function (a, b) { return b.n - a.n; });
      folderColour = new Map();
      folders.forEach(function (f, n) { folderColour.set(f.name, PALETTE[n % PALETTE.length]); });
      routes = [];
      G.edges.forEach(function (edge, e) {
        if (!memberSet.has(edge[0]) || !memberSet.has(edge[1])) return;
        const p = routeOf(e);
        let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (let k = 0; k < p.length; k += 2) {
          x0 = Math.min(x0, p[k]); x1 = Math.max(x1, p[k]);
          y0 = Math.min(y0, p[k + 1]); y1 = Math.max(y1, p[k + 1]);
        }
        routes.push({ e: e, from: edge[0], to: edge[1], p: p, x0: x0, y0: y0, x1: x1, y1: y1 });
      });
      focus = focusNode;
      incident = new Set();
      routes.forEach(function (r, n) { if (r.from === focus || r.to === focus) incident.add(n); });
      overview = null;
      size();
      return bounds;
    };

    self.mark = function (trace) { traced = trace; overview = null; self.request(); };
    self.hover = function (i) { if (i !== hot) { hot = i; self.request(); } };
    self.resize = function () { size(); self.request(); };

    self.setView = function (view) {
      self.view = { k: view.k, x: view.x, y: view.y };
      lastMove = performance.now();
      self.request();
    };

    self.request = function () {
      if (!pending) pending = requestAnimationFrame(frame);
    };

    self.hit = function (sx, sy) {
      const v = self.view;
      const wx = (sx - v.x) / v.k;
      const wy = (sy - v.y) / v.k;
      // A box is filed under the cell of its top-left corner, so look one cell left and up too.
      const cx = Math.floor(wx / CELL);
      const cy = Math.floor(wy / CELL);
      for (let x = cx - 1; x <= cx; x++) {
        for (let y = cy - 1; y <= cy; y++) {
          for (const i of grid.get(x + ',' + y) || []) {
            if (wx >= px[i] && wx <= px[i] + nw && wy >= py[i] && wy <= py[i] + nh) return i;
          }
        }
      }
      return -1;
    };

    // How many boxes lie wholly or partly outside the visible area.
    self.offscreen = function () {
      const v = self.view;
      let out = 0;
      members.forEach(function (i) {
        const x = px[i] * v.k + v.x;
        const y = py[i] * v.k + v.y;
        if (x + nw * v.k < 0 || y + nh * v.k < 0 || x > width || y > height) out++;
      });
      return out;
    };

    function visibleNodes(x0, y0, x1, y1) {
      const out = [];
      const cx0 = Math.floor((x0 - nw) / CELL), cx1 = Math.floor(x1 / CELL);
      const cy0 = Math.floor((y0 - nh) / CELL), cy1 = Math.floor(y1 / CELL);
      if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > grid.size) {
        members.forEach(function (i) { if (px[i] + nw >= x0 && px[i] <= x1 && py[i] + nh >= y0 && py[i] <= y1) out.push(i); });
        return out;
      }
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          const cell = grid.get(cx + ',' + cy);
          if (cell) cell.forEach(function (i) { if (px[i] + nw >= x0 && px[i] <= x1 && py[i] + nh >= y0 && py[i] <= y1) out.push(i); });
        }
      }
      return out;
    }

    function isTraced(i) { return traced && traced.byNode.has(i); }

    // Draws the scene at scale k with its origin at (ox, oy) in pixels of target, culled to w x h.
    function paint(target, k, ox, oy, w, h, scale, labels) {
      target.setTransform(scale, 0, 0, scale, 0, 0);
      target.fillStyle = '#ffffff';
      target.fillRect(0, 0, w, h);
      target.setTransform(scale * k, 0, 0, scale * k, scale * ox, scale * oy);
      const x0 = -ox / k, y0 = -oy / k, x1 = x0 + w / k, y1 = y0 + h / k;
      const far = k < FAR;
      const line = Math.max(1.2, 1 / k) / (far ? 1.4 : 1);
      target.lineWidth = line;
      target.strokeStyle = colours.edge;
      target.globalAlpha = traced ? 0.18 : far ? 0.55 : 1;
      target.beginPath();
      routes.forEach(function (r) {
        if (r.x1 < x0 || r.x0 > x1 || r.y1 < y0 || r.y0 > y1) return;
        if (far) {
          target.moveTo(r.p[0], r.p[1]);
          for (let n = 2; n < r.p.length; n += 2) target.lineTo(r.p[n], r.p[n + 1]);
        } else {
          tracePath(target, r.p);
        }
      });
      target.stroke();
      target.globalAlpha = 1;
      const visible = visibleNodes(x0, y0, x1, y1);
      const r = far ? 0 : 8;
      visible.forEach(function (i) {
        const node = nodes[i];
        const dim = traced && !isTraced(i);
        target.globalAlpha = dim ? 0.28 : 1;
        const colour = colours[node[2]] || colours.model;
        if (far) {
          target.fillStyle = folders.length > 1 ? folderColour.get(folderOf(node)) : colour;
          target.fillRect(px[i], py[i], nw, nh);
          if (node[7] === 'bad' || node[10]) {
            target.fillStyle = node[7] === 'bad' ? colours.bad : '#64748b';
            target.fillRect(px[i], py[i], nw / 4, nh);
          }
          return;
        }
        target.beginPath();
        if (target.roundRect) target.roundRect(px[i], py[i], nw, nh, r); else target.rect(px[i], py[i], nw, nh);
        target.fillStyle = node[7] === 'bad' ? colours.badBg : node[10] === 'skipped' ? '#f1f5f9' : isTraced(i) ? '#eff6ff' : '#ffffff';
        target.fill();
        target.lineWidth = i === focus ? 3 : i === hot ? 2.5 : 1.5;
        target.strokeStyle = node[7] === 'bad' ? colours.bad : colour;
        target.setLineDash(node[8] || node[10] === 'skipped' ? [5, 3] : []);
        target.stroke();
        target.setLineDash([]);
        target.fillStyle = colour;
        target.fillRect(px[i] + 4, py[i] + 8, 4, nh - 16);
        if (node[10] === 'stale') {
          target.fillStyle = '#d97706';
          target.beginPath();
          target.arc(px[i] + nw - 9, py[i] + 9, 4, 0, Math.PI * 2);
          target.fill();
        }
        if (labels) {
          target.fillStyle = colours.ink;
          target.font = (i === focus ? '700 ' : '') + '12.5px ' + font;
          target.fillText(labelOf(node[1]), px[i] + 16, py[i] + nh / 2 + 4.5);
        }
      });
      target.globalAlpha = 1;
    }

    // What changes with hovering and focus, drawn over either the crisp drawing or the overview.
    function highlights(k) {
      const far = k < FAR;
      const lists = [];
      if (traced) lists.push([routes.filter(function (r) { return traced.edges.has(r.e); }), colours.accent, 2.6]);
      if (focus >= 0) lists.push([Array.from(incident).map(function (n) { return routes[n]; }), colours.accent, 2.2]);
      if (hot >= 0) lists.push([routes.filter(function (r) { return r.from === hot || r.to === hot; }), '#475569', 2]);
      lists.forEach(function (list) {
        if (!list[0].length) return;
        ctx.beginPath();
        list[0].forEach(function (r) { tracePath(ctx, r.p); });
        ctx.strokeStyle = list[1];
        ctx.lineWidth = Math.max(list[2], 2 / k);
        ctx.stroke();
      });
      if (far && focus >= 0 && px) {
        ctx.strokeStyle = colours.accent;
        ctx.lineWidth = 3 / k;
        ctx.strokeRect(px[focus] - 4 / k, py[focus] - 4 / k, nw + 8 / k, nh + 8 / k);
      }
    }

    function folderLabels(v) {
      if (v.k >= OVERVIEW || folders.length < 2) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.font = '600 12px ' + font;
      ctx.textBaseline = 'middle';
      const taken = [];
      folders.slice(0, 60).forEach(function (f) {
        const x = (f.sx / f.n) * v.k + v.x;
        const y = (f.sy / f.n) * v.k + v.y;
        const text = f.name + ' · ' + f.n;
        const w = ctx.measureText(text).width + 12;
        const box = { x: x - w / 2, y: y - 10, w: w, h: 20 };
        if (box.x + box.w < 0 || box.y + box.h < 0 || box.x > width || box.y > height) return;
        if (taken.some(function (t) { return t.x < box.x + box.w && box.x < t.x + t.w && t.y < box.y + box.h && box.y < t.y + t.h; })) return;
        taken.push(box);
        ctx.globalAlpha = 0.92;
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(box.x, box.y, box.w, box.h);
        ctx.globalAlpha = 1;
        ctx.strokeStyle = folderColour.get(f.name);
        ctx.lineWidth = 1.5;
        ctx.strokeRect(box.x, box.y, box.w, box.h);
        ctx.fillStyle = colours.ink;
        ctx.fillText(text, box.x + 6, y);
      });
      ctx.textBaseline = 'alphabetic';
    }

    // The whole drawing once at a small scale: zoomed out, every frame is one image copy.
    function overviewImage() {
      if (overview) return overview;
      const s = Math.min(FAR, 4096 / Math.max(bounds.w + 40, 1), 4096 / Math.max(bounds.h + 40, 1));
      const image = document.createElement('canvas');
      const w = Math.ceil((bounds.w + 40) * s);
      const h = Math.ceil((bounds.h + 40) * s);
      image.width = w;
      image.height = h;
      const ox = (20 - bounds.x) * s;
      const oy = (20 - bounds.y) * s;
      paint(image.getContext('2d', { alpha: false }), s, ox, oy, w, h, 1, false);
      overview = { image: image, s: s, ox: ox, oy: oy };
      return overview;
    }

    function frame(now) {
      pending = 0;
      const began = performance.now();
      const v = self.view;
      const moving = now - lastMove < 160;
      if (v.k < FAR && !overview && !self.painted) {
        // The first frame is drawn at the view's own size, and the overview image (the whole
        // drawing at a larger scale) is made just after, so the page shows the graph sooner.
        paint(ctx, v.k, v.x, v.y, width, height, dpr, false);
        setTimeout(function () { overviewImage(); }, 30);
      } else if (v.k < FAR) {
        const o = overviewImage();
        if (v.k <= o.s * 1.05 || moving) {
          ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, width, height);
          const r = v.k / o.s;
          ctx.imageSmoothingEnabled = true;
          ctx.drawImage(o.image, v.x - o.ox * r, v.y - o.oy * r, o.image.width * r, o.image.height * r);
          if (moving && v.k > o.s * 1.05) {
            clearTimeout(idle);
            idle = setTimeout(self.request, 170);
          }
        } else {
          paint(ctx, v.k, v.x, v.y, width, height, dpr, false);
        }
      } else {
        paint(ctx, v.k, v.x, v.y, width, height, dpr, v.k * 12.5 >= 5);
      }
      ctx.setTransform(dpr * v.k, 0, 0, dpr * v.k, dpr * v.x, dpr * v.y);
      highlights(v.k);
      folderLabels(v);
      self.frames++;
      if (!self.painted) {
        self.painted = performance.now();
        if (performance.mark) performance.mark('mds-graph-first-frame');
      }
      host.setAttribute('data-frames', String(self.frames));
      host.setAttribute('data-paint-ms', (performance.now() - began).toFixed(2));
    }

    return self;
  }

  window.MDS_GRAPHS = {
    layered: layered,
    pathData: pathData,
    select: select,
    folderOf: folderOf,
    CanvasGraph: CanvasGraph
  };
})();
