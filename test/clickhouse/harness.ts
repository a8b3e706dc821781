/**
 * Two ClickHouse servers on loopback for the ClickHouse suite: each with its own temporary config
 * and data folder and free HTTP, TCP and interserver ports, and a `remote_servers` cluster of two
 * shards naming both. Stopped by their pids, also when the suite fails or the process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLUSTER = 'two_shards';
/** A user with a password, for the authentication tests; `default` has none. */
export const USER = { name: 'loader', password: 'loader-secret' };

export interface ClickHouseServer {
  httpUrl: string;
  tcpPort: number;
  process: ChildProcess;
  dir: string;
}

export interface ClickHouseCluster {
  servers: ClickHouseServer[];
  root: string;
  stop(): Promise<void>;
}

/** Why the suite cannot run here, or undefined when clickhouse-server is installed. */
export function missingServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : 'clickhouse-server is not installed (apt-get install -y clickhouse-server)';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const usersXml = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
    <${USER.name}><password>${USER.password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></${USER.name}>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

function serverXml(dir: string, ports: { http: number; tcp: number; interserver: number }, shardTcpPorts: number[], shard: number): string {
  const shards = shardTcpPorts.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join('');
  return `<?xml version="1.0"?>
<yandex>
  <path>${dir}/data/</path><tmp_path>${dir}/data/tmp/</tmp_path><user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <logger><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><level>warning</level><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port><tcp_port>${ports.tcp}</tcp_port><interserver_http_port>${ports.interserver}</interserver_http_port>
  <mark_cache_size>67108864</mark_cache_size>
  <remote_servers incl="none" replace="replace"><${CLUSTER}>${shards}</${CLUSTER}></remote_servers>
  <macros><shard>0${shard}</shard><replica>r${shard}</replica></macros>
</yandex>
`;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/?query=SELECT%201`, { signal: AbortSignal.timeout(1000) });
    return (await response.text()).trim() === '1';
  } catch {
    return false;
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(child.pid!, 'SIGTERM');
  });
}

/** Starts two servers forming CLUSTER; resolves once both answer `SELECT 1`. */
export async function startCluster(): Promise<ClickHouseCluster> {
  const root = mkdtempSync(join(tmpdir(), 'logtally-clickhouse-'));
  const ports: { http: number; tcp: number; interserver: number }[] = [];
  for (let i = 0; i < 2; i++) ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  const servers: ClickHouseServer[] = ports.map((p, i) => {
    const dir = join(root, `s${i + 1}`);
    mkdirSync(join(dir, 'etc', 'config.d'), { recursive: true });
    mkdirSync(join(dir, 'data'), { recursive: true });
    copyFileSync('/etc/clickhouse-server/config.xml', join(dir, 'etc', 'config.xml'));
    writeFileSync(join(dir, 'etc', 'users.xml'), usersXml);
    writeFileSync(
      join(dir, 'etc', 'config.d', 'local.xml'),
      serverXml(
        dir,
        p,
        ports.map((q) => q.tcp),
        i + 1,
      ),
    );
    const child = spawn('clickhouse-server', [`--config-file=${join(dir, 'etc', 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
    return { httpUrl: `http://127.0.0.1:${p.http}`, tcpPort: p.tcp, process: child, dir };
  });
  const kill = () => {
    for (const s of servers) if (s.process.exitCode === null && s.process.pid !== undefined) s.process.kill('SIGKILL');
  };
  process.once('exit', kill);
  const stop = async () => {
    process.removeListener('exit', kill);
    await Promise.all(servers.map((s) => stopProcess(s.process)));
    rmSync(root, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (const server of servers) {
    while (!(await answers(server.httpUrl))) {
      if (Date.now() > deadline || server.process.exitCode !== null) {
        await stop();
        throw new Error(`clickhouse-server did not start on ${server.httpUrl}: see ${server.dir}/server.err.log`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { servers, root, stop };
}
