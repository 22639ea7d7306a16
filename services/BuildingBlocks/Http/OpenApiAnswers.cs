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
    /// <summary>What the body is, as far as a schema can say without a type.</summary>
    public enum Body
    {
        /// <summary>A file: bytes.</summary>
        Bytes,
        /// <summary>Text, such as server-sent events.</summary>
        Text,
        /// <summary>A JSON object another standard defines (GeoJSON, say).</summary>
        Json,
    }

    /// <summary>The answer at <paramref name="status"/> may (also) be a body of <paramref name="contentType"/>.</summary>
    public static TBuilder ProducesContent<TBuilder>(this TBuilder builder, string contentType, Body body = Body.Bytes, int status = 200)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var found) || found is not OpenApiResponse response)
                operation.Responses[key] = response = new OpenApiResponse { Description = "OK" };
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contentType] = new OpenApiMediaType
            {
                Schema = body switch
                {
                    Body.Text => new OpenApiSchema { Type = JsonSchemaType.String },
                    Body.Json => new OpenApiSchema { Type = JsonSchemaType.Object },
                    _ => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                },
            };
            return Task.CompletedTask;
        });
}
