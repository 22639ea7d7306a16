using FiveSocieties.Cases.Cases;
using JasperFx.Events;
using ClientCategory = FiveSocieties.Contracts.V1.ClientCategory;
using ClientGroup = FiveSocieties.Contracts.V1.ClientGroup;
using Case = FiveSocieties.Cases.Cases.Case;

namespace FiveSocieties.UnitTests.Cases;

/// <summary>A case folded from its events, the way Marten folds it, for given/when/then tests.</summary>
internal static class CaseHistory
{
    public static readonly Guid Station = Guid.NewGuid();
    public static readonly Guid Caseworker = Guid.NewGuid();
    public static readonly Guid Supervisor = Guid.NewGuid();
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 29);

    public static object[] Opened(Guid caseId, ClientGroup group = ClientGroup.Elderly) =>
        [.. CaseDecider.Decide(null, new OpenCase(caseId, Station, Caseworker, group,
            group == ClientGroup.Elderly ? [ClientCategory.LivesAlone] : [ClientCategory.LeftBehind],
            new CaseLocation("广灵县", "壶泉镇", "HQ-1"), Caseworker, Now.AddDays(-30)))];

    public static object[] With(object[] history, Func<Case, IReadOnlyList<object>> decide) => [.. history, .. decide(Given(history))];

    public static Case Given(params object[] events)
    {
        Case? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            state = e switch
            {
                CaseOpened x => Case.Create(Wrap(x, version)),
                CaseworkerReassigned x => state!.Apply(Wrap(x, version)),
                NeedRaised x => state!.Apply(Wrap(x, version)),
                CaseClosed x => state!.Apply(Wrap(x, version)),
                CaseReopened x => state!.Apply(Wrap(x, version)),
                NeedWithdrawn x => state!.Apply(Wrap(x, version)),
                AssessmentRecorded x => state!.Apply(Wrap(x, version)),
                ServicePlanProposed x => state!.Apply(Wrap(x, version)),
                ServicePlanAdopted x => state!.Apply(Wrap(x, version)),
                ServicePlanSentBack x => state!.Apply(Wrap(x, version)),
                VisitRecorded x => state!.Apply(Wrap(x, version)),
                ActivityAttended x => state!.Apply(Wrap(x, version)),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state!;
    }

    private static Event<T> Wrap<T>(T data, long version) where T : notnull => new(data) { Version = version };
}
