/*
 * A Jalali calendar beside the date fields of cms/admin_dates.py (progressive enhancement:
 * without this script the editor types the date, which the field parses all the same).
 *
 * A button after each input[data-jalali-picker] opens a month grid: Saturday first, Friday
 * marked as the weekend, keyboard as in the WAI-ARIA date picker dialog pattern (arrows,
 * Home/End, Page Up/Down, Shift+Page Up/Down for years, Enter or Space to choose, Escape to
 * close; focus returns to the field). Choosing writes the text the field already reads,
 * YYYY/MM/DD in the digits of the admin language, keeping the time part of a datetime.
 * Labels, month and weekday names come from the widget (data-jalali-picker, translated).
 *
 * The calendar conversion is the algorithm of jalaali-js 1.2 (https://github.com/jalaali/jalaali-js),
 * after Kazimierz M. Borkowski's "The Persian calendar for 3000 years", kept as published:
 *
 *   The MIT License (MIT)
 *   Copyright (c) 2014 Behrang Noruzi Niya
 *   Permission is hereby granted, free of charge, to any person obtaining a copy of this
 *   software and associated documentation files (the "Software"), to deal in the Software
 *   without restriction, including without limitation the rights to use, copy, modify, merge,
 *   publish, distribute, sublicense, and/or sell copies of the Software, and to permit
 *   persons to whom the Software is furnished to do so, subject to the following conditions:
 *   The above copyright notice and this permission notice shall be included in all copies or
 *   substantial portions of the Software.
 *   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 *   INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
 *   PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
 *   FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
 *   OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
 *   DEALINGS IN THE SOFTWARE.
 *
 * tests/e2e/test_jalali_datepicker.py checks it against jdatetime, which the server uses.
 */
