import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { HISTORY_WORKER_SOURCE, type WriterReply, type WriterRequest, type WriterThreadData } from './history-worker.ts';

/** A request without its id (the client numbers them). */
export type WriterRequestBody = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The main thread's handle on the writer thread. */
export interface WriterClient {
  /** Posts a request; `onReply` gets its reply later, in request order, from the event loop or a wait. */
  send(request: WriterRequestBody, onReply: (reply: WriterReply) => void): void;
  /** Posts a request and blocks until its reply is in (earlier replies are dispatched first). */
  call(request: WriterRequestBody): WriterReply;
  /** Blocks until every request sent so far has its reply dispatched. */
  drain(): void;
  /** Stops the thread (after a `close` request, or when giving up). */
  terminate(): void;
}

/** How long a synchronous wait may take: well above SQLite's busy timeout, so only a stuck thread hits it. */
export const WRITER_WAIT_MS = 60_000;

/** Starts the writer thread. It never keeps the process alive except while replies are owed. */
export function startWriterThread(): WriterClient {
  const state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  const workerData: WriterThreadData = { port: port2, state };
  const worker = new Worker(HISTORY_WORKER_SOURCE, { eval: true, workerData, transferList: [port2], name: 'triggerbench-history-writer' });
  worker.unref();
  const callbacks = new Map<number, (reply: WriterReply) => void>();
  let nextId = 1;
  let failure: Error | undefined;

  function dispatch(reply: WriterReply): void {
    const callback = callbacks.get(reply.id);
    callbacks.delete(reply.id);
    // Owing no reply, the port must not hold the process open.
    if (callbacks.size === 0) port1.unref();
    callback?.(reply);
  }

  function failAll(error: Error): void {
    failure ??= error;
    for (const id of [...callbacks.keys()]) dispatch({ id, ok: false, message: failure.message });
  }

  port1.on('message', dispatch);
  port1.unref();
  worker.on('error', (error) => failAll(new Error(`the history writer thread failed: ${error.message}`)));
  worker.on('exit', () => failAll(new Error('the history writer thread has stopped')));

  function send(request: WriterRequestBody, onReply: (reply: WriterReply) => void): number {
    const id = nextId++;
    if (failure) {
      onReply({ id, ok: false, message: failure.message });
      return id;
    }
    if (callbacks.size === 0) port1.ref();
    callbacks.set(id, onReply);
    port1.postMessage({ ...request, id });
    return id;
  }

  /** Blocks until no reply up to `id` is owed. */
  function waitFor(id: number): void {
    const deadline = Date.now() + WRITER_WAIT_MS;
    const owed = () => [...callbacks.keys()].some((pending) => pending <= id);
    while (owed()) {
      // Read the counter before draining: a reply posted after the drain changes it, so
      // the wait below returns at once instead of missing the notification.
      const seen = Atomics.load(state, 0);
      for (let received = receiveMessageOnPort(port1); received; received = receiveMessageOnPort(port1)) dispatch(received.message as WriterReply);
      if (!owed()) return;
      if (Atomics.load(state, 1) === 1) return failAll(new Error('the history writer thread has stopped'));
      const remaining = deadline - Date.now();
      if (remaining <= 0) return failAll(new Error(`the history writer thread did not answer within ${WRITER_WAIT_MS / 1000} s`));
      Atomics.wait(state, 0, seen, remaining);
    }
  }

  return {
    send,
    call(request) {
      let result: WriterReply | undefined;
      const id = send(request, (reply) => (result = reply));
      waitFor(id);
      return result!;
    },
    drain() {
      waitFor(nextId - 1);
    },
    terminate() {
      failAll(new Error('the run history is closed'));
      port1.close();
      void worker.terminate();
    },
  };
}
