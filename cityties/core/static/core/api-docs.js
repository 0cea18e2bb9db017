// Swagger UI for /api/docs, started from a file so the page needs no inline script.
(function () {
  "use strict";
  var body = document.body;
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [window.SwaggerUIBundle.presets.apis];
  var csrfToken = body.dataset.csrfToken;
  if (csrfToken) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = csrfToken;
      return request;
    };
  }
  window.SwaggerUIBundle(config);
})();
