/* Search suggestions as you type: an enhancement of a plain GET search form.
 *
 * Every <input data-suggest-url data-suggest-listbox="id"> becomes a combobox after the
 * WAI-ARIA APG pattern "list autocomplete with manual selection": focus stays in the input,
 * aria-activedescendant points at the highlighted option, Down/Up move through the list,
 * Enter opens the highlighted page (or submits the form when none is), Escape closes the
 * list. Left and Right keep moving the caret, so nothing depends on the writing direction.
 * Without this script the form still submits to the search page.
 */
(function () {
  "use strict";

  var DELAY = 200; // ms after the last keystroke before asking the server
  var MIN_LENGTH = 2; // characters, spaces and half-spaces not counted

  function Combobox(input, listbox) {
    this.input = input;
    this.listbox = listbox;
    this.url = input.getAttribute("data-suggest-url");
    this.items = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    this.lastQuery = null;

    var label = input.labels && input.labels[0];
    if (label) {
      if (!label.id) label.id = input.id + "-label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    // The browser's own list of past entries would cover ours.
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeyDown.bind(this));
    input.addEventListener("blur", this.close.bind(this));
    // Keep focus in the input while a pointer picks an option, so blur does not close first.
    listbox.addEventListener("pointerdown", function (event) {
      event.preventDefault();
    });
    listbox.addEventListener("click", this.onClick.bind(this));
  }

  Combobox.prototype.onInput = function () {
    var self = this;
    window.clearTimeout(this.timer);
    // New text: the highlighted option no longer answers it.
    this.highlight(-1);
    var query = this.input.value;
    if (query.replace(/[\s\u200c]/g, "").length < MIN_LENGTH) {
      this.cancel();
      this.lastQuery = null;
      this.render([]);
      return;
    }
    this.timer = window.setTimeout(function () {
      self.fetch(query);
    }, DELAY);
  };

  Combobox.prototype.cancel = function () {
    if (this.request) this.request.abort();
    this.request = null;
  };

  Combobox.prototype.fetch = function (query) {
    var self = this;
    if (query === this.lastQuery && this.items.length) {
      this.open();
      return;
    }
    this.cancel();
    var request = new AbortController();
    this.request = request;
    var url = new URL(this.url, window.location.href);
    url.searchParams.set("q", query);
    window
      .fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: request.signal,
      })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (suggestions) {
        // A slower answer to an older query must not replace the newer one.
        if (self.request !== request || self.input.value !== query) return;
        self.request = null;
        self.lastQuery = query;
        self.render(Array.isArray(suggestions) ? suggestions : []);
      })
      .catch(function () {
        // Aborted or offline: the form still works, suggestions are only a shortcut.
      });
  };

  /* Only links into the web: a URL from the server is never run as script. */
  function safeUrl(value) {
    try {
      var url = new URL(value, window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  Combobox.prototype.render = function (suggestions) {
    var listbox = this.listbox;
    var prefix = listbox.id + "-option-";
    this.items = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    listbox.textContent = "";
    suggestions.forEach(function (suggestion) {
      var url = suggestion && safeUrl(suggestion.url);
      if (!url || !suggestion.title) return;
      var option = document.createElement("li");
      option.id = prefix + this.items.length;
      option.className = "suggestions__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", url);
      var title = document.createElement("span");
      title.className = "suggestions__title";
      title.dir = "auto"; // an English title in the Persian site keeps its own direction
      title.textContent = suggestion.title;
      option.appendChild(title);
      var typeLabel = suggestion.type && listbox.getAttribute("data-type-" + suggestion.type);
      if (typeLabel) {
        var type = document.createElement("span");
        type.className = "suggestions__type";
        type.textContent = typeLabel;
        // Read after the title, separated, instead of run into it.
        option.appendChild(document.createTextNode(" "));
        option.appendChild(type);
      }
      listbox.appendChild(option);
      this.items.push(option);
    }, this);
    if (this.items.length && document.activeElement === this.input) {
      this.open();
    } else {
      this.close();
    }
  };

  Combobox.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Combobox.prototype.open = function () {
    if (!this.items.length) return;
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    window.clearTimeout(this.timer);
    this.highlight(-1);
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  };

  Combobox.prototype.highlight = function (index) {
    if (this.active >= 0 && this.items[this.active]) {
      this.items[this.active].setAttribute("aria-selected", "false");
    }
    this.active = index;
    if (index < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    var option = this.items[index];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Combobox.prototype.move = function (step) {
    var count = this.items.length;
    if (!count) return;
    if (!this.isOpen()) {
      this.open();
      this.highlight(step > 0 ? 0 : count - 1);
      return;
    }
    var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    this.highlight(next);
  };

  Combobox.prototype.follow = function (option) {
    var url = option.getAttribute("data-url");
    this.close();
    window.location.assign(url);
  };

  Combobox.prototype.onKeyDown = function (event) {
    if (event.isComposing || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case "ArrowDown":
        if (event.altKey) {
          this.open();
        } else {
          this.move(1);
        }
        event.preventDefault();
        break;
      case "ArrowUp":
        if (event.altKey) break;
        this.move(-1);
        event.preventDefault();
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.follow(this.items[this.active]);
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          // Close only; a second Escape clears the field as the browser does for type=search.
          event.preventDefault();
          this.close();
        }
        break;
      case "ArrowLeft":
      case "ArrowRight":
      case "Home":
      case "End":
        // The caret moves in the input, so the input is where the reader is again.
        this.highlight(-1);
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Combobox.prototype.onClick = function (event) {
    var option = event.target.closest('[role="option"]');
    if (option && this.listbox.contains(option)) this.follow(option);
  };

  function enhance() {
    if (!("fetch" in window && "AbortController" in window)) return;
    var inputs = document.querySelectorAll("input[data-suggest-url][data-suggest-listbox]");
    Array.prototype.forEach.call(inputs, function (input) {
      var listbox = document.getElementById(input.getAttribute("data-suggest-listbox"));
      if (listbox && !input.hasAttribute("role")) new Combobox(input, listbox);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
