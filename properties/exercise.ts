/**
 * What reached the implementation while a property ran: a property whose calls never reached it,
 * or never succeeded there, checked nothing and must not be reported as a pass.
 * @module
 */
import type { Driver, DriverFactory } from './driver.js';

/** Counts over every driver a factory made. */
export interface Exercise {
  /** Deployments that succeeded. */
  readonly deployments: number;
  /** Calls sent to the implementation, forced ether not included. */
  readonly calls: number;
  /** Of those, the calls that succeeded. */
  readonly succeeded: number;
}

export const noExercise: Exercise = { deployments: 0, calls: 0, succeeded: 0 };

export function addExercise(a: Exercise, b: Exercise): Exercise {
  return { deployments: a.deployments + b.deployments, calls: a.calls + b.calls, succeeded: a.succeeded + b.succeeded };
}

/** A factory whose drivers count what reaches them; `exercise()` reads the totals so far. */
export function countingFactory(factory: DriverFactory): { readonly factory: DriverFactory; exercise(): Exercise } {
  let totals = noExercise;
  const counted: DriverFactory = (setup) => {
    const driver = factory(setup);
    const wrapped: Driver = {
      deploy: async (params, time) => {
        const result = await driver.deploy(params, time);
        if (result.ok) totals = { ...totals, deployments: totals.deployments + 1 };
        return result;
      },
      call: async (from, fn, value, time) => {
        const result = await driver.call(from, fn, value, time);
        totals = { ...totals, calls: totals.calls + 1, succeeded: totals.succeeded + (result.ok ? 1 : 0) };
        return result;
      },
      forceEther: (amount, time) => driver.forceEther(amount, time),
      observe: (time) => driver.observe(time),
      readViews: (time) => driver.readViews(time),
      capabilities: driver.capabilities,
    };
    return wrapped;
  };
  return { factory: counted, exercise: () => totals };
}
