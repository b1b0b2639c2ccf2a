// Wegwijs: small enhancements on top of pages that work without JavaScript.
// Suggestions while typing, saving to "my list" without a page reload, print buttons,
// and filters folded away on small screens.
(function () {
  "use strict";

  var LIST_COOKIE = "wegwijs_lijst";

  function listIds() {
    var match = document.cookie.split("; ").find(function (c) { return c.indexOf(LIST_COOKIE + "=") === 0; });
    if (!match) return [];
    return match.slice(LIST_COOKIE.length + 1).split(".").filter(Boolean);
  }

  function announce(text) {
    var region = document.getElementById("ww-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "ww-live";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function updateListCount() {
    var count = listIds().length;
    document.querySelectorAll("[data-list-count]").forEach(function (el) {
      el.textContent = count > 0 ? String(count) : "";
    });
  }

  // Save buttons: show which services are on the list; saving or removing posts the
  // same form the page has, in the background.
  function markSaveButtons() {
    var ids = listIds();
    document.querySelectorAll("form[data-save]").forEach(function (form) {
      var id = form.querySelector("input[name=id]").value;
      var button = form.querySelector("[data-save-button]");
      var saved = ids.indexOf(id) !== -1;
      button.setAttribute("aria-pressed", saved ? "true" : "false");
      button.value = saved ? "verwijder" : "bewaar";
    });
  }

  function enhanceSaveForms() {
    document.querySelectorAll("form[data-save]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("[data-save-button]");
        var body = new URLSearchParams(new FormData(form));
        body.set("actie", button.value || "bewaar");
        fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
          .then(function (response) {
            // A redirect (opaque here) means it worked; anything else: do it the plain way.
            if (response.type !== "opaqueredirect" && !response.ok) throw new Error("save failed");
            markSaveButtons();
            updateListCount();
            var saved = button.getAttribute("aria-pressed") === "true";
            announce(saved ? button.dataset.labelSaved : button.dataset.labelRemoved);
          })
          .catch(function () { form.submit(); });
      });
    });
  }

  // Suggestions: fill the input's <datalist> with what the index suggests.
  function enhanceSuggestions() {
    document.querySelectorAll("input[data-suggest]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      if (!list) return;
      var timer = null;
      var last = "";
      input.addEventListener("input", function () {
        window.clearTimeout(timer);
        var typed = input.value.trim();
        if (typed.length < 2 || typed === last) return;
        timer = window.setTimeout(function () {
          last = typed;
          fetch("/api/suggest?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
            .then(function (data) {
              list.textContent = "";
              (data.suggestions || []).forEach(function (s) {
                var option = document.createElement("option");
                option.value = s.text;
                list.appendChild(option);
              });
            })
            .catch(function () {});
        }, 150);
      });
    });
  }

  function enhancePrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });
  }

  // On small screens filters and maps start folded, so results come first.
  function foldOnSmallScreens() {
    if (!window.matchMedia("(max-width: 56rem)").matches) return;
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
      details.open = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    updateListCount();
    markSaveButtons();
    enhanceSaveForms();
    enhanceSuggestions();
    enhancePrint();
    foldOnSmallScreens();
  });
})();
