(function () {
  "use strict";
  // Offsets are Python string indices (code points); Array.from splits by code point, so a passage
  // after an emoji or any character outside the BMP is still cut at the right place.
  var CONTEXT = 160;
  var dataEl = document.getElementById("storyscope-data");
  var sources = dataEl ? JSON.parse(dataEl.textContent).sources : {};
  var chars = {};

  function codePoints(key) {
    if (!Object.prototype.hasOwnProperty.call(chars, key)) {
      chars[key] = Array.from(sources[key].text);
    }
    return chars[key];
  }

  // The cited characters with up to CONTEXT characters either side, widened to whole words.
  function passage(cps, start, end, context) {
    var from = Math.max(0, start - context);
    var to = Math.min(cps.length, end + context);
    while (from > 0 && from < start && !/\s/.test(cps[from - 1])) { from++; }
    while (to < cps.length && to > end && !/\s/.test(cps[to])) { to--; }
    return {
      before: (from > 0 ? "\u2026" : "") + cps.slice(from, start).join(""),
      cited: cps.slice(start, end).join(""),
      after: cps.slice(end, to).join("") + (to < cps.length ? "\u2026" : "")
    };
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // A passage panel inside a table sits in a row of its own, shown only while the panel is open.
  function setRow(panel, hidden) {
    var row = panel.closest("tr.passage-row");
    if (row) { row.hidden = hidden; }
  }

  function collapse(panel) {
    panel.hidden = true;
    setRow(panel, true);
    panel.textContent = "";
    var open = document.querySelectorAll('button.cite[aria-controls="' + panel.id + '"][aria-expanded="true"]');
    for (var i = 0; i < open.length; i++) { open[i].setAttribute("aria-expanded", "false"); }
  }

  function show(btn) {
    var panel = document.getElementById(btn.getAttribute("aria-controls"));
    var key = btn.getAttribute("data-src");
    if (!panel || !Object.prototype.hasOwnProperty.call(sources, key)) { return; }
    var wasOpen = btn.getAttribute("aria-expanded") === "true";
    collapse(panel);
    if (wasOpen) { return; }
    var src = sources[key];
    var p = passage(codePoints(key), Number(btn.getAttribute("data-start")),
                    Number(btn.getAttribute("data-end")), CONTEXT);
    var head = el("div", "passage-head");
    head.appendChild(el("strong", "", "[" + src.n + "] " + src.label));
    if (src.title) { head.appendChild(el("cite", "", src.title)); }
    var link = el("a", "", "full text");
    link.href = "#" + key;
    link.setAttribute("data-open", key);
    head.appendChild(link);
    var close = el("button", "close", "Close");
    close.type = "button";
    close.addEventListener("click", function () { collapse(panel); btn.focus(); });
    head.appendChild(close);
    var body = el("blockquote", "passage-text");
    body.appendChild(document.createTextNode(p.before));
    body.appendChild(el("mark", "", p.cited));
    body.appendChild(document.createTextNode(p.after));
    panel.appendChild(head);
    panel.appendChild(body);
    panel.hidden = false;
    setRow(panel, false);
    btn.setAttribute("aria-expanded", "true");
  }

  function openSource(key) {
    var item = document.getElementById(key);
    var details = item ? item.querySelector("details") : null;
    if (details) { details.open = true; }
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target instanceof Element ? ev.target : null;
    if (!target) { return; }
    var btn = target.closest("button.cite");
    if (btn) { show(btn); return; }
    var link = target.closest("a[data-open]");
    if (link) { openSource(link.getAttribute("data-open")); }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || !(ev.target instanceof Element)) { return; }
    var panel = ev.target.closest(".passage");
    var btn = ev.target.closest("button.cite");
    if (btn && btn.getAttribute("aria-expanded") === "true") {
      panel = document.getElementById(btn.getAttribute("aria-controls"));
    }
    if (!panel) { return; }
    var opener = document.querySelector('button.cite[aria-controls="' + panel.id + '"][aria-expanded="true"]');
    collapse(panel);
    if (opener) { opener.focus(); }
  });

  // Closed <details> do not print; open them for the printout and restore them afterwards.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"),
      function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  if (location.hash) { openSource(location.hash.slice(1)); }
  window.addEventListener("hashchange", function () { openSource(location.hash.slice(1)); });

  // Exposed for tests that run this file outside a browser.
  window.storyscopePassage = passage;
})();
