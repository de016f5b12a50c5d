import { describe, expect, it } from 'vitest';
import {
  capacityUnits,
  caseWeight,
  ConfigError,
  complexityOf,
  configuredLocalities,
  configuredStaffing,
  configuredTimescales,
  getConfig,
  getLocality,
  LOCALITY_IDS,
  taskTimescale,
} from '../../../shared/core/config';
import { loadConfig, type RawConfig } from '../../../shared/core/config/load';
import { committedChecked, renderChecked } from '../../../local/config/checked';
import localities from '../../../shared/core/config/localities.json';
import staffing from '../../../shared/core/config/staffing.json';
import documents from '../../../shared/core/config/documents.json';
import timescales from '../../../shared/core/config/timescales.json';
import consentTimescales from '../../../shared/task-types/consent/timescales.json';

function raw(): RawConfig {
  return structuredClone({ localities, staffing, timescales, documents }) as RawConfig;
}

describe('configuration loader', () => {
  it('gives handlers the files as their schemas check them: the committed copy is current (npm run config:write)', () => {
    // Act
    const rendered = renderChecked();
    // Assess
    expect(committedChecked()).toBe(rendered);
    expect(getConfig()).toEqual(loadConfig());
  });

  it('gives each section on its own as the very object getConfig() holds, and the whole as the files give it', () => {
    // Act
    const config = getConfig();
    // Assess: the same objects, so code reading a section sees what code reading the whole sees.
    expect(configuredLocalities()).toBe(config.localities);
    expect(configuredStaffing()).toBe(config.staffing);
    expect(configuredTimescales()).toBe(config.timescales);
    expect(Object.keys(config)).toEqual(Object.keys(loadConfig()));
  });

  it('loads the documents’ limits: 10 MB, PDF, JPEG, PNG and DOCX', () => {
    // Act
    const config = loadConfig();
    // Assess
    expect(config.documents.maxBytes).toBe(10 * 1024 * 1024);
    expect(config.documents.contentTypes).toHaveLength(4);
  });

  it('loads the seven districts with their March 2012 counts and staff shares', () => {
    // Act
    const config = loadConfig();
    // Assess
    expect(config.localities.map((locality) => locality.name)).toEqual([
      'Blaby',
      'Charnwood',
      'Harborough',
      'Hinckley & Bosworth',
      'Melton',
      'North West Leicestershire',
      'Oadby & Wigston',
    ]);
    expect(getLocality('charnwood')).toMatchObject({
      march2012: { highRisk: 431, atRisk: 635, total: 1066 },
      staffShare: 0.32,
    });
    expect(config.localities.reduce((sum, locality) => sum + locality.march2012.total, 0)).toBe(3302);
    expect(LOCALITY_IDS).toHaveLength(7);
  });

  it('loads staffing and timescales from the seeds and DESIGN.md', () => {
    const { staffing: loadedStaffing, timescales: loadedTimescales } = getConfig();
    expect(loadedStaffing.familySupportWorkers).toBe(48);
    expect(loadedStaffing.seniors).toBe(6);
    expect(taskTimescale('safeguarding-screen').dueInWorkingDays).toBe(1);
    expect(taskTimescale('hub-decision').dueInWorkingDays).toBe(5);
    expect(taskTimescale('consent').dueInWorkingDays).toBe(10);
    expect(taskTimescale('assessment').dueInWorkingDays).toBe(45);
    expect(loadedTimescales.reviewIntervalWeeks).toBe(12);
    expect(loadedTimescales.retentionYearsAfterClosure).toBe(6);
  });

  it('weighs cases so ten standard or six complex fill a worker', () => {
    const capacity = capacityUnits();
    expect(Math.floor(capacity / caseWeight(false))).toBe(10);
    expect(Math.floor(capacity / caseWeight(true))).toBe(6);
    expect(complexityOf(1)).toBe('below-threshold');
    expect(complexityOf(2)).toBe('at-risk');
    expect(complexityOf(5)).toBe('complex');
  });

  it.each<[string, (config: any) => void, string, RegExp]>([
    [
      'a total that is not high + at risk',
      (c) => (c.localities.localities[0].march2012.total = 1),
      'localities',
      /localities\.0\.march2012\.total/,
    ],
    [
      'staff shares not adding to 100%',
      (c) => (c.localities.localities[0].staffShare = 0.5),
      'localities',
      /staff shares/,
    ],
    [
      'a duplicate locality',
      (c) => (c.localities.localities[1].id = 'blaby'),
      'localities',
      /localities\.1\.id/,
    ],
    ['an unknown field', (c) => (c.staffing.typo = 1), 'staffing', /typo/],
    [
      'weights that do not give ten cases',
      (c) => (c.staffing.caseload.weights.standard = 4),
      'staffing',
      /weights\.standard/,
    ],
    [
      'a case task without a due date',
      (c) => delete c.timescales.tasks.consent.dueInWorkingDays,
      'timescales',
      /tasks\.consent\.dueInWorkingDays/,
    ],
    [
      'a negative reminder',
      (c) => (c.timescales.tasks.review.remindWorkingDaysBefore = [-1]),
      'timescales',
      /remindWorkingDaysBefore\.0/,
    ],
    [
      'a timeout before the last escalation',
      (c) => (c.timescales.tasks.consent.timeoutWorkingDaysAfter = 3),
      'timescales',
      /tasks\.consent\.timeoutWorkingDaysAfter/,
    ],
    ['a chase time that is not HH:MM', (c) => (c.timescales.chase.time = '9am'), 'timescales', /chase\.time/],
    [
      'working hours that end before they start',
      (c) => (c.timescales.workingHours = { start: '17:00', end: '09:00' }),
      'timescales',
      /workingHours\.end/,
    ],
    [
      'an urgent screen due in no time',
      (c) => (c.timescales.tasks['safeguarding-screen'].urgent!.dueInWorkingHours = 0),
      'timescales',
      /safeguarding-screen\.urgent\.dueInWorkingHours/,
    ],
    [
      'an out-of-hours address that is not one',
      (c) => (c.timescales.outOfHours.address = 'the emergency duty team'),
      'timescales',
      /outOfHours\.address/,
    ],
    ['a document limit of no bytes', (c) => (c.documents.maxBytes = 0), 'documents', /maxBytes/],
    [
      'a document type the code cannot name',
      (c) => c.documents.contentTypes.push('application/zip'),
      'documents',
      /contentTypes\.4/,
    ],
    [
      'workers not adding to the total',
      (c) => (c.staffing.familySupportWorkers = 50),
      'localities',
      /add up to 48/,
    ],
  ])('refuses %s, naming the file and field', (_, breakIt, file, message) => {
    // Prepare
    const config = raw();
    breakIt(config);
    // Act
    let caught: unknown;
    try {
      loadConfig(config);
    } catch (error) {
      caught = error;
    }
    // Assess
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).file).toBe(file);
    expect((caught as ConfigError).message).toMatch(message);
  });

  it("gives a task type timescales.json leaves out its own timescales, and lets the council's entry replace them", () => {
    // Prepare
    const config = raw();
    const tasks = (config.timescales as { tasks: Record<string, unknown> }).tasks;
    delete tasks.consent;
    tasks.review = { remindWorkingDaysBefore: [3], escalateWorkingDaysAfter: [2] };
    // Act
    const loaded = loadConfig(config).timescales.tasks;
    // Assess
    expect(loaded.consent).toEqual(consentTimescales);
    expect(loaded.review).toEqual({ remindWorkingDaysBefore: [3], escalateWorkingDaysAfter: [2] });
  });

  it('rejects an unknown locality by name', () => {
    expect(() => getLocality('rutland')).toThrow(/rutland/);
  });
});
