using FiveSocieties.BuildingBlocks.Texts;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// Collects every problem with a request before refusing it, so a 400 names each field at once.
/// Each check returns the value (or a default) so an endpoint reads as a list of fields. Messages
/// are English phrases; the problem says them in the reader's language (see <see cref="TextCatalogue.Phrases"/>).
/// </summary>
public sealed class RequestValidator
{
    private readonly Dictionary<string, List<Phrase>> _errors = new(StringComparer.Ordinal);

    public T Required<T>(T? value, string field) where T : struct
    {
        if (value is null) Fail(field, "is required.");
        return value.GetValueOrDefault();
    }

    public Guid RequiredId(Guid? value, string field)
    {
        if (value is null || value == Guid.Empty) Fail(field, "is required and must be a non-empty id.");
        return value.GetValueOrDefault();
    }

    public string RequiredText(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Fail(field, "is required.");
        else if (value.Length > maxLength) Fail(field, $"must be at most {maxLength} characters.");
        return value?.Trim() ?? "";
    }

    public IReadOnlyList<T> List<T>(IReadOnlyList<T>? value, string field, int maxCount = 50)
    {
        if (value is null) return [];
        if (value.Count > maxCount) Fail(field, $"must have at most {maxCount} items.");
        return value;
    }

    /// <summary>The <c>page</c> and <c>pageSize</c> query values of a list (1 and 20 when absent).</summary>
    public Paging Paging(int? page, int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? Http.Paging.DefaultSize;
        Check(number >= 1, "page", "must be 1 or more.");
        Check(size is >= 1 and <= Http.Paging.MaxSize, "pageSize", $"must be between 1 and {Http.Paging.MaxSize}.");
        return new Paging(number, size);
    }

    public void Check(bool condition, string field, Phrase message)
    {
        if (!condition) Fail(field, message);
    }

    public void Fail(string field, Phrase message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool IsValid => _errors.Count == 0;

    /// <summary>Throws <see cref="InvalidRequest"/> (HTTP 400) when anything was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new InvalidRequest(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

/// <summary>The request is malformed or invalid (HTTP 400); <see cref="Errors"/> names every field.</summary>
public sealed class InvalidRequest(IReadOnlyDictionary<string, Phrase[]> messages)
    : Exception("The request is invalid: " + string.Join(", ", messages.Keys))
{
    public InvalidRequest(IDictionary<string, string[]> errors)
        : this(errors.ToDictionary(e => e.Key, e => e.Value.Select(m => (Phrase)m).ToArray())) { }

    /// <summary>Each field's messages as phrases, to be said in the reader's language.</summary>
    public IReadOnlyDictionary<string, Phrase[]> Messages { get; } = messages;

    /// <summary>Each field's messages in English.</summary>
    public IDictionary<string, string[]> Errors => Messages.ToDictionary(e => e.Key, e => e.Value.Select(m => m.English).ToArray());
}
