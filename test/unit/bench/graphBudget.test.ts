import { benchUsageProfile, graphBudget, graphBudgetRows, outlookRequestsPer10Minutes } from '../../../bench/report/graphBudget';

describe("Graph requests against Outlook's budget", () => {
  const costs = { idleSync: 1, changedSync: 3, changes: 20, fullRound: 5 };

  it('adds pushes, refreshes and full rounds per device-day, and the user\'s devices share one budget', () => {
    const budget = graphBudget(benchUsageProfile, costs);
    // 200 pushes × (1 + 2/20) + 64 refreshes × (1 + 10 × 1) + 10 folders × 5
    expect(budget.perDeviceDay).toBeCloseTo(200 * 1.1 + 64 * 11 + 50, 6);
    expect(budget.perUserDay).toBeCloseTo(3 * budget.perDeviceDay, 6);
  });

  it('puts the busiest 10 minutes (every full round, a refresh, the peak pushes on every device) against 10,000', () => {
    const budget = graphBudget(benchUsageProfile, costs);
    expect(budget.peakPer10Minutes).toBeCloseTo(3 * (10 * 5 + 1 * 11 + 20 * 1.1), 6);
    expect(budget.peakShare).toBeCloseTo(budget.peakPer10Minutes / outlookRequestsPer10Minutes, 9);
    const heavy = graphBudget({ ...benchUsageProfile, devices: 100 }, { ...costs, fullRound: 50 });
    expect(graphBudgetRows([heavy]).find((r) => r.name === 'graph-budget.peak-10min-share')).toMatchObject({ verdict: 'MISS' });
    expect(graphBudgetRows([budget]).find((r) => r.name === 'graph-budget.peak-10min-share')).toMatchObject({ verdict: 'PASS' });
  });
});
