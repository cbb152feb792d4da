import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLogged } from './run-logged.js';

export interface TlsMaterial {
  /** The CA that signed the broker and client certificates (PEM). */
  caPath: string;
  /** A CA that signed nothing here: trusting only it must fail the TLS handshake. */
  otherCaPath: string;
  clientCertPath: string;
  clientKeyPath: string;
  /** For the broker: PKCS12 key store (key + chain) and trust store (the CA), both with `storePassword`. */
  keystorePath: string;
  truststorePath: string;
  storePassword: string;
}

/**
 * A throwaway CA, a broker certificate for `serverNames` (subjectAltName DNS entries) and a client
 * certificate, made with openssl and keytool. EC keys: quick to make and to handshake.
 */
export async function makeTlsMaterial(dir: string, serverNames: string[], logPath: string): Promise<TlsMaterial> {
  mkdirSync(dir, { recursive: true });
  const storePassword = randomBytes(9).toString('base64url');
  const run = (what: string, command: string, args: string[]) =>
    runLogged({ component: 'netns-tls', what, command, args, logPath, timeoutMs: 60_000, cwd: dir });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const ca = async (name: string) =>
    run(`${name} CA`, 'openssl', [
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '3',
      '-subj',
      `/CN=${name}`,
    ]);
  const signed = async (name: string, subject: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), `${extensions}\n`);
    await run(`${name} key`, 'openssl', [
      'req',
      ...ecKey,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ]);
    await run(`${name} certificate`, 'openssl', [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '3',
      '-extfile',
      `${name}.ext`,
    ]);
  };
  await Promise.all([ca('ca'), ca('other-ca')]);
  await signed(
    'broker',
    `/CN=${serverNames[0]}`,
    `subjectAltName=${serverNames.map((name) => `DNS:${name}`).join(',')}\nextendedKeyUsage=serverAuth`,
  );
  await signed('client', '/CN=sluice-client', 'extendedKeyUsage=clientAuth');
  await run('broker key store', 'openssl', [
    'pkcs12',
    '-export',
    '-in',
    'broker.pem',
    '-inkey',
    'broker.key',
    '-certfile',
    'ca.pem',
    '-name',
    'broker',
    '-out',
    'broker.p12',
    '-passout',
    `pass:${storePassword}`,
  ]);
  await run('broker trust store', 'keytool', [
    '-importcert',
    '-noprompt',
    '-storetype',
    'PKCS12',
    '-keystore',
    'truststore.p12',
    '-storepass',
    storePassword,
    '-alias',
    'ca',
    '-file',
    'ca.pem',
  ]);
  return {
    caPath: join(dir, 'ca.pem'),
    otherCaPath: join(dir, 'other-ca.pem'),
    clientCertPath: join(dir, 'client.pem'),
    clientKeyPath: join(dir, 'client.key'),
    keystorePath: join(dir, 'broker.p12'),
    truststorePath: join(dir, 'truststore.p12'),
    storePassword,
  };
}
