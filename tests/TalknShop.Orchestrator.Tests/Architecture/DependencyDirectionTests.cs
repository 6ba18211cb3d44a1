using System.Text.RegularExpressions;

namespace TalknShop.Orchestrator.Tests.Architecture;

/// <summary>
/// The dependency direction of the house style, checked on the source: Chat → Turns → BuyerFlow →
/// (Understanding, Catalog, Downstream). The flow knows nothing of sockets or HTTP; the catalog
/// and understanding layers know nothing of the flow.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    public static TheoryData<string, string[]> Rules => new()
    {
        { "BuyerFlow", ["Chat", "Turns", "Sessions", "Web", "Auth", "Llm"] },
        { "Catalog", ["Chat", "Turns", "BuyerFlow", "Understanding", "Sessions", "Llm", "Downstream", "Web", "Auth"] },
        { "Understanding", ["Chat", "Turns", "BuyerFlow", "Sessions", "Web", "Auth"] },
        { "Downstream", ["Chat", "Turns", "BuyerFlow", "Sessions", "Web"] },
        { "Turns", ["Chat", "Web"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Feature_DoesNotDependOn_ForbiddenFeatures(string feature, string[] forbidden)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "TalknShop.Orchestrator", feature);
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);

        var violations =
            from file in files
            from line in File.ReadLines(file)
            let match = UsingPattern().Match(line)
            where match.Success && forbidden.Contains(match.Groups["feature"].Value, StringComparer.Ordinal)
                // Chat.Wire is the wire vocabulary Turns writes; the Chat layer itself is off limits.
                && !(feature == "Turns" && match.Groups["rest"].Value.StartsWith(".Wire", StringComparison.Ordinal))
            select $"{Path.GetRelativePath(folder, file)}: {line.Trim()}";

        Assert.Empty(violations);
    }

    [GeneratedRegex(@"^\s*using\s+TalknShop\.Orchestrator\.(?<feature>[A-Za-z]+)(?<rest>[A-Za-z.]*)\s*;")]
    private static partial Regex UsingPattern();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalknShop.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TalknShop.slnx not found above the test binaries.");
    }
}
