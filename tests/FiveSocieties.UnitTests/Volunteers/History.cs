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
            // The envelope where the aggregate asks for it, else the plain event, and then the
            // version set on the result, as Marten does for a Version property.
            var eventType = typeof(IEvent<>).MakeGenericType(e.GetType());
            var name = state is null ? "Create" : "Apply";
            var (method, argument) = typeof(T).GetMethod(name, [eventType]) is { } enveloped
                ? (enveloped, (object)wrapped)
                : (typeof(T).GetMethod(name, [e.GetType()]) ?? throw new ArgumentException($"{typeof(T).Name} has no {name} for {e.GetType().Name}."), e);
            state = (T)method.Invoke(state, [argument])!;
            typeof(T).GetProperty("Version")?.SetValue(state, version);
        }
        return state ?? throw new ArgumentException("Give at least one event.");
    }
}
