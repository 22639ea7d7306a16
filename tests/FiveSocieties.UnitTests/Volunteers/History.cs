using JasperFx.Events;

namespace FiveSocieties.UnitTests.Volunteers;

/// <summary>Folds given events into an aggregate through its own Create/Apply methods, as Marten does.</summary>
public static class History
{
    public static T Given<T>(params object[] events) where T : class
    {
        T? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(e.GetType()), e)!;
            wrapped.Version = version;
            var eventType = typeof(IEvent<>).MakeGenericType(e.GetType());
            state = state is null
                ? (T)typeof(T).GetMethod("Create", [eventType])!.Invoke(null, [wrapped])!
                : (T)typeof(T).GetMethod("Apply", [eventType])!.Invoke(state, [wrapped])!;
        }
        return state ?? throw new ArgumentException("Give at least one event.");
    }
}
