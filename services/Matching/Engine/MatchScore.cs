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

    /// <summary>The most that waiting time (15) and the pair's fit (distance 15, load 10) can add to a need's standing.</summary>
    public const double MaxWaitingAndFit = 15 + 25;

    /// <summary>What the need scores before waiting and fit: a bound that lets ranking stop early.</summary>
    public static double Standing(NeedProfile need) => NeedPriority(need, need.RaisedAt);
    public const int WaitingDaysForFullWeight = 30;

    /// <summary>The part of the score that depends on the need alone (its priority).</summary>
    public static double NeedPriority(NeedProfile need, DateTimeOffset now, List<string>? reasons = null)
    {
        var urgency = need.Urgency switch { Urgency.Urgent => 30, Urgency.Soon => 18, _ => 6 };
        reasons?.Add($"{need.Urgency} need (+{urgency})");
        var risk = need.RiskLevel switch { RiskLevel.High => 20, RiskLevel.Medium => 10, RiskLevel.Low => 0, _ => 5 };
        reasons?.Add(need.RiskLevel is { } level ? $"{level} risk (+{risk})" : $"risk not assessed (+{risk})");
        var vulnerability = (double)risk;
        if (need.ClientCategories.Contains(ClientCategory.LivesAlone))
        {
            vulnerability += 10;
            reasons?.Add("lives alone (+10)");
        }
        var days = Math.Max(0, (now - need.RaisedAt).TotalDays);
        var waiting = 15 * Math.Min(days, WaitingDaysForFullWeight) / WaitingDaysForFullWeight;
        if (days >= 1) reasons?.Add($"waiting {Math.Floor(days):0} days (+{waiting:0.0})");
        return urgency + vulnerability + waiting;
    }

    /// <summary>The part that depends on the pair: distance and provider load (0 = idle, 1 = full).</summary>
    public static double Fit(NeedProfile need, OfferProfile offer, double providerLoad, List<string>? reasons = null)
    {
        double distance;
        if (need.Position is { } from && offer.ServicePoint is { } to)
        {
            var km = HaversineKm(from, to);
            distance = 15 * Math.Max(0, 1 - km / MaxDistanceKm);
            reasons?.Add($"{km:0.0} km from the service point (+{distance:0.0})");
        }
        else
        {
            distance = 5;
            reasons?.Add("distance unknown (+5.0)");
        }
        var load = 10 * (1 - Math.Clamp(providerLoad, 0, 1));
        reasons?.Add($"provider at {providerLoad * 100:0}% of its capacity (+{load:0.0})");
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
