import { readMlopsNotificationChoice } from './notificationTopics';

const ann = (value: string) => ({ 'mlops.backstage.io/notifications': value });

describe('readMlopsNotificationChoice', () => {
  it('sends every topic without the annotation or with "all"', () => {
    const all = [
      'training-failed',
      'gate-blocked',
      'validation-failed',
      'serving-unready',
      'serving-recovered',
    ];
    expect(readMlopsNotificationChoice(undefined)).toEqual({ topics: all });
    expect(readMlopsNotificationChoice({})).toEqual({ topics: all });
    expect(readMlopsNotificationChoice(ann(' All '))).toEqual({ topics: all });
  });

  it('sends none with "off"', () => {
    expect(readMlopsNotificationChoice(ann('off'))).toEqual({ topics: [] });
  });

  it('sends the listed topics', () => {
    expect(
      readMlopsNotificationChoice(ann('training-failed, serving-unready')),
    ).toEqual({ topics: ['training-failed', 'serving-unready'] });
  });

  it('names the annotation and the unknown words, and sends everything meanwhile', () => {
    const choice = readMlopsNotificationChoice(ann('training-failed, nope'));
    expect(choice.topics).toHaveLength(5);
    expect(choice.problem).toBe(
      'annotation mlops.backstage.io/notifications must be "off", "all" or a comma-separated list of training-failed, gate-blocked, validation-failed, serving-unready, serving-recovered; unknown: "nope" (every topic is sent until it is fixed)',
    );
    expect(readMlopsNotificationChoice(ann(' , ')).problem).toMatch(
      /it is empty/,
    );
  });
});
