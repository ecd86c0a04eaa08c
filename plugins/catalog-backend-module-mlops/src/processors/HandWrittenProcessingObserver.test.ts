import type { Entity } from '@backstage/catalog-model';
import type { HandWrittenIndex } from '../providers/HandWrittenIndex';
import { HandWrittenProcessingObserver } from './HandWrittenProcessingObserver';

describe('HandWrittenProcessingObserver', () => {
  it('tells the index when the processing of an entity starts and when it has passed every processor, and returns it unchanged', async () => {
    const noteProcessingStarted = jest.fn();
    const noteProcessed = jest.fn();
    const observer = new HandWrittenProcessingObserver({
      noteProcessingStarted,
      noteProcessed,
    } as unknown as HandWrittenIndex);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'scorer' },
      spec: { type: 'ml-model' },
    };
    expect(await observer.preProcessEntity(entity)).toBe(entity);
    expect(noteProcessingStarted).toHaveBeenCalledWith(entity);
    expect(noteProcessed).not.toHaveBeenCalled();
    expect(await observer.postProcessEntity(entity)).toBe(entity);
    expect(noteProcessed).toHaveBeenCalledWith(entity);
  });
});
