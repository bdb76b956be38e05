// The browse page: the site's own search (app.js) over the editor's data; when the list changes
// on disk, say so and offer to show it (the query, facets and page stay: they are in the URL).
(function () {
  "use strict";
  const { el, watch, live } = window.papershelf;
  watch(() => {
    live("");
    const box = document.getElementById("live");
    box.append("The list changed. ", el("a", { href: location.href, text: "Show it" }));
  });
})();
