// The live dashboard: system snapshots arrive over server-sent events (/api/dashboard/events) once a second; each one
// updates the system panel and its uPlot charts, then the feature panels are re-fetched. A panel whose routes this build
// does not have says "feature not available"; an empty answer says "no data yet". Data is written with textContent only.
import uPlot from "/dashboard/lib/uplot/uPlot.esm.js";

const HISTORY = 120;
const $ = (id) => document.getElementById(id);
const number = (value, digits = 0) => value === null || value === undefined ? "-" : Number(value).toLocaleString("en-US", { maximumFractionDigits: digits });
// A figure the snapshot may leave out (null: not measured on this engine) reads "n/a", not "-" (not loaded yet).
const measured = (value, digits = 0) => value === null || value === undefined ? "n/a" : number(value, digits);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const [text, numeric] of cells) tr.append(element("td", text, numeric ? "num" : undefined));
  return tr;
}

function chart(target, title, series) {
  const width = Math.max(300, target.clientWidth || 420);
  return new uPlot({
    title, width, height: 160,
    scales: { x: { time: true } },
    series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 1.5 }))],
    axes: [{}, { size: 60 }],
  }, [[], ...series.map(() => [])], target);
}

// JSON from a feature route: null when the route is missing (404), throws on other failures.
async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

const system = {
  times: [], eventsPerSecond: [], appliedPerSecond: [], lag: [], p99: [],
  rateChart: chart($("system-rate-chart"), "events/s", [["appended", "#2563eb"], ["applied", "#059669"]]),
  lagChart: chart($("system-lag-chart"), "lag and p99 latency", [["lag (events)", "#d97706"], ["p99 ms", "#7c3aed"]]),
  ticks: 0,
};
const trendsChart = chart($("trends-chart"), "volume per minute", [["volume", "#2563eb"], ["sentiment x100", "#059669"]]);
let features = null;
let refreshing = false;

function push(series, value) {
  series.push(value);
  if (series.length > HISTORY) series.shift();
}

function showSnapshot(snapshot) {
  system.ticks++;
  $("system").dataset.ticks = String(system.ticks);
  $("system").dataset.eventsApplied = String(snapshot.eventsApplied);
  $("system-events-per-second").textContent = number(snapshot.eventsPerSecond, 1);
  $("system-applied-per-second").textContent = number(snapshot.appliedPerSecond, 1);
  $("system-lag").textContent = number(snapshot.totalLag);
  $("system-active-grains").textContent = number(snapshot.activeGrains);
  $("system-p99").textContent = measured(snapshot.p99IngestToAppliedMs, 1);
  $("system-p99-turn").textContent = measured(snapshot.p99TurnMs, 2);
  $("system-dead-letters").textContent = number(snapshot.deadLetters);
  // With several silos each dashboard shows its own silo; the tooltip lists the queues (topic/partition) it reads.
  $("system-member").textContent = `${snapshot.member} (${snapshot.ownedPartitions.length} queues)`;
  $("system-member").title = snapshot.ownedPartitions.join(" ");
  $("system-events-applied").textContent = number(snapshot.eventsApplied);
  const body = $("system-topics").tBodies[0];
  body.replaceChildren(...snapshot.topics.map((t) => row([[t.topic], [number(t.partitions), true], [number(t.endOffset), true], [number(t.eventsPerSecond, 1), true], [number(t.lag), true]])));

  push(system.times, Date.parse(snapshot.at) / 1000);
  push(system.eventsPerSecond, snapshot.eventsPerSecond);
  push(system.appliedPerSecond, snapshot.appliedPerSecond);
  push(system.lag, snapshot.totalLag);
  push(system.p99, snapshot.p99IngestToAppliedMs);
  system.rateChart.setData([system.times, system.eventsPerSecond, system.appliedPerSecond]);
  system.lagChart.setData([system.times, system.lag, system.p99]);
}

async function refreshTrends() {
  const note = $("trends-note");
  const body = $("trends-table").tBodies[0];
  $("trends-chart").hidden = true;
  if (!features.trends) { note.textContent = "feature not available"; return; }
  const trends = await getJson("/api/trends?window=5m&limit=20");
  const topics = trends?.topics ?? [];
  if (topics.length === 0) { note.textContent = trends ? "no data yet" : "feature not available"; body.replaceChildren(); return; }
  $("trends-chart").hidden = false;
  note.textContent = `window ${trends.window}; ${topics.filter((t) => t.trending).length} trending`;
  body.replaceChildren(...topics.map((t) => {
    const tr = row([[t.trending ? `${t.topic} \u2191` : t.topic], [number(t.trendScore, 2), true], [number(t.volume), true]]);
    tr.append(element("td", number(t.sentiment, 2), t.sentiment > 0.05 ? "num positive" : t.sentiment < -0.05 ? "num negative" : "num"));
    return tr;
  }));
  const detail = await getJson(`/api/topics/${encodeURIComponent(topics[0].topic)}`);
  const timeline = detail?.timeline ?? [];
  trendsChart.setTitle?.(`${topics[0].topic}: volume per minute`);
  trendsChart.setData([timeline.map((b) => Date.parse(b.start) / 1000), timeline.map((b) => b.count), timeline.map((b) => b.sentiment * 100)]);
}

