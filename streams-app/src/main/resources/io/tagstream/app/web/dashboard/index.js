"use strict";
/*
 * The list of this instance's streams, kept live by the "streams" event of /events/streams. Rows are updated in
 * place (one row per stream, kept while the stream is listed), so a link stays the same element while its stream's
 * figures change and a click on it is never lost to a redraw.
 */
(() => {
  const body = document.getElementById("streams");
  const connection = document.getElementById("connection");
  const { element, chip } = Tagstream;
  const rows = new Map();
  const empty = element("tr");
  empty.append(element("td", { colspan: 5, class: "note" }, "no stream yet"));

  function row(stream) {
    let tr = rows.get(stream);
    if (tr === undefined) {
      tr = element("tr", { "data-stream": stream });
      const link = element("a", { href: "/ui/stream.html?id=" + encodeURIComponent(stream) }, stream);
      tr.append(element("td"), element("td"), element("td"), element("td"), element("td"));
      tr.children[0].append(link);
      rows.set(stream, tr);
    }
    return tr;
  }

  function render(streams) {
    const listed = new Set(streams.map(s => s.stream));
    for (const [stream, tr] of rows) {
      if (!listed.has(stream)) {
        tr.remove();
        rows.delete(stream);
      }
    }
    const order = streams.map(s => {
      const tr = row(s.stream);
      const [, state, frames, label, confidence] = tr.children;
      state.className = "status " + (s.ended ? "ended" : "live");
      state.textContent = s.ended ? "ended" : "live";
      frames.textContent = String(s.frames);
      label.replaceChildren();
      if (s.label !== null) {
        label.append(chip(s.label, s.label_index));
      }
      confidence.textContent = s.confidence === null ? "" : s.confidence.toFixed(2);
      return tr;
    });
    if (order.length === 0) {
      order.push(empty);
    } else {
      empty.remove();
    }
    order.forEach((tr, i) => {
      if (body.children[i] !== tr) {
        body.insertBefore(tr, body.children[i] || null);
      }
    });
    document.body.dataset.streams = String(streams.length);
  }

  body.replaceChildren(empty);
  const events = new EventSource("/events/streams");
  events.addEventListener("streams", e => render(JSON.parse(e.data)));
  events.onopen = () => { connection.textContent = "live"; connection.className = "status live"; };
  events.onerror = () => { connection.textContent = "reconnecting…"; connection.className = "status"; };
})();
