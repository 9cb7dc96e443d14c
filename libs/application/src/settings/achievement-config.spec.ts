import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoriseAchievement, DEFAULT_ACHIEVEMENT_SCALE } from '@sakip/domain';
import { loadAchievementConfig } from './achievement-config';

const dir = mkdtempSync(join(tmpdir(), 'sakip-achievement-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('achievement configuration', () => {
  it('defaults without a file', () => {
    expect(loadAchievementConfig(undefined).scale).toBe(DEFAULT_ACHIEVEMENT_SCALE);
  });

  it('reads the documented example', () => {
    const config = loadAchievementConfig(
      join(__dirname, '..', '..', '..', '..', 'docs', 'examples', 'achievement.json'),
    );
    expect(config.settings.lowerIsBetter).toBe('ratio');
    expect(categoriseAchievement(85, config.scale)).toEqual({ id: 'Hampir tercapai', en: 'Nearly achieved' });
    expect(categoriseAchievement(-20, config.scale)).toEqual({ id: 'Tidak tercapai', en: 'Not achieved' });
  });

  it('refuses a malformed file with every problem', () => {
    const path = file('bad.json', {
      lowerIsBetter: 'sometimes',
      scale: { name: 'x', bands: [{ min: 'high' }] },
    });
    expect(() => loadAchievementConfig(path)).toThrow(
      /\/lowerIsBetter: must be equal to one of the allowed values.*\/scale\/bands\/0/,
    );
    expect(() => loadAchievementConfig(file('notjson.json', '{'))).toThrow(
      /SAKIP_ACHIEVEMENT_CONFIG .*notjson\.json/,
    );
  });

  it('refuses bands that do not go down', () => {
    const path = file('order.json', {
      scale: {
        name: 'x',
        bands: [
          { min: 50, label: { id: 'a', en: 'a' } },
          { min: 80, label: { id: 'b', en: 'b' } },
        ],
      },
    });
    expect(() => loadAchievementConfig(path)).toThrow(/from the highest "min" down/);
  });
});
