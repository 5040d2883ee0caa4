// src/net/ca-env.ts: NODE_EXTRA_CA_CERTS put back for children, and what counts as deferred.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as CaEnvModule from '../../src/net/ca-env.js';

type CaEnv = typeof CaEnvModule;
let caEnv: CaEnv;

beforeEach(async () => {
  vi.resetModules();
  caEnv = await import('../../src/net/ca-env.js');
});

describe('restoreCaEnv', () => {
  it('puts the parked file back under its own name and remembers it as deferred', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', OPSDECK_NODE_EXTRA_CA_CERTS: '/etc/ca dir/ca.pem' };
    caEnv.restoreCaEnv(env);
    expect(env).toEqual({ PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/ca dir/ca.pem' });
    expect(caEnv.deferredCaFile()).toBe('/etc/ca dir/ca.pem');
  });

  it('defers nothing when nothing was parked', () => {
    const env: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: '/native.pem' };
    caEnv.restoreCaEnv(env);
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/native.pem' });
    expect(caEnv.deferredCaFile()).toBeUndefined();
  });

  it('lets a NODE_EXTRA_CA_CERTS that Node loaded itself win, and drops the parked copy', () => {
    const env: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: '/native.pem', [caEnv.DEFERRED_CA_VAR]: '/parked.pem' };
    caEnv.restoreCaEnv(env);
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/native.pem' });
    expect(caEnv.deferredCaFile()).toBeUndefined();
  });

  it('treats an empty parked value as none', () => {
    const env: NodeJS.ProcessEnv = { [caEnv.DEFERRED_CA_VAR]: '' };
    caEnv.restoreCaEnv(env);
    expect(env).toEqual({});
    expect(caEnv.deferredCaFile()).toBeUndefined();
  });
});

describe('parkedCaEnv', () => {
  it('parks NODE_EXTRA_CA_CERTS for a Node child of our own, without touching the env it was given', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', NODE_EXTRA_CA_CERTS: '/ca.pem' };
    const parked = caEnv.parkedCaEnv(env);
    expect(parked).toEqual({ PATH: '/bin', [caEnv.DEFERRED_CA_VAR]: '/ca.pem' });
    expect(env).toEqual({ PATH: '/bin', NODE_EXTRA_CA_CERTS: '/ca.pem' });
    // and the child puts it back
    caEnv.restoreCaEnv(parked);
    expect(parked).toEqual(env);
  });

  it('copies an env without one as it is', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', NODE_EXTRA_CA_CERTS: '' };
    expect(caEnv.parkedCaEnv(env)).toEqual(env);
    expect(caEnv.parkedCaEnv(env)).not.toBe(env);
  });
});

