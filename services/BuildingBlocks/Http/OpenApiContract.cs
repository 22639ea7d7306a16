using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// What every service's OpenAPI document says beyond what the endpoints declare: the bearer
/// scheme every route but the anonymous ones needs, a stable operationId for each operation (so
/// a generated client keeps its names), and the problem responses the shared pipeline answers.
/// </summary>
public static class OpenApiContract
{
    private const string BearerScheme = "bearer";
    private const string ProblemJson = "application/problem+json";

    public static OpenApiOptions DescribeTheSharedContract(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            // The framework writes the host's base address with its trailing slash, which OpenAPI
            // linters refuse: paths already begin with one.
            foreach (var server in document.Servers ?? [])
                server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the station's OpenID Connect authority (in Development: `fivesoc token`).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var metadata = description.ActionDescriptor.EndpointMetadata;
            operation.OperationId ??= metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName
                ?? OperationIdOf(description.HttpMethod ?? "get", description.RelativePath ?? "");

            operation.Responses ??= new OpenApiResponses();
            var hasPathId = (description.RelativePath ?? "").Contains('{');
            var takesInput = description.ParameterDescriptions.Count > 0;
            if (takesInput) Problem(operation, "400", "The request is invalid: `errors` names each bad field.");
            if (hasPathId) Problem(operation, "404", "No such record, or not one the caller may see.");
            if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
            });
            Problem(operation, "401", "No valid bearer token.");
            Problem(operation, "403", "The caller's role or station may not do this.");
            Problem(operation, "429", "Too many requests: retry after the time in Retry-After.");
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Problem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() },
        };
    }

    /// <summary>"POST stations/{id}/national-registration" → "postStationsByIdNationalRegistration": stable while the route is.</summary>
    internal static string OperationIdOf(string method, string path)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var isParameter = segment.StartsWith('{');
            if (isParameter) id.Append("By");
            foreach (var word in segment.Trim('{', '}').Split(':')[0].Split('-', '.', '_'))
                if (word.Length > 0) id.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word[1..]);
        }
        return id.ToString();
    }
}
