using System.Text.Json;
using FiveSocieties.BuildingBlocks.Domain;
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
/// refused the command. Anything else is our bug: 500, logged, with no internals leaked.
/// </summary>
public sealed partial class ProblemDetailsMapping(
    IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ProblemDetailsMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            InvalidRequest invalid => new HttpValidationProblemDetails(invalid.Errors) { Status = 400 },
            BadHttpRequestException { InnerException: JsonException jsonError } => await DescribeJsonErrors(http, jsonError),
            BadHttpRequestException bad => DescribeBindingError(bad),
            DomainRuleViolation rule => new ProblemDetails
            {
                Status = 422, Title = "A rule refused the command.", Detail = rule.Message,
                Type = $"urn:fivesoc:rule:{rule.Code}", Extensions = { ["rule"] = rule.Code },
            },
            RecordNotFound missing => new ProblemDetails { Status = 404, Title = $"{missing.Kind} not found.", Detail = missing.Message },
            ConcurrencyException => new ProblemDetails
            {
                Status = 409, Title = "The record changed since you read it.",
                Detail = "Another change was saved first. Reload it and try again.",
            },
            ExistingStreamIdCollisionException or DocumentAlreadyExistsException => new ProblemDetails
            {
                Status = 409, Title = "A record with this id already exists.",
            },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => new ProblemDetails { Status = 499 },
            _ => new ProblemDetails { Status = 500, Title = "Something went wrong on our side." },
        };
        if (problem.Status == 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The framework's own words for a missing body or an unreadable route/query value name C#
    /// types; say instead which field is wrong.
    /// </summary>
    private static ProblemDetails DescribeBindingError(BadHttpRequestException bad)
    {
        if (bad.StatusCode != 400) return new ProblemDetails { Status = bad.StatusCode, Detail = bad.Message };
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["is required: send a JSON object."] })
            {
                Status = 400,
            };
        var parameter = BindingFailure().Match(bad.Message);
        return parameter.Success
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [parameter.Groups["name"].Value] = [$"cannot be read from \"{Excerpt(parameter.Groups["value"].Value)}\"."],
            }) { Status = 400 }
            : new ProblemDetails { Status = 400, Detail = "The request could not be read." };
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
    private async Task<ProblemDetails> DescribeJsonErrors(HttpContext http, JsonException first)
    {
        var errors = new Dictionary<string, string[]>();
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
        return new HttpValidationProblemDetails(errors) { Status = 400 };
    }

    private void CheckProperty(Type requestType, JsonProperty property, Dictionary<string, string[]> errors)
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
            errors[field] = [expected.IsEnum
                ? $"must be one of: {string.Join(", ", Enum.GetNames(expected))}."
                : $"has a value that cannot be read as {Describe(expected)}."];
        }
    }

    /// <summary>For a list, the type of its items (the error is about an item).</summary>
    private static Type ElementType(Type type)
    {
        if (type == typeof(string) || !type.IsGenericType) return type.IsArray ? type.GetElementType()! : type;
        var item = type.GetGenericArguments()[0];
        return Nullable.GetUnderlyingType(item) ?? item;
    }

    private static string Describe(Type type) => type switch
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

    private static string Where(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "unknown position";
}
