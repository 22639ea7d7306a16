using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
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
    private const string ProblemSchema = "ProblemDetails";
    private const string DemandedExtension = "x-fivesoc-demanded";

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
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
            {
                NeverNullWhatIsDemanded(schema);
                RequireWhatIsNeverNull(schema);
                // The generator puts null among an enum's values when any use of it is nullable, so every
                // use would seem nullable; a nullable use already says so itself (oneOf null and the enum).
                if (schema.Enum is { Count: > 0 } values) schema.Enum = values.Where(v => v is not null).ToList();
            }
            // Added after: its members are there or not by the kind of refusal (`rule` for a 422, `errors` for a 400).
            document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            DemandWhatIsRequired(schema, context.JsonTypeInfo);
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
            // Every refusal the shared pipeline writes is RFC 9457 problem details, whatever the endpoint declared.
            foreach (var (status, declared) in operation.Responses.Where(r => r.Key[0] is '4' or '5').ToList())
                if (declared.Content?.Values.Any(m => m.Schema is not null) != true)
                    operation.Responses[status] = ProblemResponse(context.Document, declared.Description ?? "A problem.");
            if (takesInput) Problem(operation, context.Document, "400", "The request is invalid: `errors` names each bad field.");
            if (description.HttpMethod is not ("GET" or "HEAD") && !metadata.OfType<ReadsOnlyMetadata>().Any())
            {
                Problem(operation, context.Document, "409", "The record changed meanwhile, or the id is taken: read it again.");
                Problem(operation, context.Document, "422", "A business rule refused it: `rule` names it.");
            }
            if (hasPathId) Problem(operation, context.Document, "404", "No such record, or not one the caller may see.");
            if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
            });
            Problem(operation, context.Document, "401", "No valid bearer token.");
            Problem(operation, context.Document, "403", "The caller's role or station may not do this.");
            Problem(operation, context.Document, "429", "Too many requests: retry after the time in Retry-After.");
            Problem(operation, context.Document, "503", "A server the service needs is briefly down: retry after the time in Retry-After.");
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>
    /// The services leave nulls out of what they write (WhenWritingNull) and read a missing field
    /// as null, so a property is required exactly when it cannot be null: a client may then rely
    /// on every required field being there, and leave out the nullable ones it sends. A request's
    /// field is nullable so that its absence reaches the validator (a 400 naming it) rather than
    /// the deserializer; marked [Required] (see <see cref="DemandWhatIsRequired"/>) it is never null
    /// in the document, so required there.
    /// </summary>
    private static void RequireWhatIsNeverNull(OpenApiSchema schema)
    {
        if (schema.Properties is not { Count: > 0 } properties) return;
        var required = properties.Where(p => !AdmitsNull(p.Value)).Select(p => p.Key).ToList();
        schema.Required = required.Count > 0 ? new HashSet<string>(required) : null;
    }

    /// <summary>
    /// A request's field marked [Required] loses its null in the document. (The generator itself lists
    /// every constructor parameter of a record as required, so its list says nothing; ours is rebuilt.)
    /// </summary>
    private static void DemandWhatIsRequired(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (schema.Properties is not { Count: > 0 } properties || type.Kind != JsonTypeInfoKind.Object) return;
        var demanded = type.Properties
            .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
                && properties.ContainsKey(p.Name))
            .Select(p => p.Name).ToList();
        if (demanded.Count == 0) return;
        foreach (var name in demanded) properties[name] = NeverNull(properties[name]);
        // A nullable reference becomes "oneOf null and it" only later: the document transformer finishes the job.
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        schema.Extensions[DemandedExtension] = new JsonNodeExtension(new JsonArray([.. demanded.Select(n => (JsonNode?)n)]));
    }

    private static void NeverNullWhatIsDemanded(OpenApiSchema schema)
    {
        if (schema.Extensions?.Remove(DemandedExtension, out var marked) != true || marked is not JsonNodeExtension { Node: JsonArray names }
            || schema.Properties is not { } properties) return;
        foreach (var name in names.Select(n => n!.GetValue<string>()))
            if (properties.TryGetValue(name, out var property)) properties[name] = NeverNull(property);
    }

    /// <summary>The schema without its null: `type` loses it, and "oneOf null and a reference" becomes the reference.</summary>
    private static IOpenApiSchema NeverNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline) return schema;
        if (inline.OneOf is { Count: 2 } choices && choices.Count(c => c is OpenApiSchema { Type: JsonSchemaType.Null }) == 1)
            return choices.Single(c => c is not OpenApiSchema { Type: JsonSchemaType.Null });
        if (inline.Type is { } type && type.HasFlag(JsonSchemaType.Null)) inline.Type = type & ~JsonSchemaType.Null;
        return inline;
    }

    /// <summary>A reference is to a named type, never null itself: a nullable one is written oneOf null and the reference.</summary>
    private static bool AdmitsNull(IOpenApiSchema schema) => schema is not OpenApiSchemaReference
        && (schema.Type?.HasFlag(JsonSchemaType.Null) == true
            || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(AdmitsNull));

    private static void Problem(OpenApiOperation operation, OpenApiDocument? document, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = ProblemResponse(document, description);
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument? document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    /// <summary>RFC 9457 problem details as the services write them: `errors` by field for a 400, `rule` for a broken rule.</summary>
    private static OpenApiSchema ProblemDetailsSchema()
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A refusal (RFC 9457), titled and detailed in the reader's language.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["rule"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable code of the broken rule (422)." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trace to quote to an operator." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The messages for each bad field, by its path in the request.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
                },
            },
        };
    }

    /// <summary>
    /// Marks a POST that only reads (a query too private for the address, such as a client search):
    /// nothing it changes can conflict or break a rule, so no 409 or 422 is documented for it.
    /// </summary>
    public static RouteHandlerBuilder ReadsOnly(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new ReadsOnlyMetadata());

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

/// <summary>The endpoint's unsafe method changes nothing (see <see cref="OpenApiContract.ReadsOnly"/>).</summary>
public sealed class ReadsOnlyMetadata;
