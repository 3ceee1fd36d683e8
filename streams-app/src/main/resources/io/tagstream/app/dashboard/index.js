"use strict";
/* The list of this instance's streams, kept live by the "streams" event of /events/streams. */
(() => {
  const body = document.getElementById("streams");
  const connection = document.getElementById("connection");
  const { element, chip } = Tagstream;

  function render(streams) {
    body.replaceChildren();
    if (streams.length === 0) {
      const empty = element("tr");
      empty.append(element("td", { colspan: 5, class: "note" }, "no stream yet"));
      body.append(empty);
    }
    streams.forEach(s => {
      const tr = element("tr", { "data-stream": s.stream });
      const link = element("a", { href: "/ui/stream.html?id=" + encodeURIComponent(s.stream) }, s.stream);
      tr.append(element("td"), element("td", { class: "status " + (s.ended ? "ended" : "live") }, s.ended ? "ended" : "live"),
        element("td", {}, String(s.frames)), element("td"), element("td", {}, s.confidence === null ? "" : s.confidence.toFixed(2)));
      tr.children[0].append(link);
      if (s.label !== null) {
        tr.children[3].append(chip(s.label, s.label_index));
      }
      body.append(tr);
    });
    document.body.dataset.streams = String(streams.length);
  }

  const events = new EventSource("/events/streams");
  events.addEventListener("streams", e => render(JSON.parse(e.data)));
  events.onopen = () => { connection.textContent = "live"; connection.className = "status live"; };
  events.onerror = () => { connection.textContent = "reconnecting…"; connection.className = "status"; };
})();
