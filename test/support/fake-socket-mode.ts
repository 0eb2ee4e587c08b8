// A fake Slack Socket Mode server on 127.0.0.1: the WebSocket that apps.connections.open hands out.
// It greets a connecting app with "hello", sends envelopes (a slash command) as Slack does, and
// resolves with the app's acknowledgement of each.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeSocketMode {
  url: string;
  /** Resolves once an app has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the payload the app acknowledged it with. */
  send(type: string, payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

let nextEnvelope = 1;

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  let socket: WebSocket | undefined;
  const acks = new Map<string, (payload: Record<string, unknown> | undefined) => void>();
  const connected = new Promise<void>((resolve) => {
    server.on('connection', (connection) => {
      socket = connection;
      connection.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) acks.get(message.envelope_id)?.(message.payload);
      });
      connection.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0SITROOM' } }));
      resolve();
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    connected: () => connected,
    send(type, payload) {
      const envelopeId = `envelope-${nextEnvelope++}`;
      return new Promise((resolve) => {
        acks.set(envelopeId, resolve);
        socket!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
      });
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
