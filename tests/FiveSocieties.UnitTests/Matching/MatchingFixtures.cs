using FiveSocieties.BuildingBlocks.Scheduling;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Matching.Engine;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>A need and an offer that fit each other; tests change one fact at a time.</summary>
internal static class MatchingFixtures
{
    public static readonly LocalCalendar Calendar = LocalCalendar.For(LocalCalendar.DefaultTimeZone);
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = Calendar.Today(Now);
    public static readonly GeoPoint Yanggao = new(40.36, 113.75);

    public static NeedProfile Need(Guid? id = null) => new(
        id ?? Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), NeedCategory.MealDelivery, Urgency.Soon, Today,
        ClientGroup.Elderly, [ClientCategory.LivesAlone, ClientCategory.AdvancedAge], new GridLocation("阳高县", "龙泉镇", "LQ-1"), Now,
        ClientAge: 81, AbilityLevel: 2, RiskLevel: RiskLevel.Medium, Position: Yanggao);

    public static OfferProfile Offer(Guid? id = null, Guid? provider = null) => new(
        id ?? Guid.NewGuid(), provider ?? Guid.NewGuid(), "龙泉镇长者食堂", "Lunch delivered", NeedCategory.MealDelivery, 10, 0,
        new ServiceArea(["阳高县"], [], []), new Eligibility([ClientGroup.Elderly], 60, null, [], []), Today.AddDays(-30), Today.AddDays(60),
        new GeoPoint(40.37, 113.76));
}
