using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace FiveSocieties.BuildingBlocks.Http;

/// <summary>
/// Answers the framework cannot describe from a handler's type: a file, a stream of server-sent
/// events, or a second media type beside a JSON body at the same status (the framework keeps one
/// declaration per status, so a second <c>Produces</c> would replace the first).
/// </summary>
public static class OpenApiAnswers
{
    /// <summary>The answer at <paramref name="status"/> may also be a body of <paramref name="contentType"/>: bytes, or text when <paramref name="text"/>.</summary>
    public static TBuilder ProducesContent<TBuilder>(this TBuilder builder, string contentType, bool text = false, int status = 200,
        string description = "OK")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var found) || found is not OpenApiResponse response)
                operation.Responses[key] = response = new OpenApiResponse { Description = description };
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contentType] = new OpenApiMediaType
            {
                Schema = text
                    ? new OpenApiSchema { Type = JsonSchemaType.String }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            };
            return Task.CompletedTask;
        });
}
