import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort } from '../../../local/dynamodb';

// Runs `npm start` as a person would, in its own process group (as a terminal's foreground job), so
// Ctrl-C can be sent to the whole group and the test can see that nothing is left behind.

export interface StackPorts {
  api: number;
  sfn: number;
  dynamodb: number;
  ses: number;
  s3: number;
}

export async function freeStackPorts(): Promise<StackPorts> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [api, sfn, dynamodb, ses, s3] = [...ports] as [number, number, number, number, number];
  return { api, sfn, dynamodb, ses, s3 };
}

/** npm itself ends by the SIGINT a terminal sends it, after its script has exited. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StackProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<Exit>;
  /** Ctrl-C to the whole process group; resolves with how npm ended. */
  interrupt(): Promise<Exit>;
  /** Last resort for afterAll: SIGKILL to every process left in the group. */
  kill(): void;
}

export function startNpm(args: string[], ports: StackPorts, env: Record<string, string> = {}): StackProcess {
  const child = spawn('npm', ['start', '--', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      API_PORT: String(ports.api),
      SFN_LOCAL_PORT: String(ports.sfn),
      DYNAMODB_PORT: String(ports.dynamodb),
      SES_PORT: String(ports.ses),
      S3_PORT: String(ports.s3),
      NPM_CONFIG_UPDATE_NOTIFIER: 'false',
      ...env,
    },
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  // 'close', not 'exit': npm can exit before the stack it ran has printed its last line and closed
  // the shared output pipe.
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const group = child.pid!;
  return {
    child,
    output: () => text,
    exited,
    interrupt() {
      try {
        process.kill(-group, 'SIGINT');
      } catch {
        // already gone
      }
      return exited;
    },
    kill() {
      for (const pid of processesInGroup(group)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    },
  };
}

/** The live processes whose process group is `group` (Linux /proc). */
export function processesInGroup(group: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which is in parentheses and may hold spaces).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      const pgrp = Number(fields[2]);
      if (pgrp === group && state !== 'Z') found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Polls `GET /_local/health` until it answers 200, the process exits, or the deadline passes. */
export async function waitForHealth(
  stack: StackProcess,
  apiPort: number,
  timeoutMs = 150_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void stack.exited.then(() => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`npm start exited before it was healthy:\n${stack.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${apiPort}/_local/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`npm start was not healthy in time:\n${stack.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `npm start` on free ports, healthy. A port found free can be taken before the stack binds it (by
 * another test's process or an outgoing connection's ephemeral port); npm start then refuses it, or,
 * when it is taken after npm start's own check, a part fails to bind it ("Address already in use":
 * DynamoDB Local's Jetty, Node's EADDRINUSE), and npm start exits; this starts again on other free
 * ports. Any other failure is thrown as it came.
 */
/** How a stack says a port it was given is taken: its own check's refusal, or a part failing to bind. */
export const PORT_TAKEN = /is taken by another program|address already in use/i;

export async function startHealthy(
  args: string[],
  env: Record<string, string> = {},
  onStart: (stack: StackProcess) => void = () => {},
): Promise<{ stack: StackProcess; ports: StackPorts }> {
  for (let attempt = 1; ; attempt += 1) {
    const ports = await freeStackPorts();
    const stack = startNpm(args, ports, env);
    onStart(stack);
    try {
      await waitForHealth(stack, ports.api);
      return { stack, ports };
    } catch (error) {
      if (attempt >= 3 || !PORT_TAKEN.test(stack.output())) throw error;
    }
  }
}

/** Polls `probe` until it finds something (a short pause between tries), or fails after `timeoutMs`. */
export async function pollFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('pollFor: nothing found in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
