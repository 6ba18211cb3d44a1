using System.Text.Json;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

public static class ProtocolAssert
{
    private static readonly string[] ProductFields =
    [
        "product_id", "marketplace", "title", "description", "price", "currency", "rating", "review_count", "condition",
        "availability", "image_url", "deep_link", "marketplace_url", "seller_name", "shipping_info", "attributes", "why_ranked",
    ];

    /// <summary>No token carries JSON or internal text.</summary>
    public static void NoInternalText(IEnumerable<JsonElement> frames)
    {
        foreach (var token in frames.Where(f => f.Type() == "token"))
        {
            var content = token.Data().GetProperty("content").GetString()!;
            Assert.DoesNotContain("{", content, StringComparison.Ordinal);
            Assert.DoesNotContain("}", content, StringComparison.Ordinal);
            Assert.DoesNotContain("\"product_type\"", content, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", content, StringComparison.Ordinal);
            Assert.DoesNotContain("null", content, StringComparison.Ordinal);
        }
    }

    public static void ProductsFollowContract(JsonElement products)
    {
        Assert.True(products.GetArrayLength() > 0);
        foreach (var product in products.EnumerateArray())
        {
            foreach (var field in ProductFields)
            {
                Assert.True(product.TryGetProperty(field, out _), $"product lacks '{field}'");
            }

            Assert.Equal(JsonValueKind.Number, product.GetProperty("price").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(product.GetProperty("why_ranked").GetString()));
            foreach (var link in new[] { "deep_link", "marketplace_url" })
            {
                var url = product.GetProperty(link).GetString() ?? "";
                Assert.DoesNotMatch(@"\.(jpg|jpeg|png|webp|gif)$", url);
            }
        }
    }

    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
