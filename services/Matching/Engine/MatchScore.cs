using FiveSocieties.Contracts.V1;

namespace FiveSocieties.Matching.Engine;

/// <summary>
/// How well a fitting offer serves a need, 0–100, as a sum of named parts so every candidate
/// can say why it ranks where it does: urgency (30), vulnerability (risk level and living alone,
/// 30), waiting time (15), distance between the grid's approximate position and the service
/// point (15) and the provider's free capacity across its offers (10).
/// </summary>
public static class MatchScore
{
    public const double MaxDistanceKm = 20;

    public const int WaitingDaysForFullWeight = 30;

    /// <summary>The most that waiting time can add to a need's priority.</summary>
    public const double MaxWaiting = 15;

    /// <summary>The most that distance can add to a pair's fit (the provider's load is known per offer).</summary>
    public const double MaxDistance = 15;

    /// <summary>The part of the score that depends on the need alone (its priority).</summary>
    public static double NeedPriority(NeedProfile need, DateTimeOffset now, List<MatchReason>? reasons = null)
    {
        var urgency = UrgencyPoints(need.Urgency);
        reasons?.Add(new("urgency", $"{need.Urgency} need (+{urgency})"));
        var risk = RiskPoints(need.RiskLevel);
        reasons?.Add(need.RiskLevel is { } level ? new("risk", $"{level} risk (+{risk})") : new("risk.unknown", $"risk not assessed (+{risk})"));
        var livesAlone = need.ClientCategories.Contains(ClientCategory.LivesAlone);
        if (livesAlone) reasons?.Add(new("lives-alone", "lives alone (+10)"));
        var days = WaitingDays(need.RaisedAt, now);
        if (days >= 1) reasons?.Add(new("waiting", $"waiting {Math.Floor(days):0} days (+{Waiting(days):0.0})"));
        return StandingPoints(need.Urgency, need.RiskLevel, livesAlone) + Waiting(days);
    }

    /// <summary>
    /// Urgency and vulnerability: what a need scores before waiting and fit. It takes few values
    /// (urgency × risk × living alone), so the index keeps needs in tiers of equal standing and
    /// ranking can stop at the first tier that cannot beat the worst kept.
    /// </summary>
    public static double StandingPoints(Urgency urgency, RiskLevel? risk, bool livesAlone) =>
        UrgencyPoints(urgency) + ((double)RiskPoints(risk) + (livesAlone ? 10 : 0));

    public static double WaitingDays(DateTimeOffset raisedAt, DateTimeOffset now) => Math.Max(0, (now - raisedAt).TotalDays);

    public static double Waiting(double days) => 15 * Math.Min(days, WaitingDaysForFullWeight) / WaitingDaysForFullWeight;

    /// <summary>The load part of a pair's fit: the same for every need an offer is matched with.</summary>
    public static double LoadPoints(double providerLoad) => 10 * (1 - Math.Clamp(providerLoad, 0, 1));

    private static int UrgencyPoints(Urgency urgency) => urgency switch { Urgency.Urgent => 30, Urgency.Soon => 18, _ => 6 };

    private static int RiskPoints(RiskLevel? risk) => risk switch { RiskLevel.High => 20, RiskLevel.Medium => 10, RiskLevel.Low => 0, _ => 5 };

    /// <summary>The part that depends on the pair: distance and provider load (0 = idle, 1 = full).</summary>
    public static double Fit(NeedProfile need, OfferProfile offer, double providerLoad, List<MatchReason>? reasons = null)
    {
        double distance;
        if (need.Position is { } from && offer.ServicePoint is { } to)
        {
            var km = HaversineKm(from, to);
            distance = 15 * Math.Max(0, 1 - km / MaxDistanceKm);
            reasons?.Add(new("distance", $"{km:0.0} km from the service point (+{distance:0.0})"));
        }
        else
        {
            distance = 5;
            reasons?.Add(new("distance.unknown", "distance unknown (+5.0)"));
        }
        var load = LoadPoints(providerLoad);
        reasons?.Add(new("provider-load", $"provider at {providerLoad * 100:0}% of its capacity (+{load:0.0})"));
        return distance + load;
    }

    public static double HaversineKm(GeoPoint a, GeoPoint b)
    {
        const double earthRadiusKm = 6371.0088;
        var dLat = ToRadians(b.Latitude - a.Latitude);
        var dLon = ToRadians(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(ToRadians(a.Latitude)) * Math.Cos(ToRadians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
