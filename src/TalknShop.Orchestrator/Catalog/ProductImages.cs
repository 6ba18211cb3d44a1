using Microsoft.AspNetCore.Http.HttpResults;
using TalknShop.Orchestrator.Catalog.Images;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Catalog;

/// <summary>
/// Pictures for the built-in catalog's cards, served by the service itself: one generated SVG per
/// product type and colour (<c>/catalog/images/laptop/space-gray.svg</c>). The generated listings
/// link here with a path on the service's own origin, so every card's image loads; there is no
/// photo to point at, and a link to a host that does not exist shows every shopper a broken image.
/// </summary>
public static class ProductImages
{
    public const string PathPrefix = "/catalog/images";

    /// <summary>The image path for a type and colour (either may be null): always one this endpoint serves.</summary>
    public static string PathFor(string? productType, string? color) =>
        $"{PathPrefix}/{Slug(productType ?? "product")}/{Slug(color ?? "default")}.svg";

    public static IEndpointRouteBuilder MapProductImages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(PathPrefix + "/{type}/{color}.svg", Get)
            .WithTags("Catalog")
            .WithName("GetProductImage")
            .AllowAnonymous();
        return endpoints;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Get(string type, string color, HttpContext context)
    {
        var known = type == "product" || ProductVocabulary.Types.Any(t => Slug(t.Name) == type);
        if (!known || !ImageArt.TryColor(color, out var fill))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such product image",
                detail: "Product images exist for the catalog's product types and colours only.");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "public, max-age=86400";
        // An SVG is a document: it must not run script or load anything, whoever opens it.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(ImageArt.Svg(type, fill), "image/svg+xml; charset=utf-8");
    }

    internal static string Slug(string text)
    {
        var chars = text.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
