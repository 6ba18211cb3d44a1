using TalknShop.Orchestrator.Catalog;
namespace TalknShop.Orchestrator.Tests.Catalog.Generation;

/// <summary>
/// SplitMix64. Written out rather than <see cref="Random"/> so the generated catalog cannot change
/// when the runtime changes its seeded algorithm.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var roll = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public string Digits(int count) => Chars(count, "0123456789");

    public string Chars(int count, string alphabet)
    {
        Span<char> buffer = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            buffer[i] = alphabet[Next(alphabet.Length)];
        }

        return new string(buffer);
    }
}
