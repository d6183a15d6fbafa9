/**
 * Traces across services (OpenTelemetry): the gateway continues the caller's W3C `traceparent` (or
 * starts a trace), and every subgraph request carries it on, so one trace shows the operation, its
 * parse and validation, each subgraph fetch and each subgraph's handling. Spans go to whatever
 * tracer provider is registered globally; with none (the default), nothing is recorded, but an
 * incoming `traceparent` is still passed on to the subgraphs.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();
type Headers = Record<string, string | string[] | undefined>;

export function tracerOf(service: string) {
  return trace.getTracer(`onething.${service}`);
}

/** The trace context an incoming request carries (`traceparent`, `tracestate`), or none. */
export function contextFromHeaders(headers: Headers): Context {
  return propagator.extract(ROOT_CONTEXT, headers, {
    keys: (carrier: Headers) => Object.keys(carrier),
    get: (carrier: Headers, key: string) => carrier[key],
  });
}

/** The headers that carry `span`'s trace to the next service. */
export function traceHeaders(span: Span): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, {
    set: (carrier: Record<string, string>, key: string, value: string) => {
      carrier[key] = value;
    },
  });
  return headers;
}

/** A server span for one incoming request, continuing the caller's trace. */
export function startServerSpan(service: string, name: string, headers: Headers): Span {
  return tracerOf(service).startSpan(name, { kind: SpanKind.SERVER, attributes: { 'service.name': service } }, contextFromHeaders(headers));
}

/** A child span of `parent` (in the same service). */
export function startChildSpan(service: string, parent: Span, name: string, kind: SpanKind = SpanKind.INTERNAL): Span {
  return tracerOf(service).startSpan(name, { kind, attributes: { 'service.name': service } }, trace.setSpan(ROOT_CONTEXT, parent));
}

export function endSpan(span: Span, error?: unknown): void {
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  span.end();
}
