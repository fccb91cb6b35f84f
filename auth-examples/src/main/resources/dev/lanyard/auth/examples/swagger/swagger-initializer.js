// Starts Swagger UI on the OpenAPI document named by the data-spec-url attribute of #swagger-ui.
// It is a file of its own, not an inline script, so that the page's Content-Security-Policy can
// allow scripts from 'self' only.
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'BaseLayout',
    validatorUrl: null
  });
}());
