// Places the district labels of the map so that none overlaps another (the districts around Karaganda
// are close together): a label that would collide moves up or down, to the left of its circle if it
// would leave the map, and a leader line joins it to its circle. The table below the map has the same
// figures. Labels are placed again when the text size changes.
(function () {
  "use strict";

  var svgNs = "http://www.w3.org/2000/svg";

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  function place(svg) {
    var view = svg.viewBox.baseVal;
    svg.querySelectorAll(".map__leader").forEach(function (line) { line.remove(); });
    var groups = Array.prototype.slice.call(svg.querySelectorAll(".map__district"));
    var items = groups.map(function (group) {
      var circle = group.querySelector("circle");
      var label = group.querySelector("text");
      if (!label.dataset.x) {
        label.dataset.x = label.getAttribute("x");
        label.dataset.y = label.getAttribute("y");
      }
      label.setAttribute("x", label.dataset.x);
      label.setAttribute("y", label.dataset.y);
      label.removeAttribute("text-anchor");
      return { group: group, circle: circle, label: label };
    });
    // Top to bottom, so that labels move into free space below the ones already placed.
    items.sort(function (a, b) { return a.circle.cy.baseVal.value - b.circle.cy.baseVal.value; });

    var placed = [];
    items.forEach(function (item) {
      var label = item.label;
      var cx = item.circle.cx.baseVal.value;
      var cy = item.circle.cy.baseVal.value;
      var r = item.circle.r.baseVal.value;
      var baseX = parseFloat(label.dataset.x);
      var baseY = parseFloat(label.dataset.y);
      var box = label.getBBox();
      var gap = 2;
      var sides = [{ anchor: "start", x: baseX }, { anchor: "end", x: cx - (baseX - cx) }];
      var chosen = null;
      for (var step = 0; step < 40 && !chosen; step++) {
        var offset = (step % 2 === 0 ? 1 : -1) * Math.ceil(step / 2) * (box.height + gap);
        for (var s = 0; s < sides.length && !chosen; s++) {
          var side = sides[s];
          var x = side.anchor === "start" ? side.x : side.x - box.width;
          var candidate = { x: x, y: box.y + offset, width: box.width, height: box.height };
          var inside = candidate.x >= view.x && candidate.x + candidate.width <= view.x + view.width
            && candidate.y >= view.y && candidate.y + candidate.height <= view.y + view.height;
          if (inside && !placed.some(function (p) { return overlaps(p, candidate); })) {
            chosen = { box: candidate, side: side, offset: offset };
          }
        }
      }
      if (!chosen) {
        chosen = { box: { x: box.x, y: box.y, width: box.width, height: box.height }, side: sides[0], offset: 0 };
      }
      label.setAttribute("x", String(chosen.side.x));
      label.setAttribute("y", String(baseY + chosen.offset));
      if (chosen.side.anchor === "end") {
        label.setAttribute("text-anchor", "end");
      }
      placed.push(chosen.box);
      if (chosen.offset !== 0) {
        var line = document.createElementNS(svgNs, "line");
        line.setAttribute("class", "map__leader");
        var towardsLeft = chosen.side.anchor === "end";
        line.setAttribute("x1", String(cx + (towardsLeft ? -r : r)));
        line.setAttribute("y1", String(cy));
        line.setAttribute("x2", String(towardsLeft ? chosen.box.x + chosen.box.width : chosen.box.x));
        line.setAttribute("y2", String(chosen.box.y + chosen.box.height / 2));
        line.setAttribute("aria-hidden", "true");
        item.group.insertBefore(line, label);
      }
    });
  }

  var maps = Array.prototype.slice.call(document.querySelectorAll("svg.map__svg"));
  maps.forEach(place);
  document.addEventListener("dashboard:displaychange", function () { maps.forEach(place); });
})();
