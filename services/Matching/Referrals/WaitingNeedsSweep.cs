using FiveSocieties.BuildingBlocks.Scheduling;

namespace FiveSocieties.Matching.Referrals;

/// <summary>
/// Every sweep interval, proposes a fitting offer to each need still waiting for one
/// (<see cref="ReferralProcess.ProposeToWaitingNeedsAsync"/>): what the commit-time matching
/// missed, the sweep catches within a minute, long before the unmatched-need alarm would.
/// </summary>
public sealed class WaitingNeedsSweep(ReferralProcess process) : IPeriodicSweep
{
    public Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) => process.ProposeToWaitingNeedsAsync(cancellationToken);
}
