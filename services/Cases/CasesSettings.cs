namespace FiveSocieties.Cases;

/// <summary>The Cases service's own settings (section "Cases").</summary>
public sealed class CasesSettings
{
    /// <summary>How long an urgent need may wait unmatched before it raises an alarm (Cases:UrgentNeedUnmatchedAfter).</summary>
    public TimeSpan UrgentNeedUnmatchedAfter { get; set; } = TimeSpan.FromHours(4);
}
