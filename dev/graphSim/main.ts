import { createGraphSimulator } from './createGraphSimulator';
import { parseFaultProfile } from './core/faults/faultProfile';

/**
 * `node dist/dev/graphSim/main.js`: runs the Graph simulator on `FERRY_SIM_PORT` (default 7072), trusting
 * tokens of the dev IdP at `FERRY_IDP_URL` (default https://localhost:7073; start node with
 * `NODE_EXTRA_CA_CERTS=.ferry-dev/ca.pem` to reach it), demo data from `FERRY_SIM_SEED` (default 1),
 * faults for Ferry's requests from `FERRY_SIM_FAULTS` (`chaos`, `off` or a JSON profile; default off) and,
 * upload session URLs on `FERRY_SIM_UPLOAD_PORT` (default 7075; Ferry's FERRY_UPLOAD_ORIGINS), and
 * when `FERRY_SIM_ADMIN_PORT` is set, the loopback admin listener (`/_sim/faults`, `/_sim/stats`) there.
 * alice's Inbox also gets one message with a 30 MB attachment, to try downloads with. Prints its URL as
 * one line, which scripts read; logs nothing about mailbox content.
 */
function intFrom(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

async function main(): Promise<void> {
  const simulator = await createGraphSimulator({
    port: intFrom('FERRY_SIM_PORT', 7072, 0, 65535),
    idpUrl: process.env.FERRY_IDP_URL || 'https://localhost:7073',
    seed: intFrom('FERRY_SIM_SEED', 1, 0, 2 ** 32 - 1),
    faults: parseFaultProfile(process.env.FERRY_SIM_FAULTS),
    uploadPort: intFrom('FERRY_SIM_UPLOAD_PORT', 7075, 0, 65535),
    adminPort: process.env.FERRY_SIM_ADMIN_PORT ? intFrom('FERRY_SIM_ADMIN_PORT', 0, 0, 65535) : undefined,
  });
  // One large file to try downloads with (`curl -r`): 30 MB made as it is read, never held.
  simulator.state.simulateArrival('alice@contoso.test', {
    subject: 'Site survey, full resolution',
    attachments: [{ name: 'site-survey.tif', contentType: 'image/tiff', byteLength: 30 * 1024 * 1024 }],
  });
  process.stdout.write(`${simulator.url}\n`);
  // stderr: the first stdout line is the URL scripts read.
  process.stderr.write(`graph simulator upload origin (FERRY_UPLOAD_ORIGINS): ${simulator.uploadUrl}\n`);
  if (simulator.adminUrl) process.stderr.write(`graph simulator admin (loopback only): ${simulator.adminUrl}/_sim/faults, ${simulator.adminUrl}/_sim/stats\n`);
  const stop = () => {
    simulator.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`graph simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
