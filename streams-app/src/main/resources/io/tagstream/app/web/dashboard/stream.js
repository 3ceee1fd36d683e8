"use strict";
/*
 * One stream, live: events "meta" and "update" of /events/streams/{id} fill a buffer of the newest frames (features,
 * label probabilities), drawn as a scrolling spectrogram, a label timeline and probability curves; a click picks a
 * frame whose attention (/streams/{id}/attention?frame=t) is drawn as one heatmap per layer, heads as rows.
 * For tests and tools the page publishes what it drew: body data-frames-drawn / data-labels-drawn, and on #attention
 * data-frame, data-layers, data-heads; each layer's canvas carries its weights in data-weights ([head][offset]).
 */
(() => {
  const { element, chip, heat, labelColour, argmax } = Tagstream;
  const streamId = new URLSearchParams(location.search).get("id") || "";
  const $ = id => document.getElementById(id);
  const view = { frames: [], byIndex: new Map(), segments: [], ended: false, epoch: null };
  let meta = null;
  let selected = null;          // frame index picked by a click; null = follow the newest labelled frame
  let attentionShown = null;    // the last attention answer drawn
  let attentionPending = false;
  let lastAttentionAsk = 0;
  let drawScheduled = false;

  $("stream-id").textContent = streamId;
  document.title = "tagstream: " + streamId;

  function onMeta(m) {
    meta = m;
    $("model").textContent = "model " + m.model;
    $("features-title").textContent = (m.features.kind === "LOG_MEL" ? "Log-mel spectrogram" : "Features (" + m.features.kind + ")")
      + " · " + m.features.dims + " bands · " + m.features.hop_ms + " ms per frame";
    $("spectrogram").height = m.features.dims;
    const legend = $("legend");
    legend.replaceChildren(...m.labels.map((name, i) => chip(name, i)));
  }

  function onUpdate(u) {
    if (u.reset || u.epoch !== view.epoch) {
      view.frames = [];
      view.byIndex = new Map();
      view.segments = [];
      view.epoch = u.epoch;
    }
    for (const [index, features] of u.frames) {
      const entry = { index, features, probabilities: null };
      view.frames.push(entry);
      view.byIndex.set(index, entry);
    }
    for (const [index, probabilities] of u.labels) {
      const entry = view.byIndex.get(index);
      if (entry) {
        entry.probabilities = probabilities;
      }
    }
    view.segments.push(...u.segments);
    view.segments.splice(0, Math.max(0, view.segments.length - 200));
    const excess = view.frames.length - (meta ? meta.history_frames : 1000);
    if (excess > 0) {
      view.frames.splice(0, excess).forEach(e => view.byIndex.delete(e.index));
    }
    view.ended = u.ended;
    scheduleDraw();
  }

  function scheduleDraw() {
    if (!drawScheduled) {
      drawScheduled = true;
      requestAnimationFrame(() => { drawScheduled = false; draw(); });
    }
  }

  /** The frames on screen, right-aligned: the newest is at the right edge. */
  function visible() {
    const width = $("spectrogram").width;
    return view.frames.slice(-width);
  }

  function xOf(frames, index) {
    const width = $("spectrogram").width;
    const k = frames.findIndex(e => e.index === index);
    return k < 0 ? -1 : width - frames.length + k;
  }

  function draw() {
    if (!meta) {
      return;
    }
    const frames = visible();
    drawSpectrogram(frames);
    drawTimeline(frames);
    drawProbabilities(frames);
    drawAxis(frames);
    drawSegments();
    const labelled = frames.filter(e => e.probabilities);
    const newest = labelled[labelled.length - 1];
    $("state").textContent = view.ended ? "ended" : "live";
    $("state").className = "status " + (view.ended ? "ended" : "live");
    $("current").replaceChildren();
    if (newest) {
      const k = argmax(newest.probabilities);
      $("current").append(chip(meta.labels[k], k), " " + newest.probabilities[k].toFixed(2) + " at frame " + newest.index);
    }
    document.body.dataset.framesDrawn = String(frames.length);
    document.body.dataset.labelsDrawn = String(labelled.length);
    if (selected === null && newest && !attentionPending && performance.now() - lastAttentionAsk > 1000) {
      askAttention(null);
    }
  }

  function drawSpectrogram(frames) {
    const canvas = $("spectrogram");
    const g = canvas.getContext("2d");
    const dims = meta.features.dims;
    const image = g.createImageData(canvas.width, dims);
    let lo = Infinity;
    let hi = -Infinity;
    frames.forEach(e => e.features.forEach(v => { lo = Math.min(lo, v); hi = Math.max(hi, v); }));
    const span = hi > lo ? hi - lo : 1;
    const x0 = canvas.width - frames.length;
    frames.forEach((e, k) => {
      for (let d = 0; d < dims; d++) {
        const [r, gr, b] = heat((e.features[d] - lo) / span);
        const p = 4 * ((dims - 1 - d) * canvas.width + x0 + k); // low bands at the bottom
        image.data[p] = r; image.data[p + 1] = gr; image.data[p + 2] = b; image.data[p + 3] = 255;
      }
    });
    g.putImageData(image, 0, 0);
    drawMarks(g, frames, canvas.height);
  }

  /** A cleared track canvas, and the x of the first of `frames` on it (they are drawn right-aligned). */
  function clearedTrack(id, frames) {
    const canvas = $(id);
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, canvas.width, canvas.height);
    return { canvas, g, x0: canvas.width - frames.length };
  }

  function drawTimeline(frames) {
    const { canvas, g, x0 } = clearedTrack("timeline", frames);
    frames.forEach((e, k) => {
      if (e.probabilities) {
        const best = argmax(e.probabilities);
        g.fillStyle = labelColour(meta.labels[best], best);
        g.fillRect(x0 + k, 0, 1, canvas.height);
      }
    });
    drawMarks(g, frames, canvas.height);
  }

  function drawProbabilities(frames) {
    const { canvas, g, x0 } = clearedTrack("probabilities", frames);
    meta.labels.forEach((name, c) => {
      g.strokeStyle = labelColour(name, c);
      g.lineWidth = 1.5;
      g.beginPath();
      let drawing = false;
      frames.forEach((e, k) => {
        if (!e.probabilities) {
          drawing = false;
          return;
        }
        const y = (canvas.height - 2) * (1 - e.probabilities[c]) + 1;
        if (drawing) { g.lineTo(x0 + k, y); } else { g.moveTo(x0 + k, y); drawing = true; }
      });
      g.stroke();
    });
    drawMarks(g, frames, canvas.height);
  }

  /** Seconds under the tracks, at the stream's own time (frame index x hop). */
  function drawAxis(frames) {
    const canvas = $("axis");
    canvas.width = canvas.clientWidth || 1000;
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#9aa0a6";
    g.font = "11px sans-serif";
    const scale = canvas.width / $("spectrogram").width;
    const x0 = $("spectrogram").width - frames.length;
    const perSecond = Math.round(1000 / meta.features.hop_ms);
    frames.forEach((e, k) => {
      if (e.index % perSecond === 0) {
        const x = (x0 + k) * scale;
        g.fillRect(x, 0, 1, 4);
        g.fillText((e.index / perSecond).toFixed(0) + " s", x + 2, 13);
      }
    });
  }

  /** The picked frame (a line) and, lightly, the frames its attention spans. */
  function drawMarks(g, frames, height) {
    const shown = attentionShown;
    const frame = selected !== null ? selected : shown && shown.frame;
    if (frame === null || frame === undefined) {
      return;
    }
    const x = xOf(frames, frame);
    if (x < 0) {
      return;
    }
    if (shown && shown.frame === frame) {
      g.fillStyle = "rgba(255, 255, 255, 0.18)";
      g.fillRect(x - shown.left, 0, shown.left + shown.right + 1, height);
    }
    g.fillStyle = "#ffffff";
    g.fillRect(x, 0, 1, height);
  }

  function drawSegments() {
    const body = $("segments");
    body.replaceChildren();
    view.segments.slice(-50).reverse().forEach(s => {
      const k = meta.labels.indexOf(s.label);
      const tr = element("tr");
      tr.append(element("td", {}, (s.start_ms / 1000).toFixed(2)), element("td", {}, (s.end_ms / 1000).toFixed(2)),
        element("td"), element("td", {}, s.confidence.toFixed(2)));
      tr.children[2].append(chip(s.label, k < 0 ? 0 : k));
      body.append(tr);
    });
  }

  function askAttention(frame) {
    attentionPending = true;
    lastAttentionAsk = performance.now();
    const url = "/streams/" + encodeURIComponent(streamId) + "/attention" + (frame === null ? "" : "?frame=" + frame);
    fetch(url)
      .then(r => r.json().then(body => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        if (frame !== selected) {
          return; // another frame was picked meanwhile
        }
        if (ok) {
          drawAttention(body);
        } else {
          $("attention-note").textContent = body.error;
          $("attention-note").className = "note error";
          $("attention").dataset.error = body.error;
        }
      })
      .catch(error => { $("attention-note").textContent = String(error); })
      .finally(() => { attentionPending = false; scheduleDraw(); });
  }

  function drawAttention(a) {
    attentionShown = a;
    const box = $("attention");
    box.replaceChildren();
    delete box.dataset.error;
    $("attention-frame").textContent = a.frame + " (" + (a.frame * meta.features.hop_ms / 1000).toFixed(2) + " s)";
    $("attention-note").className = "note";
    $("attention-note").textContent = a.layers + " layers × " + a.heads + " heads, offsets −" + a.left + "…+" + a.right
      + "; computed from " + a.window.frames + " frames held by this instance"
      + (selected === null ? "; following the newest labelled frame" : "");
    a.weights.forEach((layer, l) => box.append(layerFigure(a, layer, l)));
    box.dataset.layers = String(a.layers);
    box.dataset.heads = String(a.heads);
    box.dataset.frame = String(a.frame);
  }

  /** One layer: heads as rows, offsets -left..+right as columns, colour = weight / the layer's largest weight. */
  function layerFigure(a, layer, l) {
    const width = a.left + a.right + 1;
    const cell = Math.max(10, Math.min(28, Math.floor(520 / width)));
    const rowHeight = 22;
    const margin = { left: 30, top: 4, bottom: 18 };
    const canvas = element("canvas", {
      class: "attention-layer", "data-layer": String(l), "data-heads": String(layer.length),
      "data-weights": JSON.stringify(layer),
      width: String(margin.left + width * cell + 4), height: String(margin.top + layer.length * rowHeight + margin.bottom)
    });
    const g = canvas.getContext("2d");
    const top = Math.max(1e-9, ...layer.map(row => Math.max(...row)));
    g.font = "11px sans-serif";
    layer.forEach((row, h) => {
      g.fillStyle = "#9aa0a6";
      g.fillText("h" + h, 4, margin.top + h * rowHeight + 15);
      row.forEach((w, j) => {
        const [r, gr, b] = heat(w / top);
        g.fillStyle = "rgb(" + r + "," + gr + "," + b + ")";
        g.fillRect(margin.left + j * cell, margin.top + h * rowHeight, cell - 1, rowHeight - 1);
      });
    });
    g.strokeStyle = "#ffffff";
    g.strokeRect(margin.left + a.left * cell - 0.5, margin.top - 0.5, cell, layer.length * rowHeight);
    g.fillStyle = "#9aa0a6";
    const step = Math.max(1, Math.ceil(width / 12));
    for (let j = 0; j < width; j++) {
      const offset = j - a.left;
      if (offset === 0 || offset === -a.left || offset === a.right || offset % step === 0) {
        g.fillText(offset > 0 ? "+" + offset : String(offset), margin.left + j * cell, margin.top + layer.length * rowHeight + 13);
      }
    }
    canvas.title = "layer " + (l + 1) + ": rows are heads, columns offsets from frame " + a.frame;
    canvas.addEventListener("mousemove", ev => {
      const j = Math.floor((ev.offsetX - margin.left) / cell);
      const h = Math.floor((ev.offsetY - margin.top) / rowHeight);
      if (j >= 0 && j < width && h >= 0 && h < layer.length) {
        canvas.title = "layer " + (l + 1) + ", head " + h + ", offset " + (j - a.left) + ": " + layer[h][j].toFixed(4);
      }
    });
    const figure = element("figure");
    figure.append(element("figcaption", {}, "layer " + (l + 1) + (l === 0 ? " (input side)" : "")), canvas);
    return figure;
  }

  function pick(event) {
    const canvas = event.currentTarget;
    const rect = canvas.getBoundingClientRect();
    const x = Math.floor((event.clientX - rect.left) * canvas.width / rect.width);
    const frames = visible();
    const entry = frames[x - (canvas.width - frames.length)];
    if (entry) {
      selected = entry.index;
      document.body.dataset.selectedFrame = String(selected);
      $("follow").className = "";
      askAttention(selected);
      scheduleDraw();
    }
  }

  ["spectrogram", "timeline", "probabilities"].forEach(id => $(id).addEventListener("click", pick));
  $("follow").addEventListener("click", () => {
    selected = null;
    delete document.body.dataset.selectedFrame;
    $("follow").className = "on";
    askAttention(null);
  });

  const events = new EventSource("/events/streams/" + encodeURIComponent(streamId));
  events.addEventListener("meta", e => onMeta(JSON.parse(e.data)));
  events.addEventListener("update", e => onUpdate(JSON.parse(e.data)));
  events.addEventListener("missing", e => {
    $("state").textContent = JSON.parse(e.data).error;
    $("state").className = "status error";
  });
  events.onerror = () => { $("state").textContent = "reconnecting…"; $("state").className = "status"; };
})();
