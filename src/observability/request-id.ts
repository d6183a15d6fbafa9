import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** The header a request's id travels in: from the client or a proxy, to the subgraphs, back on the response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a client may choose: short and plain, so it can go into a log line as it is. */
const ACCEPTED_ID = /^[\w-]{1,64}$/;

/** What the work running now knows of the request it is for. */
export interface RequestScope {
  readonly id: string;
  /** The client's `Accept-Language`, for the messages it reads. */
  readonly acceptLanguage: string | undefined;
}

/** The request whose work is running: for every log line written meanwhile (Apollo's included) and every message. */
const current = new AsyncLocalStorage<RequestScope>();

/** The request being handled, or undefined outside one (start-up, the recovery pass). */
export function currentRequest(): RequestScope | undefined {
  return current.getStore();
}

/** Fastify's `genReqId`: the client's `x-request-id` when it is plain, else a fresh UUID. */
export const requestIdOf: NonNullable<FastifyServerOptions['genReqId']> = (request) => {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : randomUUID();
};

/**
 * pino's `mixin`: every line logged while a request is handled carries its `reqId`, also lines
 * from loggers that are not the request's own (Apollo Server's and the gateway's go through the
 * service's root logger).
 */
export function requestIdMixin(_merged: object, _level: number, logger?: { bindings(): Record<string, unknown> }): Record<string, string> {
  const id = current.getStore()?.id;
  // A request's own logger (Fastify's child) already binds it.
  return id && logger?.bindings().reqId === undefined ? { reqId: id } : {};
}

const RESOURCE = Symbol('request-id-resource');

/**
 * Echoes the request's id on every response and keeps it as the async context of the request's
 * work. The context is bound again before validation: Fastify reads the body in the socket's own
 * async context, which would lose it (the same two steps as `@fastify/request-context`).
 */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    const language = request.headers['accept-language'];
    current.run({ id: request.id, acceptLanguage: typeof language === 'string' ? language : undefined }, () => {
      (request as unknown as Record<symbol, AsyncResource>)[RESOURCE] = new AsyncResource('request-id');
      done();
    });
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const resource = (request as unknown as Record<symbol, AsyncResource | undefined>)[RESOURCE];
    if (resource) resource.runInAsyncScope(done);
    else done();
  });
}