async function refreshRecommendations() {
  const note = $("recommendations-note");
  const list = $("recommendations-list");
  if (!features.recommendations) { note.textContent = "feature not available"; list.replaceChildren(); }
  else {
    const user = $("user-id").value.trim() || "u0001";
    const answer = await getJson(`/api/users/${encodeURIComponent(user)}/recommendations?count=5`);
    const items = answer?.items ?? [];
    note.textContent = !answer ? "no data yet" : items.length === 0 ? "no data yet"
      : `${answer.userId}: model v${answer.modelVersion ?? "-"}${answer.coldStart ? " (cold start: popular items)" : ""}`;
    list.replaceChildren(...items.map((item) => {
      const li = element("li", `${item.productId} (${number(item.score, 3)})`);
      const reasons = (item.reasons ?? []).map((r) => `${r.productId} ${number(r.weight, 2)}`).join(", ");
      if (reasons) li.append(element("div", `because of ${reasons}`, "reasons"));
      return li;
    }));
  }

  const popularNote = $("popular-note");
  if (!features.popularProducts) { popularNote.textContent = "feature not available"; return; }
  const popular = await getJson("/api/products/popular?count=10");
  const items = popular?.items ?? [];
  popularNote.textContent = items.length === 0 ? "no data yet" : "";
  $("popular-list").replaceChildren(...items.map((p) => element("li", `${p.productId} (${number(p.score, 1)})`)));
}

async function refreshCameras() {
  const note = $("cameras-note");
  const tiles = $("camera-tiles");
  if (!features.cameras) { note.textContent = "feature not available"; return; }
  const answer = await getJson("/api/cameras");
  const cameras = answer?.cameras ?? [];
  note.textContent = cameras.length === 0 ? "no data yet" : "";
  const rendered = [];
  for (const camera of cameras) {
    const tile = element("div", undefined, "tile");
    tile.append(element("strong", camera.cameraId));
    tile.append(element("div", `${number(camera.frames)} frames, ${number(camera.fps, 1)} fps, ${number(camera.known)} known / ${number(camera.unknown)} unknown`));
    if (camera.lastFrameAt) {
      // Only cameras that have a frame have an image (latest.jpg answers 404 before the first frame).
      const image = element("img");
      image.alt = `latest frame of ${camera.cameraId}`;
      image.src = `/api/cameras/${encodeURIComponent(camera.cameraId)}/latest.jpg?at=${encodeURIComponent(camera.lastFrameAt)}`;
      tile.append(image);
      const latest = await getJson(`/api/cameras/${encodeURIComponent(camera.cameraId)}/latest`);
      const names = (latest?.faces ?? []).map((f) => `${f.name} (${number(f.confidence, 2)})`).join(", ");
      tile.append(element("div", names ? `seen: ${names}` : "no faces in the latest frame"));
    }
    rendered.push(tile);
  }
  tiles.replaceChildren(...rendered);
}

async function refreshFeatures() {
  if (refreshing || !features) return;
  refreshing = true;
  try {
    for (const [panel, refresh] of [["trends-note", refreshTrends], ["recommendations-note", refreshRecommendations], ["cameras-note", refreshCameras]]) {
      try { await refresh(); } catch (error) { $(panel).textContent = `unavailable: ${error.message}`; }
    }
  } finally {
    refreshing = false;
  }
}

async function start() {
  features = await getJson("/api/dashboard/features") ?? { trends: false, recommendations: false, popularProducts: false, cameras: false };
  $("user-form").addEventListener("submit", (e) => { e.preventDefault(); refreshFeatures(); });
  const events = new EventSource("/api/dashboard/events");
  events.addEventListener("open", () => { $("connection").textContent = "live"; $("connection").className = "status live"; });
  events.addEventListener("error", () => { $("connection").textContent = "reconnecting..."; $("connection").className = "status"; });
  events.addEventListener("snapshot", (message) => {
    showSnapshot(JSON.parse(message.data));
    refreshFeatures();
  });
  await refreshFeatures();
}

start();
