using FiveSocieties.BuildingBlocks.Scheduling;
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
    public static readonly LocalCalendar Calendar = LocalCalendar.For(LocalCalendar.DefaultTimeZone);

    public static object[] Opened(Guid caseId, ClientGroup group = ClientGroup.Elderly) =>
        [.. CaseDecider.Decide(null, new OpenCase(caseId, Station, Caseworker, group,
            group == ClientGroup.Elderly ? [ClientCategory.LivesAlone] : [ClientCategory.LeftBehind],
            new CaseLocation("广灵县", "壶泉镇", "HQ-1"), Caseworker, Now.AddDays(-30)))];

    public static object[] With(object[] history, Func<Case, IReadOnlyList<object>> decide) => [.. history, .. decide(Given(history))];

    /// <summary>Folds with Case.Create and the Apply method for each event's type, as Marten does.</summary>
    public static Case Given(params object[] events)
    {
        Case? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            var wrapped = Activator.CreateInstance(typeof(Event<>).MakeGenericType(e.GetType()), e)!;
            wrapped.GetType().GetProperty(nameof(IEvent.Version))!.SetValue(wrapped, version);
            // The envelope where the case asks for it, else the plain event; then the version, as Marten sets it.
            var eventType = typeof(IEvent<>).MakeGenericType(e.GetType());
            var name = e is CaseOpened ? nameof(Case.Create) : "Apply";
            var (method, argument) = typeof(Case).GetMethod(name, [eventType]) is { } enveloped
                ? (enveloped, wrapped)
                : (typeof(Case).GetMethod(name, [e.GetType()]) ?? throw new ArgumentException(e.GetType().Name), e);
            state = (Case)method.Invoke(state, [argument])! with { Version = version };
        }
        return state!;
    }

    private static Event<T> Wrap<T>(T data, long version) where T : notnull => new(data) { Version = version };
}
