import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { useStack } from './support/use-stack.js';

// A real tracer provider, exporting into memory: registered before the stack starts.
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});
const stack = useStack();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('one trace from the caller through the gateway into the subgraphs (W3C traceparent)', () => {
  it('the gateway continues the caller’s trace, and each subgraph fetch is a span whose subgraph continues it', async () => {
    exporter.reset();
    const { data, errors } = await stack.graphql<{ person: { personnelArchive: unknown; appointments: unknown[] } }>(
      'query Traced($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { personnelArchive { holder } appointments { post } } }',
      { n: DEMO_PEOPLE.liNa.idNumber },
      undefined,
      { headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` } },
    );
    expect(errors).toBeUndefined();
    expect(data!.person.appointments).toHaveLength(1);

    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === TRACE_ID);
    const named = (name: string) => spans.filter((span) => span.name === name);
    const parentOf = (span: (typeof spans)[number]) => span.parentSpanContext?.spanId;

    const [operation] = named('graphql query');
    expect(operation).toBeDefined();
    expect(parentOf(operation!)).toBe(CALLER_SPAN);
    for (const step of ['graphql.parse', 'graphql.validate']) expect(named(step).map(parentOf)).toEqual([operation!.spanContext().spanId]);

    for (const subgraph of ['archive', 'civil-service']) {
      const fetches = named(`fetch ${subgraph}`);
      expect(fetches.length).toBeGreaterThan(0);
      for (const fetch of fetches) expect(parentOf(fetch)).toBe(operation!.spanContext().spanId);
      // The subgraph's own span is a child of the gateway's fetch: the traceparent went over HTTP.
      const handled = named(`${subgraph} graphql`);
      expect(handled.length).toBe(fetches.length);
      for (const span of handled) expect(fetches.map((fetch) => fetch.spanContext().spanId)).toContain(parentOf(span));
      expect(handled[0]!.attributes['service.name']).toBe(subgraph);
    }
  });

  it('starts a new trace when the caller sends none', async () => {
    exporter.reset();
    await stack.graphql('{ bundles { code } }');
    const [operation] = exporter.getFinishedSpans().filter((span) => span.name === 'graphql query');
    expect(operation).toBeDefined();
    expect(operation!.parentSpanContext).toBeUndefined();
    expect(operation!.spanContext().traceId).not.toBe(TRACE_ID);
  });
});
