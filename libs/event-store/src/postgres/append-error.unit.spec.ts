import { DuplicateEventIdError, type NewEvent, WrongExpectedRevisionError } from '../event-store.port';
import { classifyAppendError } from './append-error';

const events = [{ eventId: 'e-1' }] as NewEvent[];
const classify = (error: unknown) => classifyAppendError(error, 'payment-1', events, 4);

describe('classifyAppendError', () => {
  it('turns ES001 into WrongExpectedRevisionError with the actual revision from DETAIL', () => {
    const failure = classify({ code: 'ES001', detail: '7' });
    expect(failure.kind === 'throw' && failure.error).toEqual(
      new WrongExpectedRevisionError('payment-1', 4, 7),
    );
    const missing = classify({ code: 'ES001', detail: '-1' });
    expect(missing.kind === 'throw' && missing.error).toMatchObject({ actual: 'no_stream' });
  });

  it('turns ES002 into DuplicateEventIdError', () => {
    const failure = classify({ code: 'ES002' });
    expect(failure.kind === 'throw' && failure.error).toBeInstanceOf(DuplicateEventIdError);
  });

  it('retries unique violations: the settled state decides', () => {
    expect(classify({ code: '23505' })).toEqual({ kind: 'retry' });
  });

  it('passes bad input through and marks anything else unexpected', () => {
    const bad = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    expect(classify(bad)).toEqual({ kind: 'throw', error: bad });
    expect(classify(new Error('Connection terminated'))).toEqual({ kind: 'unexpected' });
    expect(classify(undefined)).toEqual({ kind: 'unexpected' });
  });
});
