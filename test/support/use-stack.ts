// Kept apart from stack.ts, which scripts (bench) load outside jest, where @jest/globals cannot be imported.
import { afterAll, beforeAll } from '@jest/globals';
import { TestStack, type StackOptions } from './stack.js';

/**
 * The stack of this test file: started before its tests, stopped after them. Returns a handle
 * that stands for the started stack (its methods and fields), so a file states only its options.
 */
export function useStack(options: StackOptions = {}, timeoutMs = 120_000): TestStack {
  let started: TestStack | undefined;
  beforeAll(async () => {
    started = await TestStack.start(options);
  }, timeoutMs);
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as TestStack, {
    get(_target, property) {
      if (!started) throw new Error('the test stack is used before it started (use it inside a test or a hook)');
      const value: unknown = Reflect.get(started, property, started);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
