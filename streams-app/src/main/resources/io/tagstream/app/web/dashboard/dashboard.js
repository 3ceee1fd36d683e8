"use strict";
/* Shared by the dashboard pages: label colours, the heat colour map, small DOM helpers. */
const Tagstream = (() => {
  const NAMED = { silence: "#9e9e9e", speech: "#42a5f5", music: "#66bb6a", noise: "#ffa726" };
  const OTHERS = ["#ab47bc", "#ef5350", "#26c6da", "#ffee58", "#8d6e63", "#5c6bc0", "#d4e157", "#ec407a"];
  const HEAT = [[13, 8, 135], [126, 3, 168], [204, 71, 120], [248, 149, 64], [240, 249, 33]]; // plasma-like stops

  /** The colour of label `name`, the `index`-th of the model's labels. */
  function labelColour(name, index) {
    return NAMED[name] || OTHERS[index % OTHERS.length];
  }

  /** [r, g, b] of `v` in [0, 1] on the heat map (values outside are clamped). */
  function heat(v) {
    const x = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (HEAT.length - 1);
    const i = Math.min(HEAT.length - 2, Math.floor(x));
    const t = x - i;
    return HEAT[i].map((c, k) => Math.round(c + t * (HEAT[i + 1][k] - c)));
  }

  /** A new element with attributes and text. */
  function element(tag, attributes, text) {
    const e = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /** A label chip: the label's name on its colour. */
  function chip(name, index) {
    const c = element("span", { class: "chip" }, name);
    c.style.background = labelColour(name, index);
    return c;
  }

  /** Index of the largest value. */
  function argmax(values) {
    let best = 0;
    for (let i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  return { labelColour, heat, element, chip, argmax };
})();
