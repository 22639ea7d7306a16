namespace FiveSocieties.BuildingBlocks.Domain;

/// <summary>
/// A command that a decider refuses because a domain rule forbids it (HTTP 422). The code is
/// stable ("need.case-closed") so clients and tests can rely on it; the message is for people.
/// </summary>
public sealed class DomainRuleViolation(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The command names a record that does not exist (HTTP 404).</summary>
public sealed class RecordNotFound(string kind, object id) : Exception($"{kind} {id} does not exist.")
{
    public string Kind { get; } = kind;
}

/// <summary>
/// A consumed message refers to something this service has not heard of yet (e.g. a
/// CaseworkerAssigned overtaking its CaseOpened on the bus). Transient: retry re-orders it.
/// </summary>
public sealed class NotYetKnown(string what) : Exception(what);
