// GraphiQL for developers, built into dist/graphiql/ and served by the gateway itself at
// /graphiql/ (government intranets have no CDN). Plain createElement: the console beside it is
// Preact JSX, this page is React, and one tsconfig cannot type both kinds of JSX.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const DEFAULT_QUERY = `# 一件事一次办: the bundles and the five subgraphs, one endpoint.
# People and submissions need a token, under Headers:
# { "authorization": "Bearer <token>" }
# (npm start prints a demo token per role)
query Bundles {
  bundles {
    code
    name
    mode
  }
}
`;

const root = document.getElementById('graphiql');
if (root) {
  // Same origin: the browser's preflight and CSRF rules of /graphql apply as to any page.
  const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() });
  createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, defaultEditorToolsVisibility: 'headers' }));
}
