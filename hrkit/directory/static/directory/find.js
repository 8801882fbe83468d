/* The /find/ page works without this file; it only adds two things:
   a "Use my location" button (when the browser can tell where it is) and,
   on a page with results, a "Show on a map" button. Leaflet and the map
   tiles are fetched only after that button is pressed, so a person on a
   small data plan pays for the map only if they ask for it. */
(function () {
  "use strict";

  function useMyLocation() {
    var form = document.getElementById("find-form");
    var button = document.getElementById("use-location");
    var status = document.getElementById("location-status");
    if (!form || !button || !navigator.geolocation) {
      return;
    }
    var zip = form.elements.zip;
    // A ZIP code typed after a search by location replaces that location.
    zip.addEventListener("input", function () {
      form.elements.lat.value = "";
      form.elements.lon.value = "";
    });
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-locating");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // Three decimals is about 100 m: enough to sort by distance,
          // and no more precise than the search needs.
          form.elements.lat.value = position.coords.latitude.toFixed(3);
          form.elements.lon.value = position.coords.longitude.toFixed(3);
          zip.value = "";
          var page = form.elements.page;
          if (page) {
            page.value = "";
          }
          if (form.requestSubmit) {
            form.requestSubmit();
          } else {
            form.submit();
          }
        },
        function () {
          status.textContent = button.getAttribute("data-failed");
          zip.focus();
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  }

  // Empty optional fields stay out of the address, so a shared link is short.
  var OPTIONAL_FIELDS = ["lat", "lon", "language", "radius_miles", "page"];

  function setOptionalFieldsDisabled(form, onlyEmpty) {
    for (var i = 0; i < OPTIONAL_FIELDS.length; i++) {
      var field = form.elements[OPTIONAL_FIELDS[i]];
      if (field) {
        field.disabled = onlyEmpty && !field.value;
      }
    }
  }

  function tidyAddress() {
    var form = document.getElementById("find-form");
    if (!form) {
      return;
    }
    form.addEventListener("submit", function () {
      setOptionalFieldsDisabled(form, true);
    });
    // Coming back to the page from the browser's history keeps its DOM,
    // disabled fields included: make them usable again.
    window.addEventListener("pageshow", function () {
      setOptionalFieldsDisabled(form, false);
    });
  }

  function load(tag, attributes, onload) {
    var element = document.createElement(tag);
    for (var name in attributes) {
      element.setAttribute(name, attributes[name]);
    }
    if (onload) {
      element.onload = onload;
    }
    document.head.appendChild(element);
  }

  function drawMap(container) {
    var L = window.L;
    var origin = container.getAttribute("data-origin").split(",");
    L.Icon.Default.imagePath = container.getAttribute("data-leaflet") + "images/";
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(container.getAttribute("data-tiles"), {
      maxZoom: 19,
      attribution: container.getAttribute("data-attribution")
    }).addTo(map);
    var bounds = [[parseFloat(origin[0]), parseFloat(origin[1])]];
    var places = document.querySelectorAll(".result[data-lat]");
    for (var i = 0; i < places.length; i++) {
      var place = places[i];
      var point = [parseFloat(place.getAttribute("data-lat")),
                   parseFloat(place.getAttribute("data-lon"))];
      var name = place.querySelector("h3").textContent;
      var link = document.createElement("a");
      link.href = "#" + place.id;
      link.textContent = (i + 1) + ". " + name;
      L.marker(point, { title: name, alt: name }).addTo(map).bindPopup(link);
      bounds.push(point);
    }
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  function offerMap() {
    var button = document.getElementById("show-map");
    var container = document.getElementById("map");
    if (!button || !container || !document.querySelector(".result[data-lat]")) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.hidden = true;
      container.hidden = false;
      var base = container.getAttribute("data-leaflet");
      load("link", { rel: "stylesheet", href: base + "leaflet.css" });
      load("script", { src: base + "leaflet.js" }, function () {
        drawMap(container);
      });
    });
  }

  tidyAddress();
  useMyLocation();
  offerMap();
})();
