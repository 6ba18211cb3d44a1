using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Tests.Infrastructure;

/// <summary>
/// Small deterministic stand-ins for the understanding layer and the catalog, for tests of the
/// socket and turn mechanics that must not depend on how well the offline extractor parses.
/// </summary>
internal static partial class TestDoubles
{
    public static void UseSimpleShopping(this IServiceCollection services, IProductSource? source = null)
    {
        services.RemoveAll<IRequirementExtractor>();
        services.RemoveAll<IClarificationPolicy>();
        services.RemoveAll<IAnswerComposer>();
        services.RemoveAll<IMarketplaceSearch>();
        services.RemoveAll<IProductRanker>();
        services.AddSingleton<IRequirementExtractor, KeywordExtractor>();
        services.AddSingleton<IClarificationPolicy, BudgetQuestionPolicy>();
        services.AddSingleton<IAnswerComposer, ListComposer>();
        services.AddSingleton<IMarketplaceSearch>(new SingleSourceSearch(source ?? new FixedProductSource()));
        services.AddSingleton<IProductRanker, CheapestFirstRanker>();
    }

    public static Product Product(string id, string title, decimal? price, string type = "laptop", string brand = "Dell") => new()
    {
        ProductId = id,
        Marketplace = "amazon",
        Title = title,
        Price = price,
        ProductType = type,
        Brand = brand,
        DeepLink = $"https://www.amazon.com/dp/{id}",
        MarketplaceUrl = "https://www.amazon.com/",
        ImageUrl = $"https://images.example.test/{id}.jpg",
    };

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Dollars();

    [GeneratedRegex(@"\b(laptop|tablet|phone)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Types();

    internal sealed class KeywordExtractor : IRequirementExtractor
    {
        public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
        {
            var spec = request.CurrentSpec ?? new RequirementSpec();
            var isNew = false;
            var type = Types().Match(request.LatestUserText);
            if (type.Success)
            {
                var name = type.Groups[1].Value.ToLowerInvariant();
                isNew = spec.ProductType is not null && spec.ProductType != name;
                spec = isNew ? new RequirementSpec { ProductType = name } : spec with { ProductType = name };
            }

            if (Dollars().Match(request.LatestUserText) is { Success: true } money)
            {
                spec = spec with { Price = new PriceRange(null, decimal.Parse(money.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) };
            }

            return Task.FromResult(new ExtractionResult(spec, isNew));
        }
    }

    internal sealed class BudgetQuestionPolicy : IClarificationPolicy
    {
        public Task<ClarifyingQuestion?> DecideAsync(ClarificationRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<ClarifyingQuestion?>(
                request.QuestionsAskedThisSearch >= request.MaxQuestions ? null
                : request.Spec.ProductType is null ? new ClarifyingQuestion("What are you shopping for?", ["laptop", "tablet"], "product_type")
                : request.Spec.Price is null ? new ClarifyingQuestion("What's your budget?", ["Under $500", "Under $1000"], "budget")
                : null);
    }

    internal sealed class ListComposer : IAnswerComposer
    {
        public async IAsyncEnumerable<string> ComposeAsync(CompositionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return $"I found {request.TotalMatched} matches. ";
            foreach (var product in request.Products.Take(2))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                yield return $"Consider the {product.Title}. ";
            }
        }
    }

    internal sealed class FixedProductSource(params Product[] products) : IProductSource
    {
        private readonly Product[] _products = products.Length > 0 ? products :
        [
            Product("B0LAP1", "Dell Inspiron 15", 649m),
            Product("B0LAP2", "Lenovo IdeaPad 5", 799m, brand: "Lenovo"),
            Product("B0TAB1", "Samsung Galaxy Tab S9", 499m, type: "tablet", brand: "Samsung"),
        ];

        public string Name => "fixed";

        public Task<SearchResults> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
        {
            var matches = _products
                .Where(p => spec.ProductType is null || p.ProductType == spec.ProductType)
                .Where(p => spec.Price?.Max is not { } max || p.Price <= max)
                .ToList();
            return Task.FromResult(SearchResults.Found(spec, matches.Take(limit).ToList(), matches.Count, ["amazon"]));
        }
    }

    /// <summary>A source that waits for <see cref="Release"/> (or cancellation) before answering.</summary>
    internal sealed class GatedProductSource(IProductSource inner) : IProductSource
    {
        private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => inner.Name;

        public Task Entered => _entered.Task;

        public void Release() => _gate.TrySetResult();

        public async Task<SearchResults> SearchAsync(RequirementSpec spec, int limit, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
            return await inner.SearchAsync(spec, limit, cancellationToken);
        }
    }

    internal sealed class SingleSourceSearch(IProductSource source) : IMarketplaceSearch
    {
        public Task<SearchResults> SearchAsync(RequirementSpec spec, CancellationToken cancellationToken) =>
            source.SearchAsync(spec, 50, cancellationToken);
    }

    internal sealed class CheapestFirstRanker : IProductRanker
    {
        public IReadOnlyList<Product> Rank(RequirementSpec spec, IReadOnlyList<Product> candidates, int top) =>
            candidates.OrderBy(p => p.Price ?? decimal.MaxValue).Take(top).Select(p => p with { WhyRanked = "Cheapest match" }).ToList();
    }
}
