import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../bundles/bundle';
import { packageRoot } from '../settings/package-root';

export const FIXTURES_DIR = join(packageRoot(), 'fixtures');
export const KARANGANYAR_FILE = join(FIXTURES_DIR, 'karanganyar-renstra-2024-2026.json');

/** A fresh deep copy of a fixture bundle (tests may change it freely). */
export function loadFixture(file = KARANGANYAR_FILE): Bundle {
  return JSON.parse(readFileSync(file, 'utf8')) as Bundle;
}

export const TEST_ACTOR = { id: 'test-user', kind: 'cli', name: 'Test' } as const;
export const importContext = (now = '2026-01-15T08:00:00.000Z') => ({
  actor: TEST_ACTOR,
  now,
  correlationId: 'test-correlation',
});

let organisationCounter = 0;

/** The bundle as if it came from an organisation of its own: tests sharing one store do not see each other. */
export function asNewOrganisation<T extends Bundle>(bundle: T, prefix = 'org'): T {
  organisationCounter += 1;
  const id = `${prefix}-${process.pid}-${organisationCounter}`;
  return { ...bundle, organisation: { ...bundle.organisation, id } };
}
