using System.Globalization;
using System.Text;

namespace TalknShop.Orchestrator.Catalog.Images;

/// <summary>The drawing: a tinted card with a simple outline of the product type, in the product's colour.</summary>
internal static class ImageArt
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        ["default"] = "#8a94a6", ["black"] = "#2b2b2e", ["white"] = "#f4f4f2", ["silver"] = "#c7cad1", ["gray"] = "#8e9196",
        ["space-gray"] = "#5f6166", ["graphite"] = "#4a4c50", ["blue"] = "#3b6fd8", ["midnight-blue"] = "#1f2f5c", ["navy"] = "#1f2d52",
        ["red"] = "#c8372d", ["empire-red"] = "#a8231c", ["pink"] = "#e89ab5", ["rose-gold"] = "#d9a79a", ["green"] = "#3f8f5a",
        ["purple"] = "#7b4fb8", ["tan"] = "#c8a37a", ["midnight"] = "#23263a", ["titanium"] = "#9a958c", ["sandstone"] = "#c9b79c",
        ["stainless-steel"] = "#b8bcc2", ["neon-red-blue"] = "#d8344a",
    };

    /// <summary>Outlines on a 200×200 grid, by type; anything else gets a box.</summary>
    private static readonly Dictionary<string, string> Shapes = new(StringComparer.Ordinal)
    {
        ["laptop"] = "<rect x='45' y='55' width='110' height='70' rx='6'/><rect x='30' y='128' width='140' height='10' rx='4'/>",
        ["phone"] = "<rect x='72' y='35' width='56' height='115' rx='12'/>",
        ["tablet"] = "<rect x='55' y='40' width='90' height='120' rx='10'/>",
        ["tv"] = "<rect x='30' y='50' width='140' height='85' rx='4'/><rect x='85' y='138' width='30' height='12'/>",
        ["monitor"] = "<rect x='35' y='45' width='130' height='80' rx='4'/><rect x='92' y='126' width='16' height='22'/><rect x='70' y='148' width='60' height='6' rx='3'/>",
        ["headphones"] = "<path d='M55 120 V100 a45 45 0 0 1 90 0 V120' fill='none' stroke-width='12'/><rect x='45' y='110' width='24' height='40' rx='8'/><rect x='131' y='110' width='24' height='40' rx='8'/>",
        ["speaker"] = "<rect x='65' y='40' width='70' height='120' rx='14'/><circle cx='100' cy='115' r='22' fill='#ffffff55'/>",
        ["camera"] = "<rect x='40' y='65' width='120' height='80' rx='10'/><circle cx='100' cy='105' r='26' fill='#ffffff55'/>",
        ["smartwatch"] = "<rect x='78' y='30' width='44' height='140' rx='10'/><rect x='68' y='70' width='64' height='64' rx='14'/>",
        ["shoes"] = "<path d='M35 130 L60 90 L95 100 L120 120 L165 125 Q170 145 150 145 L40 145 Z'/>",
        ["jacket"] = "<path d='M70 45 L100 60 L130 45 L160 75 L145 90 L140 160 L60 160 L55 90 L40 75 Z'/>",
        ["backpack"] = "<rect x='60' y='50' width='80' height='110' rx='22'/><rect x='75' y='100' width='50' height='35' rx='6' fill='#ffffff55'/>",
        ["coffee-maker"] = "<rect x='60' y='40' width='80' height='25' rx='4'/><rect x='65' y='65' width='20' height='80'/><rect x='95' y='100' width='35' height='40' rx='4'/><rect x='55' y='145' width='90' height='12' rx='3'/>",
        ["blender"] = "<path d='M70 40 H130 L120 120 H80 Z'/><rect x='70' y='120' width='60' height='35' rx='6'/>",
        ["air-fryer"] = "<rect x='55' y='45' width='90' height='110' rx='28'/><rect x='70' y='95' width='60' height='35' rx='8' fill='#ffffff55'/>",
        ["vacuum"] = "<rect x='95' y='30' width='10' height='100'/><rect x='70' y='130' width='60' height='18' rx='6'/><rect x='100' y='60' width='28' height='40' rx='8'/>",
        ["office-chair"] = "<rect x='70' y='35' width='60' height='60' rx='12'/><rect x='65' y='100' width='70' height='15' rx='6'/><rect x='96' y='115' width='8' height='25'/><rect x='65' y='140' width='70' height='6' rx='3'/>",
        ["keyboard"] = "<rect x='25' y='80' width='150' height='50' rx='6'/>",
        ["mouse"] = "<rect x='75' y='55' width='50' height='85' rx='25'/>",
        ["printer"] = "<rect x='45' y='80' width='110' height='55' rx='6'/><rect x='65' y='50' width='70' height='30'/><rect x='65' y='125' width='70' height='30' fill='#ffffff'/>",
        ["game-console"] = "<rect x='40' y='80' width='120' height='50' rx='25'/><circle cx='70' cy='105' r='8' fill='#ffffff55'/><circle cx='130' cy='105' r='8' fill='#ffffff55'/>",
        ["router"] = "<rect x='40' y='105' width='120' height='35' rx='6'/><rect x='60' y='55' width='6' height='50'/><rect x='134' y='55' width='6' height='50'/>",
    };

    public static bool TryColor(string slug, out string hex) => Colors.TryGetValue(slug, out hex!);

    public static string Svg(string type, string fill)
    {
        var shape = Shapes.GetValueOrDefault(type, "<rect x='50' y='50' width='100' height='100' rx='10'/>");
        // Light fills get a dark outline so white products still show on the pale card.
        var stroke = IsLight(fill) ? "#6b7280" : fill;
        var svg = new StringBuilder();
        svg.Append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 200' width='200' height='200' role='img'>");
        svg.Append("<rect width='200' height='200' fill='#eef1f5'/>");
        svg.Append(CultureInfo.InvariantCulture, $"<g fill='{fill}' stroke='{stroke}' stroke-width='3' stroke-linejoin='round'>{shape}</g>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static bool IsLight(string hex)
    {
        var rgb = Convert.FromHexString(hex.AsSpan(1, 6));
        return (0.299 * rgb[0]) + (0.587 * rgb[1]) + (0.114 * rgb[2]) > 200;
    }
}
