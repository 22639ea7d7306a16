using System.Text.Json;
using FiveSocieties.BuildingBlocks.Domain;
using FiveSocieties.BuildingBlocks.Texts;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// One place that turns every failure into RFC 9457 problem details: 400 names each bad field,
/// 404 an unknown record, 409 a concurrency or duplicate conflict, 422 the domain rule that
/// refused the command. Anything else is our bug: 500, logged, with no internals leaked. Titles
/// and details are in the reader's language (Accept-Language, zh-CN by default); the type, the
/// rule code and the field names stay the same in every language.
/// </summary>
public sealed partial class ProblemDetailsMapping(
    IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TextCatalogues texts,
    ILogger<ProblemDetailsMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var language = http.AnswerInReaderLanguage();
        ProblemDetails problem = exception switch
        {
            InvalidRequest invalid => Invalid(invalid.Messages, language),
            BadHttpRequestException { InnerException: JsonException jsonError } => Invalid(await DescribeJsonErrors(http, jsonError), language),
            BadHttpRequestException bad => DescribeBindingError(bad, language),
            DomainRuleViolation rule => Refused(rule, language),
            ActionForbidden forbidden => new ProblemDetails
            {
                Status = 403, Title = SharedTexts.Forbidden.In(language),
                Detail = forbidden.Text.In(language, texts.Rule(forbidden.Code), texts),
                Type = $"urn:fivesoc:rule:{forbidden.Code}", Extensions = { ["rule"] = forbidden.Code },
            },
            RecordNotFound missing => new ProblemDetails
            {
                Status = 404, Title = SharedTexts.NotFound.In(language, Kind(missing.Kind, language)),
                Detail = SharedTexts.NotFoundDetail.In(language, Kind(missing.Kind, language), missing.Id),
            },
            ConcurrencyException => new ProblemDetails
            {
                Status = 409, Title = SharedTexts.Changed.In(language), Detail = SharedTexts.ChangedDetail.In(language),
            },
            ExistingStreamIdCollisionException or DocumentAlreadyExistsException => new ProblemDetails
            {
                Status = 409, Title = SharedTexts.DuplicateId.In(language), Detail = SharedTexts.DuplicateIdDetail.In(language),
            },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => new ProblemDetails { Status = 499 },
            _ when DependencyOutage.Is(exception) => new ProblemDetails
            {
                Status = 503, Title = SharedTexts.Unavailable.In(language), Detail = SharedTexts.UnavailableDetail.In(language),
                Extensions = { ["rule"] = "service.unavailable" },
            },
            _ => new ProblemDetails
            {
                Status = 500, Title = SharedTexts.InternalError.In(language), Detail = SharedTexts.InternalErrorDetail.In(language),
            },
        };
        if (problem.Status == 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (problem.Status == 503)
        {
            logger.LogWarning("{Method} {Path} answered 503: a server it needs is unreachable ({Reason})",
                http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = ((int)DependencyOutage.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private ProblemDetails Refused(DomainRuleViolation rule, ReaderLanguage language)
    {
        var problem = new ProblemDetails
        {
            Status = 422, Title = SharedTexts.RuleRefused.In(language),
            Detail = rule.Text.In(language, texts.Rule(rule.Code), texts),
            Type = $"urn:fivesoc:rule:{rule.Code}", Extensions = { ["rule"] = rule.Code },
        };
        if (rule.Field is not null) problem.Extensions["field"] = rule.Field;
        return problem;
    }

    /// <summary>A 400 naming every bad field, each message in the reader's language (field names stay as on the wire).</summary>
    private HttpValidationProblemDetails Invalid(IReadOnlyDictionary<string, Phrase[]> messages, ReaderLanguage language) =>
        new(messages.ToDictionary(
            e => e.Key,
            e => e.Value.Select(m => SharedTexts.FieldMessage(e.Key, m, texts, language)).ToArray()))
        {
            Status = 400, Title = SharedTexts.InvalidRequest.In(language),
        };

    private string Kind(string kind, ReaderLanguage language) =>
        language == ReaderLanguage.En ? kind : texts.Code("kind." + kind) ?? kind;

    /// <summary>
    /// The framework's own words for a missing body or an unreadable route/query value name C#
    /// types; say instead which field is wrong.
    /// </summary>
    private ProblemDetails DescribeBindingError(BadHttpRequestException bad, ReaderLanguage language)
    {
        if (bad.StatusCode != 400)
            return new ProblemDetails
            {
                Status = bad.StatusCode, Title = SharedTexts.StatusTitle(bad.StatusCode)?.In(language),
                Detail = texts.Say(bad.Message, language),
            };
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
            return Invalid(new Dictionary<string, Phrase[]> { ["body"] = ["is required: send a JSON object."] }, language);
        var parameter = BindingFailure().Match(bad.Message);
        return parameter.Success
            ? Invalid(new Dictionary<string, Phrase[]>
            {
                [parameter.Groups["name"].Value] = [$"cannot be read from \"{Excerpt(parameter.Groups["value"].Value)}\"."],
            }, language)
            : new ProblemDetails { Status = 400, Title = SharedTexts.UnreadableRequest.In(language) };
    }

    /// <summary>Enough of a bad value to recognise it: a 5 KB value is not echoed back whole.</summary>
    internal static string Excerpt(string value, int length = 40)
    {
        if (value.Length <= length) return value;
        // Never cut a character in two (a surrogate pair).
        if (char.IsHighSurrogate(value[length - 1])) length--;
        return value[..length] + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex("Failed to bind parameter \"(?:\\S+ )?(?<name>\\w+)\" from \"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex BindingFailure();

    /// <summary>
    /// System.Text.Json stops at the first error. To name every bad field, read the (buffered)
    /// body again and try each property against its type on its own.
    /// </summary>
    private async Task<Dictionary<string, Phrase[]>> DescribeJsonErrors(HttpContext http, JsonException first)
    {
        var errors = new Dictionary<string, Phrase[]>();
        // The exception handler middleware clears the endpoint before handlers run; the feature keeps it.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (requestType is not null && http.Request.Body.CanSeek)
        {
            http.Request.Body.Position = 0;
            try
            {
                using var document = await JsonDocument.ParseAsync(http.Request.Body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                    foreach (var property in document.RootElement.EnumerateObject())
                        CheckProperty(requestType, property, errors);
            }
            catch (JsonException malformed)
            {
                errors["body"] = [$"is not valid JSON ({Where(malformed)})."];
            }
        }
        if (errors.Count == 0) errors[FieldName(first.Path)] = [$"has a value that cannot be read ({Where(first)})."];
        return errors;
    }

    private void CheckProperty(Type requestType, JsonProperty property, Dictionary<string, Phrase[]> errors)
    {
        var options = json.Value.SerializerOptions;
        var target = requestType.GetProperties().FirstOrDefault(p =>
            string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
        if (target is null) return; // unknown fields are ignored
        try
        {
            property.Value.Deserialize(target.PropertyType, options);
        }
        catch (JsonException e)
        {
            var inner = FieldName(e.Path);
            var field = inner == "body" ? property.Name
                : inner.StartsWith('[') ? property.Name + inner
                : $"{property.Name}.{inner}";
            var expected = ElementType(Nullable.GetUnderlyingType(target.PropertyType) ?? target.PropertyType);
            Phrase message = expected.IsEnum
                ? (Phrase)$"must be one of: {string.Join(", ", Enum.GetNames(expected))}."
                : (Phrase)$"has a value that cannot be read as {Describe(expected)}.";
            errors[field] = [message];
        }
    }

    /// <summary>For a list, the type of its items (the error is about an item).</summary>
    private static Type ElementType(Type type)
    {
        if (type == typeof(string) || !type.IsGenericType) return type.IsArray ? type.GetElementType()! : type;
        var item = type.GetGenericArguments()[0];
        return Nullable.GetUnderlyingType(item) ?? item;
    }

    private static Phrase Describe(Type type) => type switch
    {
        _ when type == typeof(Guid) => "an id (GUID)",
        _ when type == typeof(DateTimeOffset) => "a time with offset (ISO 8601)",
        _ when type == typeof(DateOnly) => "a date (YYYY-MM-DD)",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(decimal) || type == typeof(double) => "a number",
        _ when type == typeof(string) => "text",
        _ when type == typeof(bool) => "true or false",
        _ => "the expected shape",
    };

    private static string FieldName(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');

    private static Phrase Where(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "unknown position";
}
