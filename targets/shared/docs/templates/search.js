/* Client-side search over the index above: no network, works from file://. Results are built
   with textContent, so nothing from the playbook is ever parsed as HTML. */
(function () {
  "use strict";
  var index = window.PLAYBOOK_SEARCH || [];
  var minDigits = window.PLAYBOOK_SEARCH_MIN_DIGITS || 4;
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!input || !list) { return; }

  // A query made only of what people type in a phone number: its digits, else "".
  function dialled(query) {
    return /^[\d\s()+.\-\/]+$/.test(query) ? query.replace(/\D/g, "") : "";
  }

  function callsNumber(entry, digits) {
    return (entry.phones || []).some(function (key) { return key.indexOf(digits) >= 0; });
  }

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    if (at < 0) { return text.slice(0, 140); }
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 160) + (start + 160 < text.length ? "…" : "");
  }

  function inTitle(entry, wanted) {
    var title = entry.title.toLowerCase();
    return wanted.every(function (t) { return title.indexOf(t) >= 0; });
  }

  function clear() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
  }

  function show(query) {
    clear();
    var wanted = terms(query);
    if (wanted.length === 0) { return; }
    var digits = dialled(query.trim());
    var hits = index.filter(function (entry) {
      if (digits.length >= minDigits && callsNumber(entry, digits)) { return true; }
      var hay = (entry.title + " " + entry.text).toLowerCase();
      return wanted.every(function (t) { return hay.indexOf(t) >= 0; });
    });
    // What the query names (a contact, a priority) first, then directory entries, then pages that mention it.
    function rank(entry) {
      var number = digits.length >= minDigits && callsNumber(entry, digits) ? 4 : 0;
      return number + (inTitle(entry, wanted) ? 2 : 0) + (entry.kind === "contact" ? 1 : 0);
    }
    hits = hits.map(function (entry, at) { return { entry: entry, at: at }; })
      .sort(function (a, b) { return rank(b.entry) - rank(a.entry) || a.at - b.at; })
      .map(function (hit) { return hit.entry; })
      .slice(0, 20);
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.textContent = "No matches.";
      list.appendChild(none);
      return;
    }
    hits.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.title;
      var more = document.createElement("span");
      more.className = "snippet";
      more.textContent = snippet(entry.text, wanted[0]);
      item.appendChild(link);
      item.appendChild(more);
      list.appendChild(item);
    });
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "Enter" && first) { window.location.href = first.getAttribute("href"); }
  });
}());
