/** Helpers for the HIS adapter tests (not used by production code). */
import { AppError } from '@hosp/shared';
import { HisClient } from './his-client';
import { createHisTransport } from './his-transport';
import { createHisSimulator, type HisSimulator, type SimListening } from './sim/his-simulator';
import { decodeXml, isXmlObject } from './xml-codec';

/** The AppError code `p` fails with, or 'resolved'; anything else thrown fails the test. */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'resolved';
}

/** The AppError `p` fails with; resolving or throwing anything else fails the test. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

export type SentCall = { method: string; fields: Record<string, unknown> };

/** The real client over a transport that answers `xml` and records what was sent. */
export function replyingClient(xml: string, sent: SentCall[] = []): HisClient {
  const transport = {
    call: async (method: string, requestXml: string) => {
      const { value } = decodeXml(requestXml, { maxBytes: 65536 });
      sent.push({ method, fields: isXmlObject(value) ? { ...value } : {} });
      return xml;
    },
  };
  return new HisClient({ transport, signKey: 'k', maxReplyBytes: 65536 });
}

export interface ListeningSimulator {
  sim: HisSimulator;
  server: SimListening;
  client: HisClient;
}

/** A simulator hospital on 127.0.0.1 and a real client for it over `transport`; close `server` after. */
export async function listeningSimulator(transport: 'http' | 'soap', signKey: string, now: Date): Promise<ListeningSimulator> {
  const sim = createHisSimulator({ signKey, hospitalId: 'demoyyadmin', now: () => now });
  const server = await sim.listen();
  const client = new HisClient({
    transport: createHisTransport({ transport, baseUrl: transport === 'soap' ? server.soapUrl : server.baseUrl, timeoutMs: 2000, maxReplyBytes: 512 * 1024 }),
    signKey,
    maxReplyBytes: 512 * 1024,
  });
  return { sim, server, client };
}
