/* app.js: the web view's only script (docs/WEB.md), progressive
 * enhancement: every page works without it. In the static site (no server
 * to search) it adds a filter over the rows of the story list; on served
 * pages "/" moves the focus to the search box. Loaded from /assets/ with
 * defer: no inline script, so a Content-Security-Policy of
 * default-src 'self' holds. */
(function () {
	"use strict";

	function storyFilter(table) {
		var place = document.getElementById("filter-place");
		var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
		if (!place || !rows.length)
			return;
		var box = document.createElement("div");
		box.className = "list-filter";
		var label = document.createElement("label");
		label.htmlFor = "list-filter";
		label.textContent = "Filter the stories on this page (title or language)";
		var input = document.createElement("input");
		input.id = "list-filter";
		input.type = "search";
		input.autocomplete = "off";
		var status = document.createElement("p");
		status.className = "muted";
		status.setAttribute("aria-live", "polite");
		box.appendChild(label);
		box.appendChild(input);
		box.appendChild(status);
		place.parentNode.insertBefore(box, place.nextSibling);
		input.addEventListener("input", function () {
			var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
			var shown = 0;
			for (var i = 0; i < rows.length; i++) {
				var text = rows[i].textContent.toLowerCase();
				var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
				rows[i].hidden = !hit;
				shown += hit ? 1 : 0;
			}
			status.textContent = words.length ? shown + " of " + rows.length +
				" stories shown" : "";
		});
	}

	function searchKey() {
		var q = document.getElementById("q");
		if (!q)
			return;
		document.addEventListener("keydown", function (ev) {
			var t = ev.target;
			var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" ||
				t.isContentEditable);
			if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
				ev.preventDefault();
				q.focus();
			}
		});
	}

	function start() {
		var table = document.getElementById("story-list");
		if (table && document.body.getAttribute("data-site") === "static")
			storyFilter(table);
		searchKey();
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", start);
	else
		start();
})();
