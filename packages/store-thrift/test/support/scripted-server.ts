import type { AddressInfo, Server } from 'node:net';
import { FeatureFlagStoreService, type ThriftFeatureFlagStoreItem, type ThriftFeatureFlagStoreMeta } from '../../src/index.js';
import type Int64 from 'node-int64';
import { thrift } from './thrift-library.js';

/**
 * A FeatureFlagStore service whose answers a test scripts, served by the thrift library's own
 * server: it stands for any server out there (a Python one, a hand-written one), including one
 * that sends content this package's server never would.
 */
export interface Script {
  Create?: (name: string, isEnabled: boolean, clientData: string) => Promise<ThriftFeatureFlagStoreItem>;
  Get?: (name: string) => Promise<ThriftFeatureFlagStoreItem | null>;
  Set?: (name: string, isEnabled: boolean) => Promise<void>;
  Delete?: (name: string) => Promise<void>;
  List?: (limit: Int64 | null, offset: Int64 | null) => Promise<ThriftFeatureFlagStoreItem[]>;
  SetMeta?: (name: string, meta: ThriftFeatureFlagStoreMeta) => Promise<void>;
}

export interface Call {
  method: string;
  args: unknown[];
}

export interface ScriptedServer {
  port: number;
  calls: Call[];
  close(): Promise<void>;
}

function unscripted(method: string): Promise<never> {
  return Promise.reject(new Error(`${method} is not scripted`));
}

export async function startScriptedServer(script: Script, transport: 'buffered' | 'framed' = 'buffered'): Promise<ScriptedServer> {
  const calls: Call[] = [];
  // Each method names every IDL argument: the generated processor counts them.
  const handler = {
    Create: (name: string, isEnabled: boolean, clientData: string) => {
      calls.push({ method: 'Create', args: [name, isEnabled, clientData] });
      return script.Create?.(name, isEnabled, clientData) ?? unscripted('Create');
    },
    Get: (name: string) => {
      calls.push({ method: 'Get', args: [name] });
      return script.Get?.(name) ?? unscripted('Get');
    },
    Set: (name: string, isEnabled: boolean) => {
      calls.push({ method: 'Set', args: [name, isEnabled] });
      return script.Set?.(name, isEnabled) ?? unscripted('Set');
    },
    Delete: (name: string) => {
      calls.push({ method: 'Delete', args: [name] });
      return script.Delete?.(name) ?? unscripted('Delete');
    },
    List: (limit: Int64 | null, offset: Int64 | null) => {
      calls.push({ method: 'List', args: [limit, offset] });
      return script.List?.(limit, offset) ?? unscripted('List');
    },
    SetMeta: (name: string, meta: ThriftFeatureFlagStoreMeta) => {
      calls.push({ method: 'SetMeta', args: [name, meta] });
      return script.SetMeta?.(name, meta) ?? unscripted('SetMeta');
    },
  };
  const server: Server = thrift.createServer(FeatureFlagStoreService, handler, {
    transport: transport === 'framed' ? thrift.TFramedTransport : thrift.TBufferedTransport,
    protocol: thrift.TBinaryProtocol,
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
