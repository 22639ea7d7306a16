using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.BuildingBlocks.Domain;

/// <summary>
/// A command that a decider refuses because a domain rule forbids it (HTTP 422). The code is
/// stable ("need.case-closed") so clients and tests can rely on it; the message is for people,
/// in English here and in Chinese from the service's <see cref="TextCatalogue.Rules"/> under the code.
/// A rule about one value of the request names its <paramref name="field"/>, so a form can show it there.
/// </summary>
public sealed class DomainRuleViolation(string code, Phrase message, string? field = null) : Exception(message.English)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;

    public Phrase Text { get; } = message;
}

/// <summary>
/// The caller may see the record but may not do this to it (HTTP 403): who may act is a rule too,
/// with a stable code and its Chinese under that code, as for <see cref="DomainRuleViolation"/>.
/// </summary>
public sealed class ActionForbidden(string code, Phrase message) : Exception(message.English)
{
    public string Code { get; } = code;

    public Phrase Text { get; } = message;
}

/// <summary>The command names a record that does not exist (HTTP 404).</summary>
public sealed class RecordNotFound(string kind, object id) : Exception($"{kind} {id} does not exist.")
{
    public string Kind { get; } = kind;

    public object Id { get; } = id;
}

/// <summary>
/// A consumed message refers to something this service has not heard of yet (e.g. a
/// CaseworkerAssigned overtaking its CaseOpened on the bus). Transient: retry re-orders it.
/// </summary>
public sealed class NotYetKnown(string what) : Exception(what);
