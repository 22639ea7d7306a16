// Small value types shared by the integration events. Enums travel as strings.
namespace FiveSocieties.Contracts.V1;

/// <summary>一老一小: the two groups a station works for.</summary>
public enum ClientGroup { Elderly, Child }

public enum ClientCategory
{
    EmptyNest,          // 空巢: children live elsewhere
    LivesAlone,         // 独居
    AdvancedAge,        // 高龄
    ExtremelyPoor,      // 特困
    WidowedOrChildless, // 孤寡
    ChildInDifficulty,  // 困境儿童
    LeftBehind,         // 留守
    Disabled,
}

/// <summary>
/// Where a client lives, at the precision other services may know: district, township and
/// grid (网格) codes, never the street address.
/// </summary>
public sealed record GridLocation(string District, string Township, string Grid);

/// <summary>What a need asks for (DESIGN §3, 需求).</summary>
public enum NeedCategory
{
    MealDelivery,   // 助餐送餐
    Companionship,  // 陪伴探访
    HomeCleaning,
    Tutoring,       // 课业辅导
    Counselling,    // 心理疏导
    MedicalCheck,
    Goods,
    FinancialAid,
    Escort,         // 陪同就医/出行
}

/// <summary>How soon a need must be met; matching ranks by it.</summary>
public enum Urgency { Routine, Soon, Urgent }

public enum Recurrence { Once, Daily, Weekly, Monthly }

public enum NeedWithdrawalCause { WithdrawnByCaseworker, CaseClosed }

/// <summary>
/// What a person answers for on a roster: a station's caseworker (社工), supervisor (督导/站长) or
/// coordinator (协调员, plans the volunteers' rounds), or a district's duty officer (区县民政值班).
/// </summary>
public enum StaffRole { Caseworker, Supervisor, Coordinator, DistrictOfficer }

/// <summary>A point in WGS 84 degrees.</summary>
public sealed record GeoPoint(double Latitude, double Longitude);

/// <summary>A client's ability level 0–4 (能力完好 … 完全失能, GB/T 42195-2022) and the risk it implies.</summary>
public enum RiskLevel { Low, Medium, High }

/// <summary>Days of the week and a daily window, e.g. a canteen's delivery days and hours.</summary>
public sealed record WeeklySchedule(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To);

/// <summary>Where a provider serves: districts, townships and grids by code. Empty lists mean "anywhere".</summary>
public sealed record ServiceArea(IReadOnlyList<string> Districts, IReadOnlyList<string> Townships, IReadOnlyList<string> Grids);

/// <summary>Who an offer is for. Nulls and empty lists mean "no restriction".</summary>
public sealed record Eligibility(
    IReadOnlyList<ClientGroup> ClientGroups,
    int? MinAge,
    int? MaxAge,
    IReadOnlyList<ClientCategory> Categories,
    IReadOnlyList<int> AbilityLevels);
