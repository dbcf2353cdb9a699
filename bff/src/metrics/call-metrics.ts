import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Calls to outside systems, counted where the call is made (HIS client, payment client, the
 * platform HTTP helper). One registry per process: every app in the process reports into it.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'hospital_bff_' });

const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16];

const hisDuration = new Histogram({
  name: 'hospital_his_call_duration_seconds',
  help: 'HIS call latency by method (both transports)',
  labelNames: ['method'],
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});
const hisCalls = new Counter({
  name: 'hospital_his_calls_total',
  help: 'HIS calls by method and outcome (ok, or the error code: HIS_UNAVAILABLE, HIS_BAD_REPLY, HIS_REJECTED, …)',
  labelNames: ['method', 'outcome'],
  registers: [processRegistry],
});
const platformDuration = new Histogram({
  name: 'hospital_platform_call_duration_seconds',
  help: 'Payment platform and login/notice platform call latency by system and call',
  labelNames: ['system', 'call'],
  buckets: LATENCY_BUCKETS,
  registers: [processRegistry],
});
const platformCalls = new Counter({
  name: 'hospital_platform_calls_total',
  help: 'Payment platform and login/notice platform calls by outcome (ok, the platform return code, or a transport failure)',
  labelNames: ['system', 'call', 'outcome'],
  registers: [processRegistry],
});

// Labels come from our own code (method and transType names), but cap them anyway.
const label = (v: string) => v.slice(0, 64);

export function recordHisCall(method: string, outcome: string, seconds: number): void {
  hisDuration.observe({ method: label(method) }, seconds);
  hisCalls.inc({ method: label(method), outcome: label(outcome) });
}

export function recordPlatformCall(system: string, call: string, outcome: string, seconds: number): void {
  platformDuration.observe({ system: label(system), call: label(call) }, seconds);
  platformCalls.inc({ system: label(system), call: label(call), outcome: label(outcome) });
}
