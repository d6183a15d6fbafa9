import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/composition.js';

describe('composition', () => {
  it('the checked-in supergraph is exactly what composing schema/*.graphql gives now (run `npm run compose`)', async () => {
    expect(await readFile(SUPERGRAPH_FILE, 'utf8')).toBe(await composeSupergraph());
  });

  it('the supergraph joins the five subgraphs and the in-process bundle surface', async () => {
    const supergraph = await readFile(SUPERGRAPH_FILE, 'utf8');
    const graphs = [...supergraph.matchAll(/join__Graph\s*=?\s*\n?\s*(\w+) @join__graph\(name: "([\w-]+)"/g)].map((m) => m[2]);
    const names = [...supergraph.matchAll(/@join__graph\(name: "([\w-]+)"/g)].map((m) => m[1]).sort();
    expect(names).toEqual(['archive', 'bundle', 'card', 'civil-service', 'employment', 'insurance']);
    expect(graphs.length).toBeLessThanOrEqual(names.length);
  });
});
