/** The bench process's side of bench/sandbox-host.ts: starts it and calls it over IPC. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostMethods, HostReply, HostRequest } from './sandbox-host.js';

export interface Host {
  call<M extends keyof HostMethods>(
    method: M,
    ...args: Parameters<HostMethods[M]>
  ): Promise<ReturnType<HostMethods[M]>>;
  close(): void;
}

export const startHost = async (): Promise<Host> => {
  const child = fork(fileURLToPath(new URL('./sandbox-host.js', import.meta.url)), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: HostReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiter?.reject(new Error(`sandbox host: ${reply.error}`));
    else waiter?.resolve(reply.result);
  });
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`sandbox host exited (${code})`));
    pending.clear();
  });
  let nextId = 0;
  return {
    call: (method, ...args) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        child.send({ id, method, args } satisfies HostRequest);
      }),
    close: () => child.disconnect(),
  };
};
