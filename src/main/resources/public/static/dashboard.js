// The live page: one Chart.js line chart per sensor, the readers' group with the partitions each member owns, lag
// per partition and recent alerts, all from /dashboard/events (server-sent events). No reload, no polling.
'use strict';

const WINDOW_MS = 3 * 60 * 1000;
const PALETTE = ['#4fb3ff', '#5fd38d', '#e3b341', '#ff7b72', '#d2a8ff', '#56d4dd', '#f778ba', '#a5d6ff'];
const charts = new Map();
const memberColors = new Map();
let previousOwners = new Map();
// Read by the browser test: how much the page has received and shows.
window.dashboardState = { updates: 0, points: 0, members: 0, alerts: 0, owners: {} };

function colorOf(memberId) {
  if (!memberColors.has(memberId)) {
    memberColors.set(memberId, PALETTE[memberColors.size % PALETTE.length]);
  }
  return memberColors.get(memberId);
}

function chartFor(sensor) {
  if (charts.has(sensor)) {
    return charts.get(sensor);
  }
  const box = document.createElement('div');
  box.className = 'chart';
  const canvas = document.createElement('canvas');
  box.appendChild(canvas);
  const grid = document.getElementById('charts');
  const boxes = [...grid.children];
  const next = boxes.find(b => b.dataset.sensor > sensor);
  box.dataset.sensor = sensor;
  grid.insertBefore(box, next || null);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [{ label: sensor, data: [], borderColor: PALETTE[charts.size % PALETTE.length], borderWidth: 1.5, pointRadius: 0 }] },
    options: {
      animation: false, maintainAspectRatio: false, parsing: false,
      scales: {
        x: { type: 'linear', min: -WINDOW_MS / 1000, max: 0, title: { display: true, text: 'seconds ago' }, ticks: { color: '#8a96a3' } },
        y: { ticks: { color: '#8a96a3' } },
      },
      plugins: { legend: { labels: { color: '#e6e6e6' } } },
    },
  });
  chart.$points = [];
  charts.set(sensor, chart);
  return chart;
}

function updateCharts(readings) {
  const now = Date.now();
  for (const [sensor, points] of Object.entries(readings)) {
    const chart = chartFor(sensor);
    chart.$points.push(...points);
    window.dashboardState.points += points.length;
  }
  for (const chart of charts.values()) {
    chart.$points = chart.$points.filter(p => now - p.t <= WINDOW_MS);
    chart.data.datasets[0].data = chart.$points.map(p => ({ x: (p.t - now) / 1000, y: p.v }));
    chart.update('none');
  }
}

// Builds an element whose text comes from data as text, never as HTML: client ids, hosts and sensor ids are chosen
// by whoever joins a group or writes a reading.
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function chip(text, color) {
  const node = el('span', { className: 'chip', textContent: String(text) });
  node.style.background = color;
  return node;
}

function updateGroup(group, error) {
  const members = document.getElementById('members');
  const lagBody = document.querySelector('#lag tbody');
  if (!group) {
    members.replaceChildren(el('p', { className: 'idle', textContent: error || 'no group yet' }));
    members.dataset.members = '0';
    window.dashboardState.members = 0;
    return;
  }
  document.getElementById('group-name').textContent = `${group.groupId} · ${group.state} · ${group.assignor}`;
  const owners = new Map();
  group.partitions.forEach(p => { if (p.memberId) owners.set(`${p.topic}-${p.partition}`, p.memberId); });
  members.replaceChildren(...group.members.map(m => {
    const row = document.createElement('div');
    row.className = 'member';
    row.dataset.memberId = m.memberId;
    row.style.borderColor = colorOf(m.memberId);
    const moved = m.partitions.some(p => previousOwners.size > 0 && previousOwners.get(p) !== m.memberId);
    if (moved) {
      row.classList.add('changed');
      setTimeout(() => row.classList.remove('changed'), 1500);
    }
    const chips = m.partitions.length === 0 ? [el('span', { className: 'idle', textContent: 'idle' })]
      : m.partitions.flatMap(p => [chip(p.split('-').pop(), colorOf(m.memberId)), ' ']);
    row.append(el('span', { className: 'id', title: `${m.memberId} @ ${m.host}`, textContent: m.clientId }), ...chips);
    return row;
  }));
  members.dataset.members = String(group.members.length);
  previousOwners = owners;
  window.dashboardState.members = group.members.length;
  window.dashboardState.owners = Object.fromEntries(owners);
  lagBody.replaceChildren(...group.partitions.map(p => {
    const row = document.createElement('tr');
    const owner = group.members.find(m => m.memberId === p.memberId);
    const color = p.memberId ? colorOf(p.memberId) : '#8a96a3';
    row.append(el('td', {}, chip(p.partition, color)),
      el('td', { textContent: owner ? owner.clientId : '—' }),
      el('td', { textContent: String(p.committedOffset ?? '—') }),
      el('td', { textContent: String(p.logEndOffset) }),
      el('td', { className: p.lag > 20 ? 'lag high' : 'lag', textContent: String(p.lag ?? '—') }));
    return row;
  }));
}

function updateAlerts(alerts) {
  const list = document.getElementById('alerts');
  for (const a of alerts) {
    const previous = a.previousValue == null ? '' : ` (from ${a.previousValue.toFixed(1)})`;
    const item = el('li', {}, el('span', { className: `kind ${a.kind}`, textContent: a.kind }),
      ` ${a.sensorId} ${a.value.toFixed(1)}${previous} `, el('small', { textContent: new Date(a.timestamp).toLocaleTimeString() }));
    list.prepend(item);
  }
  while (list.children.length > 50) {
    list.lastChild.remove();
  }
  window.dashboardState.alerts = list.children.length;
}

const source = new EventSource('/dashboard/events');
const status = document.getElementById('status');
source.onopen = () => { status.textContent = 'live'; status.className = 'status live'; };
source.onerror = () => { status.textContent = 'reconnecting…'; status.className = 'status'; };
source.onmessage = (message) => {
  const update = JSON.parse(message.data);
  updateCharts(update.readings);
  updateGroup(update.group, update.groupError);
  updateAlerts(update.alerts);
  window.dashboardState.updates += 1;
};
