namespace TalknShop.Orchestrator.Understanding.Offline;

/// <summary>
/// Runs the parsers in an order that keeps them from stealing each other's words: units and
/// ratings before money, brands and features after, keywords last from what nobody claimed.
/// </summary>
internal static class MessageParser
{
    public static ParsedMessage Parse(TextScan scan, Vocabulary vocabulary, TypeTraits type, bool bareNumbersAreMoney)
    {
        var parsed = new ParsedMessage { ProductType = type.Name };
        QualifierParser.ConsumeStartOver(scan);
        QualifierParser.ParseRating(scan, parsed);
        UnitAttributeParser.Parse(scan, parsed, type);
        FeatureParser.ParseResolution(scan, parsed);
        BudgetParser.Parse(scan, parsed, bareNumbersAreMoney);
        QualifierParser.ParseCondition(scan, parsed);
        QualifierParser.ParseMarketplaces(scan, parsed, cuedOnly: true);
        BrandParser.Parse(scan, vocabulary, parsed);
        FeatureParser.Parse(scan, parsed, type);
        QualifierParser.ParsePriceWords(scan, parsed);
        QualifierParser.ParseMarketplaces(scan, parsed, cuedOnly: false);
        KeywordExtractor.Extract(scan, vocabulary, parsed);
        return parsed;
    }
}
