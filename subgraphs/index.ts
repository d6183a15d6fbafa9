import type { SubgraphName } from '../src/config.js';
import type { SubgraphPlugin } from '../src/subgraph/define-subgraph.js';
import { archiveSubgraph } from './archive/index.js';
import { cardSubgraph } from './card/index.js';
import { civilServiceSubgraph } from './civil-service/index.js';
import { employmentSubgraph } from './employment/index.js';
import { insuranceSubgraph } from './insurance/index.js';

/** Each subgraph's Fastify plugin, by name. */
export const SUBGRAPH_PLUGINS: Readonly<Record<SubgraphName, SubgraphPlugin>> = {
  employment: employmentSubgraph,
  insurance: insuranceSubgraph,
  card: cardSubgraph,
  archive: archiveSubgraph,
  'civil-service': civilServiceSubgraph,
};
