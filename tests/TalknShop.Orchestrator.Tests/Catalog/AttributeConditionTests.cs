using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Catalog.Vocabulary;

namespace TalknShop.Orchestrator.Tests.Catalog;

public sealed class AttributeConditionTests
{
    public static TheoryData<string, AttributeConstraint, string, bool> Cases => new()
    {
        { "ram_gb", AttributeConstraint.AtLeast(16), "16", true },
        { "ram_gb", AttributeConstraint.AtLeast(16), "8", false },
        { "ram_gb", new AttributeConstraint { Op = "eq", Text = "32" }, "32", true },
        { "screen_inches", AttributeConstraint.AtMost(27), "27", true },
        { "screen_inches", AttributeConstraint.AtMost(27), "32", false },
        { "resolution", new AttributeConstraint { Op = "gte", Text = "1440p" }, "4k", true },
        { "resolution", new AttributeConstraint { Op = "gte", Text = "4K" }, "1440p", false },
        { "resolution", AttributeConstraint.Is("UHD"), "4k", true },
        { "wireless", AttributeConstraint.Has(), "true", true },
        { "wireless", AttributeConstraint.Has(false), "true", false },
        { "noise_cancelling", AttributeConstraint.Is("yes"), "true", true },
        { "color", AttributeConstraint.Is("space gray"), "Space Gray", true },
        { "color", new AttributeConstraint { Op = "contains", Text = "Gray" }, "Space Gray", true },
        { "size", AttributeConstraint.Is("10.5"), "10.5", true },
        { "size", AttributeConstraint.AtLeast(10), "9.5", false },
        { "size", AttributeConstraint.Is("M"), "L", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsMetBy_Value_FollowsTheConstraint(string key, AttributeConstraint constraint, string value, bool expected)
    {
        var condition = AttributeCondition.From(key, constraint);

        Assert.NotNull(condition);
        Assert.Equal(expected, condition.IsMetBy(value));
        Assert.False(condition.IsMetBy(null));
    }

    [Theory]
    [InlineData("style")]
    [InlineData("RAM_GB")]
    public void From_UnknownKey_ReturnsNull(string key)
    {
        Assert.Null(AttributeCondition.From(key, AttributeConstraint.AtLeast(1)));
    }

    [Fact]
    public void From_ConstraintWithoutValue_ReturnsNull()
    {
        Assert.Null(AttributeCondition.From("ram_gb", new AttributeConstraint { Op = "gte" }));
    }
}