(function () {
  "use strict";

  /* ---- jalaali-js: Jalali <-> Gregorian through Julian Day Numbers ---- */

  var BREAKS = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
  ];

  function div(a, b) {
    return ~~(a / b);
  }

  function mod(a, b) {
    return a - ~~(a / b) * b;
  }

  /* The leap state (0 = leap year), the Gregorian year and the March day of Farvardin 1st. */
  function jalCal(jy) {
    var gy = jy + 621;
    var leapJ = -14;
    var jp = BREAKS[0];
    var jump = 0;
    var jm, n, leap, leapG, i;
    if (jy < jp || jy >= BREAKS[BREAKS.length - 1]) {
      throw new RangeError("Invalid Jalaali year " + jy);
    }
    for (i = 1; i < BREAKS.length; i += 1) {
      jm = BREAKS[i];
      jump = jm - jp;
      if (jy < jm) break;
      leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4);
      jp = jm;
    }
    n = jy - jp;
    leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
    if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
    leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
    if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
    leap = mod(mod(n + 1, 33) - 1, 4);
    if (leap === -1) leap = 4;
    return { leap: leap, gy: gy, march: 20 + leapJ - leapG };
  }

  function g2d(gy, gm, gd) {
    var d =
      div((gy + div(gm - 8, 6) + 100100) * 1461, 4) +
      div(153 * mod(gm + 9, 12) + 2, 5) +
      gd -
      34840408;
    return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
  }

  function d2g(jdn) {
    var j = 4 * jdn + 139361631;
    j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
    var i = div(mod(j, 1461), 4) * 5 + 308;
    var gd = div(mod(i, 153), 5) + 1;
    var gm = mod(div(i, 153), 12) + 1;
    var gy = div(j, 1461) - 100100 + div(8 - gm, 6);
    return { gy: gy, gm: gm, gd: gd };
  }

  function j2d(jy, jm, jd) {
    var r = jalCal(jy);
    return g2d(r.gy, 3, r.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
  }

  function d2j(jdn) {
    var gy = d2g(jdn).gy;
    var jy = gy - 621;
    var r = jalCal(jy);
    var k = jdn - g2d(gy, 3, r.march);
    if (k >= 0) {
      if (k <= 185) return { jy: jy, jm: 1 + div(k, 31), jd: mod(k, 31) + 1 };
      k -= 186;
    } else {
      jy -= 1;
      k += 179;
      if (r.leap === 1) k += 1;
    }
    return { jy: jy, jm: 7 + div(k, 30), jd: mod(k, 30) + 1 };
  }

  function toJalaali(gy, gm, gd) {
    return d2j(g2d(gy, gm, gd));
  }

  function toGregorian(jy, jm, jd) {
    return d2g(j2d(jy, jm, jd));
  }

  function isLeapJalaaliYear(jy) {
    return jalCal(jy).leap === 0;
  }

  function monthLength(jy, jm) {
    if (jm <= 6) return 31;
    if (jm <= 11) return 30;
    return isLeapJalaaliYear(jy) ? 30 : 29;
  }

  /* ---- Text as the field reads and writes it (cms/jalali.py) ---- */

  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";
  var GREGORIAN_FROM = 1700; // as cms/jalali.py: earlier years are Jalali
  var DATE_TEXT = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[\sT]+(.*))?$/;

  function asciiDigits(text) {
    return text.replace(/[۰-۹٠-٩]/g, function (digit) {
      var index = PERSIAN_DIGITS.indexOf(digit);
      return String(index >= 0 ? index : ARABIC_INDIC_DIGITS.indexOf(digit));
    });
  }

  function localDigits(text, persian) {
    return persian
      ? String(text).replace(/\d/g, function (digit) {
          return PERSIAN_DIGITS[digit];
        })
      : String(text);
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /* {date: {jy, jm, jd}, time: "14:30" or ""} from the field's text, or null. */
  function readField(text) {
    var match = DATE_TEXT.exec(asciiDigits(text || ""));
    if (!match) return null;
    var year = +match[1];
    var month = +match[2];
    var day = +match[3];
    var time = (match[4] || "").trim();
    try {
      if (year >= GREGORIAN_FROM) {
        var probe = new Date(Date.UTC(year, month - 1, day));
        if (probe.getUTCMonth() !== month - 1) return null;
        return { date: toJalaali(year, month, day), time: time };
      }
      if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) return null;
      return { date: { jy: year, jm: month, jd: day }, time: time };
    } catch (error) {
      if (error instanceof RangeError) return null; // a year the calendar cannot convert
      throw error;
    }
  }

  function writeField(date, time, persian) {
    var text = date.jy + "/" + pad(date.jm) + "/" + pad(date.jd);
    return localDigits(time ? text + " " + time : text, persian);
  }

  /* ---- Day arithmetic on Julian Day Numbers ---- */

  function dayNumber(date) {
    return j2d(date.jy, date.jm, date.jd);
  }

  function today() {
    var now = new Date();
    return toJalaali(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  /* Column of a day in a Saturday-first week: 0 Saturday ... 6 Friday. */
  function column(jdn) {
    return mod(jdn + 2, 7); // Julian Day 0 was a Monday
  }

  /* The same day in another month (clamped to its length), for Page Up/Down. */
  function addMonths(date, count) {
    var months = date.jy * 12 + (date.jm - 1) + count;
    var jy = Math.floor(months / 12);
    var jm = months - jy * 12 + 1;
    return { jy: jy, jm: jm, jd: Math.min(date.jd, monthLength(jy, jm)) };
  }

  /* ---- The picker ---- */

  var counter = 0;

  function element(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  function Picker(input) {
    this.input = input;
    this.options = JSON.parse(input.getAttribute("data-jalali-picker"));
    this.persian = this.options.digits === "fa";
    this.id = "jalali-picker-" + (counter += 1);
    this.build();
  }

  Picker.prototype.build = function () {
    var self = this;
    var labels = this.options.labels;
    var wrapper = element("span", "jalali-picker");
    this.input.parentNode.insertBefore(wrapper, this.input);
    wrapper.appendChild(this.input);

    this.toggle = element("button", "jalali-picker__toggle", {
      type: "button",
      "aria-haspopup": "dialog",
      "aria-expanded": "false",
      "aria-controls": this.id,
      "aria-label": labels.open,
      title: labels.open,
    });
    this.toggle.innerHTML =
      '<svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">' +
      '<path fill="currentColor" d="M4 0h2v2h4V0h2v2h3v14H1V2h3zM3 6v8h10V6z' +
      'M5 8h2v2H5zm4 0h2v2H9z"/></svg>';
    wrapper.appendChild(this.toggle);

    this.dialog = element("div", "jalali-picker__dialog", {
      id: this.id,
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": this.id + "-month",
      hidden: "",
    });
    var header = element("div", "jalali-picker__header");
    this.previous = element("button", "jalali-picker__nav", {
      type: "button",
      "aria-label": labels.previous,
      title: labels.previous,
    });
    this.previous.textContent = "‹";
    this.next = element("button", "jalali-picker__nav", {
      type: "button",
      "aria-label": labels.next,
      title: labels.next,
    });
    this.next.textContent = "›";
    this.heading = element("h2", "jalali-picker__month", {
      id: this.id + "-month",
      "aria-live": "polite",
    });
    header.appendChild(this.previous);
    header.appendChild(this.heading);
    header.appendChild(this.next);

    this.grid = element("table", "jalali-picker__grid", {
      role: "grid",
      "aria-labelledby": this.id + "-month",
    });
    var headRow = element("tr");
    this.options.weekdays.forEach(function (name, index) {
      var cell = element("th", index === 6 ? "jalali-picker__weekend" : "", {
        scope: "col",
        abbr: name,
      });
      cell.textContent = self.options.weekdays_short[index];
      headRow.appendChild(cell);
    });
    this.grid.appendChild(element("thead")).appendChild(headRow);
    this.body = this.grid.appendChild(element("tbody"));

    var footer = element("div", "jalali-picker__footer");
    this.todayButton = element("button", "jalali-picker__action", { type: "button" });
    this.todayButton.textContent = labels.today;
    this.close = element("button", "jalali-picker__action", { type: "button" });
    this.close.textContent = labels.close;
    footer.appendChild(this.todayButton);
    footer.appendChild(this.close);

    this.dialog.appendChild(header);
    this.dialog.appendChild(this.grid);
    this.dialog.appendChild(footer);
    wrapper.appendChild(this.dialog);

    this.toggle.addEventListener("click", function () {
      if (self.dialog.hidden) self.open();
      else self.hide(true);
    });
    this.previous.addEventListener("click", function () {
      self.show(addMonths(self.focused, -1), false);
    });
    this.next.addEventListener("click", function () {
      self.show(addMonths(self.focused, 1), false);
    });
    this.todayButton.addEventListener("click", function () {
      self.show(today(), true);
    });
    this.close.addEventListener("click", function () {
      self.hide(true);
    });
    this.body.addEventListener("click", function (event) {
      var cell = event.target.closest("td[data-jdn]");
      if (cell) self.choose(d2j(+cell.getAttribute("data-jdn")));
    });
    this.body.addEventListener("keydown", function (event) {
      self.onGridKey(event);
    });
    this.dialog.addEventListener("keydown", function (event) {
      self.onDialogKey(event);
    });
    document.addEventListener("mousedown", function (event) {
      if (!self.dialog.hidden && !wrapper.contains(event.target)) self.hide(false);
    });
  };

  Picker.prototype.open = function () {
    var current = readField(this.input.value);
    this.toggle.setAttribute("aria-expanded", "true");
    this.dialog.hidden = false;
    this.show(current ? current.date : today(), true);
  };

  Picker.prototype.hide = function (refocus) {
    this.dialog.hidden = true;
    this.toggle.setAttribute("aria-expanded", "false");
    if (refocus) this.input.focus();
  };

  Picker.prototype.choose = function (date) {
    var current = readField(this.input.value);
    var time = this.options.mode === "datetime" && current ? current.time : "";
    this.input.value = writeField(date, time, this.persian);
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.hide(true);
  };

  Picker.prototype.dayLabel = function (date) {
    var text = localDigits(
      date.jd + " " + this.options.months[date.jm - 1] + " " + date.jy,
      this.persian
    );
    if (this.persian) return text;
    // In English, the Gregorian date too, for editors who think in it.
    var g = toGregorian(date.jy, date.jm, date.jd);
    var gregorian = new Date(Date.UTC(g.gy, g.gm - 1, g.gd)).toLocaleDateString("en-GB", {
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    return text + " (" + gregorian + ")";
  };

  /* Draw the month of ``date`` with ``date`` as the focusable day; focus it if asked. */
  Picker.prototype.show = function (date, focus) {
    var chosen = readField(this.input.value);
    var chosenDay = chosen ? dayNumber(chosen.date) : null;
    var todayDay = dayNumber(today());
    var first = j2d(date.jy, date.jm, 1);
    var length = monthLength(date.jy, date.jm);
    var row = null;
    var day;
    this.focused = date;
    this.heading.textContent = localDigits(
      this.options.months[date.jm - 1] + " " + date.jy,
      this.persian
    );
    this.body.textContent = "";
    for (day = first - column(first); day < first + length || column(day) !== 0; day += 1) {
      if (column(day) === 0) row = this.body.appendChild(element("tr"));
      var cell = row.appendChild(element("td"));
      if (day < first || day >= first + length) continue;
      var inMonth = d2j(day);
      cell.setAttribute("data-jdn", day);
      cell.setAttribute("tabindex", inMonth.jd === date.jd ? "0" : "-1");
      cell.setAttribute("aria-label", this.dayLabel(inMonth));
      cell.setAttribute("aria-selected", day === chosenDay ? "true" : "false");
      if (day === todayDay) cell.setAttribute("aria-current", "date");
      if (column(day) === 6) cell.className = "jalali-picker__weekend";
      cell.textContent = localDigits(inMonth.jd, this.persian);
    }
    if (focus) this.focusedCell().focus();
  };

  Picker.prototype.focusedCell = function () {
    return this.body.querySelector('td[tabindex="0"]');
  };

  Picker.prototype.onGridKey = function (event) {
    var rtl = getComputedStyle(this.dialog).direction === "rtl";
    var jdn = dayNumber(this.focused);
    var target = null;
    switch (event.key) {
      case "ArrowRight":
        target = d2j(jdn + (rtl ? -1 : 1));
        break;
      case "ArrowLeft":
        target = d2j(jdn + (rtl ? 1 : -1));
        break;
      case "ArrowDown":
        target = d2j(jdn + 7);
        break;
      case "ArrowUp":
        target = d2j(jdn - 7);
        break;
      case "Home":
        target = d2j(jdn - column(jdn));
        break;
      case "End":
        target = d2j(jdn + 6 - column(jdn));
        break;
      case "PageUp":
        target = addMonths(this.focused, event.shiftKey ? -12 : -1);
        break;
      case "PageDown":
        target = addMonths(this.focused, event.shiftKey ? 12 : 1);
        break;
      case "Enter":
      case " ":
        event.preventDefault();
        this.choose(this.focused);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.show(target, true);
  };

  Picker.prototype.onDialogKey = function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.hide(true);
    } else if (event.key === "Tab") {
      // A modal dialog keeps focus inside until it is closed.
      var stops = [this.previous, this.next, this.focusedCell(), this.todayButton, this.close];
      var index = stops.indexOf(document.activeElement);
      var step = event.shiftKey ? -1 : 1;
      event.preventDefault();
      stops[(index + step + stops.length) % stops.length].focus();
    }
  };

  function enhance(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    var inputs = Array.prototype.slice.call(root.querySelectorAll("input[data-jalali-picker]"));
    if (root.matches("input[data-jalali-picker]")) inputs.push(root);
    inputs.forEach(function (input) {
      if (!input.jalaliPicker) input.jalaliPicker = new Picker(input);
    });
  }

  window.ShafafJalali = {
    toJalaali: toJalaali,
    toGregorian: toGregorian,
    isLeapJalaaliYear: isLeapJalaaliYear,
    monthLength: monthLength,
  };

  function start() {
    enhance(document.documentElement);
    // Inline panels (e.g. a meeting's agenda) add forms with date fields later.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, enhance);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
