// GraphiQL against this site's /graphql/ (DEBUG only, see storefront/graphql_api/views.py).
// A file, not an inline script, so the page runs under the storefront's CSP; the endpoint
// comes from the page's data-endpoint attribute. React, ReactDOM and GraphiQL are the
// vendored UMD builds (static/graphiql/, `make graphiql`).
(function () {
  "use strict";
  var container = document.getElementById("graphiql");
  var fetcher = GraphiQL.createFetcher({ url: container.dataset.endpoint });
  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, { fetcher: fetcher }));
})();
