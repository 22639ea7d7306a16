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
