// Ferry console: a little progressive enhancement; every page works without it.
"use strict";
// Forms that change something ask first when they say so (data-confirm="…"), also those a live
// update put on the page after it loaded.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Live parts: an element with data-live-events is fetched again from data-live-fragment whenever
// the server sends an event; one fetch at a time, and one more if events came meanwhile.
document.addEventListener("DOMContentLoaded", () => {
  const live = document.querySelector("[data-live-events]");
  if (!live || !window.EventSource) {
    return;
  }
  let busy = false;
  let again = false;
  const refresh = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch(live.dataset.liveFragment, { credentials: "same-origin" });
        if (response.ok) {
          live.innerHTML = await response.text();
          live.dispatchEvent(new CustomEvent("ferry:updated", { bubbles: true }));
        }
      } while (again);
    } finally {
      busy = false;
    }
  };
  let opened = false;
  const source = new EventSource(live.dataset.liveEvents);
  source.addEventListener("change", refresh);
  // After a reconnection, changes may have been missed while the stream was down.
  source.addEventListener("open", () => {
    if (opened) {
      refresh();
    }
    opened = true;
    live.dataset.streaming = "open";
  });
});

// The decisions list: each new decision the server sends becomes the first row.
document.addEventListener("DOMContentLoaded", () => {
  const rows = document.querySelector("[data-decision-events]");
  if (!rows || !window.EventSource) {
    return;
  }
  const cell = (text, mono) => {
    const td = document.createElement("td");
    td.textContent = text;
    if (mono) {
      td.className = "mono";
    }
    return td;
  };
  const source = new EventSource(rows.dataset.decisionEvents);
  source.addEventListener("decision", (event) => {
    const d = JSON.parse(event.data);
    const tr = document.createElement("tr");
    const time = document.createElement("td");
    const link = document.createElement("a");
    link.href = rows.dataset.prefix + d.href;
    link.textContent = d.time;
    time.appendChild(link);
    const verdict = document.createElement("td");
    const badge = document.createElement("span");
    badge.className = "status " + (d.allowed ? "status-Succeeded" : "status-Failed");
    badge.textContent = d.allowed ? "Allowed" : "Denied";
    verdict.appendChild(badge);
    tr.append(time, verdict, cell(d.account), cell(d.principal, true), cell(d.action, true), cell(d.resource, true));
    rows.prepend(tr);
    const none = document.getElementById("no-decisions");
    if (none) {
      none.remove();
    }
    while (rows.children.length > 200) {
      rows.lastElementChild.remove();
    }
  });
});
